package io.github.migrationguard.lint;

import java.util.List;

/**
 * Result of linting a set of migration files; every report format renders this one object.
 *
 * @param files         files linted, in path order
 * @param statements    total statements
 * @param bytes         total bytes read
 * @param elapsedMillis wall-clock time of the run
 * @param findings      all findings (acknowledged ones included), ordered by file, line, column, rule id
 */
public record LintReport(List<FileResult> files, int statements, long bytes, long elapsedMillis,
                         List<Finding> findings) {

    /** Findings that count against the build: not acknowledged, at or above {@code threshold}. */
    public long blocking(Severity threshold) {
        return findings.stream()
                .filter(f -> !f.acknowledged() && f.severity().ordinal() <= threshold.ordinal())
                .count();
    }
}
