def log = new File(basedir, 'build.log').text
def file = 'src/main/resources/db/migration/V2__drop_sessions_safe.sql'

// the acknowledgement without a reason is an error itself and covers nothing
assert log.contains("[ERROR] ${file}:1:1: [require-acknowledgement-reason] ")
assert log.contains("[ERROR] ${file}:2:1: [ban-drop] ")
assert !log.contains('(acknowledged')
assert log.contains('migration-guard: 2 findings block the build (failOn=error)')
assert log.contains('BUILD FAILURE')
return true
