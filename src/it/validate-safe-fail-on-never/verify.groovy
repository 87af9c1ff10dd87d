def log = new File(basedir, 'build.log').text

assert log.contains('[ERROR] src/main/resources/db/migration/V2__drop_sessions_safe.sql:1:1: [ban-drop] ')
assert log.contains('migration-guard: 2 files, 2 statements, 1 finding')
assert !log.contains('block the build')
assert !log.contains('blocks the build')
assert log.contains('BUILD SUCCESS')
return true
