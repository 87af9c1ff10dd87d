def log = new File(basedir, 'build.log').text
def file = 'src/main/resources/db/migration/V2__backfill_active_safe.sql'

assert log.contains("[ERROR] ${file}:2:1: [ban-update-without-where] ")
// the UPDATE on line 3 has a WHERE clause
assert !log.contains("${file}:3:")
assert log.contains('migration-guard: 1 finding blocks the build (failOn=error)')
assert log.contains('BUILD FAILURE')
return true
