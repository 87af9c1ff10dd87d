package io.github.migrationguard.lint;

/**
 * Everything users see of a rule (or an engine diagnostic such as an unused acknowledgement): for SARIF's rule
 * table, the docs catalog and configuration checks.
 */
public record RuleDescriptor(String id, String summary, Severity severity, String category, String safeAlternative,
                             String docsUrl) {

    /** Where rule pages live; {@code <id>.md} is appended. */
    public static final String DOCS_BASE =
            "https://github.com/migrationguard/migration-guard-maven-plugin/blob/main/docs/rules/";

    public static String docsUrlFor(String id) {
        return DOCS_BASE + id + ".md";
    }
}
