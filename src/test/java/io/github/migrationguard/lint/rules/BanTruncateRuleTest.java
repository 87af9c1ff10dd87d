package io.github.migrationguard.lint.rules;

import static io.github.migrationguard.lint.rules.RuleTestSupport.assertFindings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.analysis.OperationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanTruncateRuleTest {

    private final BanTruncateRule rule = new BanTruncateRule();

    @Test
    void reportsTheTruncateWithItsDetail() {
        String sql = "TRUNCATE audit, sessions CASCADE;";
        List<FakeRuleContext.Reported> r = FakeRuleContext.of(sql)
                .operation(OperationType.TRUNCATE, "TRUNCATE", "TRUNCATE audit, sessions").run(rule);
        assertEquals(1, r.size());
        assertEquals(0, r.get(0).start());
        assertEquals("TRUNCATE".length(), r.get(0).end());
        assertTrue(r.get(0).message().startsWith("TRUNCATE audit, sessions empties"), r.get(0).message());
        assertTrue(r.get(0).safeAlternative().contains("backup table"), r.get(0).safeAlternative());
    }

    @Test
    void ignoresOtherOperations() {
        assertEquals(List.of(), FakeRuleContext.of("DELETE FROM t;")
                .operation(OperationType.DELETE, "DELETE", "DELETE FROM t").run(rule));
    }

    @Test
    void flagsTruncate() {
        assertFindings("""
                -- EXPECT: ban-truncate
                TRUNCATE audit;
                -- EXPECT: ban-truncate
                TRUNCATE TABLE audit, sessions RESTART IDENTITY CASCADE;
                """);
    }

    @Test
    void doesNotFlagLookalikes() {
        assertFindings("""
                CREATE TABLE truncate_log (id int);
                SELECT trunc(1.5), 'TRUNCATE audit';
                -- TRUNCATE audit;
                INSERT INTO truncate_log (id) VALUES (1);
                """);
    }

    @Test
    void adversarialTruncatesAreFound() {
        assertFindings("""
                -- EXPECT: ban-truncate
                truncate audit;
                -- EXPECT: ban-truncate
                TrUnCaTe /* x */ ONLY -- y
                  audit;
                -- EXPECT: ban-truncate
                DO $$ BEGIN TRUNCATE audit; END $$;
                -- EXPECT: ban-truncate
                CREATE FUNCTION wipe() RETURNS void LANGUAGE plpgsql AS $f$ BEGIN TRUNCATE sessions; END $f$;
                -- EXPECT: ban-truncate
                DO $$ BEGIN EXECUTE 'TRUNCATE audit'; END $$;
                """);
    }
}
