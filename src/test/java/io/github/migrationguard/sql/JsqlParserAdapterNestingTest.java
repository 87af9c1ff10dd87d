package io.github.migrationguard.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.analysis.OperationType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The nesting guard in front of JSqlParser: deep but real SQL parses, anything deeper is refused, nothing overflows. */
class JsqlParserAdapterNestingTest {

    private static final int LIMIT = JsqlParserAdapter.MAX_NESTING_DEPTH;

    private final JsqlParserAdapter adapter = new JsqlParserAdapter();

    /** Statement shapes that nest one bracket level per step. */
    private static Map<String, IntFunction<String>> shapes() {
        Map<String, IntFunction<String>> shapes = new LinkedHashMap<>();
        shapes.put("parentheses", d -> "SELECT " + "( ".repeat(d) + "1" + " )".repeat(d));
        shapes.put("arithmetic", d -> "SELECT " + "( 1 + ".repeat(d) + "1" + " )".repeat(d));
        shapes.put("function calls", d -> "SELECT " + "f ( ".repeat(d) + "1" + " )".repeat(d));
        shapes.put("derived tables", d -> "SELECT * FROM " + "( SELECT * FROM ".repeat(d) + "t" + " ) x".repeat(d));
        shapes.put("IN subqueries", d -> "SELECT * FROM t WHERE " + "a IN ( SELECT a FROM t WHERE ".repeat(d)
                + "b = 1" + " )".repeat(d));
        shapes.put("EXISTS in DELETE", d -> "DELETE FROM t WHERE " + "EXISTS ( SELECT 1 FROM u WHERE ".repeat(d)
                + "u.id = t.id" + " )".repeat(d));
        shapes.put("CASE in parentheses", d -> "SELECT " + "( CASE WHEN a = 1 THEN ".repeat(d) + "1"
                + " END )".repeat(d));
        shapes.put("arrays", d -> "SELECT " + "ARRAY [ ".repeat(d) + "1" + " ]".repeat(d));
        shapes.put("WHERE parentheses in UPDATE", d -> "UPDATE t SET a = 1 WHERE " + "( ".repeat(d) + "b = 1"
                + " )".repeat(d));
        shapes.put("CHECK in CREATE TABLE", d -> "CREATE TABLE t ( a int CHECK " + "( ".repeat(d - 1) + "a > 0"
                + " )".repeat(d - 1) + " )");
        return shapes;
    }

    @Test
    void tenThousandNestedParenthesesAreRefusedBeforeParsing() {
        String sql = "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000);
        ParseOutcome outcome = adapter.parse(sql);
        assertFalse(outcome.parsed());
        assertEquals("nesting deeper than " + LIMIT, outcome.error());

        String unbalanced = "SELECT " + "(".repeat(10_000);
        assertEquals("nesting deeper than " + LIMIT, adapter.parse(unbalanced).error());
    }

    @Test
    void oneLevelTooDeepIsRefusedForEveryShape() {
        for (Map.Entry<String, IntFunction<String>> shape : shapes().entrySet()) {
            ParseOutcome outcome = adapter.parse(shape.getValue().apply(LIMIT + 1));
            assertEquals("nesting deeper than " + LIMIT, outcome.error(), shape.getKey());
        }
    }

    @Test
    void theDeepestAllowedNestingParsesOnA512KbStack() throws Exception {
        Map<String, ParseOutcome> outcomes = onStack(512 * 1024, () -> {
            Map<String, ParseOutcome> results = new LinkedHashMap<>();
            for (Map.Entry<String, IntFunction<String>> shape : shapes().entrySet()) {
                String sql = shape.getValue().apply(LIMIT);
                assertEquals(LIMIT, JsqlNesting.depth(sql, Integer.MAX_VALUE), shape.getKey());
                results.put(shape.getKey(), adapter.parse(sql));
            }
            return results;
        });
        for (Map.Entry<String, ParseOutcome> entry : outcomes.entrySet()) {
            assertTrue(entry.getValue().parsed(), entry.getKey() + ": " + entry.getValue().error());
        }
        assertEquals(java.util.Set.of(OperationType.DELETE), outcomes.get("EXISTS in DELETE").treeOperations());
    }

    @Test
    void bracketsInsideLiteralsAndQuotedNamesDoNotCount() {
        String parens = "(".repeat(500);
        ParseOutcome outcome = adapter.parse("SELECT '" + parens + "' , \"" + parens + "\" , $x$ " + parens
                + " $x$ FROM t");
        assertTrue(outcome.parsed(), outcome.error());
    }

    @Test
    void nestingIsMeasuredTheWayJSqlParsersLexerSeesTheText() {
        assertEquals(0, JsqlNesting.depth("SELECT 1", 100));
        assertEquals(3, JsqlNesting.depth("SELECT ( ( ( 1 ) ) )", 100));
        assertEquals(2, JsqlNesting.depth("SELECT a [ f ( 1 ) ]", 100));
        assertEquals(1, JsqlNesting.depth("SELECT ( 'it''s )))' )", 100));
        assertEquals(1, JsqlNesting.depth("SELECT ( \"a\"\"(((\" )", 100));
        assertEquals(1, JsqlNesting.depth("SELECT ( $$ ((( $$ )", 100));
        assertEquals(1, JsqlNesting.depth("SELECT ( $fn$ ((( $ $$ $fn$ )", 100));
        // $1 is a parameter, a$b$ an identifier: neither opens a dollar quote
        assertEquals(2, JsqlNesting.depth("SELECT ( $1 + ( 2 ) )", 100));
        assertEquals(2, JsqlNesting.depth("SELECT a$b$ , ( ( 1 ) ) , $c", 100));
        // backslash escapes are off, as in the parser: E'\' ends at the second quote
        assertEquals(2, JsqlNesting.depth("SELECT E'\\' , ( ( 1 ) ) , 'x'", 100));
        assertEquals(1, JsqlNesting.depth("SELECT ( 1 ) -- (((((\n", 100));
        assertEquals(1, JsqlNesting.depth("SELECT /* (((( */ ( 1 )", 100));
        // unterminated literals swallow the rest
        assertEquals(1, JsqlNesting.depth("SELECT ( ' ((((", 100));
        // stops early once over the limit
        assertEquals(6, JsqlNesting.depth("((((((((((((((((", 5));
    }

    private interface Work<T> {
        T run();
    }

    private static <T> T onStack(long stackBytes, Work<T> work) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.run());
            } catch (Throwable e) {
                result.set(e);
            }
        }, "nesting-test", stackBytes);
        thread.start();
        thread.join(120_000);
        assertFalse(thread.isAlive(), "parse did not finish");
        Object value = result.get();
        if (value instanceof Throwable e) {
            throw new AssertionError("thrown on a " + stackBytes / 1024 + " KB stack", e);
        }
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return typed;
    }
}
