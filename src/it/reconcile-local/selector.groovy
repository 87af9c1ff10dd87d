// Runs only where a PostgreSQL server is available, and says so loudly when it is not.
def url = System.getenv('MIGRATION_GUARD_TEST_JDBC_URL')
if (url != null && !url.trim().isEmpty()) {
    return true
}
def message = 'reconcile-local is SKIPPED: it needs PostgreSQL. Set MIGRATION_GUARD_TEST_JDBC_URL to a JDBC URL ' +
        'of a server where the user may CREATE DATABASE, e.g. ' +
        'MIGRATION_GUARD_TEST_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres'
println message
// script output goes to build.log; write to the console of the outer build as well, so the reason is visible there
new PrintStream(new FileOutputStream(FileDescriptor.out), true).println('[WARNING] ' + message)
return false
