def log = new File(basedir, 'build.log').text
def file = 'src/main/resources/db/migration/V2__orders_safe.sql'

assert log.contains("[ERROR] ${file}:2:1: [ban-unrecognized-statement] ")
assert !log.contains("${file}:1:")
assert log.contains('migration-guard: 1 finding blocks the build (failOn=error)')
assert log.contains('BUILD FAILURE')
return true
