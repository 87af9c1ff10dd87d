package io.github.migrationguard.sql.analysis;

import static io.github.migrationguard.sql.analysis.OperationType.DELETE;
import static io.github.migrationguard.sql.analysis.OperationType.DROP;
import static io.github.migrationguard.sql.analysis.OperationType.DYNAMIC_SQL;
import static io.github.migrationguard.sql.analysis.OperationType.TRUNCATE;
import static io.github.migrationguard.sql.analysis.OperationType.UPDATE_WITHOUT_WHERE;
import static io.github.migrationguard.sql.analysis.ScanFixture.assertClean;
import static io.github.migrationguard.sql.analysis.ScanFixture.assertDetail;
import static io.github.migrationguard.sql.analysis.ScanFixture.assertOps;
import static io.github.migrationguard.sql.analysis.ScanFixture.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** DO blocks, function bodies, EXECUTE and functions that run SQL text. */
class DestructiveScannerHiddenSqlTest {

    @Nested
    class DoBlocks {

        @Test
        void findingsPointAtTheLineInsideTheBody() {
            assertOps("""
                    DO $$
                    BEGIN
                      IF EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'sessions') THEN
                        TRUNCATE sessions;
                      END IF;
                    END
                    $$;
                    """, op(TRUNCATE, 4, "TRUNCATE"));
            assertDetail("DO $$ BEGIN TRUNCATE sessions; END $$;", "TRUNCATE sessions (inside DO block)");
        }

        @Test
        void languageBeforeOrAfterTheBody() {
            assertOps("""
                    DO LANGUAGE plpgsql $body$ BEGIN DELETE FROM a; END $body$;
                    DO $body$ BEGIN DELETE FROM b; END $body$ LANGUAGE plpgsql;
                    DO LANGUAGE PLPGSQL 'BEGIN DELETE FROM c; END';
                    """, op(DELETE, 1, "DELETE"), op(DELETE, 2, "DELETE"), op(DELETE, 3, "DELETE"));
        }

        @Test
        void harmlessBodyIsClean() {
            assertClean("""
                    DO $$
                    DECLARE
                      n int;
                    BEGIN
                      SELECT count(*) INTO n FROM users WHERE deleted_at IS NULL;
                      IF n = 0 THEN
                        RAISE NOTICE 'nothing to DROP or DELETE';
                      END IF;
                      INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING;
                      UPDATE t SET a = 2 WHERE id = n;
                    END $$;
                    """);
        }

        @Test
        void otherLanguagesCannotBeVerified() {
            assertOps("""
                    DO LANGUAGE plpython3u $$
                    plpy.execute("SELECT 1")
                    $$;
                    DO $$ print(1) $$ LANGUAGE plperl;
                    """, op(DYNAMIC_SQL, 1, "$$"), op(DYNAMIC_SQL, 4, "$$"));
            assertDetail("DO LANGUAGE plv8 $$ plv8.execute('x') $$;", "DO block in language plv8 cannot be verified");
        }

        @Test
        void escapedSingleQuotedBodyIsScannedAtTheString() {
            String sql = "DO 'BEGIN\n  EXECUTE ''TRUNCATE t'';\nEND';";
            List<Operation> ops = assertOps(sql, op(TRUNCATE, 1, "'BEGIN"));
            assertEquals(sql.indexOf("'BEGIN"), ops.get(0).start());
            assertEquals(sql.lastIndexOf('\'') + 1, ops.get(0).end());
        }
    }

    @Nested
    class FunctionBodies {

        @Test
        void plpgsqlBodyIsScannedInPlace() {
            assertOps("""
                    CREATE OR REPLACE FUNCTION purge_sessions() RETURNS void
                    LANGUAGE plpgsql AS $fn$
                    BEGIN
                      DELETE FROM sessions WHERE expires < now();
                      TRUNCATE session_cache;
                    END
                    $fn$;
                    """, op(DELETE, 4, "DELETE"), op(TRUNCATE, 5, "TRUNCATE"));
            assertDetail("CREATE FUNCTION f() RETURNS void AS $$ BEGIN TRUNCATE sessions; END $$ LANGUAGE plpgsql;",
                    "TRUNCATE sessions (inside function body)");
        }

        @Test
        void sqlBodiesInBothQuotingStyles() {
            assertOps("""
                    CREATE FUNCTION a() RETURNS void AS 'DELETE FROM t' LANGUAGE sql;
                    CREATE FUNCTION b() RETURNS void LANGUAGE SQL AS $$ UPDATE t SET x = 1 $$;
                    CREATE PROCEDURE c() LANGUAGE sql AS $$ DROP TABLE t $$;
                    """, op(DELETE, 1, "DELETE"), op(UPDATE_WITHOUT_WHERE, 2, "UPDATE"), op(DROP, 3, "DROP"));
        }

        @Test
        void sqlStandardBodyIsPartOfTheStatement() {
            assertOps("""
                    CREATE PROCEDURE cleanup() LANGUAGE sql
                    BEGIN ATOMIC
                      DELETE FROM t WHERE old;
                    END;
                    """, op(DELETE, 3, "DELETE"));
        }

        @Test
        void harmlessTriggerFunction() {
            assertClean("""
                    CREATE OR REPLACE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF TG_OP = 'DELETE' THEN
                        INSERT INTO audit_log (op, row_id) VALUES ('DELETE', OLD.id);
                        RETURN OLD;
                      ELSIF TG_OP IN ('UPDATE', 'TRUNCATE') THEN
                        NEW.updated_at := now();
                      END IF;
                      RETURN NEW;
                    END $$;
                    CREATE FUNCTION add(a int, b int) RETURNS int AS 'SELECT a + b' LANGUAGE sql IMMUTABLE;
                    CREATE FUNCTION g() RETURNS setof t LANGUAGE 'plpgsql' AS $$ BEGIN RETURN QUERY SELECT * FROM t; END $$;
                    """);
        }

        @Test
        void otherLanguagesCannotBeVerified() {
            assertOps("""
                    CREATE FUNCTION p() RETURNS void LANGUAGE plpython3u AS $$
                    plpy.execute("DELETE FROM t")
                    $$;
                    CREATE FUNCTION q(int) RETURNS int AS 'mylib', 'q' LANGUAGE c;
                    """, op(DYNAMIC_SQL, 1, "$$"), op(DYNAMIC_SQL, 4, "'mylib'"));
            assertDetail("CREATE FUNCTION p() RETURNS void LANGUAGE plperlu AS $$ 1 $$;",
                    "function body in language plperlu cannot be verified");
        }
    }

    @Nested
    class Execute {

        @Test
        void constantStringsAreScannedAtTheLiteral() {
            assertOps("""
                    DO $$
                    BEGIN
                      EXECUTE 'DROP TABLE old_users';
                      EXECUTE $q$DELETE FROM t$q$;
                      EXECUTE 'SELECT 1';
                    END $$;
                    """, op(DROP, 3, "'DROP"), op(DELETE, 4, "$q$"));
        }

        @Test
        void concatenationsOfConstantsAreScannedAtExecute() {
            assertOps("""
                    DO $$
                    BEGIN
                      EXECUTE 'DR' || 'OP TABLE x';
                      EXECUTE ('TRUNC' || 'ATE ') || $x$t$x$::text;
                      EXECUTE concat('DELETE ', 'FROM t');
                    END $$;
                    """, op(DROP, 3, "EXECUTE"), op(TRUNCATE, 4, "EXECUTE"), op(DELETE, 5, "EXECUTE"));
            assertDetail("DO $$ BEGIN EXECUTE 'DR' || 'OP TABLE x'; END $$;",
                    "DROP TABLE x (in EXECUTE string, inside DO block)");
        }

        @Test
        void formatWithIdentifiersAndLiteralsIsRebuilt() {
            assertOps("""
                    DO $$
                    DECLARE t text := 'users';
                    BEGIN
                      EXECUTE format('DROP TABLE %I', t);
                      EXECUTE format('CREATE INDEX %I ON %I.%I (%I)', t || '_idx', 'public', t, 'id');
                      EXECUTE format('COMMENT ON TABLE %I IS %L', t, 'DELETE me later');
                      EXECUTE format('ALTER TABLE %1$I ADD COLUMN %2$I int', t, 'extra');
                      EXECUTE 'ANALYZE ' || quote_ident(t);
                      EXECUTE 'UPDATE t SET a = ' || quote_literal(t) || ' WHERE id = 1';
                    END $$;
                    """, op(DROP, 4, "EXECUTE"));
        }

        @Test
        void formatWithPercentSOfAConstantIsRebuilt() {
            assertOps("""
                    DO $$
                    BEGIN
                      EXECUTE format('%s TABLE %I', 'TRUNCATE', 't');
                      EXECUTE format('%I TABLE users', 'drop');
                    END $$;
                    """, op(TRUNCATE, 3, "EXECUTE"), op(DROP, 4, "EXECUTE"));
        }

        @Test
        void regclassVariablesPrintAsIdentifiers() {
            assertClean("""
                    CREATE OR REPLACE FUNCTION manage_updated_at(_tbl regclass) RETURNS void AS $$
                    BEGIN
                      EXECUTE format('CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s
                                      FOR EACH ROW EXECUTE PROCEDURE set_updated_at()', _tbl);
                      EXECUTE 'ANALYZE ' || _tbl;
                      EXECUTE 'ALTER TABLE ' || _tbl::text || ' SET (fillfactor = 90)';
                    END $$ LANGUAGE plpgsql;
                    CREATE FUNCTION vacuum_audit(IN days int DEFAULT 7) RETURNS void LANGUAGE plpgsql AS $$
                    DECLARE t CONSTANT pg_catalog.regclass := 'public.audit';
                    BEGIN
                      EXECUTE format('CREATE INDEX ON %s (created_at)', t);
                    END $$;
                    """);
        }

        @Test
        void regclassVariablesStillRebuildWhatTheyRun() {
            assertOps("""
                    CREATE FUNCTION purge(_tbl regclass, keep text) RETURNS void LANGUAGE plpgsql AS $$
                    BEGIN
                      EXECUTE format('TRUNCATE %s', _tbl);
                      EXECUTE 'DELETE FROM ' || _tbl;
                      EXECUTE format('ANALYZE %s', keep);
                      EXECUTE format('%s TABLE users', _tbl);
                    END $$;
                    CREATE FUNCTION shadowed(_tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
                    BEGIN
                      DECLARE _tbl text := 'x; DROP TABLE users';
                      BEGIN
                        EXECUTE format('ANALYZE %s', _tbl);
                      END;
                    END $$;
                    CREATE FUNCTION many(_tbl regclass[]) RETURNS void LANGUAGE plpgsql AS $$
                    BEGIN EXECUTE format('ANALYZE %s', _tbl); END $$;
                    DO $$ BEGIN EXECUTE format('ANALYZE %s', _tbl); END $$;
                    """, op(TRUNCATE, 3, "EXECUTE"), op(DELETE, 4, "EXECUTE"), op(DYNAMIC_SQL, 5, "EXECUTE"),
                    op(DYNAMIC_SQL, 6, "EXECUTE"), op(DYNAMIC_SQL, 12, "EXECUTE"), op(DYNAMIC_SQL, 16, "EXECUTE"),
                    op(DYNAMIC_SQL, 17, "EXECUTE"));
        }

        @Test
        void stringsBuiltAtRunTimeCannotBeVerified() {
            assertOps("""
                    CREATE FUNCTION run(cmd text) RETURNS void LANGUAGE plpgsql AS $$
                    DECLARE v_sql text := cmd;
                    BEGIN
                      EXECUTE v_sql;
                      EXECUTE format('%s', cmd);
                      EXECUTE 'SELECT ' || cmd;
                      EXECUTE format(cmd, 'x');
                      EXECUTE (SELECT q FROM queue LIMIT 1);
                      EXECUTE upper(cmd);
                      EXECUTE format('%I TABLE users', cmd);
                    END $$;
                    """, op(DYNAMIC_SQL, 4, "EXECUTE"), op(DYNAMIC_SQL, 5, "EXECUTE"), op(DYNAMIC_SQL, 6, "EXECUTE"),
                    op(DYNAMIC_SQL, 7, "EXECUTE"), op(DYNAMIC_SQL, 8, "EXECUTE"), op(DYNAMIC_SQL, 9, "EXECUTE"),
                    op(DYNAMIC_SQL, 10, "EXECUTE"));
            assertDetail("DO $$ BEGIN EXECUTE v_sql; END $$;", "EXECUTE of a string built at run time");
        }

        @Test
        void executeFormsOfPlpgsql() {
            assertOps("""
                    CREATE FUNCTION f() RETURNS setof t LANGUAGE plpgsql AS $$
                    DECLARE r record; c refcursor;
                    BEGIN
                      RETURN QUERY EXECUTE 'DELETE FROM t RETURNING *';
                      OPEN c FOR EXECUTE 'SELECT 1';
                      FOR r IN EXECUTE 'SELECT * FROM t' LOOP
                        EXECUTE 'DELETE FROM u WHERE id = $1' USING r.id;
                      END LOOP;
                      EXECUTE 'SELECT count(*) FROM t' INTO r;
                    END $$;
                    """, op(DELETE, 4, "'DELETE"), op(DELETE, 7, "'DELETE"));
        }

        @Test
        void topLevelExecuteRunsAPreparedStatement() {
            assertOps("""
                    PREPARE purge (int) AS DELETE FROM t WHERE id = $1;
                    EXECUTE purge(1);
                    CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
                    """, op(DELETE, 1, "DELETE"));
        }

        @Test
        void executePrivilegeGrantedInsideABodyIsNotDynamicSql() {
            assertClean("""
                    DO $$
                    BEGIN
                      IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_net') THEN
                        GRANT EXECUTE ON FUNCTION net.http_get(url text, params jsonb) TO app, service_role;
                        REVOKE EXECUTE ON FUNCTION net.http_get(url text, params jsonb) FROM PUBLIC;
                        REVOKE GRANT OPTION FOR EXECUTE ON FUNCTION f() FROM app;
                        ALTER DEFAULT PRIVILEGES IN SCHEMA api GRANT EXECUTE ON FUNCTIONS TO app;
                      END IF;
                    END $$;
                    """);
        }

        @Test
        void executeNextToAGrantIsStillDynamicSql() {
            assertOps("""
                    DO $$
                    BEGIN
                      GRANT SELECT ON t TO app;
                      EXECUTE 'GRANT EXECUTE ON FUNCTION f() TO ' || role_name;
                      EXECUTE cmd;
                    END $$;
                    """, op(DYNAMIC_SQL, 4, "EXECUTE"), op(DYNAMIC_SQL, 5, "EXECUTE"));
        }

        @Test
        void triggerCreatedInsideABodyIsNotDynamicSql() {
            assertClean("""
                    DO $$
                    BEGIN
                      CREATE TRIGGER trg AFTER DELETE ON t FOR EACH ROW EXECUTE FUNCTION public.f();
                      CREATE TRIGGER trg2 BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE g();
                    END $$;
                    """);
        }
    }

    @Nested
    class SqlTextFunctions {

        @Test
        void constantSqlTextIsScanned() {
            assertOps("""
                    SELECT dblink_exec('dbname=archive', 'DROP TABLE t');
                    SELECT * FROM dblink('dbname=x', 'DELETE FROM t RETURNING id') AS r(id int);
                    SELECT dblink_exec('TRUNCATE t', false);
                    SELECT query_to_xml('DELETE FROM t RETURNING *', true, false, '');
                    SELECT public.dblink_send_query('conn', 'UPDATE t SET a = 1');
                    SELECT cron.schedule('nightly', '0 3 * * *', 'DELETE FROM events');
                    SELECT cron.alter_job(42, '0 4 * * *', 'TRUNCATE events');
                    SELECT cron.schedule_in_database('j', '* * * * *', 'DROP TABLE x', 'db');
                    """, op(DROP, 1, "'DROP"), op(DELETE, 2, "'DELETE"), op(TRUNCATE, 3, "'TRUNCATE"),
                    op(DELETE, 4, "'DELETE"), op(UPDATE_WITHOUT_WHERE, 5, "'UPDATE"), op(DELETE, 6, "'DELETE"),
                    op(TRUNCATE, 7, "'TRUNCATE"), op(DROP, 8, "'DROP"));
        }

        @Test
        void harmlessConstantSqlTextIsClean() {
            assertClean("""
                    SELECT dblink_exec('dbname=archive', 'CREATE TABLE t (id int)');
                    SELECT query_to_xml('SELECT * FROM t', true, false, '');
                    CREATE EXTENSION IF NOT EXISTS dblink;
                    """);
        }

        @Test
        void pgTleExtensionScriptsAreScannedWhereTheyAreInstalled() {
            assertOps("""
                    SELECT pgtle.install_extension('cleanup', '1.0', 'housekeeping', $ext$
                      CREATE FUNCTION purge() RETURNS void LANGUAGE sql AS 'DELETE FROM audit';
                    $ext$);
                    SELECT pgtle.install_update_path('cleanup', '1.0', '1.1', $ext$ DROP FUNCTION purge(); $ext$);
                    SELECT pgtle.install_extension_version_sql('cleanup', '1.2', 'TRUNCATE audit');
                    SELECT pgtle.install_extension('safe', '1.0', 'tables', $ext$
                      CREATE TABLE notes (id int);
                    $ext$, '{}');
                    """, op(DELETE, 1, "$ext$"), op(DROP, 4, "$ext$"), op(TRUNCATE, 5, "'TRUNCATE"));
        }

        @Test
        void pgTleScriptKnownOnlyAtRunTimeCannotBeVerified() {
            assertOps("""
                    DO $$ BEGIN PERFORM pgtle.install_extension(pkg, ver, pkg, fetched_sql, '{}'); END $$;
                    SELECT app.install_extension(1, 2, 3, x);
                    """, op(DYNAMIC_SQL, 1, "install_extension"));
        }

        @Test
        void sqlTextKnownOnlyAtRunTimeCannotBeVerified() {
            assertOps("""
                    SELECT dblink_exec('conn', v);
                    DO $$ BEGIN PERFORM dblink_exec('conn', 'DELETE FROM ' || tbl); END $$;
                    SELECT "dblink_exec"('conn', current_setting('app.sql'));
                    """, op(DYNAMIC_SQL, 1, "dblink_exec"), op(DYNAMIC_SQL, 2, "dblink_exec"),
                    op(DYNAMIC_SQL, 3, "\"dblink_exec\""));
        }
    }

    @Nested
    class ShellAndPsql {

        @Test
        void copyProgramRunsAShellCommand() {
            assertOps("""
                    COPY t FROM PROGRAM 'curl -s https://example.org/data.csv' WITH (FORMAT csv);
                    COPY (SELECT * FROM t) TO PROGRAM 'gzip > /tmp/t.gz';
                    COPY t FROM '/data/t.csv';
                    COPY t TO STDOUT;
                    """, op(DYNAMIC_SQL, 1, "PROGRAM"), op(DYNAMIC_SQL, 2, "PROGRAM"));
        }

        @Test
        void rawPsqlVariablesAreSubstitutedAsSqlText() {
            assertOps("""
                    SELECT * FROM t WHERE name = :'name' AND :"col" IS NOT NULL;
                    GRANT SELECT ON t TO :role;
                    SELECT (ARRAY[1,2,3])[1:n] FROM t;
                    """, op(DYNAMIC_SQL, 2, ":role"));
        }
    }
}
