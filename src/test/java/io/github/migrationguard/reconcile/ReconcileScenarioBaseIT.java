package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.drift.DriftDetector;
import io.github.migrationguard.drift.DriftInspection;
import io.github.migrationguard.drift.DriftScenarioBaseIT;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * What reconcile scenarios share: the shop migration set built by real Flyway in a database whose name contains
 * "test" (unless a scenario asks for another), plans and applies made the way the goal makes them, and the checks
 * real Flyway makes of the result.
 */
abstract class ReconcileScenarioBaseIT extends DriftScenarioBaseIT {

    /** Audit records as the applier hands them to its sink, in order (prepared, then committed or rolled back). */
    final List<AuditRecord> audits = new ArrayList<>();

    /**
     * Whether plans and applies build the expected schema in a shadow database on the test server (view queries and
     * function bodies compared), as the runbook advises, instead of by replay.
     */
    boolean shadow;

    @Override
    protected io.github.migrationguard.drift.DriftSettings settings() {
        try {
            return shadow ? settings(testServerAsShadow()) : super.settings();
        } catch (Exception e) {
            throw new IllegalStateException("the test server as a shadow: " + e.getMessage(), e);
        }
    }

    void prepareShop() throws Exception {
        prepare("shop", "reconciletest");
    }

    /** A dry-run plan, as the goal makes it. */
    ReconcilePlan plan() throws Exception {
        return plan(PlanOptions.DEFAULT);
    }

    ReconcilePlan plan(PlanOptions options) throws Exception {
        try (Connection c = Connections.open(db.settings())) {
            DriftInspection inspection = new DriftDetector(settings()).inspect(c);
            DatabaseIdentity identity = inspection.report().database();
            return ReconcilePlanner.plan(inspection, PlanDatabases.describe(c, identity, inspection), options,
                    "test", Instant.now());
        }
    }

    ReconcileApplier applier() {
        return applier(null, null, Duration.ofSeconds(5));
    }

    ReconcileApplier applier(String allowNonTest, String confirm, Duration lockWait) {
        ReconcileApplier.Settings s = new ReconcileApplier.Settings(
                new ProductionGuard.Settings(Pattern.compile(ProductionGuard.DEFAULT_PATTERN), allowNonTest, confirm),
                lockWait, Duration.ofSeconds(5), Duration.ofSeconds(60), project.resolve("target"), "test-version",
                "release-engineer", Map.of("GITHUB_ACTOR", "octocat"));
        return new ReconcileApplier(new DriftDetector(settings()), s, Masking.none(), message -> { },
                record -> {
                    audits.add(record);
                    return project.resolve("target/reconcile-audit-" + record.runId() + ".json");
                }, Clock.systemUTC());
    }

    ReconcileApplier.Result apply(ReconcilePlan plan) throws Exception {
        return apply(applier(), plan);
    }

    ReconcileApplier.Result apply(ReconcileApplier applier, ReconcilePlan plan) throws Exception {
        try (Connection c = Connections.open(db.settings())) {
            return applier.apply(c, plan);
        }
    }

    static Set<ActionType> types(ReconcilePlan plan) {
        return plan.actions().stream().map(PlannedAction::type).collect(Collectors.toSet());
    }

    static List<String> actions(ReconcilePlan plan) {
        return plan.actions().stream().map(a -> a.type() + " " + a.migration()).toList();
    }

    /** Real {@code flyway validate}. */
    ValidateResult flywayValidate() {
        return flyway().load().validateWithResult();
    }

    /** Real {@code flyway migrate}. */
    MigrateResult flywayMigrate() {
        return flyway().load().migrate();
    }

    MigrateResult flywayMigrateOutOfOrder() {
        return flyway().outOfOrder(true).load().migrate();
    }

    /** Row count of every application table: reconcile must never change them. */
    Map<String, String> applicationData() throws SQLException {
        return snapshot().tables().entrySet().stream()
                .filter(e -> !e.getKey().contains("flyway_schema_history") && !e.getKey().contains("migration_guard"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The history table exactly: every row, every column. */
    String history() throws SQLException {
        return snapshot().history();
    }

    long count(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    boolean tableExists(String qualified) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pg_catalog.to_regclass('" + qualified + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The plan is empty and a second apply changes nothing: reconcile is idempotent. */
    void assertIdempotent() throws Exception {
        ReconcilePlan again = plan();
        assertEquals(List.of(), actions(again), "a second plan has nothing to do");
        String before = history();
        ReconcileApplier.Result second = apply(again);
        assertEquals(true, second.nothingToDo());
        assertEquals(before, history(), "a second apply changes nothing");
    }

    Path target() {
        return project.resolve("target");
    }
}
