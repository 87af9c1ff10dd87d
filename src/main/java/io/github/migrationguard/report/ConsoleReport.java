package io.github.migrationguard.report;

import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines the build log shows. Plain text without colours; every line is a single line (line breaks in messages
 * become spaces) and control or bidirectional-override characters from migration files are shown as
 * {@code \}{@code uXXXX}, so a file cannot rewrite the terminal or fake a log line.
 */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    /**
     * One finding: {@code path:line:col: [rule-id] message}, then {@code     safe alternative: ...} and
     * {@code     docs: <url>} when the finding has them. An acknowledged finding reads
     * {@code path:line:col: [rule-id] (acknowledged: <reason>) message}.
     */
    public static List<String> findingLines(Finding f) {
        List<String> lines = new ArrayList<>(3);
        StringBuilder head = new StringBuilder();
        head.append(Text.oneLine(f.file())).append(':').append(f.line()).append(':').append(f.column())
                .append(": [").append(Text.oneLine(f.ruleId())).append("] ");
        if (f.acknowledged()) {
            head.append("(acknowledged: ")
                    .append(Text.isBlank(f.reason()) ? "no reason given" : Text.oneLine(f.reason().strip()))
                    .append(") ");
        }
        head.append(Text.oneLine(f.message()));
        lines.add(head.toString());
        if (!Text.isBlank(f.safeAlternative())) {
            lines.add("    safe alternative: " + Text.oneLine(f.safeAlternative().strip()));
        }
        if (!Text.isBlank(f.docsUrl())) {
            lines.add("    docs: " + Text.oneLine(f.docsUrl().strip()));
        }
        return lines;
    }

    /** E.g. {@code migration-guard: 12 files, 340 statements, 3 findings (1 acknowledged), 0.41 s}. */
    public static String summaryLine(LintReport r) {
        long acknowledged = r.findings().stream().filter(Finding::acknowledged).count();
        StringBuilder s = new StringBuilder("migration-guard: ");
        s.append(Text.count(r.files().size(), "file", "files")).append(", ")
                .append(Text.count(r.statements(), "statement", "statements")).append(", ")
                .append(Text.count(r.findings().size(), "finding", "findings"));
        if (acknowledged > 0) {
            s.append(" (").append(acknowledged).append(" acknowledged)");
        }
        s.append(", ").append(Text.seconds(r.elapsedMillis()));
        return s.toString();
    }

    /** Every finding's lines in report order, then the summary line. */
    public static List<String> lines(LintReport r) {
        List<String> lines = new ArrayList<>();
        for (Finding f : r.findings()) {
            lines.addAll(findingLines(f));
        }
        lines.add(summaryLine(r));
        return lines;
    }
}
