import groovy.json.JsonSlurper

def nameFile = new File(basedir, 'database.name')
assert nameFile.isFile(): 'prebuild.groovy did not create the test database; its error is above'
def name = nameFile.text.trim()
def admin = System.getenv('MIGRATION_GUARD_TEST_JDBC_URL').trim()
try {
    def log = new File(basedir, 'build.log').text
    def dir = new File(basedir, 'target/migration-guard')

    // drift is a finding, not an error: BUILD FAILURE through MojoFailureException
    assert log.contains('BUILD FAILURE')
    assert log.contains('org.apache.maven.plugin.MojoFailureException')
    assert !log.contains('org.apache.maven.plugin.MojoExecutionException')
    assert log.contains("migration-guard: 1 drift finding in database ${name} (1 EXTRA_OBJECT);" +
            ' see the findings above and target/migration-guard/drift-report.json')

    // what it is connected to, read from the server
    assert log.contains("migration-guard: detect-drift on jdbc:postgresql://")
    assert log.contains(name)

    // the finding, on an ERROR line of its own
    def findingLines = log.readLines().findAll { it.startsWith('[ERROR]') && it.contains('EXTRA_OBJECT') }
    assert findingLines.any { it.contains('column public.customers.loyalty_tier') }: log

    // the reports
    ['drift-report.json', 'drift-report.md'].each {
        assert new File(dir, it).isFile(): "missing report ${it}"
        assert log.contains("[INFO] migration-guard: report target/migration-guard/${it}")
    }
    def report = new JsonSlurper().parse(new File(dir, 'drift-report.json'))
    assert report.database.name == name
    assert report.findings.size() == 1: report.findings
    assert report.findings[0].kind == 'EXTRA_OBJECT'
    assert report.findings[0].object == 'column public.customers.loyalty_tier'

    // a password in the server URL never reaches the output
    def password = (admin =~ /[?&]password=([^&]*)/).with { it.find() ? URLDecoder.decode(it.group(1), 'UTF-8') : null }
    if (password) {
        assert !log.contains(password)
        assert !new File(dir, 'drift-report.json').text.contains(password)
        assert !new File(dir, 'drift-report.md').text.contains(password)
    }
} finally {
    def connection = new org.postgresql.Driver().connect(admin, new Properties())
    try {
        connection.createStatement().execute(
                "select pg_catalog.pg_terminate_backend(pid) from pg_catalog.pg_stat_activity where datname = '${name}'")
        connection.createStatement().execute("DROP DATABASE IF EXISTS \"${name}\"")
    } finally {
        connection.close()
    }
}
return true
