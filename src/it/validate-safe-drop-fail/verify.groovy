def log = new File(basedir, 'build.log').text
def file = 'src/main/resources/db/migration/V2__x_safe.sql'

assert log.contains("[ERROR] ${file}:3:1: [ban-drop] ")
assert log.contains("[ERROR] ${file}:4:11: [ban-drop] ")
assert log.contains('[ERROR]     safe alternative: ')
assert log.contains('[ERROR]     docs: https://')
assert !log.contains('V1__create_users_safe.sql:')
assert log.contains('migration-guard: 2 findings block the build (failOn=error)')
assert log.contains('BUILD FAILURE')
assert log.contains('MojoFailureException')
return true
