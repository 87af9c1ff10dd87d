package io.github.migrationguard.drift;

import static io.github.migrationguard.drift.DriftKind.CHANGED_OBJECT;
import static io.github.migrationguard.drift.DriftKind.CHECKSUM_MISMATCH;
import static io.github.migrationguard.drift.DriftKind.EXTRA_OBJECT;
import static io.github.migrationguard.drift.DriftKind.FAILED;
import static io.github.migrationguard.drift.DriftKind.INVALID_INDEX;
import static io.github.migrationguard.drift.DriftKind.MISSING_FILE;
import static io.github.migrationguard.drift.DriftKind.MISSING_OBJECT;
import static io.github.migrationguard.drift.DriftKind.PARTIAL;
import static io.github.migrationguard.drift.DriftKind.PENDING;
import static io.github.migrationguard.drift.DriftKind.PHANTOM;
import static io.github.migrationguard.drift.DriftKind.UNRECORDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.history.FlywayLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * detect-drift on a realistic shop schema (drift-scenarios/shop: ten versioned migrations and one repeatable)
 * built by real Flyway, then put out of line the way real databases get out of line. Each scenario states the
 * exact findings; anything more or less fails.
 */
class DriftScenarioIT extends DriftScenarioBaseIT {

    /** Every migration of the set as the findings name it: versions, and the repeatable by its description. */
    static final List<String> ALL = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "views");

    @BeforeEach
    void shop() throws Exception {
        prepare("shop");
    }

    private void migrateAndSeed() throws Exception {
        migrate();
        seed();
    }

    @Test
    void aDatabaseBuiltExactlyByItsMigrationsHasNoDrift() throws Exception {
        migrateAndSeed();

        DriftReport report = detect();

        assertFindings(report);
        assertEquals("public.flyway_schema_history", report.historyTable());
        assertEquals("flyway", report.historyTool());
        assertEquals("replay", report.expectedSource());
        assertEquals(ALL.size(), report.migrations());
        assertEquals(ALL.size(), report.applied());
        assertTrue(report.catalogQueries() > 0, "the live catalog was read");
        assertEquals(db.name(), report.database().database());
    }

    @Test
    void allTablesPresentButEveryHistoryRowGoneIsUnrecordedPerMigration() throws Exception {
        migrateAndSeed();
        db.execute("DELETE FROM public.flyway_schema_history");

        DriftReport report = detect();

        assertFindings(report, ALL.stream().map(m -> finding(UNRECORDED, m, null)).toArray(Expected[]::new));
        assertEquals(0, report.applied());
    }

    @Test
    void aDroppedHistoryTableLeavesEveryMigrationUnrecorded() throws Exception {
        migrateAndSeed();
        db.execute("DROP TABLE public.flyway_schema_history");

        DriftReport report = detect();

        assertFindings(report, ALL.stream().map(m -> finding(UNRECORDED, m, null)).toArray(Expected[]::new));
        assertEquals(null, report.historyTable());
    }

    @Test
    void aConfiguredHistoryTableNameIsReadAndLeftOutOfTheComparison() throws Exception {
        flyway().defaultSchema("public").table("deploy_history").load().migrate();
        seed();
        DriftSettings configured = settings();
        configured = new DriftSettings(configured.baseDir(), configured.locations(), configured.includes(),
                configured.excludes(), configured.placeholders(), configured.schemas(), "public.deploy_history",
                configured.ignore(), null);

        DriftReport report = detect(configured);

        assertFindings(report);
        assertEquals("public.deploy_history", report.historyTable());
        assertEquals(ALL.size(), report.applied());
    }

    @Test
    void historyRowsLostForTheLatestMigrationsAreUnrecorded() throws Exception {
        migrateAndSeed();
        db.execute("DELETE FROM public.flyway_schema_history WHERE version IN ('8', '9', '10') OR version IS NULL");

        assertFindings(detect(),
                finding(UNRECORDED, "8", null),
                finding(UNRECORDED, "9", null),
                finding(UNRECORDED, "10", null),
                finding(UNRECORDED, "views", null));
    }

    @Test
    void historyRowsPresentButTheTablesOfTwoMigrationsGoneArePhantoms() throws Exception {
        migrateAndSeed();
        db.execute("DROP TABLE app.shipments; DROP TABLE product_reviews, products");

        assertFindings(detect(),
                finding(PHANTOM, "8", null),
                finding(PHANTOM, "9", null));
    }

    @Test
    void anEditedAppliedMigrationIsAChecksumMismatch() throws Exception {
        migrateAndSeed();
        Path v10 = migrations.resolve("V10__order_notes.sql");
        Files.writeString(v10, "-- notes for the packing team\n" + Files.readString(v10), StandardCharsets.UTF_8);

        assertFindings(detect(), finding(CHECKSUM_MISMATCH, "10", null));
    }

    @Test
    void lineEndingsAreNoEditForFlywayNorForDetectDrift() throws Exception {
        migrateAndSeed();
        Path v4 = migrations.resolve("V4__create_order_items.sql");
        Files.writeString(v4, Files.readString(v4).replace("\n", "\r\n"), StandardCharsets.UTF_8);
        assertTrue(flyway().load().validateWithResult().validationSuccessful, "flyway validate accepts it");

        assertFindings(detect());
    }

    @Test
    void anAppliedMigrationEditedToBuildSomethingElseIsAMismatchAndAChangedObject() throws Exception {
        migrateAndSeed();
        Path v10 = migrations.resolve("V10__order_notes.sql");
        Files.writeString(v10, Files.readString(v10).replace("notes text", "notes varchar(500)"),
                StandardCharsets.UTF_8);

        assertFindings(detect(),
                finding(CHECKSUM_MISMATCH, "10", null),
                finding(CHANGED_OBJECT, "10", "column app.orders.notes"));
    }

    @Test
    void aHandAddedColumnAndIndexAreExtraObjects() throws Exception {
        migrateAndSeed();
        db.execute("""
                ALTER TABLE users ADD COLUMN hotfix_note text;
                CREATE INDEX orders_placed_at_hotfix_idx ON app.orders (placed_at);
                """);

        assertFindings(detect(),
                finding(EXTRA_OBJECT, null, "column public.users.hotfix_note"),
                finding(EXTRA_OBJECT, null, "index app.orders_placed_at_hotfix_idx"));
    }

    @Test
    void renamedAndMissingColumnsAMissingTableAndAMissingIndexAreNamedOnce() throws Exception {
        migrateAndSeed();
        db.execute("""
                ALTER TABLE app.shipments RENAME COLUMN carrier TO carrier_name;
                ALTER TABLE products DROP COLUMN tags;
                DROP TABLE app.audit_log;
                DROP INDEX app.idx_orders_user_id;
                """);

        assertFindings(detect(),
                finding(MISSING_OBJECT, "8", "column app.shipments.carrier"),
                finding(EXTRA_OBJECT, null, "column app.shipments.carrier_name"),
                finding(MISSING_OBJECT, "9", "column public.products.tags"),
                finding(PARTIAL, "7", "table app.audit_log"),
                finding(MISSING_OBJECT, "3", "index app.idx_orders_user_id"));
    }

    @Test
    void aDroppedTriggerFunctionTakesItsTriggerAlongAndLeavesItsMigrationPartial() throws Exception {
        migrateAndSeed();
        db.execute("DROP FUNCTION app.touch_updated_at() CASCADE");

        // V7 created the function and a trigger on users (a table of V2), and its own table and column remain
        assertFindings(detect(), finding(PARTIAL, "7", "function app.touch_updated_at()"));
    }

    @Test
    void aMigrationThatOnlyCreatesAFunctionIsJudgedByThatFunction() throws Exception {
        migrateAndSeed();
        Files.writeString(migrations.resolve("V11__order_total_function.sql"), """
                CREATE FUNCTION app.order_total(p_order bigint) RETURNS bigint
                    LANGUAGE sql STABLE
                AS $$ SELECT sum(quantity * price_cents) FROM app.order_items WHERE order_id = p_order $$;
                """);
        migrate();
        db.execute("DROP FUNCTION app.order_total(bigint)");

        assertFindings(detect(), finding(PHANTOM, "11", null));

        db.execute("""
                CREATE FUNCTION app.order_total(p_order bigint) RETURNS bigint
                    LANGUAGE sql STABLE
                AS $$ SELECT sum(quantity * price_cents) FROM app.order_items WHERE order_id = p_order $$;
                DELETE FROM public.flyway_schema_history WHERE version = '11';
                """);

        assertFindings(detect(), finding(UNRECORDED, "11", null));
    }

    @Test
    void aChangedColumnTypeNullabilityAndDefaultAreChangedObjects() throws Exception {
        migrateAndSeed();
        db.execute("""
                ALTER TABLE users ALTER COLUMN display_name TYPE varchar(200);
                ALTER TABLE app.orders ALTER COLUMN placed_at SET NOT NULL;
                ALTER TABLE app.shipments ALTER COLUMN carrier SET DEFAULT 'ups';
                """);

        assertFindings(detect(),
                finding(CHANGED_OBJECT, "2", "column public.users.display_name"),
                finding(CHANGED_OBJECT, "3", "column app.orders.placed_at"),
                finding(CHANGED_OBJECT, "8", "column app.shipments.carrier"));
    }

    @Test
    void aRedefinedCheckConstraintAndIndexUnderTheirOldNamesAreChangedObjects() throws Exception {
        migrateAndSeed();
        db.execute("""
                ALTER TABLE app.order_items DROP CONSTRAINT chk_quantity_positive;
                ALTER TABLE app.order_items ADD CONSTRAINT chk_quantity_positive CHECK (quantity >= 0);
                DROP INDEX app.idx_orders_user_id;
                CREATE INDEX idx_orders_user_id ON app.orders (user_id, placed_at);
                """);

        assertFindings(detect(),
                finding(CHANGED_OBJECT, "4", "constraint app.order_items.chk_quantity_positive"),
                finding(CHANGED_OBJECT, "3", "index app.idx_orders_user_id"));
    }

    @Test
    void aFailedCreateIndexConcurrentlyLeavesAnInvalidIndexAndItsMigrationPending() throws Exception {
        migrateAndSeed();
        // two orders of user 1 already: the unique index cannot be built, and CONCURRENTLY leaves it behind invalid
        Files.writeString(migrations.resolve("V11__one_order_per_user.sql"),
                "CREATE UNIQUE INDEX CONCURRENTLY orders_one_per_user_uq ON app.orders (user_id);\n");
        assertThrows(FlywayException.class, this::migrate);
        // PostgreSQL has transactional DDL, so Flyway records no row for the failure, not even a failed one
        assertEquals(null, historyValue("success", "11"));
        assertEquals("false", query("select indisvalid::text from pg_catalog.pg_index "
                + "where indexrelid = 'app.orders_one_per_user_uq'::regclass"));

        // not UNRECORDED: an invalid index is no evidence that the migration ran
        assertFindings(detect(),
                finding(PENDING, "11", null),
                finding(INVALID_INDEX, "11", "index app.orders_one_per_user_uq"));
    }

    @Test
    void aFailedRowWrittenTheWayFlywayWritesItIsFailed() throws Exception {
        migrateAndSeed();
        Files.writeString(migrations.resolve("V11__archive_old_orders.sql"), """
                CREATE TABLE app.orders_archive (
                    id          bigint PRIMARY KEY,
                    archived_at timestamptz NOT NULL DEFAULT now()
                );
                """);
        Integer checksum = java.util.Arrays.stream(flyway().load().info().pending())
                .filter(m -> m.getVersion().getVersion().equals("11")).findFirst().orElseThrow().getChecksum();
        // the row Flyway writes when a migration fails where it cannot roll back (success = false)
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO public.flyway_schema_history (installed_rank, version, description, type, script,
                    checksum, installed_by, execution_time, success)
                SELECT max(installed_rank) + 1, '11', 'archive old orders', 'SQL', 'V11__archive_old_orders.sql',
                    ?, current_user, 12, false
                FROM public.flyway_schema_history
                """)) {
            ps.setInt(1, checksum);
            ps.executeUpdate();
        }
        assertFalse(flyway().load().validateWithResult().validationSuccessful, "Flyway sees the failed migration");

        assertFindings(detect(), finding(FAILED, "11", null));
    }

    @Test
    void aDeletedMigrationFileIsMissingAndWhatItBuiltIsNowExtra() throws Exception {
        migrateAndSeed();
        Files.delete(migrations.resolve("V10__order_notes.sql"));

        assertFindings(detect(),
                finding(MISSING_FILE, "10", null),
                finding(EXTRA_OBJECT, null, "column app.orders.notes"),
                finding(EXTRA_OBJECT, null, "column app.orders.is_gift"));
    }

    @Test
    void aNewMigrationFileNotYetAppliedIsPending() throws Exception {
        migrateAndSeed();
        Files.writeString(migrations.resolve("V11__coupons.sql"), """
                CREATE TABLE app.coupons (
                    code        varchar(32) PRIMARY KEY,
                    percent_off smallint NOT NULL CHECK (percent_off BETWEEN 1 AND 100)
                );
                """);

        assertFindings(detect(), finding(PENDING, "11", null));
    }

    @Test
    void whileFlywayHoldsItsLockDetectDriftSaysMigrationInProgressAndReportsNothing() throws Exception {
        migrateAndSeed();
        db.execute("DELETE FROM public.flyway_schema_history WHERE version = '10'");
        assertFindings(detect(), finding(UNRECORDED, "10", null));

        try (Connection holder = db.connect()) {
            try (PreparedStatement ps = holder.prepareStatement("select pg_advisory_lock(?)")) {
                ps.setLong(1, FlywayLock.key("public", "flyway_schema_history"));
                ps.execute();
            }
            DriftReport report = detect();
            assertTrue(report.migrationInProgress(), "a migration is in progress");
            assertEquals(List.of(), report.findings(), "no half-applied state reported as drift");
        }
        assertFindings(detect(), finding(UNRECORDED, "10", null));
    }

    /** A Java migration that runs detect-drift from another connection while real Flyway applies it. */
    public static final class V11__Probe extends BaseJavaMigration {
        static DriftScenarioIT scenario;
        static final List<DriftReport> SEEN = new ArrayList<>();

        @Override
        public void migrate(Context context) throws Exception {
            try (Connection c = Connections.open(scenario.db.settings())) {
                SEEN.add(new DriftDetector(scenario.settings()).detect(c));
            }
        }
    }

    @Test
    void duringARealFlywayMigrateDetectDriftSaysMigrationInProgress() throws Exception {
        migrateAndSeed();
        Files.writeString(migrations.resolve("V12__later.sql"), "CREATE TABLE app.later (id int);\n");
        V11__Probe.SEEN.clear();
        V11__Probe.scenario = this;
        flyway().javaMigrations(new V11__Probe()).load().migrate();

        assertEquals(1, V11__Probe.SEEN.size());
        assertTrue(V11__Probe.SEEN.get(0).migrationInProgress(), "Flyway held its lock");
        assertEquals(List.of(), V11__Probe.SEEN.get(0).findings());
    }

    @Test
    void aShadowDatabaseOnTheSameServerAgreesThatTheCleanDatabaseHasNoDriftAndIsDroppedAfterwards()
            throws Exception {
        migrateAndSeed();
        Set<String> before = databases();
        Set<String> seen = new TreeSet<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                try {
                    seen.addAll(databases());
                    Thread.sleep(5);
                } catch (Exception e) {
                    return;
                }
            }
        });
        watcher.start();
        DriftReport report;
        try {
            report = detect(settings(testServerAsShadow()));
        } finally {
            watching.set(false);
            watcher.join();
        }

        assertFindings(report);
        assertEquals("shadow", report.expectedSource());
        Set<String> shadows = new TreeSet<>(seen);
        shadows.removeAll(before);
        shadows.removeIf(name -> !name.startsWith(ShadowDatabase.NAME_PREFIX));
        assertFalse(shadows.isEmpty(), () -> "a shadow database was created on the server: " + seen);
        // other builds may share the server and their shadows may be seen too: wait a little for theirs to go; one
        // that was left behind never goes
        Set<String> left = new TreeSet<>(shadows);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        do {
            left.retainAll(databases());
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertEquals(Set.of(), left, "shadow database left behind");
    }

    @Test
    void aShadowDatabaseFindsTheSameHandMadeColumnAndIndex() throws Exception {
        migrateAndSeed();
        db.execute("""
                ALTER TABLE users ADD COLUMN hotfix_note text;
                CREATE INDEX orders_placed_at_hotfix_idx ON app.orders (placed_at);
                """);

        DriftReport report = detect(settings(testServerAsShadow()));

        assertEquals("shadow", report.expectedSource());
        assertFindings(report,
                finding(EXTRA_OBJECT, null, "column public.users.hotfix_note"),
                finding(EXTRA_OBJECT, null, "index app.orders_placed_at_hotfix_idx"));
    }

    @Test
    void aShadowDatabaseAgreesOnPhantomsPartialsAndMissingAndRenamedColumns() throws Exception {
        migrateAndSeed();
        db.execute("""
                DROP TABLE product_reviews, products;
                ALTER TABLE app.shipments RENAME COLUMN carrier TO carrier_name;
                DROP TABLE app.audit_log;
                DROP INDEX app.idx_orders_user_id;
                """);

        DriftReport report = detect(settings(testServerAsShadow()));

        assertEquals("shadow", report.expectedSource());
        assertFindings(report,
                finding(PHANTOM, "9", null),
                finding(MISSING_OBJECT, "8", "column app.shipments.carrier"),
                finding(EXTRA_OBJECT, null, "column app.shipments.carrier_name"),
                finding(PARTIAL, "7", "table app.audit_log"),
                finding(MISSING_OBJECT, "3", "index app.idx_orders_user_id"));
    }

    @Test
    void aShadowUrlNamingTheTargetItselfIsRefused() throws Exception {
        migrateAndSeed();
        var target = io.github.migrationguard.db.DatabaseUrls.resolve(db.settings());
        Snapshot before = snapshot();

        Exception e = assertThrows(Exception.class, () -> {
            try (Connection c = Connections.open(db.settings())) {
                new DriftDetector(settings(target)).detect(c);
            }
        });

        assertTrue(e instanceof io.github.migrationguard.db.DatabaseAccessException
                || e instanceof IllegalArgumentException, () -> "a clear error, not " + e);
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("shadow"), e::getMessage);
        assertEquals(before, snapshot());
    }

    @Test
    void theUnchangedCheckNoticesEveryKindOfWrite() throws Exception {
        migrateAndSeed();
        List<String> writes = List.of(
                "UPDATE public.flyway_schema_history SET execution_time = execution_time + 1 WHERE version = '3'",
                "DELETE FROM app.order_items WHERE line_no = 2",
                "UPDATE users SET display_name = 'Bob B.' WHERE id = 2",
                "ALTER TABLE products ADD COLUMN weight_grams integer",
                "ALTER TABLE app.orders ALTER COLUMN placed_at SET NOT NULL",
                "CREATE INDEX products_name_idx ON products (name)",
                "ALTER TABLE app.shipments DROP CONSTRAINT shipments_order_fk");
        for (String write : writes) {
            Snapshot before = snapshot();
            db.execute(write);
            assertFalse(before.equals(snapshot()), () -> "not noticed: " + write);
        }
    }

    private String query(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private String historyValue(String column, String version) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select " + column + "::text from public.flyway_schema_history "
                     + "where version = '" + version + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
