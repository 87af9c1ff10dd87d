// Creates a uniquely named test database, lets real Flyway apply the project's migrations, then empties the history
// table: the tables are all there, the history says nothing ran. The build gets the URL as -DmigrationGuard.url.
import java.security.SecureRandom
import org.flywaydb.core.Flyway

def admin = System.getenv('MIGRATION_GUARD_TEST_JDBC_URL').trim()
def parts = admin =~ /^(jdbc:postgresql:\/\/[^\/?]+)(\/[^?]*)?(\?.*)?$/
assert parts.matches(): 'MIGRATION_GUARD_TEST_JDBC_URL must look like jdbc:postgresql://host:port/database?user=...'
def random = new byte[6]
new SecureRandom().nextBytes(random)
def name = 'mg_invoker_reconcile_test_' + random.encodeHex().toString()
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
new File(basedir, 'database.url').text = url
try {
    def migrations = new File(basedir, 'src/main/resources/db/migration').absolutePath
    def result = Flyway.configure(this.class.classLoader)
            .dataSource(url, null, null)
            .locations('filesystem:' + migrations)
            .load()
            .migrate()
    assert result.migrationsExecuted == 2
    sql(url, "INSERT INTO public.customers (email) VALUES ('ops@example.com')")
    // the incident: the history lost its rows
    sql(url, 'DELETE FROM public.flyway_schema_history')
} catch (Throwable t) {
    sql(admin, "DROP DATABASE IF EXISTS \"${name}\"")
    throw t
}

context.userProperties.put('migrationGuard.url', url)
println "prebuild: database ${name} migrated by Flyway, history rows deleted"
return true
