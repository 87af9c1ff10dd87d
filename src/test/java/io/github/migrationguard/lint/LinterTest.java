package io.github.migrationguard.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end: real splitter, analysis and rules; acknowledgements, placeholders, encoding, cache. */
class LinterTest {

    private static final String FILE = "db/migration/V1__test_safe.sql";

    @TempDir
    Path dir;

    private static List<Finding> lint(String sql) {
        return lint(LintSettings.defaults(), sql);
    }

    private static List<Finding> lint(LintSettings settings, String sql) {
        return new Linter(settings).lintSource(FILE, sql.getBytes(StandardCharsets.UTF_8)).findings();
    }

    private static String summary(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.ruleId() + "@" + f.line() + ":" + f.column() + (f.acknowledged() ? "(ack)" : ""))
                .collect(Collectors.joining(" "));
    }

    @Test
    void dropIsReportedAtItsExactPosition() {
        List<Finding> f = lint("create table a (id int);\n\n  drop table a;\n");
        assertEquals("ban-drop@3:3", summary(f));
        assertEquals(FILE, f.get(0).file());
        assertFalse(f.get(0).safeAlternative().isBlank());
        assertTrue(f.get(0).docsUrl().endsWith("/docs/rules/ban-drop.md"), f.get(0).docsUrl());
    }

    @Test
    void acknowledgementWithReasonCoversTheNextStatementOnly() {
        List<Finding> f = lint("""
                -- migration-guard:allow ban-drop reason="emptied and unused since V40"
                drop table old_sessions;
                drop table users;
                """);
        assertEquals("ban-drop@2:1(ack) ban-drop@3:1", summary(f));
        assertEquals("emptied and unused since V40", f.get(0).reason());
    }

    @Test
    void acknowledgementInsideAStatementCoversThatStatement() {
        List<Finding> f = lint("""
                alter table orders
                  -- migration-guard:allow ban-drop reason="column moved to order_totals in V12"
                  drop column total;
                """);
        assertEquals("ban-drop@3:3(ack)", summary(f));
    }

    @Test
    void acknowledgementWithoutReasonIsIgnoredAndReported() {
        List<Finding> f = lint("""
                -- migration-guard:allow ban-drop
                drop table old_sessions;
                """);
        assertEquals("require-acknowledgement-reason@1:1 ban-drop@2:1", summary(f));
        List<Finding> empty = lint("-- migration-guard:allow ban-drop reason=\"  \"\ndrop table t;\n");
        assertEquals("require-acknowledgement-reason@1:1 ban-drop@2:1", summary(empty));
    }

    @Test
    void unknownIdsAndDirectivesAreReportedWithASuggestion() {
        List<Finding> f = lint("""
                -- migration-guard:allow ban-dorp reason="typo"
                drop table t;
                -- migration-guard:alow ban-drop reason="typo"
                drop table u;
                """);
        assertEquals("ban-unknown-acknowledgement@1:1 ban-drop@2:1 ban-unknown-acknowledgement@3:1 ban-drop@4:1",
                summary(f));
        assertTrue(f.get(0).message().contains("did you mean 'ban-drop'"), f.get(0).message());
        assertTrue(f.get(2).message().contains("migration-guard:alow"), f.get(2).message());
    }

    @Test
    void unusedAcknowledgementIsReported() {
        List<Finding> f = lint("""
                -- migration-guard:allow ban-drop reason="nothing to drop here"
                create table t (id int);
                """);
        assertEquals("ban-unused-acknowledgement@1:1", summary(f));
    }

    @Test
    void engineChecksCannotBeAcknowledged() {
        List<Finding> f = lint("-- migration-guard:allow-file require-valid-utf8 reason=\"x\"\nselect 1;\n");
        assertEquals("ban-unknown-acknowledgement@1:1", summary(f));
    }

    @Test
    void fileWideAcknowledgementCoversEveryStatement() {
        List<Finding> f = lint("""
                -- migration-guard:allow-file ban-delete reason="test fixture cleanup script"
                delete from a where id = 1;
                delete from b where id = 2;
                """);
        assertEquals("ban-delete@2:1(ack) ban-delete@3:1(ack)", summary(f));
    }

    @Test
    void invalidUtf8IsAFindingAtTheBadByte() {
        byte[] bytes = "create table t (id int);\nselect 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1);
        List<Finding> f = new Linter(LintSettings.defaults()).lintSource(FILE, bytes).findings();
        assertEquals("require-valid-utf8@2:12", summary(f));
    }

    @Test
    void placeholdersAreSubstitutedAndFindingsPointAtTheOriginalText() {
        LintSettings settings = new LintSettings(LintSettings.defaults().safeNamePattern(),
                LintSettings.defaults().namingScope(), Map.of("schema", "a_much_longer_schema_name"), Map.of());
        List<Finding> f = lint(settings, "create table ${schema}.t (id int); drop table ${schema}.t;\n");
        assertEquals("ban-drop@1:36", summary(f));
        List<Finding> missing = lint("create table ${schema}.t (id int);\n");
        assertEquals("require-placeholder-value@1:14", summary(missing));
    }

    @Test
    void severityOverridesAndSwitchedOffRules() {
        Map<String, Severity> sev = new HashMap<>();
        sev.put("ban-drop", Severity.WARNING);
        sev.put("ban-truncate", null);
        LintSettings settings = new LintSettings(Pattern.compile(LintSettings.DEFAULT_SAFE_NAME_PATTERN),
                Pattern.compile(".*"), Map.of(), sev);
        List<Finding> f = lint(settings, "drop table a;\ntruncate b;\n");
        assertEquals("ban-drop@1:1", summary(f));
        assertEquals(Severity.WARNING, f.get(0).severity());
    }

    @Test
    void warmRunComesFromTheCacheAndMatchesTheColdRun() throws Exception {
        Path base = dir.resolve("project");
        Path mig = base.resolve("db/migration");
        Files.createDirectories(mig);
        Path a = Files.writeString(mig.resolve("V1__a_safe.sql"), "create table a (id int);\n");
        Path b = Files.writeString(mig.resolve("V2__b_safe.sql"), "drop table a;\n");
        Path cache = base.resolve("target/cache");
        Linter linter = new Linter(LintSettings.defaults());

        LintReport cold = linter.lint(base, List.of(a, b), cache, "1.0");
        LintReport warm = linter.lint(base, List.of(a, b), cache, "1.0");

        assertTrue(cold.files().stream().noneMatch(FileResult::fromCache));
        assertTrue(warm.files().stream().allMatch(FileResult::fromCache));
        assertEquals(cold.findings(), warm.findings());
        assertEquals(cold.statements(), warm.statements());
        assertEquals("db/migration/V2__b_safe.sql", warm.findings().get(0).file());

        // an edited file, a new plugin version or new settings invalidate what they touch
        Files.writeString(b, "drop table a;\ndrop table b;\n");
        LintReport edited = linter.lint(base, List.of(a, b), cache, "1.0");
        assertTrue(edited.files().get(0).fromCache());
        assertFalse(edited.files().get(1).fromCache());
        assertEquals(2, edited.findings().size());
        LintReport upgraded = linter.lint(base, List.of(a, b), cache, "1.1");
        assertTrue(upgraded.files().stream().noneMatch(FileResult::fromCache));

        // a corrupt or truncated cache costs a cold run, nothing more
        Path cacheFile = cache.resolve(LintCache.FILE_NAME);
        byte[] valid = Files.readAllBytes(cacheFile);
        Files.writeString(cacheFile, "{not a cache");
        LintReport afterCorruption = linter.lint(base, List.of(a, b), cache, "1.1");
        assertTrue(afterCorruption.files().stream().noneMatch(FileResult::fromCache));
        assertEquals(upgraded.findings(), afterCorruption.findings());
        Files.write(cacheFile, java.util.Arrays.copyOf(valid, valid.length / 2));
        LintReport afterTruncation = linter.lint(base, List.of(a, b), cache, "1.1");
        assertTrue(afterTruncation.files().stream().noneMatch(FileResult::fromCache));
        assertEquals(upgraded.findings(), afterTruncation.findings());
        // a length field claiming gigabytes is corruption, not an allocation
        byte[] huge = valid.clone();
        huge[4] = 0x7f;
        Files.write(cacheFile, huge);
        LintReport afterHugeLength = linter.lint(base, List.of(a, b), cache, "1.1");
        assertTrue(afterHugeLength.files().stream().noneMatch(FileResult::fromCache));
        assertEquals(upgraded.findings(), afterHugeLength.findings());
    }

    @Test
    void reportCountsFilesStatementsAndBytes() throws Exception {
        Path base = dir.resolve("p2");
        Files.createDirectories(base);
        Path a = Files.writeString(base.resolve("V1__a_safe.sql"), "create table a (id int);\ncreate index i on a (id);\n");
        LintReport r = new Linter(LintSettings.defaults()).lint(base, List.of(a), null, "1.0");
        assertEquals(1, r.files().size());
        assertEquals(2, r.statements());
        assertEquals(Files.size(a), r.bytes());
        assertEquals(List.of(), r.findings());
    }
}
