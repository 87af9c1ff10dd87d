package io.github.migrationguard.sql.analysis;

import static io.github.migrationguard.sql.analysis.OperationType.DELETE;
import static io.github.migrationguard.sql.analysis.OperationType.DROP;
import static io.github.migrationguard.sql.analysis.OperationType.TRUNCATE;
import static io.github.migrationguard.sql.analysis.OperationType.UPDATE_WITHOUT_WHERE;
import static io.github.migrationguard.sql.analysis.ScanFixture.assertClean;
import static io.github.migrationguard.sql.analysis.ScanFixture.assertDetail;
import static io.github.migrationguard.sql.analysis.ScanFixture.assertOps;
import static io.github.migrationguard.sql.analysis.ScanFixture.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.migrationguard.sql.PsqlLexer;
import io.github.migrationguard.sql.SourceText;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DestructiveScannerTest {

    @Nested
    class Drop {

        @Test
        void dropTableIsFlaggedAtItsKeyword() {
            assertOps("""
                    CREATE TABLE users (id int);
                    DROP TABLE users;
                    """, op(DROP, 2, "DROP"));
        }

        @Test
        void everyDropFormIsFlagged() {
            assertOps("""
                    DROP INDEX CONCURRENTLY IF EXISTS idx_a;
                    DROP VIEW v;
                    DROP MATERIALIZED VIEW mv;
                    DROP SCHEMA s CASCADE;
                    DROP FUNCTION f(int);
                    DROP OWNED BY app;
                    DROP SEQUENCE seq;
                    DROP TYPE mood;
                    DROP EXTENSION pgcrypto;
                    """,
                    op(DROP, 1, "DROP"), op(DROP, 2, "DROP"), op(DROP, 3, "DROP"), op(DROP, 4, "DROP"),
                    op(DROP, 5, "DROP"), op(DROP, 6, "DROP"), op(DROP, 7, "DROP"), op(DROP, 8, "DROP"),
                    op(DROP, 9, "DROP"));
        }

        @Test
        void alterTableDropColumnAndConstraintAreDrops() {
            assertOps("""
                    ALTER TABLE orders DROP COLUMN total;
                    ALTER TABLE orders DROP CONSTRAINT orders_total_check;
                    ALTER TABLE orders DROP legacy;
                    ALTER TABLE orders ALTER COLUMN id DROP IDENTITY IF EXISTS;
                    ALTER TABLE orders ALTER COLUMN total DROP EXPRESSION;
                    """,
                    op(DROP, 1, "DROP"), op(DROP, 2, "DROP"), op(DROP, 3, "DROP"), op(DROP, 4, "DROP"),
                    op(DROP, 5, "DROP"));
        }

        @Test
        void timescaleChunkDroppingCallsAreDrops() {
            assertOps("""
                    SELECT create_hypertable('conditions', 'time', chunk_time_interval => INTERVAL '1 day');
                    SELECT drop_chunks('conditions', older_than => INTERVAL '3 months');
                    SELECT add_retention_policy('conditions', drop_after => INTERVAL '365 days', if_not_exists => true);
                    SELECT public.add_drop_chunks_policy('metrics', INTERVAL '30 days');
                    SELECT remove_retention_policy('conditions');
                    DO $$ BEGIN PERFORM "drop_chunks"('conditions', INTERVAL '1 day'); END $$;
                    SELECT cron.schedule('trim', '0 3 * * *', $c$ SELECT drop_chunks('logs', INTERVAL '7 days') $c$);
                    """, op(DROP, 2, "drop_chunks"), op(DROP, 3, "add_retention_policy"),
                    op(DROP, 4, "add_drop_chunks_policy"), op(DROP, 6, "\"drop_chunks\""), op(DROP, 7, "$c$"));
            assertDetail("SELECT drop_chunks('conditions', INTERVAL '3 months');",
                    "drop_chunks() of a TimescaleDB hypertable (its chunks older than the cutoff)");
        }

        @Test
        void timescaleRoutinesNamedButNotCalledAreNotDrops() {
            assertClean("""
                    GRANT EXECUTE ON FUNCTION drop_chunks(regclass, "any") TO maintenance;
                    COMMENT ON FUNCTION public.add_retention_policy(regclass, "any") IS 'kept for the admin';
                    SELECT proname FROM pg_proc WHERE proname = 'drop_chunks';
                    """);
        }

        @Test
        void alterOtherObjectsDropAreDrops() {
            assertOps("""
                    ALTER TYPE address DROP ATTRIBUTE zip;
                    ALTER EXTENSION hstore DROP FUNCTION populate_record(anyelement, hstore);
                    ALTER PUBLICATION pub DROP TABLE orders;
                    ALTER DOMAIN positive DROP CONSTRAINT positive_check;
                    """,
                    op(DROP, 1, "DROP"), op(DROP, 2, "DROP"), op(DROP, 3, "DROP"), op(DROP, 4, "DROP"));
        }

        @Test
        void dropDefaultAndDropNotNullLoseNoData() {
            assertClean("""
                    ALTER TABLE t ALTER COLUMN c DROP DEFAULT;
                    ALTER TABLE t ALTER c DROP NOT NULL;
                    ALTER TABLE IF EXISTS ONLY s.t ALTER COLUMN "Mixed" DROP DEFAULT, ALTER COLUMN d DROP NOT NULL;
                    ALTER FOREIGN TABLE ft ALTER COLUMN c DROP DEFAULT;
                    ALTER DOMAIN positive DROP DEFAULT;
                    ALTER DOMAIN public.positive DROP NOT NULL;
                    """);
        }

        @Test
        void onlyTheRealDropOfAMixedAlterIsFlagged() {
            assertOps("""
                    ALTER TABLE t DROP COLUMN c, ALTER c2 DROP DEFAULT;
                    ALTER TABLE t ALTER c2 DROP DEFAULT, DROP COLUMN c;
                    """, op(DROP, 1, "DROP COLUMN"), op(DROP, 2, "DROP COLUMN"));
        }

        @Test
        void onCommitDropOfATemporaryTableIsHarmless() {
            assertClean("""
                    CREATE TEMP TABLE scratch (id int) ON COMMIT DROP;
                    CREATE TEMPORARY TABLE scratch2 ON COMMIT DROP AS SELECT 1 AS id;
                    CREATE TEMP TABLE scratch3 (id int) ON COMMIT DELETE ROWS;
                    """);
        }

        @Test
        void detailsNameTheObject() {
            assertDetail("DROP TABLE IF EXISTS users CASCADE;", "DROP TABLE users");
            assertDetail("ALTER TABLE orders DROP COLUMN total;", "ALTER TABLE orders DROP COLUMN total");
            assertDetail("DROP TABLE a, b;", "DROP TABLE a, b");
            assertDetail("DROP INDEX CONCURRENTLY s.idx;", "DROP INDEX s.idx");
            assertDetail("ALTER TABLE IF EXISTS public.orders ADD COLUMN x int, DROP CONSTRAINT c;",
                    "ALTER TABLE public.orders DROP CONSTRAINT c");
        }
    }

    @Nested
    class Delete {

        @Test
        void plainDeleteWithOrWithoutWhere() {
            assertOps("""
                    DELETE FROM audit;
                    DELETE FROM audit WHERE created < now() - interval '1 year';
                    delete from ONLY audit a using x where a.id = x.id;
                    """, op(DELETE, 1, "DELETE"), op(DELETE, 2, "DELETE"), op(DELETE, 3, "delete"));
        }

        @Test
        void deleteInsideACte() {
            assertOps("""
                    WITH gone AS (
                        DELETE FROM audit RETURNING id
                    )
                    INSERT INTO audit_archive SELECT * FROM gone;
                    """, op(DELETE, 2, "DELETE"));
            assertDetail("WITH d AS (DELETE FROM audit RETURNING *) SELECT count(*) FROM d;",
                    "DELETE FROM audit (inside a CTE)");
        }

        @Test
        void foreignKeyActionsAreHarmless() {
            assertClean("""
                    CREATE TABLE orders (
                        id bigint PRIMARY KEY,
                        customer_id bigint REFERENCES customers (id) ON DELETE CASCADE ON UPDATE CASCADE,
                        owner_id bigint REFERENCES users ON DELETE SET NULL,
                        team_id bigint REFERENCES teams ON DELETE SET DEFAULT ON UPDATE NO ACTION,
                        region_id bigint REFERENCES regions MATCH FULL ON DELETE RESTRICT
                    );
                    ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES p (a, b)
                        ON DELETE SET NULL (b) ON UPDATE RESTRICT;
                    """);
        }

        @Test
        void qualifiedNamesAreNotKeywords() {
            assertClean("""
                    SELECT audit.delete, t.drop, x.truncate FROM audit, t, x;
                    UPDATE t SET flag = t.update WHERE t.id = 1;
                    SELECT delete('a=>1'::hstore, 'a');
                    """);
        }

        @Test
        void outputColumnNamesAreNotKeywords() {
            assertClean("""
                    SELECT 1 AS drop, 2 AS delete, 3 AS truncate;
                    SELECT count(*) AS drop, max(id) AS truncate FROM t;
                    SELECT x FROM (SELECT 1 AS drop) s;
                    """);
            assertOps("""
                    PREPARE p AS DELETE FROM t;
                    PREPARE q AS TRUNCATE t;
                    """, op(DELETE, 1, "DELETE"), op(TRUNCATE, 2, "TRUNCATE"));
        }
    }

    @Nested
    class Truncate {

        @Test
        void truncateIsFlagged() {
            assertOps("""
                    TRUNCATE sessions;
                    TRUNCATE TABLE ONLY a, b RESTART IDENTITY CASCADE;
                    """, op(TRUNCATE, 1, "TRUNCATE"), op(TRUNCATE, 2, "TRUNCATE"));
            assertDetail("TRUNCATE TABLE ONLY a, b RESTART IDENTITY;", "TRUNCATE a, b");
        }
    }

    @Nested
    class Update {

        @Test
        void updateWithoutWhereIsFlagged() {
            assertOps("""
                    UPDATE accounts SET balance = 0;
                    UPDATE accounts SET balance = 0 WHERE id = 2;
                    """, op(UPDATE_WITHOUT_WHERE, 1, "UPDATE"));
            assertDetail("UPDATE accounts SET balance = 0;", "UPDATE accounts without WHERE");
        }

        @Test
        void everyUpdateShapeIsRecognised() {
            assertOps("""
                    UPDATE ONLY public.accounts SET a = 1;
                    UPDATE accounts AS a SET x = 1;
                    UPDATE "Accounts" acc SET x = 1;
                    UPDATE accounts * SET x = 1;
                    update accounts set x = 1 from other o;
                    """,
                    op(UPDATE_WITHOUT_WHERE, 1, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 2, "UPDATE"),
                    op(UPDATE_WITHOUT_WHERE, 3, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 4, "UPDATE"),
                    op(UPDATE_WITHOUT_WHERE, 5, "update"));
        }

        @Test
        void whereOnlyCountsAtTheUpdatesOwnDepth() {
            assertOps("""
                    UPDATE t SET a = (SELECT max(b) FROM u WHERE u.id = 1);
                    UPDATE t SET a = 1 FROM (SELECT id FROM u WHERE ok) s;
                    UPDATE t SET a = s.b FROM (SELECT id, b FROM u) s WHERE s.id = t.id;
                    UPDATE t SET a = 1 WHERE CURRENT OF cur;
                    """, op(UPDATE_WITHOUT_WHERE, 1, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 2, "UPDATE"));
        }

        @Test
        void updateInACteEndsAtItsParenthesis() {
            assertOps("""
                    WITH u AS (UPDATE t SET a = 1 RETURNING id) SELECT * FROM u WHERE id > 0;
                    WITH u AS (UPDATE t SET a = 1 WHERE id = 3 RETURNING id) SELECT * FROM u;
                    """, op(UPDATE_WITHOUT_WHERE, 1, "UPDATE"));
        }

        @Test
        void alwaysTrueWhereIsNoWhere() {
            assertOps("""
                    UPDATE t SET a = 1 WHERE true;
                    UPDATE t SET a = 1 WHERE 1 = 1;
                    UPDATE t SET a = 1 WHERE 'x' = 'x' RETURNING *;
                    UPDATE t SET a = 1 WHERE 1 = 2;
                    """, op(UPDATE_WITHOUT_WHERE, 1, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 2, "UPDATE"),
                    op(UPDATE_WITHOUT_WHERE, 3, "UPDATE"));
        }

        @Test
        void whereThatDoesNotLookAtTheRowIsNoWhere() {
            assertOps("""
                    UPDATE t SET a = 1 WHERE (1 = 1);
                    UPDATE t SET a = 1 WHERE 2 > 1;
                    UPDATE t SET a = 1 WHERE NOT false;
                    UPDATE t SET a = 1 WHERE id = 5 OR 1 = 1;
                    UPDATE t SET a = 1 WHERE 'yes';
                    UPDATE t SET a = 1 WHERE 1 IN (1, 2);
                    UPDATE t SET a = 1 WHERE current_date > '2020-01-01';
                    UPDATE t SET a = 1 WHERE 1 = 1 AND (true OR false);
                    UPDATE t SET a = 1 WHERE 2 BETWEEN 1 AND 3;
                    """, op(UPDATE_WITHOUT_WHERE, 1, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 2, "UPDATE"),
                    op(UPDATE_WITHOUT_WHERE, 3, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 4, "UPDATE"),
                    op(UPDATE_WITHOUT_WHERE, 5, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 6, "UPDATE"),
                    op(UPDATE_WITHOUT_WHERE, 7, "UPDATE"), op(UPDATE_WITHOUT_WHERE, 8, "UPDATE"),
                    op(UPDATE_WITHOUT_WHERE, 9, "UPDATE"));
            assertDetail("UPDATE t SET a = 1 WHERE 2 BETWEEN 1 AND 3;",
                    "UPDATE t with a WHERE that does not depend on the row");
        }

        @Test
        void whereThatPicksRowsOrNoneIsAWhere() {
            assertClean("""
                    UPDATE t SET a = 1 WHERE NOT deleted;
                    UPDATE t SET a = 1 WHERE id = 5 AND 1 = 1;
                    UPDATE t SET a = 1 WHERE lower(email) = 'x' OR false;
                    UPDATE t SET a = 1 WHERE "Id" > 2;
                    UPDATE t SET a = 1 WHERE t.flag;
                    UPDATE t SET a = 1 WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id);
                    UPDATE t SET a = 1 WHERE 1 = 0;
                    UPDATE t SET a = 1 WHERE NOT true;
                    UPDATE t SET a = 1 WHERE created_at BETWEEN '2020-01-01' AND '2021-01-01';
                    UPDATE t SET a = 1 WHERE 'a' = 'b' OR id = $1;
                    """);
        }

        @Test
        void wordsThatAreNotAnUpdateCommand() {
            assertClean("""
                    SELECT * FROM t WHERE id = 1 FOR UPDATE;
                    SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED;
                    SELECT * FROM t FOR UPDATE OF t NOWAIT;
                    INSERT INTO t (id, a) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET a = excluded.a;
                    INSERT INTO t (id, a) VALUES (1, 2) ON CONFLICT ON CONSTRAINT t_pkey DO UPDATE SET a = 2;
                    INSERT INTO t (id, a) VALUES (1, 2) ON CONFLICT (id) WHERE a > 0 DO UPDATE SET a = 3;
                    INSERT INTO t (id, set) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET set = 3;
                    MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a
                        WHEN NOT MATCHED THEN INSERT (id, a) VALUES (s.id, s.a);
                    """);
        }

        @Test
        void updateInARuleActionIsFlagged() {
            assertOps("""
                    CREATE RULE count_rule AS ON INSERT TO items DO ALSO UPDATE counters SET n = n + 1;
                    """, op(UPDATE_WITHOUT_WHERE, 1, "UPDATE counters"));
        }

        @Test
        void ruleActionUpdatingATableNamedSetIsNotAnUpsert() {
            assertOps("""
                    CREATE RULE r AS ON INSERT TO v DO UPDATE set SET a = 1;
                    """, op(UPDATE_WITHOUT_WHERE, 1, "UPDATE"));
        }

        @Test
        void updateInAPlpgsqlForLoopEndsAtLoop() {
            assertOps("""
                    DO $$
                    DECLARE r record;
                    BEGIN
                      FOR r IN UPDATE t SET a = 1 RETURNING id LOOP
                        DELETE FROM u WHERE u.id = r.id;
                      END LOOP;
                    END $$;
                    """, op(UPDATE_WITHOUT_WHERE, 4, "UPDATE"), op(DELETE, 5, "DELETE"));
        }
    }

    @Nested
    class HarmlessContexts {

        @Test
        void columnsCalledDeleteDropOrTruncateAreNames() {
            assertClean("""
                    CREATE TABLE permissions (role text, read boolean NOT NULL, update boolean NOT NULL,
                        delete boolean NOT NULL, drop boolean DEFAULT false, truncate bool, "x" int);
                    CREATE TABLE subdivisions (id INT NOT NULL, delete BOOLEAN DEFAULT NULL, PRIMARY KEY(id));
                    ALTER TABLE permissions ADD COLUMN IF NOT EXISTS delete boolean;
                    ALTER TABLE subdivisions ADD delete BOOLEAN DEFAULT NULL;
                    ALTER TYPE grant_set ADD ATTRIBUTE drop integer;
                    INSERT INTO permissions (role, read, update, delete) VALUES ('admin', true, true, true);
                    SELECT * FROM json_to_recordset('[]') AS f(id int, name text, delete "boolean");
                    """);
        }

        @Test
        void columnNameShapesDoNotHideCommands() {
            assertOps("""
                    ALTER TABLE t ADD COLUMN a int, DROP integer;
                    ALTER TABLE t ADD COLUMN a int, DROP COLUMN b;
                    WITH m AS (MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE) SELECT 1;
                    CREATE RULE r AS ON INSERT TO t DO INSTEAD (DELETE FROM a; DELETE FROM b);
                    SELECT f((truncate users));
                    ALTER TABLE t ADD COLUMN a int, ADD b int, DROP boolean;
                    """, op(DROP, 1, "DROP"), op(DROP, 2, "DROP"), op(DELETE, 3, "DELETE"),
                    op(DELETE, 4, "DELETE FROM a"), op(DELETE, 4, "DELETE FROM b"), op(TRUNCATE, 5, "truncate"),
                    op(DROP, 6, "DROP"));
        }

        @Test
        void privilegeListsAreHarmless() {
            assertClean("""
                    GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON t TO app;
                    GRANT UPDATE (a, b), DELETE ON TABLE t TO app;
                    GRANT DELETE ON ALL TABLES IN SCHEMA public TO app;
                    REVOKE DELETE, TRUNCATE ON t FROM app;
                    REVOKE GRANT OPTION FOR DELETE ON t FROM app;
                    ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT, DELETE ON TABLES TO app;
                    ALTER DEFAULT PRIVILEGES FOR ROLE o REVOKE TRUNCATE, UPDATE ON TABLES FROM app;
                    """);
        }

        @Test
        void triggerEventsAreHarmless() {
            assertClean("""
                    CREATE TRIGGER audit_trg AFTER INSERT OR UPDATE OR DELETE ON t
                        FOR EACH ROW EXECUTE FUNCTION audit();
                    CREATE TRIGGER t_trunc BEFORE TRUNCATE ON t FOR EACH STATEMENT EXECUTE PROCEDURE f();
                    CREATE OR REPLACE TRIGGER upd AFTER UPDATE OF a, b OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION f();
                    CREATE CONSTRAINT TRIGGER c AFTER DELETE ON t DEFERRABLE INITIALLY DEFERRED
                        FOR EACH ROW EXECUTE FUNCTION f();
                    CREATE TRIGGER v_del INSTEAD OF DELETE ON v FOR EACH ROW EXECUTE FUNCTION f();
                    """);
        }

        @Test
        void policyCommandsAreHarmless() {
            assertClean("""
                    CREATE POLICY own_rows ON t FOR DELETE USING (owner = current_user);
                    CREATE POLICY upd ON public.t AS RESTRICTIVE FOR UPDATE TO app USING (true) WITH CHECK (true);
                    """);
        }

        @Test
        void ruleEventIsHarmlessButItsActionIsNot() {
            assertClean("CREATE RULE no_delete AS ON DELETE TO t DO INSTEAD NOTHING;");
            assertOps("""
                    CREATE OR REPLACE RULE r AS ON DELETE TO t
                    DO INSTEAD DELETE FROM t_archive WHERE id = old.id;
                    """, op(DELETE, 2, "DELETE"));
        }

        @Test
        void scaryWordsInLiteralsIdentifiersAndCommentsAreHarmless() {
            assertClean("""
                    -- DROP TABLE users; this migration used to delete everything
                    /* TRUNCATE sessions; /* nested DELETE */ still a comment */
                    INSERT INTO notes VALUES ($$please do not DROP TABLE users$$);
                    INSERT INTO notes VALUES ($n$DELETE FROM audit$n$, E'TRUNCATE\\tt', 'UPDATE t SET a = 1');
                    COMMENT ON TABLE t IS 'drop me later';
                    COMMENT ON COLUMN t.deleted_at IS 'set when a user asks to DELETE their account';
                    CREATE TABLE "drop" ("DELETE" int, "truncate" text, drop_log int, deleted_at timestamptz,
                        truncated boolean, update_count int);
                    CREATE INDEX idx_deleted_at ON "drop" (deleted_at) WHERE deleted_at IS NULL;
                    SELECT 'DROP TABLE x' AS "update", $$TRUNCATE$$;
                    CREATE PUBLICATION pub FOR TABLE t WITH (publish = 'insert, update, delete, truncate');
                    CREATE TYPE action AS ENUM ('insert', 'update', 'delete', 'truncate', 'drop');
                    NOTIFY changes, 'DELETE';
                    CREATE EVENT TRIGGER on_drop ON sql_drop WHEN TAG IN ('DROP TABLE') EXECUTE FUNCTION log_drop();
                    """);
        }

        @Test
        void explainWithoutAnalyzeRunsNothing() {
            assertClean("""
                    EXPLAIN DELETE FROM t;
                    EXPLAIN VERBOSE UPDATE t SET a = 1;
                    EXPLAIN (COSTS false, FORMAT json) DELETE FROM t;
                    EXPLAIN (ANALYZE false) DELETE FROM t;
                    """);
        }
    }

    @Test
    void offsetsAreAbsoluteIntoTheFile() {
        String sql = "SELECT 1;\n  DROP TABLE users;";
        SourceText src = SourceText.of(sql);
        List<Operation> ops = DestructiveScanner.scan(
                PsqlLexer.lex(sql, sql.indexOf("DROP"), sql.length()).tokens(), src.text());
        assertEquals(1, ops.size());
        assertEquals(sql.indexOf("DROP"), ops.get(0).start());
        assertEquals(sql.indexOf("DROP") + 4, ops.get(0).end());
        assertEquals(2, src.line(ops.get(0).start()));
        assertEquals(3, src.column(ops.get(0).start()));
    }
}
