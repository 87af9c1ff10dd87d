package io.github.migrationguard.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.analysis.OperationType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JsqlParserAdapterTest {

    private final JsqlParserAdapter adapter = new JsqlParserAdapter();

    @Test
    void parsesOneStatementAndNamesItsType() {
        ParseOutcome outcome = adapter.parse("CREATE TABLE users ( id bigint PRIMARY KEY , email text NOT NULL )");
        assertTrue(outcome.parsed(), outcome.error());
        assertEquals("CreateTable", outcome.statementType());
        assertNull(outcome.error());
        assertEquals(Set.of(), outcome.treeOperations());
    }

    @Test
    void statementTypesAreJSqlParserSimpleClassNames() {
        assertEquals("Alter", adapter.parse("ALTER TABLE t ADD COLUMN c int").statementType());
        assertEquals("Drop", adapter.parse("DROP TABLE t").statementType());
        assertEquals("Delete", adapter.parse("DELETE FROM t WHERE id = 1").statementType());
        assertEquals("Insert", adapter.parse("INSERT INTO t ( a ) VALUES ( 1 )").statementType());
        assertEquals("Update", adapter.parse("UPDATE t SET a = 1 WHERE id = 2").statementType());
        assertEquals("CreateIndex", adapter.parse("CREATE INDEX i ON t ( a )").statementType());
        // 5.x has no concrete Select: a plain query is a PlainSelect, a UNION a SetOperationList
        assertEquals("PlainSelect", adapter.parse("SELECT 1").statementType());
        assertEquals("SetOperationList", adapter.parse("SELECT 1 UNION SELECT 2").statementType());
    }

    @Test
    void failureCarriesAShortOneLineError() {
        ParseOutcome outcome = adapter.parse("DROP TYPE mood");
        assertFalse(outcome.parsed());
        assertNull(outcome.statementType());
        assertEquals(Set.of(), outcome.treeOperations());
        assertNotNull(outcome.error());
        assertFalse(outcome.error().contains("\n"), outcome.error());
        assertTrue(outcome.error().length() <= 200, outcome.error());
        // JSqlParser's message goes on for hundreds of lines ("Was expecting one of: ..."); only the first is kept
        assertTrue(outcome.error().contains("TYPE"), outcome.error());
        assertFalse(outcome.error().contains("lexical state"), outcome.error());
    }

    @Test
    void errorsAreOneShortLine() {
        Throwable noisy = new IllegalStateException("\n  \r\nEncountered: <K_TABLE> / \"TABLE\", at line 1, column 30,"
                + " in lexical state DEFAULT.\r\nWas expecting one of:\n    \"(\"\n" + "    ...\n".repeat(500));
        assertEquals("Encountered: <K_TABLE> / \"TABLE\", at line 1, column 30.", JsqlParserAdapter.oneLine(noisy));
        assertEquals("IllegalStateException", JsqlParserAdapter.oneLine(new IllegalStateException(" \n \n")));
        assertEquals("NullPointerException", JsqlParserAdapter.oneLine(new NullPointerException()));
        String clipped = JsqlParserAdapter.oneLine(new IllegalStateException("x".repeat(1000)));
        assertEquals(200, clipped.length());
        assertTrue(clipped.endsWith("..."));

        ParseOutcome outcome = adapter.parse("SELECT 1 ; 'a\nmulti-line string that goes on and on and on and on'");
        assertFalse(outcome.parsed());
        // the token is shown on one line, cut to 37 characters and an ellipsis
        String shown = "'a multi-line string that goes on and on and on and on'".substring(0, 37) + "...";
        assertEquals("JSqlParser stopped before the end of the statement, at line 1, column 12 (\"" + shown + "\")",
                outcome.error());
    }

    @Test
    void lexicalErrorsAreFailuresToo() {
        // PostgreSQL's E'...' escape string: with backslash escapes off (right for standard strings) the lexer
        // ends the literal at \' and then finds an unterminated one
        ParseOutcome outcome = adapter.parse("SELECT E'it\\'s'");
        assertFalse(outcome.parsed());
        assertNotNull(outcome.error());
        assertFalse(outcome.error().contains("\n"));
    }

    @Test
    void nullEmptyAndBlankInputAreFailures() {
        assertEquals(ParseOutcome.failure("empty statement"), adapter.parse(null));
        assertEquals(ParseOutcome.failure("empty statement"), adapter.parse(""));
        assertEquals(ParseOutcome.failure("empty statement"), adapter.parse("   \n\t "));
    }

    @Test
    void garbageNeverThrows() {
        String[] inputs = {";", ";;", "(", ")", "'", "$$", "$a$ x", "\"", "/*", "--", "\u0000", "\uFFFF",
            "SELECT '", "SELECT ( ( (", "))))", "[[[", "SELECT 1 ; ;", "\\d t", "\\\\", "{ }", "@@@@", "E'\\"};
        for (String input : inputs) {
            ParseOutcome outcome = adapter.parse(input);
            assertFalse(outcome.parsed(), input);
            assertNotNull(outcome.error(), input);
        }
    }

    @Test
    void complexParsingIsTheFallbackWhenTheFastModeFails() {
        // only JSqlParser's complex mode reads a comparison as the THEN value of a CASE
        ParseOutcome outcome = adapter.parse("SELECT CASE WHEN a = 1 THEN b = 2 END FROM t");
        assertTrue(outcome.parsed(), outcome.error());
        assertEquals("PlainSelect", outcome.statementType());
    }

    @Test
    void timeLimitStopsALongParseAndTheAdapterStaysUsable() {
        StringBuilder sql = new StringBuilder("INSERT INTO t ( a , b ) VALUES ");
        for (int i = 0; i < 200_000; i++) {
            sql.append(i == 0 ? "" : " , ").append("( f ( ").append(i).append(" ) , 'v' || g ( ").append(i)
                    .append(" ) )");
        }
        JsqlParserAdapter hurried = new JsqlParserAdapter(Duration.ofMillis(20));
        ParseOutcome outcome = hurried.parse(sql.toString());
        assertFalse(outcome.parsed());
        assertEquals("parse time limit of 20 ms exceeded", outcome.error());

        ParseOutcome next = hurried.parse("SELECT 1");
        assertTrue(next.parsed(), next.error());
    }

    @Test
    void timeLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new JsqlParserAdapter(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new JsqlParserAdapter(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> new JsqlParserAdapter(null));
    }

    @Test
    void noThreadPerStatement() {
        for (int i = 0; i < 50; i++) {
            adapter.parse("SELECT " + i);
        }
        int before = Thread.activeCount();
        Set<Thread> watchdogs = new java.util.HashSet<>();
        for (int i = 0; i < 3_000; i++) {
            assertTrue(adapter.parse("UPDATE t SET a = " + i + " WHERE id = " + i).parsed());
            if (i % 500 == 0) {
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("migration-guard-parse-watchdog"))
                        .forEach(watchdogs::add);
            }
        }
        int after = Thread.activeCount();
        assertTrue(after <= before + 1, "threads before " + before + ", after " + after);
        // the shared watchdog stays the same thread while parses keep coming (other tests' watchdogs may linger)
        assertTrue(watchdogs.size() <= 2, "watchdog threads seen: " + watchdogs);
    }

    @Test
    void sharedInstanceGivesTheSameAnswersFromManyThreads() throws Exception {
        List<String> statements = List.of(
                "CREATE TABLE t ( id int )",
                "DROP TABLE t",
                "WITH d AS ( DELETE FROM t RETURNING * ) SELECT * FROM d",
                "UPDATE t SET a = 1",
                "TRUNCATE t",
                "DROP TYPE x",
                "SELECT 1 ; DROP TABLE x",
                "ALTER TABLE t DROP COLUMN c");
        List<ParseOutcome> expected = statements.stream().map(adapter::parse).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ParseOutcome>>> futures = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                futures.add(pool.submit(() -> {
                    List<ParseOutcome> last = null;
                    for (int round = 0; round < 100; round++) {
                        last = statements.stream().map(adapter::parse).toList();
                        if (!last.equals(expected)) {
                            return last;
                        }
                    }
                    return last;
                }));
            }
            for (Future<List<ParseOutcome>> future : futures) {
                assertEquals(expected, future.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void outcomeOperationsAreImmutable() {
        ParseOutcome outcome = adapter.parse("DROP TABLE t");
        assertEquals(Set.of(OperationType.DROP), outcome.treeOperations());
        assertThrows(UnsupportedOperationException.class, () -> outcome.treeOperations().add(OperationType.DELETE));
        assertTrue(outcome.has(OperationType.DROP));
        assertFalse(outcome.has(OperationType.DELETE));

        ParseOutcome both = adapter.parse("WITH u AS ( UPDATE b SET x = 1 RETURNING * ) DELETE FROM a");
        assertEquals(List.of(OperationType.DELETE, OperationType.UPDATE_WITHOUT_WHERE),
                List.copyOf(both.treeOperations()), "declaration order");
    }

    @Test
    void parserExceptionsInsideASmallStackStillBecomeFailures() throws Exception {
        // 100 levels is allowed; on a 64 KB stack JSqlParser overflows long before that
        String sql = "SELECT " + "(".repeat(JsqlParserAdapter.MAX_NESTING_DEPTH) + "1"
                + ")".repeat(JsqlParserAdapter.MAX_NESTING_DEPTH);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(adapter.parse(sql));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 64 * 1024);
        thread.start();
        thread.join(30_000);
        assertFalse(thread.isAlive());
        ParseOutcome outcome = assertInstanceOfOutcome(result.get());
        assertFalse(outcome.parsed());
        assertEquals("statement nested too deeply for the parser", outcome.error());
    }

    private static ParseOutcome assertInstanceOfOutcome(Object value) {
        assertTrue(value instanceof ParseOutcome, String.valueOf(value));
        return (ParseOutcome) value;
    }
}
