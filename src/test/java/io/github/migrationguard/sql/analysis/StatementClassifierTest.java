package io.github.migrationguard.sql.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.PsqlLexer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementClassifierTest {

    private static String kind(String sql) {
        return StatementClassifier.kind(PsqlLexer.lex(sql).tokens());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "CREATE TABLE t (id int)                                  | CREATE TABLE",
        "create temp table t (id int) on commit drop              | CREATE TABLE",
        "CREATE GLOBAL TEMPORARY TABLE t (id int)                 | CREATE TABLE",
        "CREATE UNLOGGED TABLE IF NOT EXISTS t (id int)           | CREATE TABLE",
        "CREATE TABLE t AS SELECT 1                               | CREATE TABLE",
        "CREATE INDEX i ON t (a)                                  | CREATE INDEX",
        "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)              | CREATE INDEX",
        "CREATE OR REPLACE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql | CREATE FUNCTION",
        "CREATE PROCEDURE p() LANGUAGE sql AS 'select 1'          | CREATE PROCEDURE",
        "CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS ''       | CREATE PROCEDURE",
        "CREATE OR REPLACE TEMP RECURSIVE VIEW v (n) AS SELECT 1  | CREATE VIEW",
        "CREATE MATERIALIZED VIEW mv AS SELECT 1                  | CREATE MATERIALIZED VIEW",
        "CREATE CONSTRAINT TRIGGER t AFTER DELETE ON x FOR EACH ROW EXECUTE FUNCTION f() | CREATE TRIGGER",
        "CREATE OR REPLACE RULE r AS ON DELETE TO t DO NOTHING    | CREATE RULE",
        "CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f() | CREATE EVENT TRIGGER",
        "CREATE FOREIGN TABLE ft (a int) SERVER s                 | CREATE FOREIGN TABLE",
        "CREATE FOREIGN DATA WRAPPER w                            | CREATE FOREIGN DATA WRAPPER",
        "CREATE TEXT SEARCH CONFIGURATION c (COPY = english)      | CREATE TEXT SEARCH CONFIGURATION",
        "CREATE OPERATOR CLASS c FOR TYPE int USING btree AS OPERATOR 1 < | CREATE OPERATOR CLASS",
        "CREATE USER MAPPING FOR u SERVER s                       | CREATE USER MAPPING",
        "CREATE USER app                                          | CREATE USER",
        "CREATE TRUSTED PROCEDURAL LANGUAGE plx                   | CREATE LANGUAGE",
        "CREATE DEFAULT CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM f | CREATE CONVERSION",
        "CREATE SCHEMA IF NOT EXISTS app                          | CREATE SCHEMA",
        "CREATE EXTENSION IF NOT EXISTS pgcrypto                  | CREATE EXTENSION",
        "CREATE SEQUENCE s                                        | CREATE SEQUENCE",
        "CREATE TYPE mood AS ENUM ('sad')                         | CREATE TYPE",
        "CREATE DOMAIN d AS int                                   | CREATE DOMAIN",
        "CREATE POLICY p ON t FOR DELETE USING (true)             | CREATE POLICY",
        "CREATE ROLE r                                            | CREATE ROLE",
        "CREATE PUBLICATION p FOR ALL TABLES                      | CREATE PUBLICATION",
        "CREATE STATISTICS s ON a, b FROM t                       | CREATE STATISTICS",
        "CREATE ACCESS METHOD m TYPE TABLE HANDLER h               | CREATE ACCESS METHOD",
        "CREATE CAST (a AS b) WITH FUNCTION f(a)                  | CREATE CAST",
        "ALTER TABLE t ADD COLUMN a int                           | ALTER TABLE",
        "ALTER TABLE IF EXISTS ONLY t DROP COLUMN a               | ALTER TABLE",
        "ALTER INDEX i RENAME TO j                                | ALTER INDEX",
        "ALTER MATERIALIZED VIEW mv OWNER TO r                    | ALTER MATERIALIZED VIEW",
        "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO r     | ALTER DEFAULT PRIVILEGES",
        "ALTER LARGE OBJECT 1 OWNER TO r                          | ALTER LARGE OBJECT",
        "ALTER SYSTEM SET work_mem = '64MB'                       | ALTER SYSTEM",
        "ALTER ROUTINE f() OWNER TO r                             | ALTER ROUTINE",
        "ALTER PROCEDURAL LANGUAGE plx OWNER TO r                 | ALTER LANGUAGE",
        "ALTER DOMAIN d DROP DEFAULT                              | ALTER DOMAIN",
        "INSERT INTO t VALUES (1)                                 | INSERT",
        "UPDATE t SET a = 1                                       | UPDATE",
        "DELETE FROM t                                            | DELETE",
        "TRUNCATE t                                               | TRUNCATE",
        "DROP TABLE t                                             | DROP",
        "drop owned by r                                          | DROP",
        "WITH x AS (SELECT 1) SELECT * FROM x                     | WITH",
        "(SELECT 1) UNION (SELECT 2)                              | SELECT",
        "SELECT 1                                                 | SELECT",
        "TABLE t                                                  | TABLE",
        "VALUES (1)                                               | VALUES",
        "DO $$ BEGIN END $$                                       | DO",
        "COMMENT ON TABLE t IS 'x'                                | COMMENT",
        "GRANT SELECT ON t TO r                                   | GRANT",
        "REVOKE ALL ON t FROM r                                   | REVOKE",
        "SECURITY LABEL ON TABLE t IS 'x'                         | SECURITY LABEL",
        "SET search_path = app                                    | SET",
        "SET LOCAL lock_timeout = '1s'                            | SET",
        "RESET ALL                                                | RESET",
        "BEGIN                                                    | BEGIN",
        "START TRANSACTION ISOLATION LEVEL SERIALIZABLE           | START TRANSACTION",
        "COMMIT                                                   | COMMIT",
        "COMMIT PREPARED 'x'                                      | COMMIT PREPARED",
        "END                                                      | END",
        "ROLLBACK TO SAVEPOINT s                                  | ROLLBACK",
        "ABORT                                                    | ABORT",
        "SAVEPOINT s                                              | SAVEPOINT",
        "RELEASE SAVEPOINT s                                      | RELEASE",
        "PREPARE TRANSACTION 'x'                                  | PREPARE TRANSACTION",
        "PREPARE p AS SELECT 1                                    | PREPARE",
        "EXECUTE p(1)                                             | EXECUTE",
        "VACUUM (ANALYZE) t                                       | VACUUM",
        "ANALYSE t                                                | ANALYZE",
        "CLUSTER t USING i                                        | CLUSTER",
        "REINDEX INDEX CONCURRENTLY i                             | REINDEX",
        "LOCK TABLE t IN ACCESS EXCLUSIVE MODE                    | LOCK",
        "COPY t FROM stdin                                        | COPY",
        "CALL p()                                                 | CALL",
        "NOTIFY ch, 'x'                                           | NOTIFY",
        "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE    | MERGE",
        "EXPLAIN SELECT 1                                         | EXPLAIN",
        "REFRESH MATERIALIZED VIEW CONCURRENTLY mv                | REFRESH MATERIALIZED VIEW",
        "REASSIGN OWNED BY a TO b                                 | REASSIGN OWNED",
        "IMPORT FOREIGN SCHEMA s FROM SERVER x INTO y             | IMPORT FOREIGN SCHEMA",
        "LOAD 'auto_explain'                                      | LOAD",
        "FROBNICATE t                                             | UNKNOWN",
        "CREATE FROBNICATOR f                                     | UNKNOWN",
        "ALTER FROBNICATOR f                                      | UNKNOWN",
        "ALTER ACCESS METHOD m                                    | UNKNOWN",
        "CREATE SYSTEM s                                          | UNKNOWN",
        "START t                                                  | UNKNOWN",
        "\"SELECT\" 1                                             | UNKNOWN",
        "'DROP TABLE t'                                           | UNKNOWN",
    })
    void kindFromTheLeadingWords(String sql, String expected) {
        assertEquals(expected, kind(sql));
    }

    @Test
    void trailingSemicolonAndCommentsDoNotMatter() {
        assertEquals("CREATE INDEX", kind("/* idx */ CREATE -- x\n UNIQUE INDEX i ON t (a);"));
        assertEquals(StatementClassifier.EMPTY, kind(";"));
        assertEquals(StatementClassifier.EMPTY, kind(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BEGIN", "START TRANSACTION", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE",
        "SET", "RESET", "VACUUM", "ANALYZE", "CLUSTER", "REINDEX", "LOCK", "COPY", "CALL", "NOTIFY",
        "CREATE TABLE", "CREATE INDEX", "CREATE FUNCTION", "CREATE RULE", "CREATE EVENT TRIGGER",
        "ALTER TABLE", "ALTER DEFAULT PRIVILEGES", "ALTER SYSTEM", "COMMENT", "GRANT", "REVOKE", "SECURITY LABEL",
        "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "DROP", "WITH", "MERGE", "DO", "EXPLAIN", "PREPARE",
        "EXECUTE", "REFRESH MATERIALIZED VIEW", "EMPTY"})
    void knownKinds(String kind) {
        assertTrue(StatementClassifier.knownKind(kind), kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNKNOWN", "LOAD", "PSQL META-COMMAND", "", "CREATE", "ALTER"})
    void unknownKinds(String kind) {
        assertFalse(StatementClassifier.knownKind(kind), kind);
    }

    @Test
    void nullIsNotKnown() {
        assertFalse(StatementClassifier.knownKind(null));
    }
}
