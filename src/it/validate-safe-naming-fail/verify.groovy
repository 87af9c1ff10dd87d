def log = new File(basedir, 'build.log').text

assert log.contains('[ERROR] src/main/resources/db/migration/V2__add_column.sql:1:1: [require-safe-filename] ')
assert !log.contains('V1__create_users_safe.sql:1:1: [require-safe-filename]')
assert log.contains('migration-guard: 1 finding blocks the build (failOn=error)')
assert log.contains('BUILD FAILURE')
return true
