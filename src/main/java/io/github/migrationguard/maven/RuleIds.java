package io.github.migrationguard.maven;

/** The rule ids configuration may name, as the configuration mapping needs them. */
interface RuleIds {

    /** True when {@code id} names a rule that {@code <rules>} may configure. */
    boolean isRule(String id);

    /** True when {@code id} names a diagnostic of the lint engine itself (always an error, not configurable). */
    boolean isEngineDiagnostic(String id);

    /** The known id closest to {@code id}, or null when none is close. */
    String nearest(String id);
}
