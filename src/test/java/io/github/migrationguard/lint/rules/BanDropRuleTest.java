package io.github.migrationguard.lint.rules;

import static io.github.migrationguard.lint.rules.RuleTestSupport.assertFindings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.analysis.OperationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanDropRuleTest {

    private final BanDropRule rule = new BanDropRule();

    @Test
    void reportsEachDropAtItsSpanWithTheDetail() {
        String sql = "ALTER TABLE users DROP COLUMN email;";
        List<FakeRuleContext.Reported> r = FakeRuleContext.of(sql)
                .operation(OperationType.DROP, "DROP COLUMN email", "ALTER TABLE users DROP COLUMN email")
                .run(rule);
        assertEquals(1, r.size());
        assertEquals(sql.indexOf("DROP"), r.get(0).start());
        assertEquals(sql.indexOf(';'), r.get(0).end());
        assertTrue(r.get(0).message().startsWith("ALTER TABLE users DROP COLUMN email "), r.get(0).message());
        assertTrue(r.get(0).safeAlternative().contains("Stop reading and writing the column"),
                r.get(0).safeAlternative());
        assertTrue(r.get(0).safeAlternative().contains("-- migration-guard:allow ban-drop reason="),
                r.get(0).safeAlternative());
    }

    @Test
    void ignoresOperationsOfOtherTypes() {
        assertEquals(List.of(), FakeRuleContext.of("DELETE FROM t;")
                .operation(OperationType.DELETE, "DELETE", "DELETE FROM t").run(rule));
    }

    @Test
    void tableDropSuggestsRenamingAside() {
        String alt = BanDropRule.safeAlternative("DROP TABLE IF EXISTS public.\"Users\" CASCADE");
        assertTrue(alt.contains("ALTER TABLE public.\"Users\" RENAME TO users_deprecated_<yyyymmdd>"), alt);
        assertTrue(BanDropRule.safeAlternative("drop table orders").contains("orders_deprecated_<yyyymmdd>"));
    }

    @Test
    void columnDropWithoutTheColumnKeywordIsStillAColumn() {
        assertTrue(BanDropRule.safeAlternative("ALTER TABLE users DROP email").contains("column"));
        assertTrue(BanDropRule.safeAlternative("ALTER TABLE users DROP CONSTRAINT users_email_key")
                .contains("constraint"));
        assertTrue(BanDropRule.safeAlternative("DROP INDEX idx_users_email").contains("CONCURRENTLY"));
        assertTrue(BanDropRule.safeAlternative("DROP SCHEMA legacy CASCADE").contains("Stop using the object"));
    }

    @Test
    void missingDetailStillGivesAReadableMessage() {
        List<FakeRuleContext.Reported> r = FakeRuleContext.of("DROP VIEW v;")
                .operation(OperationType.DROP, "DROP", "").run(rule);
        assertTrue(r.get(0).message().startsWith("DROP removes"), r.get(0).message());
    }

    @Test
    void flagsDropsOfEveryKind() {
        assertFindings("""
                CREATE TABLE keep_me (id int);
                -- EXPECT: ban-drop
                DROP TABLE users;
                -- EXPECT: ban-drop
                ALTER TABLE orders DROP COLUMN total;
                -- EXPECT: ban-drop
                ALTER TABLE orders DROP total_cents;
                -- EXPECT: ban-drop
                ALTER TABLE orders DROP CONSTRAINT orders_total_check;
                -- EXPECT: ban-drop
                DROP INDEX idx_orders_total;
                -- EXPECT: ban-drop
                DROP SCHEMA legacy CASCADE;
                -- EXPECT: ban-drop, ban-drop
                ALTER TABLE orders DROP COLUMN a, DROP COLUMN b;
                """);
    }

    @Test
    void doesNotFlagTextThatOnlyMentionsDrop() {
        assertFindings("""
                CREATE TABLE drop_log (id int, note text DEFAULT 'DROP TABLE users');
                CREATE TABLE "drop" (id int);
                -- DROP TABLE users;
                /* DROP TABLE users; */
                SELECT 'DROP TABLE users';
                INSERT INTO drop_log (id, note) VALUES (1, $$DROP TABLE users$$);
                ALTER TABLE drop_log ALTER COLUMN note DROP DEFAULT;
                COMMENT ON TABLE drop_log IS 'never DROP this';
                """);
    }

    @Test
    void adversarialSpellingsAreStillDrops() {
        assertFindings("""
                -- EXPECT: ban-drop
                drop table users;
                -- EXPECT: ban-drop
                DrOp /* not a drop? */ TaBlE -- still a drop
                  users;
                -- EXPECT: ban-drop
                ALTER TABLE users
                  -- the column goes
                  DROP
                  COLUMN email;
                -- EXPECT: ban-drop
                DROP TABLE IF EXISTS "Users", public.orders CASCADE;
                """);
    }

    @Test
    void dropsInsideBodiesAreDrops() {
        assertFindings("""
                -- EXPECT: ban-drop
                DO $$ BEGIN DROP TABLE users; END $$;
                -- EXPECT: ban-drop
                CREATE FUNCTION cleanup() RETURNS void LANGUAGE plpgsql AS $body$
                BEGIN
                  DROP TABLE sessions;
                END
                $body$;
                -- EXPECT: ban-drop
                DO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$;
                """);
    }

    @Test
    void acknowledgedDropIsReportedAsAcknowledged() {
        assertFindings("""
                -- EXPECT: ban-drop acknowledged
                -- migration-guard:allow ban-drop reason="emptied and unused since V40"
                DROP TABLE old_sessions;
                -- EXPECT: ban-drop
                DROP TABLE users;
                """);
    }
}
