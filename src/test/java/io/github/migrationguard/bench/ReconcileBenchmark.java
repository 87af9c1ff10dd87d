package io.github.migrationguard.bench;

import io.github.migrationguard.db.ConnectionSettings;
import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.drift.DriftDetector;
import io.github.migrationguard.drift.DriftInspection;
import io.github.migrationguard.drift.DriftSettings;
import io.github.migrationguard.reconcile.PlanDatabases;
import io.github.migrationguard.reconcile.PlanOptions;
import io.github.migrationguard.reconcile.ProductionGuard;
import io.github.migrationguard.reconcile.ReconcileApplier;
import io.github.migrationguard.reconcile.ReconcilePlan;
import io.github.migrationguard.reconcile.ReconcilePlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/**
 * The "tables present, history gone" incident at scale: N migrations (a table, an index and a foreign key each) applied
 * by real Flyway, the history emptied, then a reconcile dry run and an apply, timed; prints one RESULT line.
 *
 * <p>Run by {@code bench/reconcile/run.sh}. Not a test: never run by surefire or failsafe.
 *
 * <pre>
 * ReconcileBenchmark &lt;jdbc url of a database to create objects in (its name must contain "test")&gt; &lt;N&gt;
 *     [every K-th migration only alters the previous table instead of creating one]
 * </pre>
 */
public final class ReconcileBenchmark {

    private ReconcileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        Path project = Files.createTempDirectory("reconcile-bench");
        Path dir = project.resolve("db/migration");
        Files.createDirectories(dir);
        int alterEvery = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        for (int i = 1; i <= n; i++) {
            if (alterEvery > 0 && i > 1 && i % alterEvery == 0) {
                // a migration that only changes what an earlier one created
                Files.writeString(dir.resolve("V" + i + "__widen_" + i + ".sql"), "alter table t" + (i - 1)
                        + " alter column name type varchar(200);\n");
                continue;
            }
            String fk = i == 1 || (alterEvery > 0 && (i - 1) % alterEvery == 0) ? ""
                    : ",\n    parent_id bigint references t" + (i - 1) + " (id)";
            Files.writeString(dir.resolve("V" + i + "__table_" + i + ".sql"), "create table t" + i + " (\n"
                    + "    id bigserial primary key,\n    name text not null,\n    created_at timestamptz not null"
                    + " default now()" + fk + "\n);\ncreate index t" + i + "_name_idx on t" + i + " (name);\n");
        }
        ConnectionSettings settings = new ConnectionSettings(url, null, null, "the benchmark database");
        long t0 = System.nanoTime();
        Flyway.configure().dataSource(url, null, null).locations("filesystem:" + dir).load().migrate();
        long migrated = System.nanoTime();
        try (Connection c = Connections.open(settings)) {
            c.createStatement().execute("delete from public.flyway_schema_history");
        }

        DriftSettings drift = new DriftSettings(project, List.of("db/migration"), List.of(), List.of(), Map.of(),
                Set.of(), null, List.of(), null);
        long planStart = System.nanoTime();
        ReconcilePlan plan;
        try (Connection c = Connections.open(settings)) {
            DriftInspection inspection = new DriftDetector(drift).inspect(c);
            DatabaseIdentity identity = inspection.report().database();
            plan = ReconcilePlanner.plan(inspection, PlanDatabases.describe(c, identity, inspection),
                    PlanOptions.DEFAULT, "bench", Instant.now());
        }
        long planEnd = System.nanoTime();
        ReconcileApplier.Settings s = new ReconcileApplier.Settings(new ProductionGuard.Settings(
                Pattern.compile(ProductionGuard.DEFAULT_PATTERN), null, null), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(120), project, "bench", "bench", Map.of());
        ReconcileApplier.Result result;
        try (Connection c = Connections.open(settings)) {
            result = new ReconcileApplier(new DriftDetector(drift), s, Masking.none(), m -> { },
                    r -> project.resolve("audit.json"), Clock.systemUTC()).apply(c, plan);
        }
        long applyEnd = System.nanoTime();
        boolean valid = Flyway.configure().dataSource(url, null, null).locations("filesystem:" + dir).load()
                .validateWithResult().validationSuccessful;
        System.out.printf("RESULT migrations=%d alterOnlyEvery=%d actions=%d flywayMigrateMillis=%d planMillis=%d applyMillis=%d"
                        + " audited=%d flywayValidate=%s%n", n, alterEvery, plan.actions().size(), (migrated - t0) / 1_000_000,
                (planEnd - planStart) / 1_000_000, (applyEnd - planEnd) / 1_000_000,
                result.audit() == null ? 0 : result.audit().entries().size(), valid ? "passed" : "FAILED");
    }
}
