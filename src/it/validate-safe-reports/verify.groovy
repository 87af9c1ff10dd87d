import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/migration-guard')
def file = 'src/main/resources/db/migration/V2__cleanup_safe.sql'

['validate-safe.sarif', 'validate-safe.json', 'TEST-migration-guard.validate-safe.xml', 'validate-safe.md'].each {
    assert new File(dir, it).isFile(): "missing report ${it}"
    assert log.contains("[INFO] migration-guard: report target/migration-guard/${it}")
}

// SARIF 2.1.0: one result per finding, 1-based positions, the acknowledged one suppressed in source
def sarifFile = new File(dir, 'validate-safe.sarif')
def schemaErrors = io.github.migrationguard.report.SarifSchema.errors(sarifFile)
assert schemaErrors.isEmpty(): "validate-safe.sarif is not valid SARIF 2.1.0: ${schemaErrors}"
def sarif = new JsonSlurper().parse(sarifFile)
assert sarif.version == '2.1.0'
def run = sarif.runs[0]
assert run.tool.driver.name == 'migration-guard'
assert run.tool.driver.rules*.id.containsAll(['ban-drop', 'ban-truncate', 'require-safe-filename'])
def results = run.results
assert results.size() == 2
def drop = results.find { it.ruleId == 'ban-drop' }
assert drop.level == 'error'
assert drop.locations[0].physicalLocation.artifactLocation.uri == file
assert drop.locations[0].physicalLocation.region.startLine == 3
assert drop.locations[0].physicalLocation.region.startColumn == 1
assert !drop.suppressions
def truncate = results.find { it.ruleId == 'ban-truncate' }
assert truncate.locations[0].physicalLocation.region.startLine == 5
assert truncate.suppressions[0].kind == 'inSource'
assert truncate.suppressions[0].justification == 'audit copy is rebuilt nightly'

// JSON: the same findings
def json = new JsonSlurper().parse(new File(dir, 'validate-safe.json'))
assert json.files == 2
assert json.statements == 4
assert json.findings.collect { "${it.file}:${it.line}:${it.column}:${it.ruleId}:${it.acknowledged}".toString() } == [
        "${file}:3:1:ban-drop:false".toString(),
        "${file}:5:1:ban-truncate:true".toString()]
assert json.findings[1].reason == 'audit copy is rebuilt nightly'

// JUnit XML: a test case per file; the file with the unacknowledged DROP fails
def suite = new XmlSlurper().parse(new File(dir, 'TEST-migration-guard.validate-safe.xml'))
assert suite.name() == 'testsuite'
assert suite.@tests.text() == '2'
assert suite.@failures.text() == '1'
def failing = suite.testcase.find { it.@name.text() == 'V2__cleanup_safe.sql' }
assert failing.failure.size() == 1
assert failing.failure.@type.text() == 'ban-drop'
assert suite.testcase.find { it.@name.text() == 'V1__create_users_safe.sql' }.failure.size() == 0

assert new File(dir, 'validate-safe.md').text.contains('ban-drop')

// GitHub Actions: annotations in the log, the Markdown summary appended to GITHUB_STEP_SUMMARY
assert log =~ /(?m)^::error file=(?:[^,]*\/)?${java.util.regex.Pattern.quote(file)},line=3,col=1,.*title=ban-drop::/
assert log =~ /(?m)^::notice file=(?:[^,]*\/)?${java.util.regex.Pattern.quote(file)},line=5,.*title=ban-truncate \(acknowledged\)::/
def summary = new File(basedir, 'step-summary.md')
assert summary.isFile()
assert summary.text.contains('ban-drop')

assert log.contains('BUILD SUCCESS')
return true
