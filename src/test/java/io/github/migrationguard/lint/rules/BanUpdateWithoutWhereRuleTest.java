package io.github.migrationguard.lint.rules;

import static io.github.migrationguard.lint.rules.RuleTestSupport.assertFindings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.analysis.OperationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanUpdateWithoutWhereRuleTest {

    private final BanUpdateWithoutWhereRule rule = new BanUpdateWithoutWhereRule();

    @Test
    void reportsTheUpdateAndSuggestsAWhereOrBatches() {
        String sql = "UPDATE users SET active = true;";
        List<FakeRuleContext.Reported> r = FakeRuleContext.of(sql)
                .operation(OperationType.UPDATE_WITHOUT_WHERE, "UPDATE", "UPDATE users").run(rule);
        assertEquals(1, r.size());
        assertEquals(0, r.get(0).start());
        assertTrue(r.get(0).message().startsWith("UPDATE users has no WHERE clause: it overwrites every row"),
                r.get(0).message());
        assertTrue(r.get(0).safeAlternative().contains("WHERE"), r.get(0).safeAlternative());
        assertTrue(r.get(0).safeAlternative().contains("batches"), r.get(0).safeAlternative());
    }

    @Test
    void aDetailThatAlreadySaysSoIsNotRepeated() {
        assertEquals("UPDATE users without WHERE", BanUpdateWithoutWhereRule.withoutWhere("UPDATE users without WHERE"));
        assertEquals("UPDATE t (inside a CTE) has no WHERE clause",
                BanUpdateWithoutWhereRule.withoutWhere("UPDATE t (inside a CTE)"));
    }

    @Test
    void ignoresOtherOperations() {
        assertEquals(List.of(), FakeRuleContext.of("DELETE FROM t;")
                .operation(OperationType.DELETE, "DELETE", "DELETE FROM t").run(rule));
    }

    @Test
    void flagsUpdateWithoutWhere() {
        assertFindings("""
                -- EXPECT: ban-update-without-where
                UPDATE users SET active = true;
                -- EXPECT: ban-update-without-where
                UPDATE users u SET name = s.name FROM staging s;
                """);
    }

    @Test
    void updatesWithAWhereAndLookalikesAreFine() {
        assertFindings("""
                UPDATE users SET active = true WHERE id = 1;
                UPDATE users u SET name = s.name FROM staging s WHERE u.id = s.id;
                INSERT INTO users (id, name) VALUES (1, 'a') ON CONFLICT (id) DO UPDATE SET name = excluded.name;
                SELECT * FROM users FOR UPDATE;
                CREATE TABLE update_log (id int);
                SELECT 'UPDATE users SET active = true';
                """);
    }

    @Test
    void adversarialUpdatesAreFound() {
        assertFindings("""
                -- EXPECT: ban-update-without-where
                update users set active = true;
                -- EXPECT: ban-update-without-where
                UpDaTe /* where? */ users -- WHERE id = 1
                  SET active = true;
                -- EXPECT: ban-update-without-where
                WITH changed AS (UPDATE users SET active = false RETURNING id) SELECT count(*) FROM changed;
                -- EXPECT: ban-update-without-where
                CREATE RULE count_insert AS ON INSERT TO events DO ALSO UPDATE counters SET n = n + 1;
                -- EXPECT: ban-update-without-where
                DO $$ BEGIN UPDATE users SET active = true; END $$;
                -- EXPECT: ban-update-without-where
                UPDATE users SET note = 'WHERE id = 1';
                """);
    }
}
