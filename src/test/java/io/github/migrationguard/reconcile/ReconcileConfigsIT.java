package io.github.migrationguard.reconcile;

import io.github.migrationguard.maven.RecordingLog;
import io.github.migrationguard.db.JdbcTarget;
import io.github.migrationguard.db.DatabaseUrls;
import io.github.migrationguard.db.ConnectionSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationguard.db.Connections;
import io.github.migrationguard.drift.DriftDetector;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftSettings;
import io.github.migrationguard.maven.ReconcileMojo;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * History incidents and Flyway configurations beyond "the whole history is gone", each built by real Flyway,
 * repaired the way the runbooks say (plan, state by hand what the plan asks a person to state, apply) and judged by
 * real Flyway ({@code validate}, {@code migrate}) and detect-drift afterwards:
 * <ul>
 *   <li>the history restored from an older backup (its last rows missing), rows missing in the middle;</li>
 *   <li>tables restored from an older backup (the objects of the last migrations missing, the history complete);</li>
 *   <li>a history table with a name of its own ({@code table=schema_history}), present and dropped;</li>
 *   <li>a baseline ({@code baselineOnMigrate}, {@code baseline()}) above migrations that were run by hand;</li>
 *   <li>placeholders for the schema and the application role;</li>
 *   <li>a repeatable migration whose view was dropped, or whose row was lost;</li>
 *   <li>history emptied and one table dropped at the same time;</li>
 *   <li>the reconcile goal itself, dry run then apply of the reviewed plan file;</li>
 *   <li>further configurations: versions with leading zeros and underscores, a subdirectory, a file saved with a
 *       byte order mark and CRLF, two locations, a script configuration that turns placeholder replacement off,
 *       {@code ${flyway:table}}, a mixed-case history table, a history table in the application's own schema,
 *       {@code target}.</li>
 * </ul>
 * Every apply must leave the application rows as they were, and the rows it writes must carry Flyway's checksums.
 */
class ReconcileConfigsIT {

    private static final String RESOURCES = "reconcile-configs/";
    private static final String MIGRATIONS = "src/main/resources/db/migration";
    private static final String FLYWAY_TABLE = "public.flyway_schema_history";
    private static final String CUSTOM_TABLE = "public.schema_history";

    /** Rows the bookshop's application would have written. */
    private static final String BOOKSHOP_SEED = """
            INSERT INTO authors (full_name, born_on) VALUES
                ('Ursula K. Le Guin', '1929-10-21'), ('Terry Pratchett', '1948-04-28');
            INSERT INTO books (isbn, title, author_id, price_cents, published_on)
                SELECT '978-0-441-47812-5', 'The Left Hand of Darkness', id, 1299, '1969-03-01'
                  FROM authors WHERE full_name LIKE 'Ursula%';
            INSERT INTO books (isbn, title, author_id, price_cents, published_on)
                SELECT '978-0-552-13107-9', 'Guards! Guards!', id, 999, '1989-11-01'
                  FROM authors WHERE full_name LIKE 'Terry%';
            INSERT INTO customers (email, display_name, tier) VALUES
                ('ada@example.com', 'Ada', 'gold'), ('bob@example.com', 'Bob', 'standard');
            INSERT INTO orders (customer_id, status) SELECT id, 'paid' FROM customers;
            INSERT INTO order_lines (order_id, line_no, book_id, quantity, unit_price_cents)
                SELECT o.id, 1, b.id, 1, b.price_cents FROM orders o CROSS JOIN books b WHERE b.isbn LIKE '%5';
            INSERT INTO reviews (book_id, customer_id, stars, body)
                SELECT b.id, c.id, 5, 'Wonderful.' FROM books b CROSS JOIN customers c;
            INSERT INTO stock_levels (book_id, on_hand) SELECT id, 3 FROM books;
            UPDATE books SET out_of_print = true WHERE isbn LIKE '%9';
            INSERT INTO shipments (order_id, carrier, tracking_no, shipped_at)
                SELECT id, 'DHL', 'JD0001' || id, now() FROM orders;
            """;

    /** Rows the clinic's application would have written; {@code ${schema_name}} is replaced by the test. */
    private static final String CLINIC_SEED = """
            INSERT INTO ${schema_name}.patients (mrn, family_name, given_name, date_of_birth) VALUES
                ('MRN-0001', 'Curie', 'Marie', '1867-11-07'), ('MRN-0002', 'Snow', 'John', '1813-03-15');
            INSERT INTO ${schema_name}.practitioners (full_name, specialty) VALUES ('Dr. Elizabeth Blackwell', 'GP');
            INSERT INTO ${schema_name}.appointments (patient_id, practitioner_id, starts_at, minutes, status)
                SELECT p.id, pr.id, now() + interval '1 day', 30, 'booked'
                  FROM ${schema_name}.patients p CROSS JOIN ${schema_name}.practitioners pr;
            INSERT INTO ${schema_name}.clinical_notes (appointment_id, body)
                SELECT id, 'Routine check.' FROM ${schema_name}.appointments;
            """;

    @TempDir
    Path project;

    private TestDatabase db;
    private String role;

    @AfterEach
    void drop() throws Exception {
        if (db == null) {
            return;
        }
        try {
            if (role != null) {
                db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
            }
        } finally {
            db.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. the history restored from an older backup: its last three rows are missing, every table exists

    @Test
    void historyRestoredFromAnOlderBackupIsCompletedForTheMissingRowsOnly() throws Exception {
        Setup s = bookshop(UnaryOperator.identity());
        db.execute("DELETE FROM public.flyway_schema_history WHERE installed_rank > "
                + "(SELECT max(installed_rank) - 3 FROM public.flyway_schema_history)");
        assertFalse(flyway(UnaryOperator.identity()).load().validateWithResult().validationSuccessful,
                "the incident is real: flyway validate sees three migrations not applied");

        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(List.of("MARK_APPLIED 6", "MARK_APPLIED 7", "MARK_APPLIED 8"), actions(r.plan()),
                r.describe());
        apply(settings(Map.of(), null), r.plan());

        assertRepaired(s, UnaryOperator.identity(), FLYWAY_TABLE, settings(Map.of(), null), r);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. tables restored from an older backup: the history is complete, the last two migrations' objects are gone

    @Test
    void tablesRestoredFromAnOlderBackupGetTheirRowsRemovedAndFlywayCreatesThemAgain() throws Exception {
        bookshop(UnaryOperator.identity());
        db.execute("""
                DROP TABLE shipments;
                DROP TABLE stock_levels;
                ALTER TABLE books DROP COLUMN out_of_print;
                """);
        Map<String, Long> afterIncident = rowCounts();

        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(List.of("REMOVE_PHANTOM 7", "REMOVE_PHANTOM 8"), sorted(actions(r.plan())), r.describe());
        apply(settings(Map.of(), null), r.plan());
        assertEquals(afterIncident, rowCounts(), "the apply changes no application row" + r.describe());

        int rerun = flyway(UnaryOperator.identity()).outOfOrder(r.asksForOutOfOrder()).load().migrate()
                .migrationsExecuted;
        assertEquals(2, rerun, "flyway migrate runs V7 and V8 again" + r.describe());
        Map<String, Long> now = rowCounts();
        assertEquals(0L, now.get("public.shipments"), "shipments is back, empty");
        assertEquals(0L, now.get("public.stock_levels"), "stock_levels is back, empty");
        assertValidates(UnaryOperator.identity(), r);
        assertClean(settings(Map.of(), null), "detect-drift is clean" + r.describe());
        assertNothingLeft(settings(Map.of(), null), r);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. rows lost in the middle of the history (V3 and V5 of 8) while everything exists

    @Test
    void rowsLostInTheMiddleOfTheHistoryAreMarkedApplied() throws Exception {
        Setup s = bookshop(UnaryOperator.identity());
        db.execute("DELETE FROM public.flyway_schema_history WHERE version IN ('3', '5')");

        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(List.of("MARK_APPLIED 3", "MARK_APPLIED 5"), actions(r.plan()), r.describe());
        apply(settings(Map.of(), null), r.plan());

        assertRepaired(s, UnaryOperator.identity(), FLYWAY_TABLE, settings(Map.of(), null), r);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. Flyway with a history table of its own name

    @Test
    void aCustomHistoryTableIsFoundByItsColumnsAndWrittenInto() throws Exception {
        UnaryOperator<FluentConfiguration> custom = f -> f.table("schema_history");
        Setup s = bookshop(custom);
        assertEquals(0, tableCount("flyway_schema_history"), "Flyway wrote public.schema_history only");
        db.execute("DELETE FROM public.schema_history");

        DriftSettings settings = settings(Map.of(), null);
        try (Connection c = Connections.open(db.settings())) {
            assertEquals(CUSTOM_TABLE, new DriftDetector(settings).inspect(c).report().historyTable(),
                    "detect-drift finds the history table by its columns");
        }
        Runbook r = runbook(settings);
        assertEquals(CUSTOM_TABLE, r.plan().database().historyTable(), r.describe());
        assertEquals(markApplied(1, 8), actions(r.plan()), r.describe());
        apply(settings, r.plan());

        assertEquals(0, tableCount("flyway_schema_history"), "reconcile wrote into schema_history, made no other");
        assertRepaired(s, custom, CUSTOM_TABLE, settings, r);
    }

    @Test
    void aDroppedCustomHistoryTableIsCreatedAgainUnderTheConfiguredName() throws Exception {
        UnaryOperator<FluentConfiguration> custom = f -> f.table("schema_history");
        Setup s = bookshop(custom);
        db.execute("DROP TABLE public.schema_history");

        DriftSettings settings = settings(Map.of(), CUSTOM_TABLE);
        Runbook r = runbook(settings);
        assertEquals(CUSTOM_TABLE, r.plan().database().historyTable(), r.describe());
        assertFalse(r.plan().database().historyTableExists(), r.describe());
        assertEquals(markApplied(1, 8), actions(r.plan()), r.describe());
        apply(settings, r.plan());

        assertEquals(1, tableCount("schema_history"));
        assertEquals(0, tableCount("flyway_schema_history"), "no table under Flyway's default name");
        assertRepaired(s, custom, CUSTOM_TABLE, settings, r);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 5. a baseline at version 3 above migrations run by hand; the rows after the baseline lost

    @ParameterizedTest(name = "baseline by {0}")
    @ValueSource(strings = {"baselineOnMigrate", "baseline()"})
    void rowsAfterABaselineAreMarkedAppliedAndTheMigrationsBelowItAreLeftAlone(String how) throws Exception {
        Path location = prepare("bookshop");
        for (String v : List.of("V1__authors.sql", "V2__books.sql", "V3__customers.sql")) {
            db.execute(Files.readString(location.resolve(v), StandardCharsets.UTF_8));
        }
        UnaryOperator<FluentConfiguration> baseline = f -> f.baselineVersion("3");
        if (how.equals("baseline()")) {
            flyway(baseline).load().baseline();
            assertEquals(5, flyway(baseline).load().migrate().migrationsExecuted);
        } else {
            assertEquals(5, flyway(f -> f.baselineVersion("3").baselineOnMigrate(true)).load().migrate()
                    .migrationsExecuted);
        }
        assertEquals(List.of("BASELINE 3", "SQL 4", "SQL 5", "SQL 6", "SQL 7", "SQL 8"), historyTypes(FLYWAY_TABLE));
        db.execute(BOOKSHOP_SEED);
        Setup s = new Setup(rowCounts(), history(FLYWAY_TABLE));
        assertClean(settings(Map.of(), null), "clean right after the baseline and migrate");

        db.execute("DELETE FROM public.flyway_schema_history WHERE type <> 'BASELINE'");
        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(markApplied(4, 8), actions(r.plan()), r.describe());
        assertTrue(r.plan().manual().stream().noneMatch(m -> Set.of("1", "2", "3").contains(m.migration())),
                "nothing asked about the migrations below the baseline" + r.describe());
        apply(settings(Map.of(), null), r.plan());

        assertEquals(List.of("BASELINE 3", "SQL 4", "SQL 5", "SQL 6", "SQL 7", "SQL 8"), historyTypes(FLYWAY_TABLE),
                "the baseline row stays; V1 to V3 get no row");
        assertRepaired(s, baseline, FLYWAY_TABLE, settings(Map.of(), null), r);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 6. placeholders for the schema and the application role

    @ParameterizedTest(name = "history {0}")
    @ValueSource(strings = {"emptied", "dropped"})
    void aHistoryWithPlaceholdersIsRebuiltWithFlywaysChecksums(String how) throws Exception {
        Map<String, String> placeholders = clinicPlaceholders();
        UnaryOperator<FluentConfiguration> withPlaceholders = f -> f.placeholders(placeholders);
        prepare("clinic");
        assertEquals(8, flyway(withPlaceholders).load().migrate().migrationsExecuted);
        db.execute(CLINIC_SEED.replace("${schema_name}", placeholders.get("schema_name")));
        Setup s = new Setup(rowCounts(), history(FLYWAY_TABLE));
        DriftSettings settings = settings(placeholders, null);
        assertClean(settings, "clean right after flyway migrate");

        db.execute(how.equals("emptied") ? "DELETE FROM public.flyway_schema_history"
                : "DROP TABLE public.flyway_schema_history");
        Runbook r = runbook(settings);
        assertEquals(List.of("7"), r.stated(), "the grants of V7 are stated by hand once the plan asks"
                + r.describe());
        List<String> expected = new ArrayList<>(markApplied(1, 7));
        expected.add("MARK_APPLIED views");
        assertEquals(expected, actions(r.plan()), r.describe());
        apply(settings, r.plan());

        assertRepaired(s, withPlaceholders, FLYWAY_TABLE, settings, r);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 7. a repeatable migration

    @Test
    void aRepeatableWhoseViewWasDroppedRunsAgain() throws Exception {
        prepare("bookshop", "bookshop-views");
        assertEquals(9, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted);
        db.execute(BOOKSHOP_SEED);
        assertClean(settings(Map.of(), null), "clean right after flyway migrate");
        db.execute("DROP VIEW book_ratings");
        Map<String, Long> afterIncident = rowCounts();

        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(List.of("REMOVE_PHANTOM views"), actions(r.plan()), r.describe());
        apply(settings(Map.of(), null), r.plan());
        assertEquals(afterIncident, rowCounts(), "the apply changes no application row" + r.describe());

        assertEquals(1, flyway(UnaryOperator.identity()).outOfOrder(r.asksForOutOfOrder()).load().migrate()
                .migrationsExecuted, "flyway migrate runs R__views.sql again" + r.describe());
        assertEquals(1, viewCount("book_ratings"), "the view is back");
        assertValidates(UnaryOperator.identity(), r);
        assertClean(settings(Map.of(), null), "detect-drift is clean" + r.describe());
        assertNothingLeft(settings(Map.of(), null), r);
    }

    @Test
    void aRepeatableWhoseRowWasLostIsMarkedAppliedWithFlywaysChecksum() throws Exception {
        prepare("bookshop", "bookshop-views");
        assertEquals(9, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted);
        db.execute(BOOKSHOP_SEED);
        Setup s = new Setup(rowCounts(), history(FLYWAY_TABLE));
        db.execute("DELETE FROM public.flyway_schema_history WHERE version IS NULL");

        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(List.of("MARK_APPLIED views"), actions(r.plan()), r.describe());
        apply(settings(Map.of(), null), r.plan());

        assertRepaired(s, UnaryOperator.identity(), FLYWAY_TABLE, settings(Map.of(), null), r);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 8. history emptied and one table dropped by hand

    @Test
    void historyEmptiedAndOneTableDroppedLeavesThatMigrationToFlyway() throws Exception {
        bookshop(UnaryOperator.identity());
        db.execute("DELETE FROM public.flyway_schema_history; DROP TABLE reviews;");
        Map<String, Long> afterIncident = rowCounts();

        Runbook r = runbook(settings(Map.of(), null));
        // every migration whose objects exist is marked applied; V6, whose table is gone, is left for Flyway
        List<String> expected = new ArrayList<>(markApplied(1, 5));
        expected.addAll(markApplied(7, 8));
        assertEquals(expected, actions(r.plan()), r.describe());
        apply(settings(Map.of(), null), r.plan());
        assertEquals(afterIncident, rowCounts(), "the apply changes no application row" + r.describe());

        // step 7: reconcile again; V6 now lies below recorded migrations, and the plan says how Flyway runs it
        Runbook check = runbook(settings(Map.of(), null));
        assertEquals(List.of(), check.plan().actions(), check.describe());
        assertEquals(List.of("PENDING 6"), check.plan().manual().stream().map(m -> m.kind() + " " + m.migration())
                .toList(), check.describe());
        assertTrue(check.asksForOutOfOrder(), "the step asks for out-of-order migrations" + check.describe());
        ValidateResult ignored = flyway(UnaryOperator.identity()).load().validateWithResult();
        assertFalse(ignored.validationSuccessful, "flyway validate reports V6 as not applied, as the runbook says");
        assertEquals(1, flyway(UnaryOperator.identity()).outOfOrder(true).load().migrate().migrationsExecuted,
                "flyway migrate -outOfOrder=true runs V6" + r.describe());
        assertEquals(0L, rowCounts().get("public.reviews"), "reviews is back, empty");
        assertValidates(UnaryOperator.identity(), r);
        assertEquals(0, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted);
        assertClean(settings(Map.of(), null), "detect-drift is clean" + r.describe());
        assertNothingLeft(settings(Map.of(), null), r);
    }

    // ---------------------------------------------------------------------------------------------------------
    // more of the same incidents under other Flyway configurations

    @Test
    void historyRestoredFromAnOlderBackupWithARepeatableAmongTheLostRows() throws Exception {
        Setup s = bookshop(UnaryOperator.identity(), null, List.of("bookshop-views"));
        db.execute("DELETE FROM public.flyway_schema_history WHERE installed_rank > "
                + "(SELECT max(installed_rank) - 3 FROM public.flyway_schema_history)");

        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(List.of("MARK_APPLIED 7", "MARK_APPLIED 8", "MARK_APPLIED views"), actions(r.plan()),
                r.describe());
        apply(settings(Map.of(), null), r.plan());

        assertRepaired(s, UnaryOperator.identity(), FLYWAY_TABLE, settings(Map.of(), null), r);
    }

    @ParameterizedTest(name = "history {0}")
    @ValueSource(strings = {"emptied", "dropped", "middle rows lost"})
    void versionsWithLeadingZerosAndUnderscoresSubdirectoriesAndWindowsFilesGetTheRowsFlywayWrites(String how)
            throws Exception {
        prepare("naming");
        assertEquals(8, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted);
        db.execute("""
                INSERT INTO bins VALUES ('HAM1', 1), ('HAM1', 2), ('LYS1', 1);
                INSERT INTO items VALUES ('SKU-1', 'Bolt M8'), ('SKU-2', 'Nut M8');
                INSERT INTO stock VALUES ('HAM1', 1, 'SKU-1', 100), ('LYS1', 1, 'SKU-2', 40);
                INSERT INTO movements (sku, delta) VALUES ('SKU-1', 100), ('SKU-2', 40);
                INSERT INTO suppliers (name) VALUES ('Schrauben Schmidt');
                """);
        Setup s = new Setup(rowCounts(), history(FLYWAY_TABLE));
        assertTrue(s.history().stream().anyMatch(h -> h.startsWith("01 | warehouses")), s.history().toString());
        assertTrue(s.history().stream().anyMatch(h -> h.contains("| 2024/V3__movements_in_a_subdirectory.sql |")),
                s.history().toString());
        assertClean(settings(Map.of(), null), "clean right after flyway migrate");

        db.execute(switch (how) {
            case "emptied" -> "DELETE FROM public.flyway_schema_history";
            case "dropped" -> "DROP TABLE public.flyway_schema_history";
            default -> "DELETE FROM public.flyway_schema_history WHERE version IN ('1.1', '3', '4')";
        });
        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(how.equals("middle rows lost") ? List.of() : List.of("5"), r.stated(),
                "the data-only V5 is stated by hand once the plan asks" + r.describe());
        assertEquals(how.equals("middle rows lost") ? 3 : 8, r.plan().actions().size(), r.describe());
        assertTrue(r.plan().actions().stream().allMatch(a -> a.type() == ActionType.MARK_APPLIED), r.describe());
        apply(settings(Map.of(), null), r.plan());

        assertRepaired(s, UnaryOperator.identity(), FLYWAY_TABLE, settings(Map.of(), null), r);
    }

    @Test
    void flywaysTablePlaceholderHasTheCustomHistoryTablesName() throws Exception {
        UnaryOperator<FluentConfiguration> custom = f -> f.table("schema_history");
        Setup s = bookshop(custom, null, List.of("history-note"));
        db.execute("DELETE FROM public.schema_history");

        Runbook r = runbook(settings(Map.of(), null));
        List<String> expected = new ArrayList<>(markApplied(1, 8));
        expected.add("MARK_APPLIED history note");
        assertEquals(expected, actions(r.plan()), r.describe());
        apply(settings(Map.of(), null), r.plan());

        assertRepaired(s, custom, CUSTOM_TABLE, settings(Map.of(), null), r);
    }

    @Test
    void aScriptConfigurationThatTurnsPlaceholderReplacementOffIsHonoured() throws Exception {
        Setup s = bookshop(UnaryOperator.identity(), null, List.of("bookshop-templates"));
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'message_templates'::regclass")) {
            rs.next();
            assertTrue(rs.getString(1).contains("${customer_name}"), "Flyway left the markers alone");
        }
        db.execute("DELETE FROM public.flyway_schema_history");

        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(markApplied(1, 9), actions(r.plan()), r.describe());
        apply(settings(Map.of(), null), r.plan());

        assertRepaired(s, UnaryOperator.identity(), FLYWAY_TABLE, settings(Map.of(), null), r);
    }

    @Test
    void migrationsInTwoLocationsGetTheScriptNamesFlywayWrites() throws Exception {
        Path first = prepare("bookshop");
        Path later = project.resolve("src/main/resources/db/later");
        Files.createDirectories(later);
        for (String f : List.of("V7__stock_levels.sql", "V8__shipments.sql")) {
            Files.move(first.resolve(f), later.resolve(f));
        }
        UnaryOperator<FluentConfiguration> two = f -> f.locations("filesystem:" + first, "filesystem:" + later);
        assertEquals(8, flyway(two).load().migrate().migrationsExecuted);
        db.execute(BOOKSHOP_SEED);
        DriftSettings settings = new DriftSettings(project, List.of(MIGRATIONS, "src/main/resources/db/later"),
                List.of(), List.of(), Map.of(), Set.of(), null, List.of(), null);
        Setup s = new Setup(rowCounts(), history(FLYWAY_TABLE));
        assertClean(settings, "clean right after flyway migrate");
        db.execute("DELETE FROM public.flyway_schema_history WHERE installed_rank > 5");

        Runbook r = runbook(settings);
        assertEquals(List.of("MARK_APPLIED 6", "MARK_APPLIED 7", "MARK_APPLIED 8"), actions(r.plan()),
                r.describe());
        apply(settings, r.plan());

        assertRepaired(s, two, FLYWAY_TABLE, settings, r);
    }

    @ParameterizedTest(name = "history {0}")
    @ValueSource(strings = {"emptied", "dropped"})
    void aMixedCaseHistoryTableIsFoundAndWrittenUnderItsQuotedName(String how) throws Exception {
        UnaryOperator<FluentConfiguration> custom = f -> f.table("SchemaHistory");
        Setup s = bookshop(custom);
        String quoted = "public.\"SchemaHistory\"";
        DriftSettings settings = settings(Map.of(), how.equals("dropped") ? quoted : null);
        db.execute((how.equals("dropped") ? "DROP TABLE " : "DELETE FROM ") + quoted);

        Runbook r = runbook(settings);
        assertEquals(markApplied(1, 8), actions(r.plan()), r.describe());
        apply(settings, r.plan());

        assertEquals(1, tableCount("SchemaHistory"));
        assertEquals(0, tableCount("schemahistory") + tableCount("flyway_schema_history"), "no other history table");
        assertRepaired(s, custom, quoted, settings, r);
    }

    @ParameterizedTest(name = "history {0}")
    @ValueSource(strings = {"emptied", "dropped"})
    void aCustomHistoryTableInTheApplicationsOwnSchema(String how) throws Exception {
        UnaryOperator<FluentConfiguration> custom = f -> f.schemas("store").table("schema_history");
        Setup s = bookshop(custom, "store", List.of());
        assertEquals(8, count("select count(*) from pg_tables where schemaname = 'store' and tablename <> "
                + "'schema_history'"), "Flyway created the tables in store");
        DriftSettings settings = settings(Map.of(), how.equals("dropped") ? "store.schema_history" : null);
        db.execute((how.equals("dropped") ? "DROP TABLE " : "DELETE FROM ") + "store.schema_history");

        Runbook r = runbook(settings);
        assertEquals("store.schema_history", r.plan().database().historyTable(), r.describe());
        assertEquals(markApplied(1, 8), actions(r.plan()), r.describe());
        apply(settings, r.plan());

        assertRepaired(s, custom, "store.schema_history", settings, r);
    }

    @Test
    void migrationsBeyondFlywaysTargetStayPendingWhenTheHistoryIsRebuilt() throws Exception {
        prepare("bookshop");
        UnaryOperator<FluentConfiguration> upTo6 = f -> f.target("6");
        assertEquals(6, flyway(upTo6).load().migrate().migrationsExecuted);
        db.execute(BOOKSHOP_SEED.substring(0, BOOKSHOP_SEED.indexOf("INSERT INTO stock_levels")));
        Setup s = new Setup(rowCounts(), history(FLYWAY_TABLE));
        db.execute("DELETE FROM public.flyway_schema_history");

        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(markApplied(1, 6), actions(r.plan()), r.describe());
        apply(settings(Map.of(), null), r.plan());

        assertEquals(s.rows(), rowCounts(), "the apply changes no application row" + r.describe());
        assertEquals(s.history(), history(FLYWAY_TABLE), "the rows Flyway wrote" + r.describe());
        assertValidates(upTo6, r);
        assertEquals(0, flyway(upTo6).load().migrate().migrationsExecuted, "nothing to do up to the target");
        assertEquals(List.of("PENDING 7", "PENDING 8"), detect(settings(Map.of(), null)).stream()
                .map(f -> f.kind() + " " + f.migration()).toList(), "only what the next deployment brings");
        assertNothingLeft(settings(Map.of(), null), r);
        assertEquals(2, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted,
                "the next deployment runs V7 and V8");
        assertClean(settings(Map.of(), null), "clean after the next deployment");
    }

    @Test
    void aRepeatableRunTwiceWhoseLatestRowWasLostIsLeftForFlywayToRunAgain() throws Exception {
        Path location = prepare("bookshop", "bookshop-views");
        assertEquals(9, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted);
        Path views = location.resolve("R__views.sql");
        String edited = Files.readString(views).replace("AS average_stars",
                "AS average_stars,\n       max(r.written_at)              AS last_review_at");
        Files.writeString(views, edited);
        assertEquals(1, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted, "the edit runs again");
        db.execute(BOOKSHOP_SEED);
        assertClean(settings(Map.of(), null), "clean after the second run of R__views.sql");
        db.execute("DELETE FROM public.flyway_schema_history WHERE installed_rank = "
                + "(SELECT max(installed_rank) FROM public.flyway_schema_history)");
        Map<String, Long> afterIncident = rowCounts();

        // the history's latest row of R__views.sql is the first version: Flyway runs the file again, as it would
        // after any edit of a repeatable migration; reconcile has nothing to change
        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(List.of(), actions(r.plan()), r.describe());
        assertEquals(List.of("PENDING views"), detect(settings(Map.of(), null)).stream()
                .map(f -> f.kind() + " " + f.migration()).toList());
        assertEquals(1, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted);
        assertEquals(afterIncident, rowCounts());
        assertValidates(UnaryOperator.identity(), r);
        assertClean(settings(Map.of(), null), "clean once Flyway ran it");
        assertNothingLeft(settings(Map.of(), null), r);
    }

    @Test
    void aTableDroppedWithCascadeTakesTheRepeatablesViewAlongAndBothRunAgain() throws Exception {
        bookshop(UnaryOperator.identity(), null, List.of("bookshop-views"));
        db.execute("DROP TABLE reviews CASCADE");
        assertEquals(0, viewCount("book_ratings"), "CASCADE dropped the view");
        Map<String, Long> afterIncident = rowCounts();

        Runbook r = runbook(settings(Map.of(), null));
        assertEquals(List.of("REMOVE_PHANTOM 6", "REMOVE_PHANTOM views"), sorted(actions(r.plan())), r.describe());
        apply(settings(Map.of(), null), r.plan());
        assertEquals(afterIncident, rowCounts(), "the apply changes no application row" + r.describe());

        assertTrue(r.asksForOutOfOrder(), "V6 lies below V8: the note asks for out-of-order migrations" + r.describe());
        assertEquals(2, flyway(UnaryOperator.identity()).outOfOrder(true).load().migrate().migrationsExecuted,
                "flyway migrate runs V6 and R__views.sql again" + r.describe());
        assertEquals(1, viewCount("book_ratings"), "the view is back");
        assertValidates(UnaryOperator.identity(), r);
        assertClean(settings(Map.of(), null), "detect-drift is clean" + r.describe());
        assertNothingLeft(settings(Map.of(), null), r);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 9. the same incidents through the goal: dry run, review reconcile-plan.json, apply exactly that file

    @Test
    void theGoalRepairsAHistoryRestoredFromAnOlderBackup() throws Exception {
        Setup s = bookshop(UnaryOperator.identity());
        db.execute("DELETE FROM public.flyway_schema_history WHERE installed_rank > 5");

        JsonNode plan = dryRun(mojo -> { });
        assertEquals(List.of("MARK_APPLIED 6", "MARK_APPLIED 7", "MARK_APPLIED 8"), actions(plan), plan.toString());
        assertEquals(5, historyRows(FLYWAY_TABLE), "the dry run changed nothing");
        applyReviewed(mojo -> { });

        assertRepaired(s, UnaryOperator.identity(), FLYWAY_TABLE, settings(Map.of(), null), null);
    }

    @Test
    void theGoalWritesIntoACustomHistoryTableFoundByItsColumns() throws Exception {
        UnaryOperator<FluentConfiguration> custom = f -> f.table("schema_history");
        Setup s = bookshop(custom);
        db.execute("DELETE FROM public.schema_history");

        JsonNode plan = dryRun(mojo -> { });
        assertEquals(CUSTOM_TABLE, plan.get("database").get("historyTable").asText(), plan.toString());
        assertEquals(markApplied(1, 8), actions(plan), plan.toString());
        assertEquals(0, historyRows(CUSTOM_TABLE), "the dry run changed nothing");
        applyReviewed(mojo -> { });

        assertEquals(0, tableCount("flyway_schema_history"));
        assertRepaired(s, custom, CUSTOM_TABLE, settings(Map.of(), null), null);
    }

    @Test
    void theGoalCreatesADroppedCustomHistoryTableNamedByHistoryTable() throws Exception {
        UnaryOperator<FluentConfiguration> custom = f -> f.table("schema_history");
        Setup s = bookshop(custom);
        db.execute("DROP TABLE public.schema_history");

        JsonNode plan = dryRun(mojo -> set(mojo, "historyTable", CUSTOM_TABLE));
        assertEquals(CUSTOM_TABLE, plan.get("database").get("historyTable").asText(), plan.toString());
        assertFalse(plan.get("database").get("historyTableExists").asBoolean(), plan.toString());
        assertEquals(markApplied(1, 8), actions(plan), plan.toString());
        assertEquals(0, tableCount("schema_history"), "the dry run created nothing");
        applyReviewed(mojo -> set(mojo, "historyTable", CUSTOM_TABLE));

        assertEquals(0, tableCount("flyway_schema_history"));
        assertRepaired(s, custom, CUSTOM_TABLE, settings(Map.of(), CUSTOM_TABLE), null);
    }

    @Test
    void theGoalRebuildsADroppedHistoryWithAMigrationStatedByHand() throws Exception {
        prepare("naming");
        assertEquals(8, flyway(UnaryOperator.identity()).load().migrate().migrationsExecuted);
        db.execute("INSERT INTO items VALUES ('SKU-1', 'Bolt M8')");
        Setup s = new Setup(rowCounts(), history(FLYWAY_TABLE));
        db.execute("DROP TABLE public.flyway_schema_history");

        JsonNode first = dryRun(mojo -> { });
        List<String> stated = new ArrayList<>();
        Pattern option = Pattern.compile("-DmigrationGuard\\.markApplied=([^\\s]+)");
        first.get("manual").forEach(m -> {
            java.util.regex.Matcher found = option.matcher(m.get("instruction").asText());
            if (found.find()) {
                stated.addAll(List.of(found.group(1).split(",")));
            }
        });
        assertEquals(List.of("5"), stated, first.toString());
        assertEquals(7, first.get("actions").size(), first.toString());

        JsonNode plan = dryRun(mojo -> set(mojo, "markApplied", stated));
        assertEquals(8, plan.get("actions").size(), plan.toString());
        assertEquals(0, tableCount("flyway_schema_history"), "the dry runs created nothing");
        applyReviewed(mojo -> { });

        assertRepaired(s, UnaryOperator.identity(), FLYWAY_TABLE, settings(Map.of(), null), null);
    }

    // ---------------------------------------------------------------------------------------------------------
    // the judgement every history repair must pass

    /**
     * Real Flyway validates and has nothing to migrate, the rows reconcile wrote carry the checksums Flyway wrote,
     * detect-drift is clean, a new plan has nothing to do, and no application row changed.
     */
    private void assertRepaired(Setup s, UnaryOperator<FluentConfiguration> config, String table,
                                DriftSettings settings, Runbook r) throws Exception {
        String context = r == null ? "" : r.describe();
        assertEquals(s.rows(), rowCounts(), "the apply changes no application row" + context);
        assertValidates(config, r);
        assertEquals(0, config.apply(flyway(UnaryOperator.identity())).load().migrate().migrationsExecuted,
                "flyway migrate has nothing to do" + context);
        assertEquals(s.history(), history(table), "the rows written are those Flyway wrote: version, description,"
                + " type, script and checksum" + context);
        assertClean(settings, "detect-drift is clean after the repair" + context);
        assertNothingLeft(settings, r);
    }

    private void assertClean(DriftSettings settings, String message) throws Exception {
        List<DriftFinding> findings = detect(settings);
        assertTrue(findings.isEmpty(), () -> message + ReconcileHarness.lines(findings));
    }

    private void assertValidates(UnaryOperator<FluentConfiguration> config, Runbook r) {
        ValidateResult v = config.apply(flyway(UnaryOperator.identity())).load().validateWithResult();
        assertTrue(v.validationSuccessful, () -> "flyway validate: " + v.getAllErrorMessages()
                + (r == null ? "" : r.describe()));
    }

    private void assertNothingLeft(DriftSettings settings, Runbook r) throws Exception {
        ReconcilePlan again = plan(settings, new PlanOptions(false, r == null ? List.of() : r.stated()));
        assertTrue(again.actions().isEmpty(), () -> "a new plan has nothing to do\n"
                + ReconcileHarness.describe(again));
    }

    // ---------------------------------------------------------------------------------------------------------
    // the runbook through the API

    /** The plan after the runbook's review: what the first plan asks a person to state is stated, then planned. */
    record Runbook(ReconcilePlan first, ReconcilePlan plan, List<String> stated) {
        String describe() {
            return "\nfirst " + ReconcileHarness.describe(first)
                    + (first == plan ? "" : "after stating " + stated + ": " + ReconcileHarness.describe(plan));
        }

        boolean asksForOutOfOrder() {
            return Stream.concat(plan.actions().stream().map(PlannedAction::note),
                    plan.manual().stream().map(ManualStep::instruction))
                    .anyMatch(t -> t != null && (t.contains("out-of-order") || t.contains("outOfOrder")));
        }
    }

    private Runbook runbook(DriftSettings settings) throws Exception {
        ReconcilePlan first = plan(settings, PlanOptions.DEFAULT);
        List<String> stated = first.manual().stream()
                .filter(m -> m.instruction() != null && m.instruction().contains("-DmigrationGuard.markApplied="))
                .map(ManualStep::migration).distinct().toList();
        return new Runbook(first, stated.isEmpty() ? first : plan(settings, new PlanOptions(false, stated)), stated);
    }

    private ReconcilePlan plan(DriftSettings settings, PlanOptions options) throws Exception {
        return ReconcileHarness.plan(db.settings(), settings, options);
    }

    private void apply(DriftSettings settings, ReconcilePlan plan) throws Exception {
        assertFalse(ReconcileHarness.apply(db.settings(), settings, plan, project).nothingToDo(),
                "the apply did something");
    }

    private List<DriftFinding> detect(DriftSettings settings) throws Exception {
        try (Connection c = Connections.open(db.settings())) {
            return new DriftDetector(settings).detect(c).findings();
        }
    }

    /**
     * As the runbook advises: with a shadow database on the test server, so that view queries and function bodies
     * are compared and can be recorded without a person stating them.
     */
    private DriftSettings settings(Map<String, String> placeholders, String historyTable) {
        return new DriftSettings(project, List.of(MIGRATIONS), List.of(), List.of(), placeholders, Set.of(),
                historyTable, List.of(), shadow());
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

    // ---------------------------------------------------------------------------------------------------------
    // the goal

    private interface Configure {
        void accept(ReconcileMojo mojo) throws Exception;
    }

    private ReconcileMojo mojo(Configure extra) throws Exception {
        ReconcileMojo mojo = new ReconcileMojo(null);
        set(mojo, "basedir", project.toFile());
        set(mojo, "buildDirectory", project.resolve("target").toFile());
        set(mojo, "reportsDirectory", project.resolve("target/migration-guard").toFile());
        set(mojo, "environment", (Function<String, String>) name -> null);
        set(mojo, "url", db.url());
        set(mojo, "user", db.user());
        set(mojo, "password", db.password());
        set(mojo, "testDatabasePattern", ProductionGuard.DEFAULT_PATTERN);
        set(mojo, "lockWait", 5);
        set(mojo, "shadowUrl", TestDatabases.server().url());
        mojo.setLog(new RecordingLog());
        extra.accept(mojo);
        return mojo;
    }

    /** A dry run of the goal; returns the plan file it wrote. */
    private JsonNode dryRun(Configure extra) throws Exception {
        mojo(extra).execute();
        return new ObjectMapper().readTree(project.resolve("target/migration-guard/reconcile-plan.json").toFile());
    }

    /** The reviewed plan, kept outside target/, applied exactly. */
    private void applyReviewed(Configure extra) throws Exception {
        Path reviewed = project.resolve("reviewed-plan.json");
        Files.copy(project.resolve("target/migration-guard/reconcile-plan.json"), reviewed);
        ReconcileMojo mojo = mojo(extra);
        set(mojo, "apply", true);
        set(mojo, "plan", reviewed.toFile());
        mojo.execute();
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

    // ---------------------------------------------------------------------------------------------------------
    // fixtures

    /** What the database held before the incident: application rows per table, and Flyway's history rows. */
    record Setup(Map<String, Long> rows, List<String> history) {
    }

    /** The bookshop built by real Flyway, with rows; checked clean before any incident. */
    private Setup bookshop(UnaryOperator<FluentConfiguration> config) throws Exception {
        return bookshop(config, null, List.of());
    }

    /**
     * The bookshop (and the extra sets) built by real Flyway into the current schema or into {@code schema}, with
     * rows; checked clean before any incident.
     */
    private Setup bookshop(UnaryOperator<FluentConfiguration> config, String schema, List<String> extra)
            throws Exception {
        List<String> sets = new ArrayList<>(List.of("bookshop"));
        sets.addAll(extra);
        prepare(sets.toArray(String[]::new));
        int expected = 8 + extra.size();
        assertEquals(expected, config.apply(flyway(UnaryOperator.identity())).load().migrate().migrationsExecuted);
        db.execute((schema == null ? "" : "SET search_path = " + schema + "; ") + BOOKSHOP_SEED);
        String table = config.apply(flyway(UnaryOperator.identity())).load().getConfiguration().getTable();
        String qualified = (schema == null ? "public" : schema) + "." + quoteIfNeeded(table);
        Setup s = new Setup(rowCounts(), history(qualified));
        assertClean(settings(Map.of(), null), "clean right after flyway migrate");
        return s;
    }

    private static String quoteIfNeeded(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Copies the named sets into the project's migration directory and creates the database. */
    private Path prepare(String... sets) throws Exception {
        if (db == null) {
            db = TestDatabases.create("configstest");
        }
        Path target = project.resolve(MIGRATIONS);
        Files.createDirectories(target);
        for (String set : sets) {
            URL dir = Objects.requireNonNull(getClass().getClassLoader().getResource(RESOURCES + set), set);
            Path root = Path.of(dir.toURI());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = target.resolve(root.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }

    /** A role of its own for this test (roles are shared by the whole server), and the clinic's placeholders. */
    private Map<String, String> clinicPlaceholders() throws Exception {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String name = "mg_clinic_app_" + HexFormat.of().formatHex(random);
        db = TestDatabases.create("configstest");
        db.execute("CREATE ROLE " + name + " NOLOGIN");
        role = name;
        return Map.of("schema_name", "clinic", "app_role", name);
    }

    private FluentConfiguration flyway(UnaryOperator<FluentConfiguration> config) {
        return config.apply(Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + project.resolve(MIGRATIONS)).cleanDisabled(true)
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")));
    }

    /** Rows of every application table. */
    private Map<String, Long> rowCounts() throws Exception {
        return ReconcileHarness.rowCounts(db, Set.of("flyway_schema_history", "schema_history"));
    }

    /**
     * The rows of a history table as Flyway compares them (version, description, type, script, checksum, success),
     * sorted; rank, time and user differ by nature. Flyway's schema-creation marker is left out: it records what
     * Flyway created, not a migration, and a history rebuilt by reconcile has none.
     */
    private List<String> history(String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select version, description, type, script, checksum, success from "
                     + table + " where type <> 'SCHEMA'")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3) + " | "
                        + rs.getString(4) + " | " + rs.getObject(5) + " | " + rs.getBoolean(6));
            }
        }
        return rows.stream().sorted().toList();
    }

    private List<String> historyTypes(String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select type, version from " + table + " order by installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    private long historyRows(String table) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int tableCount(String name) throws Exception {
        return count("select count(*) from pg_tables where schemaname = 'public' and tablename = '" + name + "'");
    }

    private int viewCount(String name) throws Exception {
        return count("select count(*) from pg_views where schemaname = 'public' and viewname = '" + name + "'");
    }

    private int count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> markApplied(int from, int to) {
        List<String> all = new ArrayList<>();
        for (int v = from; v <= to; v++) {
            all.add("MARK_APPLIED " + v);
        }
        return all;
    }

    private static List<String> actions(ReconcilePlan plan) {
        return plan.actions().stream().map(a -> a.type() + " " + a.migration()).toList();
    }

    private static List<String> actions(JsonNode plan) {
        List<String> all = new ArrayList<>();
        plan.get("actions").forEach(a -> all.add(a.get("type").asText() + " " + a.get("migration").asText()));
        return all;
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }


}
