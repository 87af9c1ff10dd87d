package io.github.migrationguard.lint.rules;

import static io.github.migrationguard.lint.rules.RuleTestSupport.assertFindings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.sql.LexProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanUnterminatedSqlRuleTest {

    private final BanUnterminatedSqlRule rule = new BanUnterminatedSqlRule();

    @Test
    void reportsFromTheOpeningToTheEndOfItsLine() {
        String sql = "SELECT 1;\nSELECT 'never closed;\nDROP TABLE users;\n";
        int start = sql.indexOf('\'');
        List<FakeRuleContext.Reported> r = FakeRuleContext.of(sql)
                .problem(LexProblem.Kind.UNTERMINATED_STRING, start, "unterminated string literal").run(rule);
        assertEquals(1, r.size());
        assertEquals(start, r.get(0).start());
        assertEquals(sql.indexOf('\n', start), r.get(0).end());
        assertTrue(r.get(0).message().startsWith("Unterminated string literal starts here and is never closed"),
                r.get(0).message());
        assertTrue(r.get(0).safeAlternative().contains("''"), r.get(0).safeAlternative());
    }

    @Test
    void everyKindHasItsOwnFix() {
        String sql = "x";
        for (LexProblem.Kind kind : LexProblem.Kind.values()) {
            List<FakeRuleContext.Reported> r = FakeRuleContext.of(sql).problem(kind, 0, "").run(rule);
            assertEquals(1, r.size(), kind.name());
            assertEquals(1, r.get(0).end(), kind.name());
            assertTrue(r.get(0).message().length() > 20, kind + ": " + r.get(0).message());
        }
        assertTrue(FakeRuleContext.of(sql).problem(LexProblem.Kind.UNTERMINATED_DOLLAR_STRING, 0, "")
                .run(rule).get(0).safeAlternative().contains("same tag"));
        assertTrue(FakeRuleContext.of(sql).problem(LexProblem.Kind.INVALID_CHARACTER, 0, "")
                .run(rule).get(0).message().startsWith("Invalid char: PostgreSQL does not accept"));
    }

    @Test
    void noProblemNoFinding() {
        assertEquals(List.of(), FakeRuleContext.of("SELECT 1;").statement(0, 9, false).run(rule));
    }

    @Test
    void cleanFileHasNoFinding() {
        assertFindings("""
                SELECT 'it''s closed', E'escaped \\' quote', "quoted ""id\""" FROM t;
                SELECT $tag$ body with $$ inside $tag$;
                /* outer /* nested */ still comment */ SELECT 1;
                """);
    }

    @Test
    void unterminatedStringSwallowsTheRestOfTheFile() {
        List<Finding> f = assertFindings("""
                SELECT 1;
                -- EXPECT: ban-unterminated-sql
                INSERT INTO t (note) VALUES ('it''s', 'not closed);
                DROP TABLE users;
                """);
        Finding unterminated = f.stream().filter(x -> x.ruleId().equals("ban-unterminated-sql")).findFirst()
                .orElseThrow();
        assertEquals(3, unterminated.line());
        assertEquals("INSERT INTO t (note) VALUES ('it''s', ".length() + 1, unterminated.column());
    }

    @Test
    void unterminatedDollarQuote() {
        assertFindings("""
                SELECT 1;
                -- the body cannot be read either, so it is also unverifiable dynamic SQL
                -- EXPECT: ban-unterminated-sql, ban-dynamic-sql
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1 $bod$;
                """);
    }

    @Test
    void unterminatedQuotedIdentifier() {
        assertFindings("""
                -- EXPECT: ban-unterminated-sql
                CREATE TABLE "users (id int);
                """);
    }

    @Test
    void unterminatedBlockCommentAtTheEnd() {
        assertFindings("""
                SELECT 1;
                -- EXPECT: ban-unterminated-sql
                /* outer /* nested */ DROP TABLE users;
                """);
    }
}
