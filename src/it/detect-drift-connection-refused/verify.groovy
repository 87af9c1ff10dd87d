def log = new File(basedir, 'build.log').text

assert log.contains('migration-guard: Connection refused by 127.0.0.1:1: is PostgreSQL running and listening there?' +
        ' Check the host and port in <url> (migrationGuard.url).')
assert log.contains('[INFO] migration-guard: detect-drift on jdbc:postgresql://127.0.0.1:1/shop')
assert log.contains('org.apache.maven.plugin.MojoExecutionException')
assert !log.contains('MojoFailureException')
// neither the password nor its percent-encoded spelling, anywhere (the build runs with -e: stack traces included)
assert !log.contains('Pom-Pa55word')
assert !new File(basedir, 'target/migration-guard/drift-report.json').exists()
return true
