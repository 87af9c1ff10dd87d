package io.github.migrationguard.maven;

import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.lint.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The {@code validate-safe} configuration as typed values, parsed once from the raw pom parameters. Every problem
 * names the pom element to fix; all problems of one configuration are reported together in one exception.
 *
 * @param locations         migration directories, relative to the project base directory or absolute
 * @param defaultLocations  true when no location was configured (a missing default directory is then no error)
 * @param includes          glob patterns of files to lint, relative to a location
 * @param excludes          glob patterns of files to leave out
 * @param failOn            which findings fail the build
 * @param settings          everything that changes lint results
 */
record ValidateSafeConfig(List<String> locations, boolean defaultLocations, List<String> includes,
                          List<String> excludes, FailOn failOn, LintSettings settings) {

    static final String DEFAULT_LOCATION = "src/main/resources/db/migration";
    static final String DEFAULT_INCLUDE = "**/*.sql";
    private static final String SEVERITY_CHOICES = "use error, warning, note or off";

    /**
     * Maps the raw parameters; null means "not configured".
     *
     * @throws MojoExecutionException naming every invalid element
     */
    static ValidateSafeConfig parse(List<String> locations, List<String> includes, List<String> excludes,
                                    String failOn, Map<String, String> placeholders, String safeNamePattern,
                                    String namingScope, Map<String, String> rules, RuleIds ruleIds)
            throws MojoExecutionException {
        List<String> problems = new ArrayList<>();

        // Maven hands an unconfigured list over as empty (or null): both mean "the default location"
        List<String> locationList = splitList(locations);
        boolean defaultLocations = locationList.isEmpty();
        if (defaultLocations) {
            locationList = List.of(DEFAULT_LOCATION);
        }

        List<String> includeList = splitList(includes);
        if (includeList.isEmpty()) {
            includeList = List.of(DEFAULT_INCLUDE);
        }
        List<String> excludeList = splitList(excludes);

        FailOn failOnValue = FailOn.ERROR;
        if (failOn != null && !failOn.isBlank()) {
            failOnValue = FailOn.parse(failOn);
            if (failOnValue == null) {
                problems.add("<failOn>: unknown value '" + failOn.trim() + "'; use error, warning or never");
            }
        }

        Pattern safeName = regex("safeNamePattern", safeNamePattern, LintSettings.DEFAULT_SAFE_NAME_PATTERN,
                problems);
        Pattern scope = regex("namingScope", namingScope, LintSettings.DEFAULT_NAMING_SCOPE, problems);

        Map<String, String> placeholderValues = new TreeMap<>();
        if (placeholders != null) {
            placeholders.forEach((name, value) -> placeholderValues.put(name, value == null ? "" : value));
        }

        Map<String, Severity> severities = severities(rules, ruleIds, problems);

        if (!problems.isEmpty()) {
            throw new MojoExecutionException(message(problems));
        }
        return new ValidateSafeConfig(List.copyOf(locationList), defaultLocations, List.copyOf(includeList),
                List.copyOf(excludeList), failOnValue,
                new LintSettings(safeName, scope, Collections.unmodifiableMap(placeholderValues),
                        Collections.unmodifiableMap(severities)));
    }

    /** The text of a configuration error: one problem on one line, several as an indented list. */
    static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "migration-guard: invalid configuration: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("migration-guard: ").append(problems.size())
                .append(" configuration problems:");
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }

    /** Entries trimmed, blank ones dropped, and entries holding commas split (user properties are comma lists). */
    static List<String> splitList(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(",")) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    out.add(trimmed);
                }
            }
        }
        return out;
    }

    private static Pattern regex(String element, String value, String defaultValue, List<String> problems) {
        String source = value == null ? defaultValue : value.trim();
        if (source.isEmpty()) {
            problems.add("<" + element + ">: empty regular expression; leave the element out to use the default '"
                    + defaultValue + "'");
            return null;
        }
        try {
            return Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            problems.add("<" + element + ">: invalid regular expression '" + source + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            return null;
        }
    }

    private static Map<String, Severity> severities(Map<String, String> rules, RuleIds ruleIds,
                                                    List<String> problems) {
        Map<String, Severity> out = new LinkedHashMap<>();
        if (rules == null) {
            return out;
        }
        for (Map.Entry<String, String> e : new TreeMap<>(rules).entrySet()) {
            String id = e.getKey();
            String element = "<rules><" + id + ">";
            if (ruleIds.isEngineDiagnostic(id)) {
                problems.add(element + ": '" + id + "' is a check of the lint engine itself; it always reports"
                        + " an error and cannot be reconfigured or switched off");
                continue;
            }
            if (!ruleIds.isRule(id)) {
                String nearest = ruleIds.nearest(id);
                problems.add(element + ": unknown rule id '" + id + "'"
                        + (nearest != null ? "; did you mean '" + nearest + "'?" : "; see docs/rules/README.md"));
                continue;
            }
            String raw = e.getValue() == null ? "" : e.getValue().trim();
            if (raw.isEmpty()) {
                problems.add(element + ": missing severity; " + SEVERITY_CHOICES);
                continue;
            }
            if (raw.toLowerCase(Locale.ROOT).equals("off")) {
                out.put(id, null);
                continue;
            }
            Severity severity = Severity.parse(raw);
            if (severity == null) {
                problems.add(element + ": unknown severity '" + raw + "'; " + SEVERITY_CHOICES);
                continue;
            }
            out.put(id, severity);
        }
        return out;
    }
}
