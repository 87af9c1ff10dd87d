package io.github.migrationguard.reconcile;

import io.github.migrationguard.maven.RecordingLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationguard.db.ConnectionSettings;
import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseUrls;
import io.github.migrationguard.db.JdbcTarget;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.drift.DriftDetector;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftInspection;
import io.github.migrationguard.drift.DriftSettings;
import io.github.migrationguard.maven.ReconcileMojo;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One migration set in which each kind of object PostgreSQL has is created by exactly one migration (enum, composite
 * and domain types, a standalone sequence, SQL and PL/pgSQL functions, a procedure, a trigger with its function, a
 * view, a materialized view, a partitioned table, an extension, a schema with a table, and migrations that only add
 * an index, constraints or a column to an earlier table), built once by real Flyway and copied for every case.
 * Every plan follows the runbooks, with a shadow database on the test server, and real Flyway judges the result:
 * <ul>
 *   <li><b>history present, objects missing</b>, one kind at a time: the plan removes exactly the rows of the
 *       migrations whose objects are all gone, and after the apply {@code flyway migrate} creates them again; a
 *       migration with only some of them gone is left to a person, who removes the rest or completes it with the
 *       migration the dry run suggests;</li>
 *   <li><b>objects present, history emptied or dropped</b>: every migration is recorded, and {@code flyway migrate}
 *       has nothing to run;</li>
 *   <li>a {@code flyway migrate} running while a plan is applied: the apply waits for Flyway's lock and then refuses
 *       the plan as stale;</li>
 *   <li>the goal, connected only through {@code DATABASE_URL}: dry run, then the reviewed plan file applied.</li>
 * </ul>
 */
class ReconcileObjectsIT {

    private static final String RESOURCES = "reconcile-objects/shop";
    private static final String MIGRATIONS = "src/main/resources/db/migration";
    private static final int MIGRATION_COUNT = 16;

    /**
     * For each migration, a query that is true exactly when everything it creates is in the database: what an
     * operator checks by hand before stating a migration with markApplied, and what must be back after
     * {@code flyway migrate}.
     */
    private static final Map<String, String> PROBES = new TreeMap<>(Map.ofEntries(
            Map.entry("1", "to_regclass('public.customers') IS NOT NULL AND to_regclass('public.orders') IS NOT NULL"),
            Map.entry("2", "EXISTS (SELECT FROM pg_type WHERE typname = 'order_status' AND typtype = 'e'"
                    + " AND typnamespace = 'public'::regnamespace)"),
            Map.entry("3", "EXISTS (SELECT FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid"
                    + " WHERE t.typname = 'postal_address' AND t.typtype = 'c' AND c.relkind = 'c'"
                    + " AND t.typnamespace = 'public'::regnamespace)"),
            Map.entry("4", "EXISTS (SELECT FROM pg_type WHERE typname = 'email_address' AND typtype = 'd'"
                    + " AND typnamespace = 'public'::regnamespace)"),
            Map.entry("5", "EXISTS (SELECT FROM pg_class WHERE oid = to_regclass('public.invoice_number_seq')"
                    + " AND relkind = 'S')"),
            Map.entry("6", "to_regprocedure('public.gross_amount(numeric)') IS NOT NULL"
                    + " AND to_regprocedure('public.customer_order_count(bigint)') IS NOT NULL"),
            Map.entry("7", "EXISTS (SELECT FROM pg_proc WHERE oid = to_regprocedure("
                    + "'public.zero_stale_orders(timestamptz)') AND prokind = 'p')"),
            Map.entry("8", "to_regprocedure('public.touch_updated_at()') IS NOT NULL AND EXISTS (SELECT FROM"
                    + " pg_trigger WHERE tgname = 'customers_touch_updated_at' AND tgrelid = 'public.customers'::regclass)"),
            Map.entry("9", "EXISTS (SELECT FROM pg_class WHERE oid = to_regclass('public.customer_summary')"
                    + " AND relkind = 'v')"),
            Map.entry("10", "EXISTS (SELECT FROM pg_class WHERE oid = to_regclass('public.daily_revenue')"
                    + " AND relkind = 'm') AND to_regclass('public.daily_revenue_day') IS NOT NULL"),
            Map.entry("11", "EXISTS (SELECT FROM pg_class WHERE oid = to_regclass('public.events') AND relkind = 'p')"
                    + " AND (SELECT count(*) FROM pg_inherits WHERE inhparent = to_regclass('public.events')) = 3"),
            Map.entry("12", "EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_trgm')"
                    + " AND to_regclass('public.customers_full_name_trgm') IS NOT NULL"),
            Map.entry("13", "to_regnamespace('billing') IS NOT NULL AND to_regclass('billing.invoices') IS NOT NULL"),
            Map.entry("14", "to_regclass('public.orders_created_at_idx') IS NOT NULL"),
            Map.entry("15", "(SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.orders'::regclass"
                    + " AND conname IN ('orders_total_not_negative', 'orders_customer_fk')) = 2"),
            Map.entry("16", "EXISTS (SELECT FROM pg_attribute WHERE attrelid = 'public.orders'::regclass"
                    + " AND attname = 'status' AND NOT attisdropped)")));

    /** Rows the application would have written. */
    private static final String SEED = """
            INSERT INTO customers (email, full_name) VALUES
                ('ada@example.com', 'Ada Lovelace'), ('grace@example.com', 'Grace Hopper');
            INSERT INTO orders (customer_id, total, created_at, status)
                SELECT id, 42.50, '2025-03-01 10:00+00', 'paid' FROM customers;
            INSERT INTO orders (customer_id, total, created_at)
                SELECT id, 7.00, '2025-03-02 11:00+00' FROM customers WHERE email LIKE 'ada%';
            UPDATE customers SET full_name = 'Augusta Ada King' WHERE email = 'ada@example.com';
            REFRESH MATERIALIZED VIEW daily_revenue;
            INSERT INTO events (occurred_at, kind, payload) VALUES
                ('2024-06-01', 'signup', '{"customer": 1}'), ('2025-02-01', 'order', '{"order": 1}'),
                ('2031-01-01', 'future', NULL);
            INSERT INTO billing.invoices (id, order_id, amount)
                SELECT nextval('invoice_number_seq'), id, gross_amount(total) FROM orders;
            CALL zero_stale_orders('2000-01-01');
            """;

    /** The migrated, seeded database every case starts from (a copy of it). */
    private static TestDatabase template;

    @TempDir
    static Path templateProject;

    @TempDir
    Path project;

    private TestDatabase db;

    @BeforeAll
    static void migrateTheTemplate() throws Exception {
        template = TestDatabases.create("objectstpl");
        copyMigrations(templateProject);
        assertEquals(MIGRATION_COUNT, flyway(template, templateProject, UnaryOperator.identity()).load().migrate()
                .migrationsExecuted, "real Flyway applies the whole set");
        template.execute(SEED);
        for (Map.Entry<String, String> probe : PROBES.entrySet()) {
            assertTrue(probe(template, probe.getValue()), "V" + probe.getKey() + " created its objects");
        }
        try (Connection c = Connections.open(template.settings())) {
            List<DriftFinding> findings = new DriftDetector(settings(templateProject)).detect(c).findings();
            assertEquals(List.of(), findings, () -> "detect-drift is clean right after flyway migrate:"
                    + ReconcileHarness.lines(findings));
        }
    }

    @AfterAll
    static void dropTheTemplate() {
        if (template != null) {
            template.close();
        }
    }

    @AfterEach
    void dropTheCopy() {
        if (db != null) {
            db.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. history present, objects missing

    /**
     * What was dropped by hand, and what the plan must say about it.
     *
     * @param name      the kind of object
     * @param drop      the statements run by hand (with CASCADE where PostgreSQL asks for it)
     * @param partial   the migration of which only some objects are gone (listed for a person), or null
     * @param rest      for a partial migration: the statements with which a person removes the rest (the runbook's
     *                  "remove the rest"), after which the migration is a phantom; null when the person completes it
     *                  instead, with the migration the dry run suggests
     * @param phantoms  the migrations whose objects are all gone: exactly these rows are removed
     */
    record Dropped(String name, String drop, String partial, String rest, List<String> phantoms) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Every kind but the composite type (V3) and the domain (V4): detect-drift does not look for those, so with the
     * history present their absence cannot be seen (with the history lost, the plan asks a person to state them).
     */
    static Stream<Dropped> dropped() {
        return Stream.of(
                // CASCADE takes orders.status along, the only object of V16
                new Dropped("enum type (CASCADE drops the column of V16)", "DROP TYPE order_status CASCADE", null,
                        null, List.of("16", "2")),
                new Dropped("standalone sequence", "DROP SEQUENCE invoice_number_seq", null, null, List.of("5")),
                new Dropped("sql and plpgsql functions", "DROP FUNCTION gross_amount(numeric);"
                        + " DROP FUNCTION customer_order_count(bigint)", null, null, List.of("6")),
                new Dropped("one of two functions", "DROP FUNCTION customer_order_count(bigint)", "6",
                        "DROP FUNCTION gross_amount(numeric)", List.of("6")),
                new Dropped("procedure", "DROP PROCEDURE zero_stale_orders(timestamptz)", null, null, List.of("7")),
                new Dropped("trigger function (CASCADE drops the trigger)", "DROP FUNCTION touch_updated_at() CASCADE",
                        null, null, List.of("8")),
                new Dropped("trigger without its function", "DROP TRIGGER customers_touch_updated_at ON customers",
                        "8", "DROP FUNCTION touch_updated_at()", List.of("8")),
                new Dropped("view", "DROP VIEW customer_summary", null, null, List.of("9")),
                new Dropped("materialized view with its index", "DROP MATERIALIZED VIEW daily_revenue", null, null,
                        List.of("10")),
                new Dropped("partitioned table with its partitions", "DROP TABLE events", null, null, List.of("11")),
                new Dropped("one partition", "DROP TABLE events_2024", "11", null, List.of()),
                new Dropped("extension (CASCADE drops the trigram index)", "DROP EXTENSION pg_trgm CASCADE", null,
                        null, List.of("12")),
                new Dropped("schema with its table", "DROP SCHEMA billing CASCADE", null, null, List.of("13")),
                new Dropped("table of a schema", "DROP TABLE billing.invoices", "13", null, List.of()),
                new Dropped("index of a materialized view", "DROP INDEX daily_revenue_day", "10", null, List.of()),
                new Dropped("trigram index without its extension", "DROP INDEX customers_full_name_trgm", "12",
                        "DROP EXTENSION pg_trgm", List.of("12")),
                new Dropped("standalone index", "DROP INDEX orders_created_at_idx", null, null, List.of("14")),
                new Dropped("check and foreign key constraints", "ALTER TABLE orders DROP CONSTRAINT"
                        + " orders_total_not_negative, DROP CONSTRAINT orders_customer_fk", null, null, List.of("15")),
                new Dropped("one of two constraints", "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk", "15",
                        "ALTER TABLE orders DROP CONSTRAINT orders_total_not_negative", List.of("15")),
                new Dropped("column", "ALTER TABLE orders DROP COLUMN status", null, null, List.of("16")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dropped")
    void objectsDroppedByHandAreCreatedAgainByFlywayAfterTheirRowsAreRemoved(Dropped d) throws Exception {
        copyTemplate();
        db.execute(d.drop());
        for (String v : d.phantoms()) {
            if (!v.equals(d.partial())) {
                assertFalse(probe(db, PROBES.get(v)), "the incident removed what V" + v + " created");
            }
        }

        ReconcilePlan first = plan(PlanOptions.DEFAULT);
        ReconcilePlan plan = first;
        if (d.partial() != null) {
            assertEquals(List.of(), actions(first), "nothing to do while V" + d.partial() + " is partial"
                    + ReconcileHarness.describe(first));
            assertEquals(List.of("PARTIAL " + d.partial()), manualKinds(first), "V" + d.partial()
                    + " is left to a person" + ReconcileHarness.describe(first));
            if (d.rest() == null) {
                completeWithTheSuggestedMigration(d.partial());
                return;
            }
            // the runbook's "remove the rest": dropped by hand, the migration is a phantom
            db.execute(d.rest());
            plan = plan(PlanOptions.DEFAULT);
        }
        String context = ReconcileHarness.describe(plan);
        List<String> expected = d.phantoms().stream().map(v -> "REMOVE_PHANTOM " + v).sorted().toList();
        assertEquals(expected, sorted(actions(plan)), "the rows of exactly the migrations whose objects are gone"
                + context);
        assertEquals(List.of(), manualKinds(plan), "nothing else needs a person" + context);
        for (String v : d.phantoms()) {
            assertFalse(probe(db, PROBES.get(v)), "V" + v + " is really gone" + context);
        }

        Map<String, Long> rows = rowCounts();
        assertFalse(apply(plan).nothingToDo(), context);
        assertEquals(rows, rowCounts(), "the apply changes no application row" + context);

        boolean outOfOrder = plan.actions().stream().anyMatch(a -> a.note() != null
                && a.note().contains("out-of-order"));
        assertEquals(!d.phantoms().equals(List.of("16")), outOfOrder,
                "a note asks for out-of-order migrations when a removed migration lies below a recorded one" + context);
        assertEquals(d.phantoms().size(), flyway(UnaryOperator.identity()).outOfOrder(outOfOrder).load().migrate()
                .migrationsExecuted, "flyway migrate runs the removed migrations again" + context);
        assertEverythingThere(context);
        assertValidates(context);
        assertNothingLeft(PlanOptions.DEFAULT);
    }

    /**
     * The runbook's "complete it": the migration the dry run suggests for the partial migration is reviewed, copied
     * into the migrations and run by Flyway; the database is whole again, and a new database still builds from the
     * migrations with the suggestion among them.
     */
    private void completeWithTheSuggestedMigration(String partial) throws Exception {
        Path reports = project.resolve("target/migration-guard");
        ReconcilePlan plan;
        try (Connection c = Connections.open(db.settings())) {
            DriftInspection inspection = new DriftDetector(settings(project)).inspect(c);
            plan = SuggestedMigrations.attach(ReconcilePlanner.plan(inspection, PlanDatabases.describe(c,
                    inspection.report().database(), inspection), PlanOptions.DEFAULT, "test", Instant.now()),
                    inspection, reports);
        }
        String context = ReconcileHarness.describe(plan);
        List<ManualStep> steps = plan.manual().stream().filter(m -> m.migration().equals(partial)).toList();
        assertEquals(1, steps.size(), context);
        String suggested = steps.get(0).suggestedMigration();
        assertNotNull(suggested, "a migration is suggested" + context);
        Path file = reports.resolve(suggested);
        assertTrue(file.getFileName().toString().startsWith("V" + (MIGRATION_COUNT + 1) + "__complete_"), suggested);
        Files.copy(file, project.resolve(MIGRATIONS).resolve(file.getFileName()));
        context += "\n" + Files.readString(file, StandardCharsets.UTF_8);

        assertEquals(1, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted, context);
        assertEverythingThere(context);
        assertValidates(context);
        assertNothingLeft(PlanOptions.DEFAULT);
        try (TestDatabase fresh = TestDatabases.create("objectstest")) {
            assertEquals(MIGRATION_COUNT + 1, flyway(fresh, project, UnaryOperator.identity()).load().migrate()
                    .migrationsExecuted, "a new database builds from the migrations" + context);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. objects present, history gone

    enum HistoryLoss {
        EMPTIED("DELETE FROM public.flyway_schema_history"),
        DROPPED("DROP TABLE public.flyway_schema_history");

        final String sql;

        HistoryLoss(String sql) {
            this.sql = sql;
        }
    }

    @ParameterizedTest(name = "history {0}")
    @EnumSource(HistoryLoss.class)
    void everyMigrationIsMarkedAppliedAndFlywayHasNothingToRun(HistoryLoss loss) throws Exception {
        copyTemplate();
        List<String> flywayRows = history();
        Map<String, Long> rows = rowCounts();
        db.execute(loss.sql);

        ReconcilePlan first = plan(PlanOptions.DEFAULT);
        List<String> stated = first.manual().stream()
                .filter(m -> m.instruction() != null && m.instruction().contains("-DmigrationGuard.markApplied="))
                .map(ManualStep::migration).distinct().toList();
        for (String v : stated) {
            // checked by hand before it is stated
            assertTrue(probe(db, PROBES.get(v)), "V" + v + " is in the database" + ReconcileHarness.describe(first));
        }
        ReconcilePlan plan = stated.isEmpty() ? first : plan(new PlanOptions(false, stated));
        String context = (stated.isEmpty() ? "" : "\nfirst" + ReconcileHarness.describe(first) + "\nstated " + stated)
                + ReconcileHarness.describe(plan);
        List<String> all = PROBES.keySet().stream().map(v -> "MARK_APPLIED " + v).sorted().toList();
        assertEquals(all, sorted(actions(plan)), "every migration is recorded" + context);
        assertEquals(List.of(), manualKinds(plan), "nothing is left to a person" + context);

        assertFalse(apply(plan).nothingToDo(), context);
        assertEquals(rows, rowCounts(), "the apply changes no application row" + context);
        assertEquals(flywayRows, history(), "the rows written are those Flyway wrote" + context);
        assertValidates(context);
        assertEquals(0, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted,
                "flyway migrate has nothing to run" + context);
        assertNothingLeft(new PlanOptions(false, stated));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. a flyway migrate running while a plan made before it is applied

    /** How Flyway holds its lock while it migrates. */
    enum Race {
        /** Flyway's default: a transaction-level advisory lock, taken for each migration. */
        TRANSACTION_LOCK(Map.of()),
        /** {@code flyway.postgresql.transactional.lock=false}: a session-level lock held for the whole run. */
        SESSION_LOCK(Map.of("flyway.postgresql.transactional.lock", "false"));

        final Map<String, String> flywayConfiguration;

        Race(Map<String, String> flywayConfiguration) {
            this.flywayConfiguration = flywayConfiguration;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Race.class)
    void anApplyWaitsForARunningMigrationAndThenRefusesItsStalePlan(Race race) throws Exception {
        copyTemplate();
        // a backfill that takes 1.5 s per customer: 3 s here, no time in the (empty) shadow database
        Files.writeString(project.resolve(MIGRATIONS).resolve("V17__slow_backfill.sql"),
                "UPDATE customers SET full_name = full_name WHERE pg_sleep(1.5) IS NOT NULL;\n",
                StandardCharsets.UTF_8);
        db.execute("DROP INDEX orders_created_at_idx");
        ReconcilePlan plan = plan(PlanOptions.DEFAULT);
        assertEquals(List.of("REMOVE_PHANTOM 14"), actions(plan), ReconcileHarness.describe(plan));
        List<String> before = history();

        UnaryOperator<FluentConfiguration> config = f -> f.configuration(race.flywayConfiguration);
        ExecutorService flywayThread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> migrate = flywayThread.submit(() -> {
                int executed = flyway(config).load().migrate().migrationsExecuted;
                return executed;
            });
            awaitSleepingMigration(migrate);

            List<String> log = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            ReconcileRefusedException refused = assertThrows(ReconcileRefusedException.class,
                    () -> applyLogging(plan, log), "the plan was made before V17 ran");
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(migrate.isDone(), "the apply gave up only after Flyway had finished");
            assertEquals(1, migrate.get(), "Flyway's run completes normally");
            assertEquals(ReconcileRefusedException.Reason.STALE_PLAN, refused.reason(), refused.getMessage());
            assertTrue(refused.getMessage().contains("the history rows changed"), refused.getMessage());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("waiting up to")), "the wait is announced: " + log);
            assertTrue(waitedMillis >= 500, "the apply waited for the lock (" + waitedMillis + " ms)");
        } finally {
            flywayThread.shutdownNow();
        }

        List<String> after = history();
        assertTrue(after.containsAll(before), "reconcile removed no row: " + after);
        List<String> added = after.stream().filter(h -> !before.contains(h)).toList();
        assertEquals(1, added.size(), "Flyway added its row, reconcile wrote none: " + added);
        assertTrue(added.get(0).startsWith("17 | slow backfill | SQL | V17__slow_backfill.sql | ")
                && added.get(0).endsWith(" | true"), added.get(0));
        assertEquals(0, auditRows(), "no audit row for a refused apply");
        assertValidates("");

        // the runbook again: a new plan, applied, then Flyway runs V14 out of order
        ReconcilePlan fresh = plan(PlanOptions.DEFAULT);
        assertEquals(List.of("REMOVE_PHANTOM 14"), actions(fresh), ReconcileHarness.describe(fresh));
        ReconcileApplier.Result result = apply(fresh);
        assertEquals(1, auditRows(), "one audit row for the one action");
        assertEquals(List.of("REMOVE_PHANTOM 14 " + result.audit().runId()), auditSummary());
        assertEquals(1, flyway(config).outOfOrder(true).load().migrate().migrationsExecuted,
                ReconcileHarness.describe(fresh));
        assertEverythingThere(ReconcileHarness.describe(fresh));
        assertValidates(ReconcileHarness.describe(fresh));
        assertNothingLeft(PlanOptions.DEFAULT);
    }

    /** Waits until Flyway runs V17 (it holds its lock then), or fails when Flyway stopped first. */
    private void awaitSleepingMigration(Future<Integer> migrate) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (migrate.isDone()) {
                throw new AssertionError("flyway migrate ended before V17 was seen running: " + migrate.get());
            }
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                         + " current_database() AND state = 'active' AND pid <> pg_backend_pid()"
                         + " AND query LIKE '%pg_sleep(1.5)%'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("V17 was not seen running within 10 s");
    }

    private void applyLogging(ReconcilePlan plan, List<String> log) throws Exception {
        ReconcileApplier.Settings s = new ReconcileApplier.Settings(
                new ProductionGuard.Settings(Pattern.compile(ProductionGuard.DEFAULT_PATTERN), null, null),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60), project, "test",
                "tester", Map.of());
        try (Connection c = Connections.open(db.settings())) {
            new ReconcileApplier(new DriftDetector(settings(project)), s, Masking.none(), log::add,
                    r -> project.resolve("audit-" + r.runId() + ".json"), Clock.systemUTC()).apply(c, plan);
        }
    }

    private long auditRows() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class"
                     + " WHERE oid = to_regclass('public.migration_guard_audit')")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return 0;
            }
        }
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM public.migration_guard_audit")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> auditSummary() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT action, migration, run_id,"
                     + " (SELECT count(*) FROM public.flyway_schema_history h WHERE h.version = a.migration)"
                     + " FROM public.migration_guard_audit a ORDER BY action_no")) {
            while (rs.next()) {
                assertEquals(0, rs.getLong(4), "the row the audit archived is gone from the history");
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. the goal, connected through DATABASE_URL only

    @ParameterizedTest(name = "history {0}")
    @EnumSource(HistoryLoss.class)
    void theGoalConnectedByDatabaseUrlRebuildsTheHistory(HistoryLoss loss) throws Exception {
        copyTemplate();
        List<String> flywayRows = history();
        db.execute(loss.sql);
        TestDatabases.Server server = TestDatabases.server();
        Properties parsed = org.postgresql.Driver.parseURL(server.url(), null);
        String databaseUrl = "postgresql://" + server.user() + (server.password() == null ? "" : ":"
                + java.net.URLEncoder.encode(server.password(), StandardCharsets.UTF_8)) + "@"
                + parsed.getProperty("PGHOST") + ":" + parsed.getProperty("PGPORT") + "/" + db.name();
        Map<String, String> environment = Map.of("DATABASE_URL", databaseUrl);
        RecordingLog log = new RecordingLog();

        // dry run; what the plan asks a person to state is checked by hand, stated, and planned again
        JsonNode first = dryRun(environment, log, List.of());
        assertTrue(log.all().contains("(from the DATABASE_URL environment variable)"), log.all());
        assertEquals(db.name(), first.get("database").get("name").asText(), "the plan is for the database in"
                + " DATABASE_URL");
        List<String> stated = new ArrayList<>();
        Pattern option = Pattern.compile("-DmigrationGuard\\.markApplied=(\\S+)");
        for (JsonNode step : first.get("manual")) {
            java.util.regex.Matcher m = option.matcher(step.path("instruction").asText());
            if (m.find()) {
                for (String v : m.group(1).split(",")) {
                    assertTrue(probe(db, PROBES.get(v)), "V" + v + " is in the database: " + first);
                    stated.add(v);
                }
            }
        }
        JsonNode plan = stated.isEmpty() ? first : dryRun(environment, log, stated);
        List<String> all = PROBES.keySet().stream().map(v -> "MARK_APPLIED " + v).sorted().toList();
        assertEquals(all, sorted(actions(plan)), "every migration is recorded: " + plan);
        assertEquals(0, plan.get("manual").size(), "nothing is left to a person: " + plan);
        assertEquals(loss == HistoryLoss.DROPPED, to("public.flyway_schema_history") == null,
                "the dry runs changed nothing");

        // the reviewed plan, kept outside target/, applied exactly
        Path reviewed = project.resolve("reconcile/" + db.name() + "-plan.json");
        Files.createDirectories(reviewed.getParent());
        Files.copy(project.resolve("target/migration-guard/reconcile-plan.json"), reviewed);
        ReconcileMojo applying = mojo(environment, log);
        set(applying, "apply", true);
        set(applying, "plan", reviewed.toFile());
        applying.execute();
        assertTrue(log.all().contains("applied " + MIGRATION_COUNT + " actions"), log.all());

        assertEquals(flywayRows, history(), "the rows written are those Flyway wrote");
        assertValidates("");
        assertEquals(0, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted,
                "flyway migrate has nothing to run");
        JsonNode after = dryRun(environment, log, stated);
        assertEquals(0, after.get("actions").size(), after.toString());
        assertTrue(log.all().contains("nothing to reconcile"), log.all());
    }

    private JsonNode dryRun(Map<String, String> environment, RecordingLog log, List<String> markApplied)
            throws Exception {
        ReconcileMojo mojo = mojo(environment, log);
        if (!markApplied.isEmpty()) {
            set(mojo, "markApplied", markApplied);
        }
        mojo.execute();
        return new ObjectMapper().readTree(project.resolve("target/migration-guard/reconcile-plan.json").toFile());
    }

    /** The goal as a pom without any connection setting configures it; the shadow server as the runbook has it. */
    private ReconcileMojo mojo(Map<String, String> environment, RecordingLog log) throws Exception {
        ReconcileMojo mojo = new ReconcileMojo(null);
        set(mojo, "basedir", project.toFile());
        set(mojo, "buildDirectory", project.resolve("target").toFile());
        set(mojo, "reportsDirectory", project.resolve("target/migration-guard").toFile());
        set(mojo, "environment", (Function<String, String>) environment::get);
        set(mojo, "testDatabasePattern", ProductionGuard.DEFAULT_PATTERN);
        set(mojo, "lockWait", 5);
        set(mojo, "encoding", "UTF-8");
        set(mojo, "placeholderReplacement", true);
        TestDatabases.Server server = TestDatabases.server();
        String shadowUrl = server.url() + (server.url().contains("?") ? "&" : "?") + "user=" + server.user()
                + (server.password() == null ? "" : "&password=" + server.password());
        set(mojo, "shadowUrl", shadowUrl);
        mojo.setLog(log);
        return mojo;
    }

    private static void set(Object target, String name, Object value) throws Exception {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalArgumentException("no field " + name + " in " + target.getClass());
    }

    private String to(String relation) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + relation + "')::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> actions(JsonNode plan) {
        List<String> all = new ArrayList<>();
        plan.get("actions").forEach(a -> all.add(a.get("type").asText() + " " + a.get("migration").asText()));
        return all;
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    private void copyTemplate() throws Exception {
        db = copyOf(template);
        copyMigrations(project);
    }

    /**
     * A fresh test database made from the template with {@code CREATE DATABASE ... TEMPLATE}: the name comes from
     * {@link TestDatabases#create}, which also drops it afterwards.
     */
    private static TestDatabase copyOf(TestDatabase source) throws Exception {
        TestDatabase copy = TestDatabases.create("objectstest");
        TestDatabases.Server server = TestDatabases.server();
        Properties p = new Properties();
        if (server.user() != null) {
            p.setProperty("user", server.user());
        }
        if (server.password() != null) {
            p.setProperty("password", server.password());
        }
        try (Connection c = DriverManager.getConnection(server.url(), p); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE " + quote(copy.name()));
            st.execute("CREATE DATABASE " + quote(copy.name()) + " TEMPLATE " + quote(source.name()));
        }
        return copy;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void copyMigrations(Path projectDir) throws Exception {
        Path target = projectDir.resolve(MIGRATIONS);
        Files.createDirectories(target);
        URL dir = Objects.requireNonNull(ReconcileObjectsIT.class.getClassLoader().getResource(RESOURCES), RESOURCES);
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName().toString()));
            }
        }
    }

    private static FluentConfiguration flyway(TestDatabase database, Path projectDir,
                                              UnaryOperator<FluentConfiguration> config) {
        return config.apply(Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("filesystem:" + projectDir.resolve(MIGRATIONS)).cleanDisabled(true));
    }

    private FluentConfiguration flyway(UnaryOperator<FluentConfiguration> config) {
        return flyway(db, project, config);
    }

    /** As the runbooks advise: with a shadow database on the test server. */
    private static DriftSettings settings(Path projectDir) {
        return new DriftSettings(projectDir, List.of(MIGRATIONS), List.of(), List.of(), Map.of(), Set.of(), null,
                List.of(), shadow());
    }

    private static JdbcTarget shadow() {
        try {
            TestDatabases.Server server = TestDatabases.server();
            return DatabaseUrls.resolve(new ConnectionSettings(server.url(), server.user(), server.password(),
                    "migrationGuard.shadowUrl"));
        } catch (Exception e) {
            throw new IllegalStateException("the test server as a shadow: " + e.getMessage(), e);
        }
    }

    private ReconcilePlan plan(PlanOptions options) throws Exception {
        return ReconcileHarness.plan(db.settings(), settings(project), options);
    }

    private ReconcileApplier.Result apply(ReconcilePlan plan) throws Exception {
        return ReconcileHarness.apply(db.settings(), settings(project), plan, project);
    }

    private static boolean probe(TestDatabase database, String condition) throws Exception {
        try (Connection c = database.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + condition)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void assertEverythingThere(String context) throws Exception {
        for (Map.Entry<String, String> probe : PROBES.entrySet()) {
            assertTrue(probe(db, probe.getValue()), "V" + probe.getKey() + "'s objects are there" + context);
        }
    }

    private void assertValidates(String context) {
        ValidateResult v = flyway(UnaryOperator.identity()).load().validateWithResult();
        assertTrue(v.validationSuccessful, () -> "flyway validate: " + v.getAllErrorMessages() + context);
    }

    /** A new plan has no action and nothing for a person. */
    private void assertNothingLeft(PlanOptions options) throws Exception {
        ReconcilePlan again = plan(options);
        assertEquals(List.of(), actions(again), () -> "a new plan has nothing to do"
                + ReconcileHarness.describe(again));
        assertEquals(List.of(), manualKinds(again), () -> "and nothing for a person"
                + ReconcileHarness.describe(again));
    }

    private Map<String, Long> rowCounts() throws Exception {
        return ReconcileHarness.rowCounts(db, Set.of("flyway_schema_history"));
    }

    /** Flyway's rows as it compares them: version, description, type, script, checksum, success; sorted. */
    private List<String> history() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, description, type, script, checksum, success"
                     + " FROM public.flyway_schema_history WHERE type <> 'SCHEMA'")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3) + " | "
                        + rs.getString(4) + " | " + rs.getObject(5) + " | " + rs.getBoolean(6));
            }
        }
        return rows.stream().sorted().toList();
    }

    private static List<String> actions(ReconcilePlan plan) {
        return plan.actions().stream().map(a -> a.type() + " " + a.migration()).toList();
    }

    private static List<String> manualKinds(ReconcilePlan plan) {
        return plan.manual().stream().map(m -> m.kind() + " " + m.migration()).distinct().toList();
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }


}
