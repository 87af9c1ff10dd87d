package io.github.migrationguard.lint.rules;

import static io.github.migrationguard.lint.rules.RuleTestSupport.assertFindings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BanPsqlMetaCommandRuleTest {

    private final BanPsqlMetaCommandRule rule = new BanPsqlMetaCommandRule();

    @Test
    void reportsTheMetaCommandAndWhatItWouldDo() {
        String sql = "SELECT 1;\n\\i cleanup.sql\n";
        List<FakeRuleContext.Reported> r = FakeRuleContext.of(sql)
                .statement(0, 9, false)
                .statement(10, sql.length() - 1, true)
                .run(rule);
        assertEquals(1, r.size());
        assertEquals(10, r.get(0).start());
        assertEquals(sql.length() - 1, r.get(0).end());
        assertTrue(r.get(0).message().startsWith("psql meta-command \\i is not SQL"), r.get(0).message());
        assertTrue(r.get(0).message().contains("runs another file"), r.get(0).message());
        assertTrue(r.get(0).safeAlternative().contains("own migration file"), r.get(0).safeAlternative());
    }

    @Test
    void commandWordIsTheBackslashWord() {
        assertEquals("\\set", BanPsqlMetaCommandRule.command("\\set ON_ERROR_STOP on"));
        assertEquals("\\gexec", BanPsqlMetaCommandRule.command("  \\gexec"));
        assertEquals("\\!", BanPsqlMetaCommandRule.command("\\! rm -rf /tmp/x"));
        assertEquals("\\\\", BanPsqlMetaCommandRule.command("\\\\"));
        assertEquals("\\c", BanPsqlMetaCommandRule.command("\\c other\\set x 1"));
    }

    @Test
    void sqlStatementsAreNotMetaCommands() {
        assertEquals(List.of(), FakeRuleContext.of("SELECT 1;").statement(0, 9, false).run(rule));
    }

    @Test
    void flagsMetaCommands() {
        assertFindings("""
                CREATE TABLE t (id int);
                -- EXPECT: ban-psql-meta-command
                \\set ON_ERROR_STOP on
                -- EXPECT: ban-psql-meta-command
                \\i other_file.sql
                -- EXPECT: ban-psql-meta-command
                \\connect other_db
                SELECT id FROM t;
                """);
    }

    @Test
    void gexecRunsTheOutputOfTheQueryBeforeIt() {
        assertFindings("""
                SELECT format('DROP TABLE %I', tablename) FROM pg_tables WHERE schemaname = 'tmp'
                -- EXPECT: ban-psql-meta-command
                \\gexec
                """);
    }

    @Test
    void copyDataIsNotAMetaCommand() {
        assertFindings("""
                CREATE TABLE t (a int, b text);
                COPY t (a, b) FROM stdin;
                1\t\\N
                2\tsome \\\\ text
                \\.
                SELECT count(*) FROM t;
                """);
    }

    @Test
    void backslashesInsideSqlAreNotMetaCommands() {
        assertFindings("""
                SELECT E'line\\nbreak', '\\i not a command', $$ \\set x $$;
                -- \\i commented_out.sql
                SELECT 'a\\b';
                """);
    }
}
