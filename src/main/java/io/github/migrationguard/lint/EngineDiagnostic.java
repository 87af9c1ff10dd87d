package io.github.migrationguard.lint;

/**
 * Findings the lint engine raises itself (they need the whole file or every rule's result, so no single rule can
 * raise them). They have ids, docs pages and severities like rules, but cannot be acknowledged or switched off.
 */
public enum EngineDiagnostic {
    REQUIRE_VALID_UTF8("require-valid-utf8",
            "Migration files must be valid UTF-8 so that every byte is analysed.",
            "Re-save the file as UTF-8 (without changing its SQL) and check the reported position for stray bytes."),
    REQUIRE_PLACEHOLDER_VALUE("require-placeholder-value",
            "Every ${placeholder} in a migration needs a configured value, or its SQL cannot be checked.",
            "Configure the value under <placeholders> (the same values Flyway uses), or disable placeholder replacement."),
    REQUIRE_ACKNOWLEDGEMENT_REASON("require-acknowledgement-reason",
            "Every inline acknowledgement must say why the finding is acceptable.",
            "Add reason=\"...\" to the comment, e.g. -- migration-guard:allow ban-drop reason=\"table emptied in V41\"."),
    BAN_UNKNOWN_ACKNOWLEDGEMENT("ban-unknown-acknowledgement",
            "An acknowledgement must name existing rule ids and use a known directive.",
            "Use -- migration-guard:allow <rule-id> reason=\"...\" or allow-file with ids listed in docs/rules/."),
    BAN_UNUSED_ACKNOWLEDGEMENT("ban-unused-acknowledgement",
            "An acknowledgement that covers no finding hides nothing today and would silently hide a future one.",
            "Remove the acknowledgement, or move it directly above the statement it is meant for.");

    private final String id;
    private final String summary;
    private final String safeAlternative;

    EngineDiagnostic(String id, String summary, String safeAlternative) {
        this.id = id;
        this.summary = summary;
        this.safeAlternative = safeAlternative;
    }

    public String id() {
        return id;
    }

    public RuleDescriptor descriptor() {
        return new RuleDescriptor(id, summary, Severity.ERROR, "engine", safeAlternative, RuleDescriptor.docsUrlFor(id));
    }
}
