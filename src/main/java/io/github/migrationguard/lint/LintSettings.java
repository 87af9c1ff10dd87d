package io.github.migrationguard.lint;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed lint configuration, parsed once at the mojo boundary.
 *
 * @param safeNamePattern  full-match regex a migration's file name must satisfy ({@code require-safe-filename})
 * @param namingScope      full-match regex over the path relative to its location ({@code /} separators) selecting
 *                         the files the naming convention applies to
 * @param placeholders     Flyway-style {@code ${name}} values substituted before analysis
 * @param severities       per-rule severity overrides; a rule mapped to null is switched off
 */
public record LintSettings(Pattern safeNamePattern, Pattern namingScope, Map<String, String> placeholders,
                           Map<String, Severity> severities) {

    public static final String DEFAULT_SAFE_NAME_PATTERN = ".+_safe\\.sql";
    public static final String DEFAULT_NAMING_SCOPE = ".*";

    public static LintSettings defaults() {
        return new LintSettings(Pattern.compile(DEFAULT_SAFE_NAME_PATTERN), Pattern.compile(DEFAULT_NAMING_SCOPE),
                Map.of(), Map.of());
    }

    /** A stable text form of everything that changes lint results (a cache-key ingredient). */
    public String fingerprint() {
        return safeNamePattern.pattern() + '\u0000' + namingScope.pattern() + '\u0000'
                + new java.util.TreeMap<>(placeholders) + '\u0000' + new java.util.TreeMap<>(severities);
    }
}
