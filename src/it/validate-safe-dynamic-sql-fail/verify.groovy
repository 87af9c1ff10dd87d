def log = new File(basedir, 'build.log').text
def file = 'src/main/resources/db/migration/V2__run_maintenance_safe.sql'

// the SQL in stmt exists only at run time: the EXECUTE is the finding
assert log.contains("[ERROR] ${file}:6:5: [ban-dynamic-sql] ")
assert log.contains('migration-guard: 1 finding blocks the build (failOn=error)')
assert log.contains('BUILD FAILURE')
assert log.contains('MojoFailureException')
return true
