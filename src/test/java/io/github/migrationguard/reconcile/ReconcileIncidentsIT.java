package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.drift.DriftDetector;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftSettings;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic incident "tables present, history gone" on every migration set the project tests with (the shop, a
 * schema that evolves by renames, everyday styles, and the realistic 18-migration set with partitions, policies and
 * functions), the history emptied or dropped, repaired the way the runbook says: plan, state by hand what the schema
 * cannot show ({@code markApplied}), apply; then real Flyway must validate and have nothing to migrate, detect-drift
 * must report no history finding, and the application data must be unchanged.
 */
class ReconcileIncidentsIT {

    @TempDir
    Path project;

    private TestDatabase db;

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    private Path prepare(String resource) throws Exception {
        db = TestDatabases.create("incidenttest");
        Path target = project.resolve("db/migration");
        Files.createDirectories(target);
        URL dir = Objects.requireNonNull(getClass().getClassLoader().getResource(resource), resource);
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path f : files.toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    Files.copy(in, target.resolve(f.getFileName().toString()));
                }
            }
        }
        return target;
    }

    private FluentConfiguration flyway(Path location) {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("filesystem:" + location)
                .placeholders(Map.of("default_currency", "EUR")).cleanDisabled(true)
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }

    private DriftSettings settings() {
        return new DriftSettings(project, List.of("db/migration"), List.of(), List.of(),
                Map.of("default_currency", "EUR"), Set.of(), null, List.of(), null);
    }

    private ReconcilePlan plan(PlanOptions options) throws Exception {
        return ReconcileHarness.plan(db.settings(), settings(), options);
    }

    private ReconcileApplier.Result apply(ReconcilePlan plan) throws Exception {
        return ReconcileHarness.apply(db.settings(), settings(), plan, project);
    }

    private Map<String, Long> rowCounts() throws Exception {
        return ReconcileHarness.rowCounts(db, Set.of("flyway_schema_history"));
    }

    @ParameterizedTest(name = "{0}, history {1}")
    @CsvSource({
        "drift-scenarios/shop, emptied",
        "drift-scenarios/shop, dropped",
        "drift-scenarios/evolution, emptied",
        "drift-scenarios/styles, emptied",
        "drift-scenarios/styles, dropped",
        "replay/realistic, emptied",
        "replay/realistic, dropped",
    })
    void tablesPresentHistoryGone(String set, String how) throws Exception {
        Path location = prepare(set);
        int applied = flyway(location).load().migrate().migrationsExecuted;
        assertTrue(applied > 0);
        db.execute(how.equals("emptied") ? "DELETE FROM public.flyway_schema_history"
                : "DROP TABLE public.flyway_schema_history");
        Map<String, Long> data = rowCounts();

        // the runbook: plan; what the schema cannot show is stated by hand after checking, then planned again
        ReconcilePlan first = plan(PlanOptions.DEFAULT);
        List<String> stated = first.manual().stream()
                .filter(m -> m.instruction() != null && m.instruction().contains("MARK_APPLIED")
                        || m.instruction() != null && m.instruction().contains("markApplied"))
                .map(ManualStep::migration).toList();
        ReconcilePlan plan = stated.isEmpty() ? first : plan(new PlanOptions(false, stated));
        assertEquals(applied, plan.actions().size(), () -> "every migration Flyway applied is marked applied:\n"
                + plan.actions().stream().map(a -> a.type() + " " + a.migration()).toList() + "\nmanual: "
                + plan.manual());
        assertTrue(plan.actions().stream().allMatch(a -> a.type() == ActionType.MARK_APPLIED));

        ReconcileApplier.Result result = apply(plan);

        assertFalse(result.nothingToDo());
        ValidateResult validate = flyway(location).load().validateWithResult();
        assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages());
        assertEquals(0, flyway(location).load().migrate().migrationsExecuted, "flyway migrate has nothing to do");
        List<DriftFinding> findings;
        try (Connection c = Connections.open(db.settings())) {
            findings = new DriftDetector(settings()).detect(c).findings();
        }
        assertEquals(List.of(), findings, "detect-drift is clean after the repair");
        assertEquals(data, rowCounts(), "application data unchanged");
        assertTrue(plan(new PlanOptions(false, stated)).actions().isEmpty(), "a second run has nothing to do");
    }
}
