import groovy.json.JsonSlurper
import org.flywaydb.core.Flyway

def nameFile = new File(basedir, 'database.name')
assert nameFile.isFile(): 'prebuild.groovy did not create the test database; its error is above'
def name = nameFile.text.trim()
def url = new File(basedir, 'database.url').text.trim()
def admin = System.getenv('MIGRATION_GUARD_TEST_JDBC_URL').trim()
def driver = new org.postgresql.Driver()
def query = { String statement ->
    def connection = driver.connect(url, new Properties())
    try {
        def rs = connection.createStatement().executeQuery(statement)
        rs.next()
        return rs.getObject(1)
    } finally {
        connection.close()
    }
}
try {
    def log = new File(basedir, 'build.log').text
    assert !log.contains('BUILD FAILURE')
    def dir = new File(basedir, 'target/migration-guard')

    // the plan the dry run wrote, and applied as written
    def plan = new JsonSlurper().parse(new File(dir, 'reconcile-plan.json'))
    assert plan.database.name == name
    assert plan.actions*.type == ['MARK_APPLIED', 'MARK_APPLIED']
    assert plan.actions*.migration == ['1', '2']
    assert new File(dir, 'reconcile-plan.md').text.contains('MARK_APPLIED')

    // the audit file of the apply
    def audits = dir.listFiles().findAll { it.name.startsWith('reconcile-audit-') }
    assert audits.size() == 1
    def audit = new JsonSlurper().parse(audits[0])
    assert audit.outcome == 'committed'
    assert audit.planFingerprint == plan.fingerprint
    assert audit.entries.size() == 2
    assert query('select count(*) from public.migration_guard_audit') == 2

    // real Flyway accepts the history and has nothing to do; the data is untouched
    def flyway = Flyway.configure(this.class.classLoader).dataSource(url, null, null)
            .locations('filesystem:' + new File(basedir, 'src/main/resources/db/migration').absolutePath).load()
    assert flyway.validateWithResult().validationSuccessful
    assert flyway.migrate().migrationsExecuted == 0
    assert query('select count(*) from public.customers') == 1

    // detect-drift, the third build, found nothing
    def drift = new JsonSlurper().parse(new File(dir, 'drift-report.json'))
    assert drift.findings.isEmpty()
} finally {
    def connection = driver.connect(admin, new Properties())
    try {
        connection.createStatement().execute("DROP DATABASE IF EXISTS \"${name}\" WITH (FORCE)")
    } finally {
        connection.close()
    }
}
return true
