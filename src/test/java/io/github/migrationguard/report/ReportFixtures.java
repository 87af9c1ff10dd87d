package io.github.migrationguard.report;

import io.github.migrationguard.lint.EngineDiagnostic;
import io.github.migrationguard.lint.FileResult;
import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintReport;
import io.github.migrationguard.lint.RuleDescriptor;
import io.github.migrationguard.lint.Severity;
import java.util.ArrayList;
import java.util.List;

/** Reports the renderer tests share. */
final class ReportFixtures {

    /** Quotes, markup, a pipe, backticks, a percent sign, CRLF, non-ASCII (incl. a supplementary char), a BEL. */
    static final String NASTY = "DROP TABLE \"users\" <b>&</b> | `x` 100% sure,\r\nsecond line: \u00e9\u6f22\ud83d\ude00 \u0007bell";

    static final String CLEAN = "db/migration/V1__create_safe.sql";
    static final String DROP = "db/migration/V2__drop users.sql";
    static final String CLEANUP = "db/migration/V3__cleanup_safe.sql";

    static final String REASON = "table emptied in V41, see <ticket> & \"notes\"";

    static final Finding DROP_TABLE = new Finding(DROP, 3, 5, 3, 20, "ban-drop-table", Severity.ERROR, NASTY,
            "Rename the table first; drop it in a later release.", RuleDescriptor.docsUrlFor("ban-drop-table"),
            false, null);
    static final Finding NOT_ROBUST = new Finding(DROP, 7, 1, 9, 3, "prefer-robust-stmts", Severity.WARNING,
            "CREATE INDEX without IF NOT EXISTS", "Add IF NOT EXISTS.", RuleDescriptor.docsUrlFor("prefer-robust-stmts"),
            false, null);
    static final Finding TRUNCATE = new Finding(CLEANUP, 2, 1, 2, 30, "ban-truncate", Severity.ERROR,
            "TRUNCATE removes every row", "Delete in batches with a WHERE clause.",
            RuleDescriptor.docsUrlFor("ban-truncate"), false, null).acknowledge(REASON);
    /** Its rule is deliberately missing from {@link #rules()}. */
    static final Finding NOTE = new Finding(CLEANUP, 4, 3, 4, 8, "prefer-text-field", Severity.NOTE,
            "varchar(255) has no benefit over text", "Use text with a CHECK constraint.",
            RuleDescriptor.docsUrlFor("prefer-text-field"), false, null);

    private ReportFixtures() {
    }

    static List<FileResult> files() {
        return List.of(new FileResult(CLEAN, 5, 120, false), new FileResult(DROP, 8, 300, true),
                new FileResult(CLEANUP, 4, 99, false));
    }

    /** Three files (one clean), four findings: an error with nasty text, a warning, an acknowledged error, a note. */
    static LintReport report() {
        return new LintReport(files(), 17, 519, 410, List.of(DROP_TABLE, NOT_ROBUST, TRUNCATE, NOTE));
    }

    static LintReport clean() {
        return new LintReport(files(), 17, 519, 410, List.of());
    }

    static LintReport withFindings(List<Finding> findings) {
        return new LintReport(files(), 17, 519, 410, findings);
    }

    static List<RuleDescriptor> rules() {
        List<RuleDescriptor> rules = new ArrayList<>();
        rules.add(new RuleDescriptor("ban-drop-table", "DROP TABLE loses data.", Severity.ERROR, "destructive",
                "Rename the table first; drop it in a later release.", RuleDescriptor.docsUrlFor("ban-drop-table")));
        rules.add(new RuleDescriptor("prefer-robust-stmts", "Statements should be safe to re-run.", Severity.WARNING,
                "robustness", "Add IF NOT EXISTS.", RuleDescriptor.docsUrlFor("prefer-robust-stmts")));
        rules.add(new RuleDescriptor("ban-truncate", "TRUNCATE loses data.", Severity.ERROR, "destructive",
                "Delete in batches with a WHERE clause.", RuleDescriptor.docsUrlFor("ban-truncate")));
        for (EngineDiagnostic d : EngineDiagnostic.values()) {
            rules.add(d.descriptor());
        }
        return rules;
    }

    static Finding finding(String file, int line, String ruleId, Severity severity, String message) {
        return new Finding(file, line, 1, line, 10, ruleId, severity, message, "Do the safe thing.",
                RuleDescriptor.docsUrlFor(ruleId), false, null);
    }
}
