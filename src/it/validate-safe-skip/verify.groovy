def log = new File(basedir, 'build.log').text

assert log.contains('migration-guard: validate-safe skipped')
assert !log.contains('[ban-drop]')
assert !log.contains('[require-safe-filename]')
assert !new File(basedir, 'target/migration-guard').exists()
assert log.contains('BUILD SUCCESS')
return true
