package io.github.migrationguard.sql.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.JsqlParserAdapter;
import io.github.migrationguard.sql.ParseOutcome;
import io.github.migrationguard.sql.SourceText;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.StatementSplitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatementAnalyzerTest {

    private static final StatementAnalyzer ANALYZER = new StatementAnalyzer();

    private static List<AnalyzedStatement> analyze(StatementAnalyzer analyzer, String sql) {
        String text = SourceText.of(sql).text();
        List<AnalyzedStatement> out = new ArrayList<>();
        for (SqlStatement st : StatementSplitter.split(text).statements()) {
            out.add(analyzer.analyze(st, text));
        }
        return out;
    }

    private static AnalyzedStatement only(StatementAnalyzer analyzer, String sql) {
        List<AnalyzedStatement> all = analyze(analyzer, sql);
        assertEquals(1, all.size(), () -> "statements of " + sql + ": " + all);
        return all.get(0);
    }

    private static List<OperationType> types(AnalyzedStatement a) {
        return a.operations().stream().map(Operation::type).toList();
    }

    @Test
    void createTableParsesAndDoesNothingDestructive() {
        // the DELETE in the default string is outside what the scanner judged, so the parser is consulted
        AnalyzedStatement a = only(ANALYZER,
                "CREATE TABLE users (id bigint PRIMARY KEY, note text DEFAULT 'delete me later');");
        assertEquals("CREATE TABLE", a.kind());
        assertTrue(a.parsed());
        assertNull(a.parseError());
        assertEquals(List.of(), a.operations());
    }

    @Test
    void theParserIsConsultedOnlyWhenItsAnswerCouldChangeTheVerdict() {
        List<String> seen = new ArrayList<>();
        // a parser that would report a DELETE everywhere: whenever it is consulted, its answer shows up
        StatementAnalyzer analyzer = new StatementAnalyzer(sql -> {
            seen.add(sql);
            return ParseOutcome.success("Delete", Set.of(OperationType.DELETE));
        });
        // known kind, no destructive word anywhere in the text: no parse can change anything
        AnalyzedStatement plain = only(analyzer, "CREATE TABLE t (id int, updated_at timestamptz);");
        assertEquals(List.of(), seen);
        assertEquals(List.of(), plain.operations());
        assertFalse(plain.parsed());
        assertTrue(plain.parseError().startsWith("not consulted"), plain.parseError());
        // a destructive word inside a string is outside what the scanner judged: the parser is asked
        AnalyzedStatement inString = only(analyzer, "INSERT INTO notes VALUES ('please DELETE me');");
        assertEquals(1, seen.size());
        assertEquals(List.of(OperationType.DELETE), types(inString));
        // a DROP the scanner already reported leaves nothing for the parser to add about DROP
        seen.clear();
        only(analyzer, "DROP TABLE users;");
        assertEquals(List.of(), seen);
        // an unknown kind always goes to the parser: a successful parse is what keeps it from being unrecognised
        only(analyzer, "FROBNICATE users;");
        assertEquals(List.of("FROBNICATE users"), seen);
    }

    @Test
    void verdictWordsAreWholeWordsInsideStringsBodiesAndQuotedNames() {
        List<Operation> none = List.of();
        assertFalse(consults("CREATE TABLE", "CREATE TABLE t (dropped int, x text DEFAULT 'updated_at');", none));
        // bare keywords were judged by the scanner itself
        assertFalse(consults("CREATE TABLE", "CREATE TABLE t (id int REFERENCES u ON DELETE CASCADE);", none));
        assertFalse(consults("UPDATE", "UPDATE t SET a = 1 WHERE id = 2;", none));
        assertFalse(consults("UPDATE", "UPDATE ONLY app.\"Orders\" * AS o SET a = 1 WHERE o.id = 2;", none));
        assertFalse(consults("CREATE TRIGGER",
                "CREATE TRIGGER t BEFORE INSERT OR UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f();", none));
        assertFalse(consults("GRANT", "GRANT SELECT, UPDATE ON t TO r;", none));
        // an update the scanner does not read as a command: the parser gets a say
        assertTrue(consults("UPDATE", "UPDATE t1, t2 SET a = 1;", none));
        assertTrue(consults("SELECT", "SELECT update FROM t;", none));
        // hidden words: in a string, a dollar body (also between dollar signs), a quoted identifier, any case
        assertTrue(consults("INSERT", "INSERT INTO t VALUES ('then dRoP it');", none));
        assertTrue(consults("COMMENT", "COMMENT ON TABLE t IS $$truncate$$;", none));
        assertTrue(consults("CREATE FUNCTION",
                "CREATE FUNCTION f() RETURNS void AS $b$ BEGIN UPDATE t SET a = 1; END $b$ LANGUAGE plpgsql;", none));
        assertTrue(consults("SELECT", "SELECT 1 AS \"delete\";", none));
        assertTrue(consults("UNKNOWN", "FROBNICATE;", none));
        // a type the scanner already reported cannot be added again by the parser
        List<Operation> delete = List.of(new Operation(OperationType.DELETE, 0, 6, "DELETE"));
        assertFalse(consults("INSERT", "INSERT INTO t VALUES ('delete');", delete));
        assertTrue(consults("INSERT", "INSERT INTO t VALUES ('delete', 'drop');", delete));
    }

    private static boolean consults(String kind, String sql, List<Operation> ops) {
        SqlStatement st = StatementSplitter.split(sql).statements().get(0);
        return StatementAnalyzer.parserCanChangeTheVerdict(kind, st.body(), ops);
    }

    @Test
    void dropIsReportedOnceAtItsKeyword() {
        String sql = "SELECT 1;\n-- cleanup\nDROP TABLE users;";
        List<AnalyzedStatement> all = analyze(ANALYZER, sql);
        AnalyzedStatement drop = all.get(1);
        assertEquals("DROP", drop.kind());
        assertEquals(List.of(OperationType.DROP), types(drop));
        assertEquals(sql.indexOf("DROP"), drop.operations().get(0).start());
        assertEquals("DROP TABLE users", drop.operations().get(0).detail());
        assertTrue(drop.has(OperationType.DROP));
        assertFalse(drop.has(OperationType.DELETE));
    }

    @Test
    void metaCommandsAreNotParsed() {
        List<AnalyzedStatement> all = analyze(ANALYZER, "\\set ON_ERROR_STOP on\nSELECT 1;");
        AnalyzedStatement meta = all.get(0);
        assertEquals(StatementAnalyzer.META_COMMAND_KIND, meta.kind());
        assertFalse(meta.parsed());
        assertEquals(List.of(), meta.operations());
        assertEquals("SELECT", all.get(1).kind());
    }

    @Test
    void unknownStatementThatDoesNotParseIsUnrecognized() {
        String sql = "FROBNICATE TABLE users;";
        AnalyzedStatement a = only(ANALYZER, sql);
        assertEquals(StatementClassifier.UNKNOWN, a.kind());
        assertFalse(a.parsed());
        assertEquals(List.of(OperationType.UNRECOGNIZED), types(a));
        Operation op = a.operations().get(0);
        assertEquals(0, op.start());
        assertTrue(op.detail().startsWith("statement could not be parsed and is not a recognised kind: "),
                op.detail());
        assertEquals(a.parseError(), op.detail().substring(op.detail().indexOf(": ") + 2));
    }

    @Test
    void knownKindThatDoesNotParseIsNotUnrecognized() {
        AnalyzedStatement a = only(ANALYZER,
                "CREATE RULE keep AS ON DELETE TO orders DO INSTEAD UPDATE orders SET archived = true WHERE id = old.id;");
        assertEquals("CREATE RULE", a.kind());
        assertEquals(List.of(), a.operations());
    }

    @Test
    void doBlockFindingPointsIntoTheBody() {
        String sql = "DO $$\nBEGIN\n  DELETE FROM audit;\nEND $$;";
        AnalyzedStatement a = only(ANALYZER, sql);
        assertEquals("DO", a.kind());
        assertEquals(List.of(OperationType.DELETE), types(a));
        assertEquals(3, SourceText.of(sql).line(a.operations().get(0).start()));
    }

    @Test
    void copyDataIsNeitherScannedNorParsed() {
        String sql = "COPY notes (body) FROM stdin;\nDROP TABLE users;\n\\.\nSELECT 1;";
        List<AnalyzedStatement> all = analyze(ANALYZER, sql);
        assertEquals("COPY", all.get(0).kind());
        assertEquals(List.of(), all.get(0).operations());
    }

    @Test
    void operationsTheParserFindsAndTheScannerMissedAreAdded() {
        Function<String, ParseOutcome> parser = sql -> ParseOutcome.success("Update",
                Set.of(OperationType.UPDATE_WITHOUT_WHERE, OperationType.DELETE));
        StatementAnalyzer analyzer = new StatementAnalyzer(parser);
        String sql = "SELECT 1;\n  UPDATE t1, t2 SET t1.a = t2.a;";
        AnalyzedStatement a = analyze(analyzer, sql).get(1);
        assertEquals(List.of(OperationType.DELETE, OperationType.UPDATE_WITHOUT_WHERE), types(a));
        for (Operation op : a.operations()) {
            assertEquals(sql.indexOf("UPDATE"), op.start());
            assertTrue(op.detail().endsWith("(reported by the SQL parser)"), op.detail());
        }
    }

    @Test
    void parserDoesNotDuplicateWhatTheScannerFound() {
        StatementAnalyzer analyzer = new StatementAnalyzer(sql -> ParseOutcome.success("Delete",
                Set.of(OperationType.DELETE)));
        String sql = "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d;";
        AnalyzedStatement a = only(analyzer, sql);
        assertEquals(List.of(OperationType.DELETE), types(a));
        assertEquals(sql.indexOf("DELETE"), a.operations().get(0).start());
    }

    @Test
    void parserInputIsRebuiltFromTokensWithoutCommentsOrSemicolon() {
        List<String> seen = new ArrayList<>();
        StatementAnalyzer analyzer = new StatementAnalyzer(sql -> {
            seen.add(sql);
            return ParseOutcome.success("CreateTable", Set.of());
        });
        only(analyzer, "CREATE /* c */ TABLE t (\n  id int -- key\n  DEFAULT 'drop'\n);");
        assertEquals(List.of("CREATE TABLE t ( id int DEFAULT 'drop' )"), seen);
    }

    @Test
    void parserThatThrowsCountsAsNotParsed() {
        StatementAnalyzer analyzer = new StatementAnalyzer(sql -> {
            throw new IllegalStateException("boom");
        });
        AnalyzedStatement a = only(analyzer, "FROBNICATE;");
        assertFalse(a.parsed());
        assertEquals(List.of(OperationType.UNRECOGNIZED), types(a));
        assertEquals(List.of(), only(analyzer, "VACUUM ANALYZE t;").operations());
    }

    @Test
    void timeLimitMeansNotParsed() {
        StatementAnalyzer hurried = new StatementAnalyzer(new JsqlParserAdapter(Duration.ofNanos(1)));
        AnalyzedStatement unknown = only(hurried, "FROBNICATE TABLE users;");
        assertFalse(unknown.parsed());
        assertEquals(List.of(OperationType.UNRECOGNIZED), types(unknown));
        AnalyzedStatement known = only(hurried, "CREATE TABLE t (id int);");
        assertFalse(known.parsed());
        assertEquals(List.of(), known.operations());
    }

    @Test
    void explainWithoutAnalyzeStaysCleanWhateverTheParserSays() {
        StatementAnalyzer analyzer = new StatementAnalyzer(sql -> ParseOutcome.success("ExplainStatement",
                Set.of(OperationType.DELETE)));
        assertEquals(List.of(), only(analyzer, "EXPLAIN DELETE FROM t;").operations());
        assertEquals(List.of(OperationType.DELETE), types(only(analyzer, "EXPLAIN ANALYZE DELETE FROM t;")));
    }

    @Test
    void harmlessStatementsStayCleanWithTheRealParser() {
        String sql = """
                CREATE TABLE orders (id int REFERENCES customers ON DELETE CASCADE ON UPDATE SET NULL);
                GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON orders TO app;
                CREATE TRIGGER trg AFTER INSERT OR UPDATE OF a OR DELETE OR TRUNCATE ON orders
                    FOR EACH ROW EXECUTE FUNCTION f();
                CREATE POLICY p ON orders FOR DELETE USING (true);
                SELECT * FROM orders FOR NO KEY UPDATE SKIP LOCKED;
                INSERT INTO orders VALUES (1) ON CONFLICT (id) DO UPDATE SET id = excluded.id;
                ALTER TABLE orders ALTER COLUMN c DROP DEFAULT, ALTER d DROP NOT NULL;
                ALTER DOMAIN positive DROP DEFAULT;
                CREATE TEMP TABLE scratch (a int) ON COMMIT DROP;
                CREATE TEMP TABLE scratch2 (a int) ON COMMIT DELETE ROWS;
                CREATE RULE keep AS ON DELETE TO orders DO INSTEAD NOTHING;
                EXPLAIN DELETE FROM orders;
                SELECT audit.delete, 1 AS drop FROM audit;
                MERGE INTO orders o USING incoming i ON o.id = i.id WHEN MATCHED THEN UPDATE SET total = i.total;
                COMMENT ON TABLE orders IS 'drop me later';
                VACUUM ANALYZE orders;
                BEGIN;
                COMMIT;
                """;
        for (AnalyzedStatement a : analyze(ANALYZER, sql)) {
            assertEquals(List.of(), a.operations(), () -> a.statement().text() + " -> " + a.operations());
        }
    }

    @Test
    void destructiveStatementsAreReportedOnceWithTheRealParser() {
        String sql = """
                UPDATE accounts SET balance = 0;
                DELETE FROM audit;
                DROP TABLE users;
                TRUNCATE sessions;
                ALTER TABLE orders DROP COLUMN total;
                WITH d AS (DELETE FROM audit RETURNING *) SELECT * FROM d;
                """;
        List<List<OperationType>> got = analyze(ANALYZER, sql).stream().map(StatementAnalyzerTest::types).toList();
        assertEquals(List.of(List.of(OperationType.UPDATE_WITHOUT_WHERE), List.of(OperationType.DELETE),
                List.of(OperationType.DROP), List.of(OperationType.TRUNCATE), List.of(OperationType.DROP),
                List.of(OperationType.DELETE)), got);
    }

    @Test
    void oneAnalyzerIsSharedByParallelWorkers() {
        String sql = "DROP TABLE a;\nCREATE TABLE b (id int);\nUPDATE c SET x = 1;\nFROBNICATE;";
        List<List<OperationType>> expected = analyze(ANALYZER, sql).stream().map(StatementAnalyzerTest::types).toList();
        assertEquals(List.of(List.of(OperationType.DROP), List.of(), List.of(OperationType.UPDATE_WITHOUT_WHERE),
                List.of(OperationType.UNRECOGNIZED)), expected);
        ConcurrentLinkedQueue<List<List<OperationType>>> results = new ConcurrentLinkedQueue<>();
        IntStream.range(0, 64).parallel().forEach(i ->
                results.add(analyze(ANALYZER, sql).stream().map(StatementAnalyzerTest::types).toList()));
        assertEquals(64, results.size());
        results.forEach(r -> assertEquals(expected, r));
    }
}
