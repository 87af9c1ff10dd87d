package io.github.migrationguard.lint;

/**
 * A lint rule: matches and reports, nothing else. Rules get no logger, no JDBC and no Maven; one instance may be
 * called from several threads at once, so keep no mutable state. Register an implementation in
 * {@code META-INF/services/io.github.migrationguard.lint.Rule} and annotate it with {@link RuleInfo}.
 */
public interface Rule {
    void check(RuleContext context);
}
