package io.github.migrationguard.report;

import io.github.migrationguard.reconcile.ManualStep;
import io.github.migrationguard.reconcile.PlanDatabase;
import io.github.migrationguard.reconcile.PlanOptions;
import io.github.migrationguard.reconcile.PlannedAction;
import io.github.migrationguard.reconcile.ReconcilePlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GitHub-flavoured Markdown of a reconcile plan for review in a pull request or {@code $GITHUB_STEP_SUMMARY}: the
 * database and fingerprint, the actions with their evidence, the findings that need a person, and how to apply the
 * plan (a plan is always made as a dry run).
 *
 * <p>Limits and escaping as in {@link MarkdownReport}: each table stops after {@link MarkdownReport#MAX_ROWS} rows
 * or when the document would exceed {@link MarkdownReport#MAX_CHARS} characters, with an "... and N more" line
 * pointing to {@code reconcile-plan.json}; every cell is escaped.
 */
public final class ReconcilePlanMarkdown {

    /** The file name in the reports directory. */
    public static final String FILE_NAME = "reconcile-plan.md";

    /** The plan file as the apply command names it when the reports directory is the default one. */
    public static final String DEFAULT_PLAN_FILE = "target/migration-guard/" + ReconcilePlanJson.FILE_NAME;

    /** Room kept for what follows the actions table: the other table's head and the dry-run paragraph. */
    private static final int RESERVE = 2_000;

    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z_]*");

    private ReconcilePlanMarkdown() {
    }

    /** The plan, with the apply command naming {@link #DEFAULT_PLAN_FILE}. */
    public static String render(ReconcilePlan plan) {
        return render(plan, DEFAULT_PLAN_FILE);
    }

    /**
     * The plan.
     *
     * @param planFile the plan file as the apply command should name it (relative to the project directory)
     */
    public static String render(ReconcilePlan plan, String planFile) {
        StringBuilder md = new StringBuilder();
        md.append("## migration-guard: reconcile plan\n\n");
        md.append(databaseLine(plan)).append("\n\n");
        String made = madeLine(plan);
        if (!made.isEmpty()) {
            md.append(made).append("\n\n");
        }

        md.append("### Actions\n\n");
        if (plan.actions().isEmpty()) {
            md.append("Nothing to reconcile: the plan changes no history row.\n\n");
        } else {
            md.append("| # | Action | Migration | Script | Evidence | Note |\n");
            md.append("|---:|---|---|---|---|---|\n");
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < plan.actions().size(); i++) {
                rows.add(actionRow(i + 1, plan.actions().get(i)));
            }
            table(md, rows, MarkdownReport.MAX_CHARS - RESERVE, "more action", "more actions");
        }

        md.append("### Needs a person\n\n");
        if (plan.manual().isEmpty()) {
            md.append("No finding needs a person.\n\n");
        } else {
            md.append("| Kind | Migration | Object | Why | What to do |\n");
            md.append("|---|---|---|---|---|\n");
            List<String> rows = plan.manual().stream().map(ReconcilePlanMarkdown::manualRow).toList();
            table(md, rows, MarkdownReport.MAX_CHARS - RESERVE / 2, "more finding", "more findings");
        }

        if (plan.actions().isEmpty()) {
            md.append("This is a dry run: nothing was changed, and there is nothing to apply.\n");
        } else {
            md.append("This is a dry run: nothing was changed. To apply this plan, run ")
                    .append(code("mvn migration-guard:reconcile -DmigrationGuard.apply=true -DmigrationGuard.plan="
                            + shellWord(Text.oneLine(planFile))))
                    .append(" with the same connection settings; the apply refuses the plan if the database, its"
                            + " history or the migrations changed since.\n");
        }
        return md.toString();
    }

    /** Writes {@code reconcile-plan.md} (atomically) into {@code reportsDirectory}; returns the file. */
    public static Path write(ReconcilePlan plan, Path reportsDirectory) throws IOException {
        return write(plan, reportsDirectory, DEFAULT_PLAN_FILE);
    }

    /**
     * Writes {@code reconcile-plan.md} (atomically) into {@code reportsDirectory}; returns the file.
     *
     * @param planFile the plan file as the apply command should name it (relative to the project directory)
     */
    public static Path write(ReconcilePlan plan, Path reportsDirectory, String planFile) throws IOException {
        Path file = reportsDirectory.resolve(FILE_NAME);
        ReportFiles.writeAtomically(file, render(plan, planFile));
        return file;
    }

    private static String databaseLine(ReconcilePlan plan) {
        PlanDatabase d = plan.database();
        StringBuilder s = new StringBuilder("Database ");
        if (d == null) {
            s.append("(unknown)");
        } else {
            s.append("**").append(MarkdownReport.cell(d.name())).append("**");
            if (!Text.isBlank(d.server())) {
                s.append(" on ").append(MarkdownReport.cell(d.server()));
            }
            if (!Text.isBlank(d.serverVersion())) {
                s.append(" (PostgreSQL ").append(MarkdownReport.cell(d.serverVersion())).append(')');
            }
            s.append(", history table ");
            s.append(Text.isBlank(d.historyTable()) ? "(none)" : MarkdownReport.cell(d.historyTable()));
            List<String> about = new ArrayList<>();
            if (!Text.isBlank(d.historyTool())) {
                about.add(MarkdownReport.cell(d.historyTool()));
            }
            if (!d.historyTableExists()) {
                about.add("does not exist yet: the apply creates it");
            }
            if (!about.isEmpty()) {
                s.append(" (").append(String.join("; ", about)).append(')');
            }
        }
        s.append(", fingerprint ").append(code(Text.nullToEmpty(plan.fingerprint()))).append('.');
        return s.toString();
    }

    /** When, by which version and user, with which options; empty when the plan records none of it. */
    private static String madeLine(ReconcilePlan plan) {
        List<String> parts = new ArrayList<>();
        if (!Text.isBlank(plan.createdAt())) {
            parts.add("at " + MarkdownReport.cell(plan.createdAt()));
        }
        if (!Text.isBlank(plan.pluginVersion())) {
            parts.add("by migration-guard " + MarkdownReport.cell(plan.pluginVersion()));
        }
        if (plan.database() != null && !Text.isBlank(plan.database().user())) {
            parts.add("as " + MarkdownReport.cell(plan.database().user()));
        }
        StringBuilder s = new StringBuilder();
        if (!parts.isEmpty()) {
            s.append("Made ").append(String.join(" ", parts)).append('.');
        }
        PlanOptions o = plan.options();
        if (o != null && (o.realignChecksums() || !o.markApplied().isEmpty())) {
            List<String> asked = new ArrayList<>();
            if (o.realignChecksums()) {
                asked.add("realign checksums");
            }
            if (!o.markApplied().isEmpty()) {
                asked.add("mark applied: " + String.join(", ",
                        o.markApplied().stream().map(MarkdownReport::cell).toList()));
            }
            s.append(s.isEmpty() ? "" : " ").append("Asked for: ").append(String.join("; ", asked)).append('.');
        }
        return s.toString();
    }

    private static String actionRow(int no, PlannedAction a) {
        List<String> evidence = new ArrayList<>();
        for (String e : a.evidence()) {
            if (!Text.isBlank(e)) {
                evidence.add(MarkdownReport.cell(e.strip()));
            }
        }
        return "| " + no
                + " | " + (a.type() == null ? "UNKNOWN" : a.type().name())
                + " | " + optional(a.migration())
                + " | " + optional(a.script())
                + " | " + String.join("<br>", evidence)
                + " | " + optional(a.note())
                + " |\n";
    }

    private static String manualRow(ManualStep m) {
        String todo = optional(m.instruction());
        if (!Text.isBlank(m.suggestedMigration())) {
            todo += (todo.isEmpty() ? "" : "<br>") + "Suggested migration: "
                    + MarkdownReport.cell(m.suggestedMigration().strip());
        }
        return "| " + kind(m.kind())
                + " | " + optional(m.migration())
                + " | " + optional(m.object())
                + " | " + optional(m.reason())
                + " | " + todo
                + " |\n";
    }

    /** A finding kind as the drift report shows it: {@code PARTIAL}, {@code EXTRA_OBJECT} (no escape needed). */
    private static String kind(String kind) {
        return kind != null && KIND.matcher(kind).matches() ? kind : optional(kind);
    }

    private static String optional(String text) {
        return Text.isBlank(text) ? "" : MarkdownReport.cell(text.strip());
    }

    /** Appends rows while they fit, then an "... and N more" line. */
    private static void table(StringBuilder md, List<String> rows, int budget, String one, String many) {
        int shown = 0;
        for (String row : rows) {
            if (shown == MarkdownReport.MAX_ROWS || md.length() + row.length() > budget) {
                break;
            }
            md.append(row);
            shown++;
        }
        int more = rows.size() - shown;
        if (more > 0) {
            md.append("\n... and ").append(Text.count(more, one, many)).append(", listed in ")
                    .append(ReconcilePlanJson.FILE_NAME).append('.').append('\n');
        }
        md.append('\n');
    }

    /** An inline code span that no backtick in the text can end early. */
    static String code(String text) {
        String in = Text.oneLine(text);
        int longest = 0;
        int run = 0;
        for (int i = 0; i < in.length(); i++) {
            run = in.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = in.startsWith("`") || in.endsWith("`");
        return fence + (pad ? " " : "") + in + (pad ? " " : "") + fence;
    }

    /** The text as one POSIX shell word: as it is when it holds only safe characters, otherwise single-quoted. */
    static String shellWord(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c < 0x80
                && (Character.isLetterOrDigit(c) || "_-./:@%+=,".indexOf(c) >= 0))) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
