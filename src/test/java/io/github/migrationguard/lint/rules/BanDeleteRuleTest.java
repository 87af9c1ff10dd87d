package io.github.migrationguard.lint.rules;

import static io.github.migrationguard.lint.rules.RuleTestSupport.assertFindings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.analysis.OperationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanDeleteRuleTest {

    private final BanDeleteRule rule = new BanDeleteRule();

    @Test
    void reportsTheDeleteAtItsSpan() {
        String sql = "WITH gone AS (DELETE FROM audit RETURNING *) SELECT count(*) FROM gone;";
        List<FakeRuleContext.Reported> r = FakeRuleContext.of(sql)
                .operation(OperationType.DELETE, "DELETE FROM audit", "DELETE FROM audit (in a CTE)").run(rule);
        assertEquals(1, r.size());
        assertEquals(sql.indexOf("DELETE"), r.get(0).start());
        assertEquals(sql.indexOf("DELETE") + "DELETE FROM audit".length(), r.get(0).end());
        assertTrue(r.get(0).message().startsWith("DELETE FROM audit (in a CTE) removes rows"), r.get(0).message());
        assertTrue(r.get(0).safeAlternative().contains("reviewed script"), r.get(0).safeAlternative());
        assertTrue(r.get(0).safeAlternative().contains("-- migration-guard:allow ban-delete reason="));
    }

    @Test
    void ignoresOtherOperations() {
        assertEquals(List.of(), FakeRuleContext.of("TRUNCATE t;")
                .operation(OperationType.TRUNCATE, "TRUNCATE", "TRUNCATE t").run(rule));
    }

    @Test
    void flagsDeletes() {
        assertFindings("""
                -- EXPECT: ban-delete
                DELETE FROM audit;
                -- EXPECT: ban-delete
                DELETE FROM audit WHERE created < now() - interval '1 year';
                -- EXPECT: ban-delete
                DELETE FROM audit a USING users u WHERE a.user_id = u.id;
                """);
    }

    @Test
    void doesNotFlagTheWordDelete() {
        assertFindings("""
                CREATE TABLE deleted_items (id int, deleted_at timestamptz);
                ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
                  ON DELETE CASCADE;
                SELECT 'DELETE FROM audit';
                -- DELETE FROM audit;
                UPDATE deleted_items SET deleted_at = now() WHERE id = 1;
                """);
    }

    @Test
    void adversarialDeletesAreFound() {
        assertFindings("""
                -- EXPECT: ban-delete
                delete from audit;
                -- EXPECT: ban-delete
                DeLeTe /* hidden */ FROM -- here
                  audit WHERE id < 10;
                -- EXPECT: ban-delete
                WITH gone AS (DELETE FROM audit RETURNING *) SELECT count(*) FROM gone;
                -- EXPECT: ban-delete
                CREATE RULE audit_instead AS ON INSERT TO audit DO INSTEAD DELETE FROM audit_archive;
                -- EXPECT: ban-delete
                DO $$ BEGIN DELETE FROM audit; END $$;
                -- EXPECT: ban-delete
                CREATE FUNCTION purge() RETURNS void LANGUAGE sql AS $$ DELETE FROM audit $$;
                -- EXPECT: ban-delete
                MERGE INTO audit a USING stale s ON a.id = s.id WHEN MATCHED THEN DELETE;
                -- EXPECT: ban-delete
                DO $$ BEGIN EXECUTE 'DELETE FROM audit'; END $$;
                """);
    }
}
