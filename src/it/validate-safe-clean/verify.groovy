def log = new File(basedir, 'build.log').text

assert log.contains('migration-guard: 2 files, 4 statements, 0 findings')
assert log.contains('BUILD SUCCESS')
assert !(log =~ /(?m)^\[ERROR\]/)
assert !(log =~ /(?m)^\[WARNING\] src\//)
assert new File(basedir, 'target/migration-guard/validate-safe.sarif').isFile()
return true
