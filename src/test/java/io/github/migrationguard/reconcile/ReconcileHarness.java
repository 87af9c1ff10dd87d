package io.github.migrationguard.reconcile;

import io.github.migrationguard.db.ConnectionSettings;
import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.drift.DriftDetector;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftInspection;
import io.github.migrationguard.drift.DriftSettings;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Plans, applies and row counts the way the incident ITs need them: as the goal makes them, on a test database. */
final class ReconcileHarness {

    private ReconcileHarness() {
    }

    /** A dry-run plan, as the goal makes it. */
    static ReconcilePlan plan(ConnectionSettings database, DriftSettings settings, PlanOptions options)
            throws Exception {
        try (Connection c = Connections.open(database)) {
            DriftInspection inspection = new DriftDetector(settings).inspect(c);
            DatabaseIdentity identity = inspection.report().database();
            return ReconcilePlanner.plan(inspection, PlanDatabases.describe(c, identity, inspection), options,
                    "test", Instant.now());
        }
    }

    /** Applies {@code plan} with the default guard (a test database name) and the audit file in {@code dir}. */
    static ReconcileApplier.Result apply(ConnectionSettings database, DriftSettings settings, ReconcilePlan plan,
                                         Path dir) throws Exception {
        ReconcileApplier.Settings s = new ReconcileApplier.Settings(
                new ProductionGuard.Settings(Pattern.compile(ProductionGuard.DEFAULT_PATTERN), null, null),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60), dir, "test", "tester",
                Map.of());
        try (Connection c = Connections.open(database)) {
            return new ReconcileApplier(new DriftDetector(settings), s, Masking.none(), m -> { },
                    r -> dir.resolve("audit.json"), Clock.systemUTC()).apply(c, plan);
        }
    }

    /**
     * Rows of every application table (partitions counted on their own, parents through them), history and audit
     * tables ({@code historyTables} and {@code migration_guard_audit}) left out.
     */
    static Map<String, Long> rowCounts(TestDatabase db, Set<String> historyTables) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select format('%I.%I', n.nspname, c.relname)"
                    + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p')"
                    + " and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'"
                    + " and c.relname <> 'migration_guard_audit' and c.relname <> all (?)")) {
                ps.setArray(1, c.createArrayOf("text", historyTables.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("select count(*) from only " + t)) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** A plan as one text for assertion messages: actions with notes and evidence, then the manual steps. */
    static String describe(ReconcilePlan plan) {
        StringBuilder s = new StringBuilder("plan (markApplied " + plan.options().markApplied() + "):\n");
        for (PlannedAction a : plan.actions()) {
            s.append("  ").append(a.type()).append(' ').append(a.migration()).append(' ').append(a.script())
                    .append(a.note() == null ? "" : "  note: " + a.note()).append('\n');
            a.evidence().forEach(e -> s.append("      ").append(e).append('\n'));
        }
        for (ManualStep m : plan.manual()) {
            s.append("  manual ").append(m.kind()).append(' ').append(m.migration()).append(' ').append(m.object())
                    .append(": ").append(m.reason()).append(" / ").append(m.instruction()).append('\n');
        }
        return s.toString();
    }

    /** Findings as indented lines for assertion messages. */
    static String lines(List<DriftFinding> findings) {
        return findings.stream().map(f -> f.kind() + " " + f.migration() + " " + f.object() + ": " + f.detail())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
