package io.github.migrationguard.lint.rules;

import static io.github.migrationguard.lint.rules.RuleTestSupport.assertFindings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.analysis.OperationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanDynamicSqlRuleTest {

    private final BanDynamicSqlRule rule = new BanDynamicSqlRule();

    @Test
    void reportsTheExecuteAndAsksForLiteralStatements() {
        String sql = "DO $$ BEGIN EXECUTE 'DROP TABLE ' || t; END $$;";
        List<FakeRuleContext.Reported> r = FakeRuleContext.of(sql)
                .operation(OperationType.DYNAMIC_SQL, "EXECUTE", "EXECUTE of a concatenated string in a DO block")
                .run(rule);
        assertEquals(1, r.size());
        assertEquals(sql.indexOf("EXECUTE"), r.get(0).start());
        assertEquals(sql.indexOf("EXECUTE") + "EXECUTE".length(), r.get(0).end());
        assertTrue(r.get(0).message().startsWith("EXECUTE of a concatenated string in a DO block: "),
                r.get(0).message());
        assertTrue(r.get(0).safeAlternative().contains("literally"), r.get(0).safeAlternative());
    }

    @Test
    void ignoresOtherOperations() {
        assertEquals(List.of(), FakeRuleContext.of("DROP TABLE t;")
                .operation(OperationType.DROP, "DROP", "DROP TABLE t").run(rule));
    }

    @Test
    void flagsSqlBuiltAtRunTime() {
        assertFindings("""
                -- EXPECT: ban-dynamic-sql
                DO $$
                DECLARE r record;
                BEGIN
                  FOR r IN SELECT cmd FROM pending_commands LOOP
                    EXECUTE r.cmd;
                  END LOOP;
                END $$;
                -- EXPECT: ban-dynamic-sql
                DO $$ BEGIN EXECUTE format('%s', current_setting('app.cleanup')); END $$;
                """);
    }

    @Test
    void whenTheCommandIsKnownTheSpecificRuleReportsIt() {
        // the command word is a constant, only the object name is computed: reported as what it is
        assertFindings("""
                -- EXPECT: ban-drop
                DO $$
                DECLARE t text;
                BEGIN
                  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'tmp' LOOP
                    EXECUTE 'DROP TABLE tmp.' || quote_ident(t);
                  END LOOP;
                END $$;
                -- EXPECT: ban-truncate
                DO $$ BEGIN EXECUTE format('TRUNCATE %s', 'audit'); END $$;
                -- EXPECT: ban-drop
                SELECT dblink_exec('dbname=other', 'DROP TABLE users');
                """);
    }

    @Test
    void plainBodiesAndTopLevelFormatAreFine() {
        assertFindings("""
                DO $$ BEGIN RAISE NOTICE 'hello'; END $$;
                CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS $$ SELECT a + b $$;
                SELECT format('%s-%s', 'a', 'b');
                SELECT 'EXECUTE this';
                """);
    }

    @Test
    void adversarialDynamicSqlIsFound() {
        assertFindings("""
                -- EXPECT: ban-dynamic-sql
                do $$ declare q text := 'select 1'; begin execute q; end $$;
                -- EXPECT: ban-dynamic-sql
                CREATE FUNCTION run_it(q text) RETURNS void LANGUAGE plpgsql AS $fn$
                BEGIN
                  EXECUTE /* whatever the caller says */ q;
                END
                $fn$;
                -- EXPECT: ban-dynamic-sql
                CREATE FUNCTION py() RETURNS void LANGUAGE plpython3u AS $$ plpy.execute("DROP TABLE users") $$;
                -- EXPECT: ban-dynamic-sql
                SELECT dblink_exec('dbname=other', current_setting('app.remote_sql'));
                """);
    }
}
