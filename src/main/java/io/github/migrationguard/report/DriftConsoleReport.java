package io.github.migrationguard.report;

import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines the build log shows for detect-drift, in the order the user reads them: what we are connected to,
 * history vs files, per-migration evidence, expected vs live schema, references, then one summary line. Every
 * finding carries its recommended action.
 *
 * <p>Plain text without colours; every line is a single line (line breaks become spaces) and control or
 * bidirectional-override characters from migration files or the database are shown as {@code \}{@code uXXXX}. The
 * identity block is read from the live connection and never contains a password.
 */
public final class DriftConsoleReport {

    private static final String INDENT = "  ";
    private static final String ACTION_INDENT = "      ";

    private DriftConsoleReport() {
    }

    /** The identity block: database, user, server, current schema, search_path, server version, standby. */
    public static List<String> identityLines(DriftReport r) {
        List<String> lines = new ArrayList<>();
        DatabaseIdentity id = r.database();
        lines.add("Connected to:");
        if (id == null) {
            lines.add(INDENT + "(unknown)");
            return lines;
        }
        lines.add(INDENT + "database:       " + Text.oneLine(id.database()));
        lines.add(INDENT + "user:           " + Text.oneLine(id.user()));
        lines.add(INDENT + "server:         " + Text.oneLine(id.serverEndpoint()));
        lines.add(INDENT + "current schema: " + (id.currentSchema() == null ? "(none)" : Text.oneLine(id.currentSchema())));
        lines.add(INDENT + "search_path:    " + Text.oneLine(id.searchPath()));
        lines.add(INDENT + "server version: " + Text.oneLine(id.serverVersion()));
        lines.add(INDENT + "standby:        " + (id.inRecovery() ? "yes" : "no"));
        lines.add(INDENT + "history table:  " + (r.historyTable() == null ? "none found" : Text.oneLine(r.historyTable())
                + (r.historyTool() == null ? "" : " (" + Text.oneLine(r.historyTool()) + ")")));
        lines.add(INDENT + "expected from:  " + expectedSource(r.expectedSource()));
        return lines;
    }

    private static String expectedSource(String source) {
        if ("replay".equals(source)) {
            return "replay of the migrations";
        }
        if ("shadow".equals(source)) {
            return "the migrations applied to a shadow database";
        }
        return source == null ? "(not built)" : Text.oneLine(source);
    }

    /**
     * One finding: {@code KIND migration M, object: detail}, then {@code       recommended action: ...} when it has
     * one.
     */
    public static List<String> findingLines(DriftFinding f) {
        List<String> lines = new ArrayList<>(2);
        StringBuilder head = new StringBuilder(INDENT).append(DriftSections.kindName(f));
        if (!Text.isBlank(f.migration())) {
            head.append(" migration ").append(Text.oneLine(f.migration()));
        }
        if (!Text.isBlank(f.object())) {
            head.append(Text.isBlank(f.migration()) ? " " : ", ").append(Text.oneLine(f.object()));
        }
        if (!Text.isBlank(f.detail())) {
            head.append(": ").append(Text.oneLine(f.detail().strip()));
        }
        lines.add(head.toString());
        if (!Text.isBlank(f.recommendedAction())) {
            lines.add(ACTION_INDENT + "recommended action: " + Text.oneLine(f.recommendedAction().strip()));
        }
        return lines;
    }

    /**
     * E.g. {@code migration-guard detect-drift: 12 migrations, 10 applied, 3 findings (1 PHANTOM, 2 EXTRA_OBJECT),
     * 14 catalog queries, 0.81 s}; {@code ... migration in progress, drift not checked, 0.05 s} while a migration
     * holds the history lock.
     */
    public static String summaryLine(DriftReport r) {
        StringBuilder s = new StringBuilder("migration-guard detect-drift: ");
        if (r.migrationInProgress()) {
            return s.append("migration in progress, drift not checked, ").append(Text.seconds(r.elapsedMillis()))
                    .toString();
        }
        s.append(Text.count(r.migrations(), "migration", "migrations")).append(", ")
                .append(r.applied()).append(" applied, ")
                .append(Text.count(r.findings().size(), "finding", "findings"));
        Map<DriftKind, Integer> byKind = DriftSections.countByKind(r.findings());
        if (!byKind.isEmpty()) {
            List<String> parts = new ArrayList<>();
            byKind.forEach((k, n) -> parts.add(n + " " + k.name()));
            s.append(" (").append(String.join(", ", parts)).append(')');
        }
        s.append(", ").append(Text.count(r.catalogQueries(), "catalog query", "catalog queries"))
                .append(", ").append(Text.seconds(r.elapsedMillis()));
        return s.toString();
    }

    /** Everything, in order: identity, the four sections (each says "none" when empty), the summary. */
    public static List<String> lines(DriftReport r) {
        List<String> lines = new ArrayList<>(identityLines(r));
        if (r.migrationInProgress()) {
            lines.add("Migration in progress: another session holds the migration lock on "
                    + (r.historyTable() == null ? "the history table" : Text.oneLine(r.historyTable()))
                    + ". Drift is not reported while a migration runs; run detect-drift again when it has finished.");
            lines.add(summaryLine(r));
            return lines;
        }
        for (DriftSections section : DriftSections.values()) {
            List<DriftFinding> findings = section.findings(r);
            String header = section.title() + ":";
            if (section == DriftSections.HISTORY) {
                long pending = r.findings().stream().filter(f -> f.kind() == DriftKind.PENDING).count();
                header += " " + Text.count(r.migrations(), "migration file", "migration files") + ", "
                        + r.applied() + " applied, " + pending + " pending";
            }
            lines.add(header);
            if (findings.isEmpty()) {
                lines.add(INDENT + "none");
            }
            for (DriftFinding f : findings) {
                lines.addAll(findingLines(f));
            }
        }
        lines.add(summaryLine(r));
        return lines;
    }
}
