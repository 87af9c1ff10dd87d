def log = new File(basedir, 'build.log').text
def file = 'src/main/resources/db/migration/V2__reset_safe.sql'

assert log.contains("[ERROR] ${file}:2:1: [ban-truncate] ")
assert log.contains('migration-guard: 1 finding blocks the build (failOn=error)')
assert log.contains('BUILD FAILURE')
return true
