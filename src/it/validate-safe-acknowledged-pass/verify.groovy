def log = new File(basedir, 'build.log').text
def file = 'src/main/resources/db/migration/V2__drop_sessions_safe.sql'

assert log.contains("[INFO] ${file}:2:1: [ban-drop] (acknowledged: sessions moved to the cache cluster in release 4.2) ")
assert log.contains('1 finding (1 acknowledged)')
assert !(log =~ /(?m)^\[ERROR\]/)
assert log.contains('BUILD SUCCESS')
return true
