def log = new File(basedir, 'build.log').text

assert log.contains('migration-guard: invalid configuration: <url>: no database to inspect; set' +
        ' -DmigrationGuard.url=jdbc:postgresql://host:5432/db (or <url> in the plugin configuration), or the' +
        ' DATABASE_URL environment variable (postgresql://user@host:5432/db?sslmode=require)')
// a configuration problem is a MojoExecutionException (BUILD ERROR), not drift
assert log.contains('org.apache.maven.plugin.MojoExecutionException')
assert !log.contains('MojoFailureException')
assert !new File(basedir, 'target/migration-guard/drift-report.json').exists()
return true
