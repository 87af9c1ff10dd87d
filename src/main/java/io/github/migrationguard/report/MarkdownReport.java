package io.github.migrationguard.report;

import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintReport;
import io.github.migrationguard.lint.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * GitHub-flavoured Markdown for pull-request comments and {@code $GITHUB_STEP_SUMMARY}: a summary table and a
 * findings table.
 *
 * <p>Findings that count against the build come first (errors, warnings, notes), acknowledged ones last. The table
 * stops after {@value #MAX_ROWS} rows, or earlier when the document would exceed {@value #MAX_CHARS} characters
 * (a pull-request comment holds at most 65,536), and ends with an "... and N more findings" line. Every cell is
 * escaped: Markdown punctuation ({@code |}, backticks, {@code *}, {@code _}, brackets, ...) gets a backslash,
 * {@code & < >} become entities, line breaks become {@code <br>}, control characters become visible escapes.
 */
public final class MarkdownReport {

    /** Largest number of findings rows. */
    public static final int MAX_ROWS = 200;
    /** Size the document stays under (characters). */
    public static final int MAX_CHARS = 60_000;
    /** Longest text in one cell, in code points, before escaping. */
    static final int MAX_CELL = 400;

    /** Characters that start Markdown syntax inside a table cell (emphasis, code, links, pipes, strike, math). */
    private static final String PUNCTUATION = "\\`*_[]|~$";

    private MarkdownReport() {
    }

    public static String render(LintReport r) {
        StringBuilder md = new StringBuilder();
        md.append("## migration-guard: validate-safe\n\n");

        long errors = count(r, Severity.ERROR);
        long warnings = count(r, Severity.WARNING);
        long notes = count(r, Severity.NOTE);
        long acknowledged = r.findings().stream().filter(Finding::acknowledged).count();
        md.append("| Files | Statements | Errors | Warnings | Notes | Acknowledged | Time |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append("| ").append(r.files().size())
                .append(" | ").append(r.statements())
                .append(" | ").append(errors)
                .append(" | ").append(warnings)
                .append(" | ").append(notes)
                .append(" | ").append(acknowledged)
                .append(" | ").append(Text.seconds(r.elapsedMillis()))
                .append(" |\n\n");

        if (r.findings().isEmpty()) {
            md.append("No findings.\n");
            return md.toString();
        }

        List<Finding> ordered = new ArrayList<>(r.findings());
        ordered.sort(Comparator.comparingInt(MarkdownReport::rank));   // stable: report order within a rank

        md.append("### Findings\n\n");
        md.append("| Severity | Rule | Location | Message | Safe alternative |\n");
        md.append("|---|---|---|---|---|\n");
        int shown = 0;
        // room for the "... and N more" line
        int budget = MAX_CHARS - 200;
        for (Finding f : ordered) {
            if (shown == MAX_ROWS) {
                break;
            }
            String row = row(f);
            if (md.length() + row.length() > budget) {
                break;
            }
            md.append(row);
            shown++;
        }
        int more = ordered.size() - shown;
        if (more > 0) {
            md.append("\n... and ").append(Text.count(more, "more finding", "more findings"))
                    .append(", listed in validate-safe.json and validate-safe.sarif.\n");
        }
        return md.toString();
    }

    private static long count(LintReport r, Severity severity) {
        return r.findings().stream().filter(f -> !f.acknowledged() && Text.severity(f) == severity).count();
    }

    /** Errors, warnings, notes, then acknowledged findings. */
    private static int rank(Finding f) {
        return f.acknowledged() ? Severity.values().length : Text.severity(f).ordinal();
    }

    private static String row(Finding f) {
        String severity = Text.severityName(f) + (f.acknowledged() ? ", acknowledged" : "");
        String rule = cell(f.ruleId());
        if (!Text.isBlank(f.docsUrl())) {
            rule = "[" + rule + "](" + linkTarget(f.docsUrl().strip()) + ")";
        }
        String location = cell(f.file()) + ":" + f.line() + ":" + f.column();
        String message = cell(f.message());
        if (f.acknowledged()) {
            message += "<br>Acknowledged: " + (Text.isBlank(f.reason()) ? "no reason given" : cell(f.reason().strip()));
        }
        String alternative = Text.isBlank(f.safeAlternative()) ? "" : cell(f.safeAlternative().strip());
        return "| " + severity + " | " + rule + " | " + location + " | " + message + " | " + alternative + " |\n";
    }

    /** Escapes text for one table cell. */
    static String cell(String text) {
        String in = Text.visible(Text.truncate(text, MAX_CELL), true);
        StringBuilder out = new StringBuilder(in.length() + 16);
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            switch (c) {
                case '\n' -> out.append("<br>");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (PUNCTUATION.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** A link destination that cannot end the link early: spaces, parentheses and angle brackets encoded. */
    static String linkTarget(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case ' ' -> out.append("%20");
                case '(' -> out.append("%28");
                case ')' -> out.append("%29");
                case '<' -> out.append("%3C");
                case '>' -> out.append("%3E");
                case '|' -> out.append("%7C");
                case '"' -> out.append("%22");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format(Locale.ROOT, "%%%02X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
