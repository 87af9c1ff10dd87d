def log = new File(basedir, 'build.log').text

assert log.contains("migration-guard: invalid configuration: <rules><ban-dorp>: unknown rule id 'ban-dorp'; did you mean 'ban-drop'?")
// a configuration problem is a MojoExecutionException (BUILD ERROR), not a finding
assert log.contains('org.apache.maven.plugin.MojoExecutionException')
assert !log.contains('MojoFailureException')
assert !new File(basedir, 'target/migration-guard/validate-safe.sarif').exists()
return true
