package io.github.migrationguard.sql.analysis;

import static io.github.migrationguard.sql.analysis.OperationType.DELETE;
import static io.github.migrationguard.sql.analysis.OperationType.DROP;
import static io.github.migrationguard.sql.analysis.OperationType.DYNAMIC_SQL;
import static io.github.migrationguard.sql.analysis.OperationType.TRUNCATE;
import static io.github.migrationguard.sql.analysis.OperationType.UPDATE_WITHOUT_WHERE;
import static io.github.migrationguard.sql.analysis.ScanFixture.assertClean;
import static io.github.migrationguard.sql.analysis.ScanFixture.assertOps;
import static io.github.migrationguard.sql.analysis.ScanFixture.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statements written to slip a destructive command past the scanner, and harmless statements written to look
 * destructive. Every destructive one must be caught at its line; every harmless one must stay clean.
 */
class DestructiveScannerAdversarialTest {

    @Nested
    class Spelling {

        @ParameterizedTest
        @ValueSource(strings = {
            "dRoP tAbLe users;",
            "DROP/**/TABLE users;",
            "DROP/* a /* nested */ comment */TABLE users;",
            "DROP--comment\nTABLE users;",
            "DROP\tTABLE\r\nusers;",
            "/*x*/DROP TABLE users;",
            "drop table\n\"users\";",
            "DROP TABLE IF EXISTS public.users, \"Audit\" CASCADE;"
        })
        void dropSpelledAnyWayIsCaughtAtItsKeyword(String sql) {
            List<Operation> ops = ScanFixture.scan(sql);
            assertEquals(1, ops.size(), sql);
            assertEquals(DROP, ops.get(0).type());
            assertEquals(sql.toLowerCase().indexOf("drop"), ops.get(0).start());
            assertEquals(ops.get(0).start() + 4, ops.get(0).end());
        }

        @Test
        void keywordsGluedToPunctuation() {
            assertOps("""
                    WITH d AS(DELETE FROM t RETURNING 1)SELECT 1;
                    CREATE RULE r AS ON INSERT TO t DO ALSO(DELETE FROM u;TRUNCATE v);
                    """, op(DELETE, 1, "DELETE"), op(DELETE, 2, "DELETE"), op(TRUNCATE, 2, "TRUNCATE"));
        }
    }

    @Nested
    class CommandPositionsOtherThanTheStart {

        @Test
        void nestedCtes() {
            assertOps("""
                    WITH a AS (
                      WITH b AS MATERIALIZED (DELETE FROM t RETURNING id)
                      SELECT id FROM b
                    )
                    SELECT * FROM a;
                    """, op(DELETE, 2, "DELETE"));
        }

        @Test
        void ruleActions() {
            assertOps("""
                    CREATE RULE r AS ON UPDATE TO t DO INSTEAD (
                      DELETE FROM a;
                      DELETE FROM b
                    );
                    CREATE RULE r2 AS ON INSERT TO t WHERE new.x > 0 DO ALSO TRUNCATE c;
                    """, op(DELETE, 2, "DELETE"), op(DELETE, 3, "DELETE"), op(TRUNCATE, 5, "TRUNCATE"));
        }

        @Test
        void mergeActions() {
            assertOps("""
                    MERGE INTO accounts a
                    USING incoming i ON a.id = i.id
                    WHEN MATCHED AND i.closed THEN
                      DELETE
                    WHEN MATCHED THEN UPDATE SET balance = i.balance
                    WHEN NOT MATCHED THEN INSERT (id, balance) VALUES (i.id, i.balance);
                    """, op(DELETE, 4, "DELETE"));
        }

        @Test
        void explainAnalyzeRunsTheStatement() {
            assertOps("""
                    EXPLAIN ANALYZE DELETE FROM t;
                    EXPLAIN ANALYSE VERBOSE TRUNCATE t;
                    EXPLAIN (ANALYZE) DELETE FROM t;
                    EXPLAIN (FORMAT json, ANALYZE true, BUFFERS) DELETE FROM t;
                    EXPLAIN (analyze on) UPDATE t SET a = 1;
                    EXPLAIN (ANALYZE 1) DELETE FROM t;
                    """, op(DELETE, 1, "DELETE"), op(TRUNCATE, 2, "TRUNCATE"), op(DELETE, 3, "DELETE"),
                    op(DELETE, 4, "DELETE"), op(UPDATE_WITHOUT_WHERE, 5, "UPDATE"), op(DELETE, 6, "DELETE"));
        }

        @Test
        void explainInABodyCoversOnlyItsOwnStatement() {
            assertOps("""
                    DO $$ BEGIN
                      EXPLAIN DELETE FROM t; DELETE FROM u;
                    END $$;
                    """, op(DELETE, 2, "DELETE FROM u"));
        }

        @Test
        void preparedStatementsCopyQueriesAndCreateTableAs() {
            assertOps("""
                    PREPARE purge AS DELETE FROM t;
                    PREPARE wipe (int) AS TRUNCATE t;
                    COPY (DELETE FROM t RETURNING *) TO STDOUT;
                    CREATE TABLE archived AS WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d;
                    """, op(DELETE, 1, "DELETE"), op(TRUNCATE, 2, "TRUNCATE"), op(DELETE, 3, "DELETE"),
                    op(DELETE, 4, "DELETE"));
        }

        @Test
        void plpgsqlControlStructures() {
            assertOps("""
                    DO $$
                    DECLARE r record;
                    BEGIN
                      IF now() > '2020-01-01' THEN DELETE FROM a; ELSIF false THEN DROP TABLE b; END IF;
                      CASE WHEN true THEN TRUNCATE c; ELSE UPDATE d SET x = 1; END CASE;
                      FOR r IN DELETE FROM e RETURNING * LOOP END LOOP;
                      WHILE false LOOP DROP TABLE f; END LOOP;
                      <<blk>> BEGIN DELETE FROM g; END;
                    EXCEPTION WHEN others THEN TRUNCATE h;
                    END $$;
                    """,
                    op(DELETE, 4, "DELETE"), op(DROP, 4, "DROP"), op(TRUNCATE, 5, "TRUNCATE"),
                    op(UPDATE_WITHOUT_WHERE, 5, "UPDATE"), op(DELETE, 6, "DELETE"), op(DROP, 7, "DROP"),
                    op(DELETE, 8, "DELETE"), op(TRUNCATE, 9, "TRUNCATE"));
        }
    }

    @Nested
    class HiddenInStrings {

        @Test
        void executeOfConcatenatedPieces() {
            assertOps("""
                    DO $$ BEGIN EXECUTE 'DR' || 'OP TABLE x'; END $$;
                    DO $$ BEGIN EXECUTE 'TRUNC' || $a$ATE$a$ || ' t'; END $$;
                    DO $$ BEGIN EXECUTE ('DEL' || 'ETE') || ' FROM t'; END $$;
                    """, op(DROP, 1, "EXECUTE"), op(TRUNCATE, 2, "EXECUTE"), op(DELETE, 3, "EXECUTE"));
        }

        @Test
        void executeOfFormat() {
            assertOps("""
                    DO $$ DECLARE t text := 'users'; BEGIN EXECUTE format('DROP TABLE %I', t); END $$;
                    DO $$ DECLARE cmd text := 'DROP TABLE users'; BEGIN EXECUTE format('%s', cmd); END $$;
                    DO $$ DECLARE v text := 'drop'; BEGIN EXECUTE format('%I TABLE users', v); END $$;
                    DO $$ BEGIN EXECUTE format('%1$s %2$s', 'TRUNCATE', 'users'); END $$;
                    DO $$ BEGIN EXECUTE format('DELETE FROM %I WHERE %I = %L', 't', 'c', 'v'); END $$;
                    """, op(DROP, 1, "EXECUTE"), op(DYNAMIC_SQL, 2, "EXECUTE"), op(DYNAMIC_SQL, 3, "EXECUTE"),
                    op(TRUNCATE, 4, "EXECUTE"), op(DELETE, 5, "EXECUTE"));
        }

        @Test
        void executeOfAVariableOrFunctionResult() {
            assertOps("""
                    DO $$ DECLARE v_sql text := 'DROP TABLE t'; BEGIN EXECUTE v_sql; END $$;
                    DO $$ BEGIN EXECUTE chr(68) || 'ROP TABLE t'; END $$;
                    DO $$ BEGIN EXECUTE replace('XROP TABLE t', 'X', 'D'); END $$;
                    DO $$ BEGIN EXECUTE 'SELECT 1; ' || current_setting('app.cleanup'); END $$;
                    DO $$ BEGIN EXECUTE 'ALTER TABLE t ' || quote_ident(v) || ' int'; END $$;
                    """, op(DYNAMIC_SQL, 1, "EXECUTE"), op(DYNAMIC_SQL, 2, "EXECUTE"), op(DYNAMIC_SQL, 3, "EXECUTE"),
                    op(DYNAMIC_SQL, 4, "EXECUTE"), op(DYNAMIC_SQL, 5, "EXECUTE"));
        }

        @Test
        void nestedDoInsideExecute() {
            assertOps("""
                    DO $outer$
                    BEGIN
                      EXECUTE 'DO $inner$ BEGIN DELETE FROM t; END $inner$';
                      EXECUTE $x$DO 'BEGIN EXECUTE ''TRUNCATE u''; END'$x$;
                    END
                    $outer$;
                    """, op(DELETE, 3, "'DO"), op(TRUNCATE, 4, "$x$"));
        }

        @Test
        void dollarBodiesContainingOtherDollarQuotes() {
            assertOps("""
                    CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $fn$
                    BEGIN
                      EXECUTE $$DROP TABLE a$$;
                      RAISE NOTICE $$not a DROP$$;
                      DELETE FROM b;
                    END $fn$;
                    """, op(DROP, 3, "$$DROP"), op(DELETE, 5, "DELETE"));
        }

        @Test
        void escapedAndUnicodeStringBodies() {
            assertOps("""
                    DO E'BEGIN\\n  DROP TABLE a;\\nEND';
                    DO $$ BEGIN EXECUTE E'TRUNCATE\\tb'; END $$;
                    DO $$ BEGIN EXECUTE U&'\\0044ELETE FROM c'; END $$;
                    DO $$ BEGIN EXECUTE U&'!0044ROP TABLE d' UESCAPE '!'; END $$;
                    DO $$ BEGIN EXECUTE E'\\x44ROP TABLE e'; END $$;
                    """, op(DROP, 1, "E'"), op(TRUNCATE, 2, "E'"), op(DELETE, 3, "U&'"), op(DROP, 4, "U&'"),
                    op(DROP, 5, "E'"));
        }

        @Test
        void stringContinuedOnTheNextLine() {
            assertOps("""
                    DO 'BEGIN DR'
                       'OP TABLE t; END';
                    """, op(DROP, 1, "'BEGIN"));
        }

        @Test
        void bodyInALanguageWeCannotRead() {
            assertOps("""
                    CREATE FUNCTION nuke() RETURNS void LANGUAGE plpython3u AS $$
                    plpy.execute("DROP TABLE users")
                    $$;
                    DO LANGUAGE plperlu $$ spi_exec_query('TRUNCATE t'); $$;
                    CREATE FUNCTION v8() RETURNS void AS $$ plv8.execute('DELETE FROM t') $$ LANGUAGE plv8;
                    """, op(DYNAMIC_SQL, 1, "$$"), op(DYNAMIC_SQL, 4, "$$"), op(DYNAMIC_SQL, 5, "$$"));
        }

        @Test
        void functionsThatRunSqlText() {
            assertOps("""
                    SELECT dblink_exec('dbname=prod', 'DROP TABLE t');
                    SELECT dblink_exec('dbname=prod', 'DR' || 'OP TABLE t');
                    SELECT dblink_exec('dbname=prod', cmd) FROM commands;
                    SELECT query_to_xml('WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', true, false, '');
                    """, op(DROP, 1, "'DROP"), op(DROP, 2, "dblink_exec"), op(DYNAMIC_SQL, 3, "dblink_exec"),
                    op(DELETE, 4, "'WITH"));
        }

        @Test
        void ruleActionInsideAFunctionBody() {
            assertOps("""
                    CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$
                      CREATE RULE r AS ON DELETE TO t DO INSTEAD DELETE FROM archive;
                    $$;
                    """, op(DELETE, 2, "DELETE FROM"));
        }

        @Test
        void deeplyNestedSqlIsReportedNotIgnored() {
            String body = "DELETE FROM t";
            for (int i = 0; i < DestructiveScanner.MAX_NESTING + 3; i++) {
                body = "DO '" + body.replace("'", "''") + "'";
            }
            List<Operation> ops = ScanFixture.scan(body + ";");
            assertEquals(1, ops.size());
            assertTrue(ops.get(0).type() == DYNAMIC_SQL, ops.toString());
        }
    }

    @Nested
    class HarmlessContextsCannotBeReused {

        @Test
        void dropAfterDropDefaultInTheSameAlter() {
            assertOps("""
                    ALTER TABLE t ALTER c DROP DEFAULT, DROP COLUMN c;
                    ALTER TABLE t ALTER COLUMN c DROP NOT NULL, DROP CONSTRAINT k;
                    ALTER TABLE t ALTER COLUMN c DROP DEFAULT CASCADE;
                    """, op(DROP, 1, "DROP COLUMN"), op(DROP, 2, "DROP CONSTRAINT"), op(DROP, 3, "DROP"));
        }

        @Test
        void onCommitDropFollowedByMore() {
            assertOps("CREATE TEMP TABLE x (a int) ON COMMIT DROP TABLE users;", op(DROP, 1, "DROP"));
        }

        @Test
        void statementsAfterAHarmlessOneInABody() {
            assertOps("""
                    DO $$ BEGIN
                      GRANT DELETE ON t TO app; DELETE FROM t;
                      CREATE TRIGGER trg AFTER DELETE ON t FOR EACH ROW EXECUTE FUNCTION f(); TRUNCATE t;
                      CREATE POLICY p ON t FOR DELETE USING (true); DROP POLICY p ON t;
                      ALTER TABLE t ALTER c DROP DEFAULT; ALTER TABLE t DROP c;
                      PERFORM 1 FROM t FOR UPDATE; UPDATE t SET a = 1;
                    END $$;
                    """, op(DELETE, 2, "DELETE FROM"), op(TRUNCATE, 3, "TRUNCATE"), op(DROP, 4, "DROP"),
                    op(DROP, 5, "DROP c"), op(UPDATE_WITHOUT_WHERE, 6, "UPDATE t"));
        }

        @Test
        void grantWithoutOnIsNotAPrivilegeList() {
            assertOps("GRANT delete TO bob;", op(DELETE, 1, "delete"));
        }

        @Test
        void triggerWithoutTheFullHeaderIsNotAnEventList() {
            assertOps("""
                    CREATE TRIGGER trg DELETE ON t;
                    """, op(DELETE, 1, "DELETE"));
        }

        @Test
        void whereThatIsNotTheUpdatesOwn() {
            assertOps("""
                    UPDATE t SET a = 1 -- WHERE id = 1
                    ;
                    UPDATE t SET a = 'WHERE id = 1';
                    UPDATE t SET "where" = 1;
                    UPDATE t SET a = x.where FROM x;
                    UPDATE t SET a = 1 RETURNING a AS where;
                    UPDATE t SET a = (SELECT 1 WHERE true);
                    """, op(UPDATE_WITHOUT_WHERE, 1, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 3, "UPDATE"),
                    op(UPDATE_WITHOUT_WHERE, 4, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 5, "UPDATE"),
                    op(UPDATE_WITHOUT_WHERE, 6, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 7, "UPDATE"));
        }

        @Test
        void updateWhoseNextStatementHasAWhere() {
            assertOps("""
                    WITH u AS (UPDATE t SET a = 1) SELECT 1 FROM t WHERE a = 1;
                    CREATE RULE r AS ON INSERT TO v DO INSTEAD (UPDATE t SET a = 1; DELETE FROM u WHERE id = 1);
                    """, op(UPDATE_WITHOUT_WHERE, 1, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 2, "UPDATE"),
                    op(DELETE, 2, "DELETE"));
        }

        @Test
        void placeholderInACommandPosition() {
            assertOps("""
                    DO $$ BEGIN EXECUTE 'ALTER TABLE t ADD COLUMN a int, ' || quote_ident(v) || ' COLUMN b'; END $$;
                    DO $$ BEGIN EXECUTE format('EXPLAIN ANALYZE %I FROM t', v); END $$;
                    DO $$ BEGIN EXECUTE format('DO $b$ BEGIN %I FROM t; END $b$', v); END $$;
                    """, op(DYNAMIC_SQL, 1, "EXECUTE"), op(DYNAMIC_SQL, 2, "EXECUTE"), op(DYNAMIC_SQL, 3, "EXECUTE"));
        }
    }

    @Nested
    class HarmlessButScary {

        @Test
        void typicalMigrationIsClean() {
            assertClean("""
                    -- V12__soft_delete.sql: add soft delete instead of DELETE
                    CREATE TABLE IF NOT EXISTS drop_log (
                        id bigserial PRIMARY KEY,
                        dropped_at timestamptz NOT NULL DEFAULT now(),
                        deleted boolean NOT NULL DEFAULT false,
                        truncated_reason text
                    );
                    ALTER TABLE users ADD COLUMN deleted_at timestamptz;
                    ALTER TABLE users ALTER COLUMN legacy_flag DROP DEFAULT;
                    ALTER TABLE users ALTER legacy_flag DROP NOT NULL;
                    CREATE INDEX CONCURRENTLY idx_users_not_deleted ON users (id) WHERE deleted_at IS NULL;
                    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id)
                        REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION;
                    GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON users TO app_rw;
                    CREATE POLICY users_delete ON users FOR DELETE USING (owner = current_user);
                    CREATE TRIGGER users_audit AFTER INSERT OR UPDATE OR DELETE ON users
                        FOR EACH ROW EXECUTE FUNCTION audit_row();
                    CREATE TRIGGER users_truncate AFTER TRUNCATE ON users
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_truncate();
                    CREATE TEMP TABLE staging (id int) ON COMMIT DROP;
                    COMMENT ON COLUMN users.deleted_at IS 'DROP this column after the DELETE job is retired';
                    INSERT INTO notes VALUES ($$please do not DROP TABLE users$$);
                    INSERT INTO t (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET id = excluded.id;
                    SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
                    UPDATE users SET deleted = true WHERE deleted_at IS NOT NULL;
                    CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF TG_OP = 'DELETE' THEN
                        INSERT INTO audit (op, old_row) VALUES (TG_OP, to_jsonb(OLD));
                        RETURN OLD;
                      END IF;
                      INSERT INTO audit (op, new_row) VALUES (TG_OP, to_jsonb(NEW));
                      RETURN NEW;
                    END $$;
                    SELECT "drop", "DELETE", "Truncate" FROM "update";
                    """);
        }

        @Test
        void harmlessDynamicSqlIsClean() {
            assertClean("""
                    DO $$
                    DECLARE t text;
                    BEGIN
                      FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
                        EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS deleted_at timestamptz', t);
                        EXECUTE format('COMMENT ON TABLE %I.%I IS %L', 'public', t, 'DROP candidates');
                        EXECUTE 'ANALYZE ' || quote_ident(t);
                        EXECUTE format('GRANT SELECT, DELETE ON %I TO app', t);
                      END LOOP;
                      EXECUTE 'CREATE INDEX IF NOT EXISTS idx_a ON a (deleted_at)';
                    END $$;
                    """);
        }
    }
}
