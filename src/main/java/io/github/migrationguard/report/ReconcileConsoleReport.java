package io.github.migrationguard.report;

import io.github.migrationguard.reconcile.ActionType;
import io.github.migrationguard.reconcile.ManualStep;
import io.github.migrationguard.reconcile.PlanDatabase;
import io.github.migrationguard.reconcile.PlannedAction;
import io.github.migrationguard.reconcile.ReconcilePlan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The lines the build log shows for a reconcile plan: what it was made for, each action with its evidence, each
 * finding that needs a person with what to do, then one summary line.
 *
 * <p>Plain text as in {@link DriftConsoleReport}: every line is a single line, control and bidirectional-override
 * characters are shown as {@code \}{@code uXXXX}.
 */
public final class ReconcileConsoleReport {

    private static final String INDENT = "    ";

    private ReconcileConsoleReport() {
    }

    /**
     * E.g. {@code Reconcile plan for database shop on 10.1.2.3:5432, history table app.flyway_schema_history
     * (flyway)}.
     */
    public static String headerLine(ReconcilePlan plan) {
        PlanDatabase d = plan.database();
        if (d == null) {
            return "Reconcile plan for an unknown database";
        }
        StringBuilder s = new StringBuilder("Reconcile plan for database ").append(Text.oneLine(d.name()));
        if (!Text.isBlank(d.server())) {
            s.append(" on ").append(Text.oneLine(d.server()));
        }
        s.append(", history table ").append(Text.isBlank(d.historyTable()) ? "(none)" : Text.oneLine(d.historyTable()));
        if (!Text.isBlank(d.historyTool())) {
            s.append(" (").append(Text.oneLine(d.historyTool())).append(')');
        }
        if (!d.historyTableExists()) {
            s.append(", which does not exist yet (the apply creates it)");
        }
        return s.toString();
    }

    /**
     * One action: {@code MARK_APPLIED 3 (V3__orders.sql)}, one {@code     - fact} line per piece of evidence, and
     * {@code     note: ...} when it has a note.
     */
    public static List<String> actionLines(PlannedAction a) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(a.type() == null ? "UNKNOWN" : a.type().name());
        if (!Text.isBlank(a.migration())) {
            head.append(' ').append(Text.oneLine(a.migration().strip()));
        }
        if (!Text.isBlank(a.script())) {
            head.append(" (").append(Text.oneLine(a.script().strip())).append(')');
        }
        lines.add(head.toString());
        for (String e : a.evidence()) {
            if (!Text.isBlank(e)) {
                lines.add(INDENT + "- " + Text.oneLine(e.strip()));
            }
        }
        if (!Text.isBlank(a.note())) {
            lines.add(INDENT + "note: " + Text.oneLine(a.note().strip()));
        }
        return lines;
    }

    /**
     * One finding reconcile leaves alone: {@code NEEDS A PERSON: PARTIAL 4 table public.x: reason}, then
     * {@code     what to do: ...} and {@code     suggested migration: ...} when it has them.
     */
    public static List<String> manualLines(ManualStep m) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("NEEDS A PERSON: ")
                .append(Text.isBlank(m.kind()) ? "UNKNOWN" : Text.oneLine(m.kind().strip()));
        if (!Text.isBlank(m.migration())) {
            head.append(' ').append(Text.oneLine(m.migration().strip()));
        }
        if (!Text.isBlank(m.object())) {
            head.append(' ').append(Text.oneLine(m.object().strip()));
        }
        if (!Text.isBlank(m.reason())) {
            head.append(": ").append(Text.oneLine(m.reason().strip()));
        }
        lines.add(head.toString());
        if (!Text.isBlank(m.instruction())) {
            lines.add(INDENT + "what to do: " + Text.oneLine(m.instruction().strip()));
        }
        if (!Text.isBlank(m.suggestedMigration())) {
            lines.add(INDENT + "suggested migration: " + Text.oneLine(m.suggestedMigration().strip()));
        }
        return lines;
    }

    /**
     * E.g. {@code migration-guard reconcile: 3 actions (2 MARK_APPLIED, 1 REMOVE_PHANTOM), 1 finding needs a person};
     * {@code migration-guard reconcile: nothing to reconcile, 0 findings need a person} for an empty plan.
     */
    public static String summaryLine(ReconcilePlan plan) {
        StringBuilder s = new StringBuilder("migration-guard reconcile: ");
        if (plan.actions().isEmpty()) {
            s.append("nothing to reconcile");
        } else {
            Map<ActionType, Integer> byType = new EnumMap<>(ActionType.class);
            int unknown = 0;
            for (PlannedAction a : plan.actions()) {
                if (a.type() == null) {
                    unknown++;
                } else {
                    byType.merge(a.type(), 1, Integer::sum);
                }
            }
            List<String> parts = new ArrayList<>();
            byType.forEach((t, n) -> parts.add(n + " " + t.name()));
            if (unknown > 0) {
                parts.add(unknown + " UNKNOWN");
            }
            s.append(Text.count(plan.actions().size(), "action", "actions"))
                    .append(" (").append(String.join(", ", parts)).append(')');
        }
        int manual = plan.manual().size();
        s.append(", ").append(manual).append(manual == 1 ? " finding needs a person" : " findings need a person");
        return s.toString();
    }

    /** Everything, in order: header, actions, findings that need a person, summary. */
    public static List<String> lines(ReconcilePlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add(headerLine(plan));
        for (PlannedAction a : plan.actions()) {
            lines.addAll(actionLines(a));
        }
        for (ManualStep m : plan.manual()) {
            lines.addAll(manualLines(m));
        }
        lines.add(summaryLine(plan));
        return lines;
    }
}
