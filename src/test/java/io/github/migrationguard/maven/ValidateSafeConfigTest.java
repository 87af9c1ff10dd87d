package io.github.migrationguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.lint.Severity;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class ValidateSafeConfigTest {

    /** A small catalog: two rules, one engine diagnostic; nearest = same first four letters. */
    private static final RuleIds IDS = new RuleIds() {
        private final Set<String> rules = Set.of("ban-drop", "ban-truncate");

        @Override
        public boolean isRule(String id) {
            return rules.contains(id);
        }

        @Override
        public boolean isEngineDiagnostic(String id) {
            return id.equals("require-acknowledgement-reason");
        }

        @Override
        public String nearest(String id) {
            return id.startsWith("ban-d") ? "ban-drop" : null;
        }
    };

    private static ValidateSafeConfig parse(List<String> locations, String failOn, String safeName, String scope,
                                            Map<String, String> rules) throws MojoExecutionException {
        return ValidateSafeConfig.parse(locations, null, null, failOn, null, safeName, scope, rules, IDS);
    }

    @Test
    void defaultsWhenNothingIsConfigured() throws Exception {
        ValidateSafeConfig c = parse(null, null, null, null, null);
        assertEquals(List.of("src/main/resources/db/migration"), c.locations());
        assertTrue(c.defaultLocations());
        assertEquals(List.of("**/*.sql"), c.includes());
        assertEquals(List.of(), c.excludes());
        assertEquals(FailOn.ERROR, c.failOn());
        assertTrue(c.settings().safeNamePattern().matcher("V1__x_safe.sql").matches());
        assertFalse(c.settings().safeNamePattern().matcher("V1__x.sql").matches());
        assertTrue(c.settings().namingScope().matcher("any/path.sql").matches());
        assertEquals(Map.of(), c.settings().severities());
        assertEquals(Map.of(), c.settings().placeholders());
    }

    @Test
    void commaSeparatedListsAreSplitAndTrimmed() throws Exception {
        ValidateSafeConfig c = ValidateSafeConfig.parse(List.of(" db/a , db/b", "db/c"), List.of("**/V*.sql, **/R*.sql"),
                List.of("**/old/**"), null, null, null, null, null, IDS);
        assertEquals(List.of("db/a", "db/b", "db/c"), c.locations());
        assertFalse(c.defaultLocations());
        assertEquals(List.of("**/V*.sql", "**/R*.sql"), c.includes());
        assertEquals(List.of("**/old/**"), c.excludes());
    }

    @Test
    void emptyLocationListsMeanTheDefault() throws Exception {
        for (List<String> empty : List.of(List.<String>of(), List.of(" , "))) {
            ValidateSafeConfig c = parse(empty, null, null, null, null);
            assertEquals(List.of("src/main/resources/db/migration"), c.locations());
            assertTrue(c.defaultLocations());
        }
    }

    @Test
    void failOnValuesAreCaseInsensitive() throws Exception {
        assertEquals(FailOn.WARNING, parse(null, "Warning", null, null, null).failOn());
        assertEquals(FailOn.NEVER, parse(null, "never", null, null, null).failOn());
        assertNull(FailOn.NEVER.threshold());
        assertEquals(Severity.WARNING, FailOn.WARNING.threshold());
    }

    @Test
    void badFailOnNamesTheElementAndTheChoices() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> parse(null, "always", null, null, null));
        assertEquals("migration-guard: invalid configuration: <failOn>: unknown value 'always'; use error, warning"
                + " or never", e.getMessage());
    }

    @Test
    void invalidRegexNamesTheElement() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> parse(null, null, "V*__(.sql", null, null));
        assertTrue(e.getMessage().startsWith(
                "migration-guard: invalid configuration: <safeNamePattern>: invalid regular expression 'V*__(.sql'"),
                e.getMessage());
        MojoExecutionException scope = assertThrows(MojoExecutionException.class,
                () -> parse(null, null, null, "[", null));
        assertTrue(scope.getMessage().contains("<namingScope>: invalid regular expression '['"), scope.getMessage());
    }

    @Test
    void customPatternsAreCompiled() throws Exception {
        ValidateSafeConfig c = parse(null, null, "V\\d+__.+\\.sql", "versioned/.*", null);
        assertTrue(c.settings().safeNamePattern().matcher("V12__add.sql").matches());
        assertTrue(c.settings().namingScope().matcher("versioned/V1__a.sql").matches());
        assertFalse(c.settings().namingScope().matcher("repeatable/R__a.sql").matches());
    }

    @Test
    void unknownRuleIdSuggestsTheNearestOne() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> parse(null, null, null, null, Map.of("ban-dorp", "warning")));
        assertEquals("migration-guard: invalid configuration: <rules><ban-dorp>: unknown rule id 'ban-dorp';"
                + " did you mean 'ban-drop'?", e.getMessage());
    }

    @Test
    void unknownRuleIdWithoutNearMatchPointsToTheCatalog() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> parse(null, null, null, null, Map.of("zzz", "warning")));
        assertTrue(e.getMessage().endsWith("<rules><zzz>: unknown rule id 'zzz'; see docs/rules/README.md"),
                e.getMessage());
    }

    @Test
    void severityOverridesAreTyped() throws Exception {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("ban-drop", "WARNING");
        rules.put("ban-truncate", "off");
        Map<String, Severity> severities = parse(null, null, null, null, rules).settings().severities();
        assertEquals(2, severities.size());
        assertEquals(Severity.WARNING, severities.get("ban-drop"));
        assertTrue(severities.containsKey("ban-truncate"));
        assertNull(severities.get("ban-truncate"), "off maps to null (switched off)");
    }

    @Test
    void badSeverityAndMissingSeverityNameTheElement() {
        Map<String, String> rules = new HashMap<>();
        rules.put("ban-drop", "fatal");
        rules.put("ban-truncate", null);
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> parse(null, null, null, null, rules));
        String nl = System.lineSeparator();
        assertEquals("migration-guard: 2 configuration problems:" + nl
                + "  <rules><ban-drop>: unknown severity 'fatal'; use error, warning, note or off" + nl
                + "  <rules><ban-truncate>: missing severity; use error, warning, note or off", e.getMessage());
    }

    @Test
    void engineDiagnosticsCannotBeReconfigured() {
        for (String value : List.of("off", "warning", "error")) {
            MojoExecutionException e = assertThrows(MojoExecutionException.class,
                    () -> parse(null, null, null, null, Map.of("require-acknowledgement-reason", value)));
            assertTrue(e.getMessage().contains("<rules><require-acknowledgement-reason>: 'require-acknowledgement-reason'"
                    + " is a check of the lint engine itself"), e.getMessage());
        }
    }

    @Test
    void allProblemsAreReportedTogether() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> parse(null, "sometimes", "(", "[", Map.of("ban-dorp", "error")));
        String m = e.getMessage();
        assertTrue(m.startsWith("migration-guard: 4 configuration problems:"), m);
        for (String element : List.of("<failOn>", "<safeNamePattern>", "<namingScope>",
                "<rules><ban-dorp>")) {
            assertTrue(m.contains(element), element + " missing in " + m);
        }
    }

    @Test
    void placeholdersKeepValuesAndTurnNullIntoEmpty() throws Exception {
        Map<String, String> placeholders = new HashMap<>();
        placeholders.put("schema", "app");
        placeholders.put("suffix", null);
        ValidateSafeConfig c = ValidateSafeConfig.parse(null, null, null, null, placeholders, null, null, null, IDS);
        assertEquals(Map.of("schema", "app", "suffix", ""), c.settings().placeholders());
    }
}
