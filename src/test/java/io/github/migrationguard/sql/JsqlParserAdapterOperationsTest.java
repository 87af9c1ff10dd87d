package io.github.migrationguard.sql;

import static io.github.migrationguard.sql.analysis.OperationType.DELETE;
import static io.github.migrationguard.sql.analysis.OperationType.DROP;
import static io.github.migrationguard.sql.analysis.OperationType.TRUNCATE;
import static io.github.migrationguard.sql.analysis.OperationType.UPDATE_WITHOUT_WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.analysis.OperationType;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The destructive operations the adapter finds in JSqlParser's tree, wherever they are nested. */
class JsqlParserAdapterOperationsTest {

    private static final JsqlParserAdapter ADAPTER = new JsqlParserAdapter();

    private static Arguments op(String sql, OperationType... expected) {
        Set<OperationType> set = expected.length == 0 ? EnumSet.noneOf(OperationType.class)
                : EnumSet.of(expected[0], expected);
        return Arguments.of(sql, set);
    }

    static Stream<Arguments> drops() {
        return Stream.of(
                op("DROP TABLE t", DROP),
                op("DROP TABLE IF EXISTS a , b CASCADE", DROP),
                op("DROP TABLE t RESTRICT", DROP),
                op("DROP VIEW v", DROP),
                op("DROP MATERIALIZED VIEW mv", DROP),
                op("DROP INDEX idx", DROP),
                op("DROP INDEX IF EXISTS idx", DROP),
                op("DROP INDEX CONCURRENTLY idx", DROP),
                op("DROP SCHEMA s CASCADE", DROP),
                op("DROP SEQUENCE s", DROP),
                op("DROP FUNCTION f ( )", DROP),
                op("DROP TRIGGER trg ON t", DROP),
                op("DROP EXTENSION e", DROP),
                op("DROP OWNED BY r", DROP),
                op("DROP ROLE r", DROP),
                op("ALTER TABLE t DROP COLUMN c", DROP),
                op("ALTER TABLE t DROP c", DROP),
                op("ALTER TABLE t DROP COLUMN IF EXISTS c CASCADE", DROP),
                op("ALTER TABLE t DROP CONSTRAINT c", DROP),
                op("ALTER TABLE t DROP CONSTRAINT IF EXISTS c", DROP),
                op("ALTER TABLE t DROP PRIMARY KEY", DROP),
                op("ALTER TABLE t ADD COLUMN x int , DROP COLUMN y", DROP),
                op("ALTER TABLE t ALTER COLUMN c SET DEFAULT 1 , DROP COLUMN d", DROP),
                op("ALTER TABLE t ALTER COLUMN c DROP IDENTITY", DROP),
                op("ALTER TABLE t ALTER COLUMN c DROP IDENTITY IF EXISTS", DROP),
                op("ALTER TABLE t ALTER COLUMN c DROP EXPRESSION", DROP),
                op("ALTER TYPE t DROP ATTRIBUTE a", DROP),
                op("ALTER DOMAIN d DROP CONSTRAINT c", DROP),
                op("ALTER EXTENSION e DROP TABLE t", DROP),
                op("ALTER PUBLICATION p DROP TABLE t", DROP),
                op("ALTER SUBSCRIPTION s DROP PUBLICATION p", DROP),
                op("ALTER GROUP g DROP USER u", DROP));
    }

    static Stream<Arguments> deletes() {
        return Stream.of(
                op("DELETE FROM t", DELETE),
                op("DELETE FROM t WHERE id = 1", DELETE),
                op("DELETE FROM t USING u WHERE t.id = u.id", DELETE),
                op("DELETE FROM t WHERE id = 1 RETURNING id", DELETE),
                op("WITH x AS ( DELETE FROM t RETURNING * ) SELECT * FROM x", DELETE),
                op("WITH a AS ( SELECT 1 ) , d AS ( DELETE FROM t RETURNING * ) SELECT * FROM d", DELETE),
                op("WITH d AS ( DELETE FROM t RETURNING * ) INSERT INTO archive SELECT * FROM d", DELETE),
                op("INSERT INTO archive WITH d AS ( DELETE FROM t RETURNING * ) SELECT * FROM d", DELETE),
                op("SELECT * FROM ( WITH d AS ( DELETE FROM t RETURNING * ) SELECT * FROM d ) x", DELETE),
                op("SELECT * FROM t WHERE id IN ( WITH d AS ( DELETE FROM u RETURNING id ) SELECT id FROM d )",
                        DELETE),
                op("SELECT ( WITH d AS ( DELETE FROM u RETURNING id ) SELECT count ( * ) FROM d )", DELETE),
                op("SELECT 1 UNION ALL ( WITH d AS ( DELETE FROM u RETURNING id ) SELECT id FROM d )", DELETE),
                op("CREATE TABLE x AS WITH d AS ( DELETE FROM u RETURNING * ) SELECT * FROM d", DELETE),
                op("EXPLAIN ANALYZE DELETE FROM t", DELETE),
                op("INSERT INTO t ( a ) VALUES ( ( WITH d AS ( DELETE FROM u RETURNING id ) SELECT id FROM d LIMIT 1 ) )",
                        DELETE),
                op("SELECT f ( a , ( WITH d AS ( DELETE FROM u RETURNING id ) SELECT max ( id ) FROM d ) ) FROM t",
                        DELETE),
                op("SELECT CASE WHEN x THEN ( WITH d AS ( DELETE FROM u RETURNING id ) SELECT 1 FROM d ) END FROM t",
                        DELETE),
                op("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", DELETE),
                op("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND s.gone THEN DELETE"
                        + " WHEN NOT MATCHED THEN INSERT ( id ) VALUES ( s.id )", DELETE));
    }

    static Stream<Arguments> truncates() {
        return Stream.of(
                op("TRUNCATE t", TRUNCATE),
                op("TRUNCATE TABLE a", TRUNCATE),
                op("TRUNCATE ONLY t", TRUNCATE),
                op("TRUNCATE t CASCADE", TRUNCATE),
                op("TRUNCATE a , b", TRUNCATE),
                op("TRUNCATE TABLE a , b CASCADE", TRUNCATE));
    }

    static Stream<Arguments> updates() {
        return Stream.of(
                op("UPDATE t SET a = 1", UPDATE_WITHOUT_WHERE),
                op("UPDATE t SET a = 1 , b = DEFAULT RETURNING *", UPDATE_WITHOUT_WHERE),
                op("UPDATE t SET a = 1 WHERE id = 1"),
                op("UPDATE t SET a = 1 FROM u WHERE t.id = u.id"),
                op("UPDATE t SET a = ( SELECT max ( b ) FROM u ) WHERE id = 1"),
                op("UPDATE t SET a = 1 WHERE id IN ( SELECT id FROM u )"),
                op("WITH u AS ( UPDATE t SET a = 1 RETURNING * ) SELECT * FROM u", UPDATE_WITHOUT_WHERE),
                op("WITH u AS ( UPDATE t SET a = 1 WHERE id = 1 RETURNING * ) SELECT * FROM u"),
                op("WITH u AS ( UPDATE t SET a = 1 RETURNING * ) INSERT INTO log SELECT * FROM u",
                        UPDATE_WITHOUT_WHERE),
                op("WITH d AS ( DELETE FROM a WHERE id = 1 RETURNING id ) UPDATE b SET x = 1",
                        DELETE, UPDATE_WITHOUT_WHERE),
                op("WITH d AS ( DELETE FROM a RETURNING * ) , u AS ( UPDATE b SET x = 1 RETURNING * )"
                        + " SELECT * FROM d , u", DELETE, UPDATE_WITHOUT_WHERE),
                // these UPDATEs only touch matched / conflicting rows
                op("INSERT INTO t ( a , b ) VALUES ( 1 , 2 ) ON CONFLICT ( a ) DO UPDATE SET b = EXCLUDED.b"),
                op("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a"));
    }

    /** Destructive words that are not destructive operations. */
    static Stream<Arguments> harmless() {
        return Stream.of(
                op("ALTER TABLE t ALTER COLUMN c DROP DEFAULT"),
                op("ALTER TABLE t ALTER c DROP DEFAULT"),
                op("ALTER TABLE t ALTER COLUMN c DROP NOT NULL"),
                op("ALTER DOMAIN d DROP DEFAULT"),
                op("ALTER DOMAIN d DROP NOT NULL"),
                op("ALTER TABLE t DETACH PARTITION p"),
                op("CREATE TEMP TABLE t ( a int ) ON COMMIT DROP"),
                op("CREATE TABLE t ( a int REFERENCES u ( id ) ON DELETE CASCADE ON UPDATE SET NULL )"),
                op("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY ( user_id ) REFERENCES users ( id )"
                        + " ON DELETE CASCADE NOT VALID"),
                op("CREATE TRIGGER trg BEFORE DELETE OR TRUNCATE ON t FOR EACH STATEMENT EXECUTE FUNCTION f ( )"),
                op("CREATE POLICY p ON t FOR DELETE USING ( true )"),
                op("GRANT DELETE , TRUNCATE ON t TO r"),
                op("SELECT 'DROP TABLE t' , \"delete\" FROM t"),
                op("SELECT * FROM t FOR UPDATE SKIP LOCKED"),
                // bodies are text to JSqlParser; dynamic SQL is another check's business
                op("CREATE FUNCTION f ( ) RETURNS void AS $$ DELETE FROM t $$ LANGUAGE sql"),
                op("DO $$ BEGIN DELETE FROM t; END $$"));
    }

    /**
     * JSqlParser keeps what it does not model as free text (an {@code UNSPECIFIC} alter action, unknown table options,
     * index tails); a destructive keyword in such text counts, fail-closed.
     */
    static Stream<Arguments> uninterpretedText() {
        return Stream.of(
                op("ALTER TABLE t garbage"),
                op("ALTER TABLE t garbage DROP x", DROP),
                op("ALTER TABLE t OWNER TO r DROP x", DROP),
                op("ALTER TABLE t SET ( fillfactor = 70 ) DROP x", DROP),
                op("CREATE TABLE t ( id int ) garbage DROP x", DROP),
                op("CREATE INDEX i ON t ( a ) DROP x", DROP),
                op("ALTER TABLE t ALTER COLUMN c DROP garbage", DROP));
    }

    @ParameterizedTest
    @MethodSource({"drops", "deletes", "truncates", "updates", "harmless", "uninterpretedText"})
    void treeOperations(String sql, Set<OperationType> expected) {
        ParseOutcome outcome = ADAPTER.parse(sql);
        assertTrue(outcome.parsed(), () -> sql + " -> " + outcome.error());
        assertEquals(expected, outcome.treeOperations(), sql);
    }

    @org.junit.jupiter.api.Test
    void freeTextScanKnowsTheHarmlessPhrases() {
        Set<OperationType> found = EnumSet.noneOf(OperationType.class);
        JsqlTreeOperations.scanFreeText(found, "ON COMMIT DROP", java.util.List.of("ON", "DELETE", "CASCADE",
                "ON", "UPDATE", "SET", "NULL", "DROP", "DEFAULT", "DROP", "NOT", "NULL", "'DROP'", "\"truncate\"",
                "drop_me", "FOR", "NO", "KEY", "UPDATE"));
        assertEquals(Set.of(), found);

        JsqlTreeOperations.scanFreeText(found, "x drop y", null);
        assertEquals(Set.of(DROP), found);
        JsqlTreeOperations.scanFreeText(found, null, java.util.List.of("Delete", "truncate", "UPDATE t"));
        assertEquals(EnumSet.of(DROP, DELETE, TRUNCATE, UPDATE_WITHOUT_WHERE), found);
    }
}
