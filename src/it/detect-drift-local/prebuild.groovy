// Creates a uniquely named database, lets real Flyway apply the project's migrations (history table included),
// then adds drift by hand: a column no migration creates. The build gets the URL as -DmigrationGuard.url.
import java.security.SecureRandom
import org.flywaydb.core.Flyway

def admin = System.getenv('MIGRATION_GUARD_TEST_JDBC_URL').trim()
def parts = admin =~ /^(jdbc:postgresql:\/\/[^\/?]+)(\/[^?]*)?(\?.*)?$/
assert parts.matches(): 'MIGRATION_GUARD_TEST_JDBC_URL must look like jdbc:postgresql://host:port/database?user=...'
def random = new byte[6]
new SecureRandom().nextBytes(random)
def name = 'mg_invoker_drift_' + random.encodeHex().toString()
def url = parts.group(1) + '/' + name + (parts.group(3) ?: '')
def driver = new org.postgresql.Driver()

def sql = { String jdbcUrl, String statement ->
    def connection = driver.connect(jdbcUrl, new Properties())
    try {
        connection.createStatement().execute(statement)
    } finally {
        connection.close()
    }
}

sql(admin, "CREATE DATABASE \"${name}\"")
new File(basedir, 'database.name').text = name
try {
    def migrations = new File(basedir, 'src/main/resources/db/migration').absolutePath
    def result = Flyway.configure(this.class.classLoader)
            .dataSource(url, null, null)
            .locations('filesystem:' + migrations)
            .load()
            .migrate()
    assert result.migrationsExecuted == 2
    // the drift: a hotfix column added by hand
    sql(url, 'ALTER TABLE public.customers ADD COLUMN loyalty_tier text')
} catch (Throwable t) {
    sql(admin, "DROP DATABASE IF EXISTS \"${name}\"")
    throw t
}

// user properties set here are passed to the build as -D options
context.userProperties.put('migrationGuard.url', url)
println "prebuild: database ${name} migrated by Flyway, column public.customers.loyalty_tier added by hand"
return true
