package io.github.migrationguard.reconcile;

import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftInspection;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import io.github.migrationguard.drift.MigrationState;
import io.github.migrationguard.drift.MigrationState.MigrationStatus;
import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.history.HistoryTable;
import io.github.migrationguard.history.HistoryTool;
import io.github.migrationguard.migration.Migration;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Hand-built migrations, history rows, migration states and inspections for the reconcile planning tests: the facts
 * detect-drift would hand over, without a database.
 */
final class PlannerFixtures {

    static final String USER = "deployer";
    static final LocalDateTime FIRST_RUN = LocalDateTime.of(2024, 3, 1, 9, 30, 15, 123_456_000);
    static final Instant NOW = Instant.parse("2024-06-01T12:00:00.987Z");

    private PlannerFixtures() {
    }

    // ------------------------------------------------------------------ migration files

    /** A versioned migration {@code V<version>__<description>.sql} with a checksum derived from its version. */
    static Migration versioned(String version, String description) {
        return versioned(version, description, 10_000 + version.hashCode());
    }

    static Migration versioned(String version, String description, int checksum) {
        String script = "V" + version + "__" + description.replace(' ', '_') + ".sql";
        return new Migration(Migration.Kind.VERSIONED, FlywayVersion.parse(version), description, script,
                Path.of("db/migration", script), checksum, "-- " + script, List.of());
    }

    /** A repeatable migration {@code R__<description>.sql}. */
    static Migration repeatable(String description, int checksum) {
        String script = "R__" + description.replace(' ', '_') + ".sql";
        return new Migration(Migration.Kind.REPEATABLE, null, description, script, Path.of("db/migration", script),
                checksum, "-- " + script, List.of());
    }

    // ------------------------------------------------------------------ history rows

    /** The success row Flyway writes for {@code m} at {@code rank}. */
    static HistoryRow applied(int rank, Migration m) {
        return row(rank, m, m.checksum(), true);
    }

    /** A success row for {@code m} recording another checksum (the file was edited since). */
    static HistoryRow appliedWithChecksum(int rank, Migration m, int checksum) {
        return row(rank, m, checksum, true);
    }

    /** A failed row for {@code m}. */
    static HistoryRow failed(int rank, Migration m) {
        return row(rank, m, m.checksum(), false);
    }

    static HistoryRow row(int rank, Migration m, Integer checksum, boolean success) {
        return new HistoryRow(rank, m.isRepeatable() ? null : m.version().toString(), m.historyDescription(), "SQL",
                m.script(), checksum, USER, FIRST_RUN.plusMinutes(rank), 40 + rank, success);
    }

    // ------------------------------------------------------------------ findings

    static DriftFinding finding(DriftKind kind, String migration, String object, String detail, String action) {
        return new DriftFinding(kind, migration, object, detail, action);
    }

    /** A finding about one migration as detect-drift words its history findings, with the reconcile action. */
    static DriftFinding history(DriftKind kind, Migration m) {
        return new DriftFinding(kind, m.name(), null, kind + " detail of " + m.script(),
                switch (kind) {
                    case UNRECORDED -> "MARK_APPLIED: record " + m.script() + " as applied";
                    case PHANTOM -> "REMOVE_PHANTOM: remove its history row";
                    case FAILED -> "REMOVE_FAILED: remove the failed row";
                    case CHECKSUM_MISMATCH -> "REALIGN_CHECKSUM: if the edit is intended, record the new checksum";
                    default -> "decide by hand about " + m.script();
                });
    }

    /** A schema finding about an object. */
    static DriftFinding schema(DriftKind kind, String object, String detail) {
        return new DriftFinding(kind, null, object, detail, "write a migration that fixes " + object);
    }

    // ------------------------------------------------------------------ migration states

    static StateBuilder state(Migration m) {
        return new StateBuilder(m);
    }

    /** Builds one {@link MigrationState}; defaults: not applied, no row, no finding, nothing checkable. */
    static final class StateBuilder {
        private final Migration migration;
        private MigrationStatus status = MigrationStatus.NOT_APPLIED;
        private HistoryRow row;
        private DriftKind kind;
        private final List<String> present = new ArrayList<>();
        private final List<String> absent = new ArrayList<>();
        private final List<String> notReplayed = new ArrayList<>();
        private final List<DriftFinding> schemaFindings = new ArrayList<>();

        private StateBuilder(Migration migration) {
            this.migration = migration;
        }

        StateBuilder status(MigrationStatus value) {
            this.status = value;
            return this;
        }

        /** Status APPLIED with this row. */
        StateBuilder applied(HistoryRow value) {
            this.status = MigrationStatus.APPLIED;
            this.row = value;
            return this;
        }

        /** Status FAILED with this (latest, failed) row. */
        StateBuilder failed(HistoryRow value) {
            this.status = MigrationStatus.FAILED;
            this.row = value;
            return this;
        }

        StateBuilder kind(DriftKind value) {
            this.kind = value;
            return this;
        }

        StateBuilder present(String... objects) {
            present.addAll(Arrays.asList(objects));
            return this;
        }

        StateBuilder absent(String... objects) {
            absent.addAll(Arrays.asList(objects));
            return this;
        }

        StateBuilder notReplayed(String... statements) {
            notReplayed.addAll(Arrays.asList(statements));
            return this;
        }

        StateBuilder schemaFindings(DriftFinding... findings) {
            schemaFindings.addAll(Arrays.asList(findings));
            return this;
        }

        MigrationState build() {
            return new MigrationState(migration, status, row, kind, present, absent, notReplayed, schemaFindings);
        }
    }

    // ------------------------------------------------------------------ inspections

    static InspectionBuilder inspection() {
        return new InspectionBuilder();
    }

    /** Builds a {@link DriftInspection} of a Flyway history {@code public.flyway_schema_history} by default. */
    static final class InspectionBuilder {
        private final List<HistoryRow> rows = new ArrayList<>();
        private final List<MigrationState> states = new ArrayList<>();
        private final List<DriftFinding> findings = new ArrayList<>();
        private HistoryTable history = new HistoryTable("public", "flyway_schema_history", HistoryTool.FLYWAY,
                HistoryTable.Role.HISTORY);
        private boolean migrationInProgress;
        private String expectedSource = "replay";

        private InspectionBuilder() {
        }

        InspectionBuilder rows(HistoryRow... values) {
            rows.addAll(Arrays.asList(values));
            return this;
        }

        InspectionBuilder states(MigrationState... values) {
            states.addAll(Arrays.asList(values));
            return this;
        }

        InspectionBuilder states(StateBuilder... values) {
            for (StateBuilder b : values) {
                states.add(b.build());
            }
            return this;
        }

        InspectionBuilder findings(DriftFinding... values) {
            findings.addAll(Arrays.asList(values));
            return this;
        }

        /** The history table belongs to {@code tool}. */
        InspectionBuilder tool(HistoryTool tool, String table) {
            this.history = new HistoryTable("public", table, tool, HistoryTable.Role.HISTORY);
            return this;
        }

        /** The database has no history table. */
        InspectionBuilder noHistoryTable() {
            this.history = null;
            return this;
        }

        /** The expected schema came from a shadow database (definitions of views and functions compared). */
        InspectionBuilder shadow() {
            this.expectedSource = "shadow";
            return this;
        }

        InspectionBuilder migrationInProgress() {
            this.migrationInProgress = true;
            return this;
        }

        DriftInspection build() {
            String tool = history == null ? null : history.tool().name().toLowerCase(Locale.ROOT);
            int appliedRows = (int) rows.stream().filter(HistoryRow::success).count();
            DriftReport report = new DriftReport(identity("shop_test"), 42, history == null ? null
                    : history.qualifiedName(), tool, expectedSource, migrationInProgress, states.size(), appliedRows, 7,
                    findings);
            return new DriftInspection(report, history, "public",
                    history == null ? "flyway_schema_history" : history.table(), rows, states);
        }
    }

    // ------------------------------------------------------------------ databases

    /** The database the plans are made for. */
    static PlanDatabase database() {
        return new PlanDatabase("shop_test", 16_384L, USER, "10.0.0.5:5432", "16.2", "public.flyway_schema_history",
                "flyway", true);
    }

    /** A primary in a read-write session. */
    static DatabaseIdentity identity(String name) {
        return new DatabaseIdentity(name, USER, "10.0.0.5", 5432, "public", "\"$user\", public", "16.2", 160_002,
                false, false);
    }

    static DatabaseIdentity standby(String name) {
        return new DatabaseIdentity(name, USER, "10.0.0.6", 5432, "public", "public", "16.2", 160_002, true, false);
    }

    static DatabaseIdentity readOnly(String name) {
        return new DatabaseIdentity(name, USER, "10.0.0.5", 5432, "public", "public", "16.2", 160_002, false, true);
    }

    // ------------------------------------------------------------------ planning

    static ReconcilePlan plan(DriftInspection inspection) {
        return plan(inspection, PlanOptions.DEFAULT);
    }

    static ReconcilePlan plan(DriftInspection inspection, PlanOptions options) {
        return ReconcilePlanner.plan(inspection, database(), options, "0.1.0-test", NOW);
    }

    static PlanOptions realign() {
        return new PlanOptions(true, List.of());
    }

    static PlanOptions markApplied(String... names) {
        return new PlanOptions(false, List.of(names));
    }
}
