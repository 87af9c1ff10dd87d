package io.github.migrationguard.lint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.lint.Linter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequireSafeFilenameRuleTest {

    private static final String DIR = "src/main/resources/db/migration/";

    private final RequireSafeFilenameRule rule = new RequireSafeFilenameRule();

    private List<FakeRuleContext.Reported> check(String path, LintSettings settings) {
        return FakeRuleContext.file(path, settings).run(rule);
    }

    private List<FakeRuleContext.Reported> check(String name) {
        return check(DIR + name, LintSettings.defaults());
    }

    private static LintSettings settings(String safeName, String scope) {
        return new LintSettings(Pattern.compile(safeName), Pattern.compile(scope), Map.of(), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"V3__add_email_safe.sql", "R__views_safe.sql", "20240101120000_add_index_safe.sql",
        "V1_2__split_version_safe.sql", "V2.1.3__dotted_safe.sql", "U3__undo_safe.sql",
        "V5___three_underscores_safe.sql"})
    void safeNamesPass(String name) {
        assertEquals(List.of(), check(name));
    }

    @Test
    void unsafeNameIsReportedAtTheFileStartWithNameAndPattern() {
        List<FakeRuleContext.Reported> r = check("V3__drop_users.sql");
        assertEquals(1, r.size());
        assertEquals(0, r.get(0).start());
        String m = r.get(0).message();
        assertTrue(m.contains("'V3__drop_users.sql'"), m);
        assertTrue(m.contains("'.+_safe\\.sql'"), m);
        assertEquals("Rename the file to 'V3__drop_users_safe.sql' once it contains only changes that are safe to run"
                + " (destructive changes belong in a separate, acknowledged migration).", r.get(0).safeAlternative());
    }

    @Test
    void singleUnderscoreFlywayNameIsReportedEvenWhenSafe() {
        List<FakeRuleContext.Reported> r = check("V3_add_x_safe.sql");
        assertEquals(1, r.size());
        String m = r.get(0).message();
        assertFalse(m.contains("does not match the safe-name pattern"), m);
        assertTrue(m.contains("Flyway ignores it"), m);
        assertTrue(m.contains("two underscores"), m);
        assertTrue(m.contains("Rename it to 'V3__add_x_safe.sql'"), m);
        assertEquals("Rename the file to 'V3__add_x_safe.sql'.", r.get(0).safeAlternative());
    }

    @Test
    void lowerCasePrefixIsIgnoredByFlyway() {
        String m = check("v3__x_safe.sql").get(0).message();
        assertTrue(m.contains("upper-case 'V'"), m);
        assertTrue(m.contains("Rename it to 'V3__x_safe.sql'"), m);
        String r = check("r__views_safe.sql").get(0).message();
        assertTrue(r.contains("Rename it to 'R__views_safe.sql'"), r);
    }

    @Test
    void bothProblemsAtOnce() {
        List<FakeRuleContext.Reported> r = check("v7_drop_users.sql");
        String m = r.get(0).message();
        assertTrue(m.contains("does not match the safe-name pattern"), m);
        assertTrue(m.contains("upper-case 'V'"), m);
        assertTrue(m.contains("two underscores"), m);
        assertTrue(r.get(0).safeAlternative().contains("'V7__drop_users_safe.sql'"), r.get(0).safeAlternative());
    }

    @Test
    void versionedRepeatableIsExplained() {
        String m = RequireSafeFilenameRule.flywayProblem("R1__views_safe.sql");
        assertTrue(m.contains("repeatable migration (R) has no version"), m);
        assertTrue(m.contains("Rename it to 'R__views_safe.sql'"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"V3__ok.sql", "V4__upper_case_suffix.SQL", "R__ok.sql", "20240101_add.sql", "readme.sql",
        "users.sql", "V__no_version.sql", "version_2.sql", "u_users.sql", "V1a__x.sql"})
    void namesThatDoNotResembleABrokenFlywayNameGetNoFlywayHint(String name) {
        assertNull(RequireSafeFilenameRule.flywayProblem(name));
    }

    @Test
    void customPatternIsUsedAndQuoted() {
        LintSettings s = settings("V\\d+__.+\\.safe\\.sql", ".*");
        assertEquals(List.of(), check(DIR + "V1__a.safe.sql", s));
        List<FakeRuleContext.Reported> r = check(DIR + "V1__a_safe.sql", s);
        assertTrue(r.get(0).message().contains("'V\\d+__.+\\.safe\\.sql'"), r.get(0).message());
        assertTrue(r.get(0).safeAlternative().startsWith("Rename the file so that its whole name matches"),
                r.get(0).safeAlternative());
    }

    @Test
    void patternMustMatchTheWholeName() {
        assertEquals(1, check("V1__x_safe.sql.bak").size());
        assertEquals(1, check("V1__x_safe.sqlx").size());
    }

    @Test
    void filesOutsideTheNamingScopeAreNotChecked() {
        LintSettings versionedOnly = settings(LintSettings.DEFAULT_SAFE_NAME_PATTERN, "versioned/.*");
        assertEquals(List.of(), check(DIR + "repeatable/R__views.sql", versionedOnly));
        assertEquals(1, check(DIR + "versioned/V1__drop.sql", versionedOnly).size());
        LintSettings topLevelOnly = settings(LintSettings.DEFAULT_SAFE_NAME_PATTERN, "[^/]+");
        assertEquals(1, check(DIR + "V1__drop.sql", topLevelOnly).size());
    }

    @Test
    void scopeIsTriedOnEverySuffixAtADirectoryBoundary() {
        Pattern scope = Pattern.compile("versioned/.*");
        assertTrue(RequireSafeFilenameRule.inScope(scope, "db/migration/versioned/V1__x.sql"));
        assertTrue(RequireSafeFilenameRule.inScope(scope, "versioned/V1__x.sql"));
        assertFalse(RequireSafeFilenameRule.inScope(scope, "db/migration/unversioned/V1__x.sql"));
        assertFalse(RequireSafeFilenameRule.inScope(scope, "db/migration/V1__x.sql"));
        assertTrue(RequireSafeFilenameRule.inScope(Pattern.compile("V.*"), "db\\migration\\V1__x.sql"));
    }

    @Test
    void throughTheLinterTheFindingIsAtLineOneColumnOne() {
        Linter linter = new Linter(LintSettings.defaults());
        List<Finding> bad = linter.lintSource("db/migration/V3__drop_users.sql",
                "\n\nSELECT 1;\n".getBytes(StandardCharsets.UTF_8)).findings();
        assertEquals(1, bad.size(), bad.toString());
        assertEquals("require-safe-filename", bad.get(0).ruleId());
        assertEquals(1, bad.get(0).line());
        assertEquals(1, bad.get(0).column());
        assertEquals(List.of(), linter.lintSource("db/migration/V3__add_email_safe.sql",
                "SELECT 1;\n".getBytes(StandardCharsets.UTF_8)).findings());
    }

    @Test
    void anEmptyFileWithABadNameIsStillReported() {
        Linter linter = new Linter(LintSettings.defaults());
        List<Finding> f = linter.lintSource("db/migration/V9__nothing.sql", new byte[0]).findings();
        assertEquals(1, f.size(), f.toString());
        assertEquals("require-safe-filename", f.get(0).ruleId());
    }
}
