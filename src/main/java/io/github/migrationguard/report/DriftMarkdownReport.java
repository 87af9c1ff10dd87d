package io.github.migrationguard.report;

import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * GitHub-flavoured Markdown of a detect-drift report for pull-request comments and {@code $GITHUB_STEP_SUMMARY}: a
 * summary table, the number of findings per kind, and a findings table in report order (history vs files,
 * per-migration evidence, schema, references) with each finding's recommended action.
 *
 * <p>Limits and escaping as in {@link MarkdownReport}: at most {@link MarkdownReport#MAX_ROWS} rows and
 * {@link MarkdownReport#MAX_CHARS} characters, then an "... and N more" line; every cell escaped.
 */
public final class DriftMarkdownReport {

    /** The file name in the reports directory. */
    public static final String FILE_NAME = "drift-report.md";

    private DriftMarkdownReport() {
    }

    public static String render(DriftReport r) {
        StringBuilder md = new StringBuilder();
        md.append("## migration-guard: detect-drift\n\n");
        DatabaseIdentity id = r.database();
        md.append("| Database | User | Server | PostgreSQL | History table | Expected schema | Migrations | Applied"
                + " | Findings | Time |\n");
        md.append("|---|---|---|---|---|---|---:|---:|---:|---:|\n");
        md.append("| ").append(id == null ? "" : MarkdownReport.cell(id.database()))
                .append(" | ").append(id == null ? "" : MarkdownReport.cell(id.user()))
                .append(" | ").append(id == null ? "" : MarkdownReport.cell(id.serverEndpoint()))
                .append(" | ").append(id == null ? "" : MarkdownReport.cell(id.serverVersion())
                        + (id.inRecovery() ? " (standby)" : ""))
                .append(" | ").append(r.historyTable() == null ? "none found" : MarkdownReport.cell(r.historyTable()))
                .append(" | ").append(r.expectedSource() == null ? "" : MarkdownReport.cell(r.expectedSource()))
                .append(" | ").append(r.migrations())
                .append(" | ").append(r.applied())
                .append(" | ").append(r.findings().size())
                .append(" | ").append(Text.seconds(r.elapsedMillis()))
                .append(" |\n\n");

        if (r.migrationInProgress()) {
            md.append("**Migration in progress**: another session holds the migration lock. Drift is not reported"
                    + " while a migration runs; run detect-drift again when it has finished.\n");
            return md.toString();
        }
        if (r.findings().isEmpty()) {
            md.append("No drift.\n");
            return md.toString();
        }

        Map<DriftKind, Integer> byKind = DriftSections.countByKind(r.findings());
        md.append("| Kind | Count |\n|---|---:|\n");
        byKind.forEach((k, n) -> md.append("| ").append(k.name()).append(" | ").append(n).append(" |\n"));
        md.append('\n');

        md.append("### Findings\n\n");
        md.append("| Kind | Migration | Object | Detail | Recommended action |\n");
        md.append("|---|---|---|---|---|\n");
        int shown = 0;
        int budget = MarkdownReport.MAX_CHARS - 200;
        for (DriftFinding f : r.findings()) {
            if (shown == MarkdownReport.MAX_ROWS) {
                break;
            }
            String row = row(f);
            if (md.length() + row.length() > budget) {
                break;
            }
            md.append(row);
            shown++;
        }
        int more = r.findings().size() - shown;
        if (more > 0) {
            md.append("\n... and ").append(Text.count(more, "more finding", "more findings"))
                    .append(", listed in ").append(DriftJsonReport.FILE_NAME).append(".\n");
        }
        return md.toString();
    }

    private static String row(DriftFinding f) {
        return "| " + DriftSections.kindName(f)
                + " | " + (Text.isBlank(f.migration()) ? "" : MarkdownReport.cell(f.migration().strip()))
                + " | " + (Text.isBlank(f.object()) ? "" : MarkdownReport.cell(f.object().strip()))
                + " | " + (Text.isBlank(f.detail()) ? "" : MarkdownReport.cell(f.detail().strip()))
                + " | " + (Text.isBlank(f.recommendedAction()) ? "" : MarkdownReport.cell(f.recommendedAction().strip()))
                + " |\n";
    }

    /** Writes {@code drift-report.md} (atomically) into {@code reportsDirectory}; returns the file. */
    public static Path write(DriftReport r, Path reportsDirectory) throws IOException {
        Path file = reportsDirectory.resolve(FILE_NAME);
        ReportFiles.writeAtomically(file, render(r));
        return file;
    }
}
