package io.github.migrationguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationguard.db.Connections;
import io.github.migrationguard.report.DriftConsoleReport;
import io.github.migrationguard.report.DriftJsonReport;
import io.github.migrationguard.report.DriftMarkdownReport;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DriftDetector end to end: real Flyway writes the database and its history, then the database is put out of line. */
class DriftDetectorIT {

    private static final String LOCATION = "src/main/resources/db/migration";
    private static final Map<String, String> PLACEHOLDERS = Map.of("owner_role", "app_owner");

    @TempDir
    Path project;

    private Path migrations;
    private TestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabases.create("detector");
        migrations = project.resolve(LOCATION);
        write("V1__create_users.sql", """
                CREATE TABLE users (
                    id    serial PRIMARY KEY,
                    email varchar(255) NOT NULL UNIQUE
                );
                """);
        write("V2__create_orders.sql", """
                CREATE TABLE orders (
                    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    user_id integer NOT NULL REFERENCES users (id),
                    total   numeric(12, 2) NOT NULL DEFAULT 0
                );
                CREATE INDEX idx_orders_user_id ON orders (user_id);
                """);
        write("V3__user_names.sql", "ALTER TABLE users ADD COLUMN display_name text;\n");
        write("sub/V4__seed.sql", "INSERT INTO users (email) VALUES ('ops@example.com');\n");
        write("R__views.sql", """
                -- owner: ${owner_role}, table ${flyway:table}
                CREATE OR REPLACE VIEW user_orders AS
                SELECT u.id, u.email, count(o.id) AS orders FROM users u LEFT JOIN orders o ON o.user_id = u.id
                GROUP BY u.id, u.email;
                """);
        write("afterMigrate.sql", "SELECT 1;\n");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void write(String relative, String content) throws Exception {
        Path file = migrations.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + migrations).placeholders(PLACEHOLDERS).cleanDisabled(true);
    }

    private DriftSettings settings() {
        return new DriftSettings(project, List.of(LOCATION), List.of(), List.of(), PLACEHOLDERS, Set.of(), null,
                List.of(), null);
    }

    private DriftReport detect() throws Exception {
        String before = fingerprint();
        DriftReport report;
        try (Connection c = Connections.open(db.settings())) {
            report = new DriftDetector(settings(), db.settings().masking()).detect(c);
            assertTrue(c.getAutoCommit(), "the connection is left as it was");
        }
        assertEquals(before, fingerprint(), "detect-drift changed the database");
        return report;
    }

    /** The history, the users rows and the list of columns: what a write would change. */
    private String fingerprint() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            StringBuilder s = new StringBuilder();
            try (ResultSet rs = st.executeQuery("select coalesce(string_agg(c.table_schema || '.' || c.table_name"
                    + " || '.' || c.column_name, ',' order by 1), '') from information_schema.columns c"
                    + " where c.table_schema = 'public'")) {
                rs.next();
                s.append(rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("select to_regclass('public.flyway_schema_history') is not null")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    try (ResultSet h = st.executeQuery("select count(*) || md5(coalesce(string_agg(t::text, '|'"
                            + " order by installed_rank), '')) from public.flyway_schema_history t")) {
                        h.next();
                        s.append('|').append(h.getString(1));
                    }
                }
            }
            return s.toString();
        }
    }

    private static List<String> kinds(DriftReport report) {
        List<String> out = new ArrayList<>();
        for (DriftFinding f : report.findings()) {
            out.add(f.kind() + " " + f.migration() + (f.object() == null ? "" : " " + f.object()));
        }
        return out;
    }

    private static String describe(DriftReport report) {
        return String.join("\n", DriftConsoleReport.lines(report));
    }

    @Test
    void aDatabaseBuiltByItsMigrationsHasNoFindings() throws Exception {
        flyway().load().migrate();
        DriftReport report = detect();
        assertEquals(List.of(), kinds(report), () -> describe(report));
        assertEquals(5, report.migrations());
        assertEquals(5, report.applied());
        assertEquals("public.flyway_schema_history", report.historyTable());
        assertEquals("flyway", report.historyTool());
        assertEquals("replay", report.expectedSource());
        assertFalse(report.migrationInProgress());
        assertTrue(report.catalogQueries() > 0);
        assertEquals(db.name(), report.database().database());
    }

    @Test
    void historyRowsDeletedLeaveEveryMigrationThatCreatesSomethingUnrecorded() throws Exception {
        flyway().load().migrate();
        db.execute("DELETE FROM flyway_schema_history");
        DriftReport report = detect();
        // V4 only inserts a row: without a history row there is nothing to judge it by but the history: pending
        assertEquals(List.of("UNRECORDED 1", "UNRECORDED 2", "UNRECORDED 3", "PENDING 4", "UNRECORDED views"),
                kinds(report), () -> describe(report));
        assertTrue(report.findings().get(0).recommendedAction().startsWith("MARK_APPLIED"));
        assertEquals(0, report.applied());
    }

    @Test
    void tablesDroppedUnderTheirHistoryRowsArePhantoms() throws Exception {
        flyway().load().migrate();
        db.execute("DROP VIEW user_orders; DROP TABLE orders");
        DriftReport report = detect();
        assertEquals(List.of("PHANTOM 2", "PHANTOM views"), kinds(report), () -> describe(report));
        assertTrue(report.findings().get(0).recommendedAction().startsWith("REMOVE_PHANTOM"));
        assertTrue(report.findings().get(0).detail().contains("table public.orders"),
                report.findings().get(0).detail());
    }

    @Test
    void anEditedAppliedFileIsAChecksumMismatch() throws Exception {
        flyway().load().migrate();
        write("V3__user_names.sql", "-- display names for the admin screen\nALTER TABLE users ADD COLUMN display_name"
                + " text;\n");
        DriftReport report = detect();
        assertEquals(List.of("CHECKSUM_MISMATCH 3"), kinds(report), () -> describe(report));
        assertFalse(flyway().load().validateWithResult().validationSuccessful, "flyway validate agrees");
    }

    @Test
    void aFailedRowIsFailed() throws Exception {
        flyway().load().migrate();
        write("V5__archive.sql", "CREATE TABLE archive (id int);\n");
        db.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) SELECT max(installed_rank) + 1, '5', 'archive', 'SQL',"
                + " 'V5__archive.sql', 1, current_user, 3, false FROM flyway_schema_history");
        DriftReport report = detect();
        assertEquals(List.of("FAILED 5"), kinds(report), () -> describe(report));
        assertTrue(report.findings().get(0).recommendedAction().startsWith("REMOVE_FAILED"));
    }

    @Test
    void aDeletedFileIsMissingAndWhatItBuiltIsExtra() throws Exception {
        flyway().load().migrate();
        Files.delete(migrations.resolve("V3__user_names.sql"));
        DriftReport report = detect();
        assertEquals(List.of("MISSING_FILE 3", "EXTRA_OBJECT null column public.users.display_name"),
                kinds(report), () -> describe(report));
    }

    @Test
    void aPendingMigrationAndABrokenReference() throws Exception {
        flyway().load().migrate();
        write("V5__invoices.sql", """
                CREATE TABLE invoices (
                    id       bigserial PRIMARY KEY,
                    order_id bigint NOT NULL REFERENCES "order" (id)
                );
                """);
        DriftReport report = detect();
        assertEquals(List.of("PENDING 5", "BROKEN_REFERENCE 5 table public.order"), kinds(report),
                () -> describe(report));
        assertTrue(report.findings().get(1).detail().contains("did you mean public.orders?"),
                report.findings().get(1).detail());
    }

    @Test
    void theReportsRenderTheRealReportWithoutThePassword() throws Exception {
        flyway().load().migrate();
        db.execute("ALTER TABLE users ADD COLUMN hotfix text");
        DriftReport report = detect();
        assertEquals(List.of("EXTRA_OBJECT null column public.users.hotfix"), kinds(report), () -> describe(report));
        JsonNode json = new ObjectMapper().readTree(DriftJsonReport.render(report));
        assertEquals(db.name(), json.at("/database/name").asText());
        assertEquals("EXTRA_OBJECT", json.at("/findings/0/kind").asText());
        assertEquals("column public.users.hotfix", json.at("/findings/0/object").asText());
        assertTrue(json.at("/database/port").isInt());
        List<String> lines = DriftConsoleReport.lines(report);
        assertTrue(lines.contains("  database:       " + db.name()), lines.toString());
        assertTrue(lines.contains("  standby:        no"), lines.toString());
        String everything = String.join("\n", lines) + DriftMarkdownReport.render(report)
                + DriftJsonReport.render(report);
        if (db.password() != null && !db.password().isEmpty()) {
            assertFalse(everything.contains(db.password()), "no password in any output");
        }
    }

    @Test
    void noHistoryTableJudgesEveryMigrationByEvidence() throws Exception {
        DriftReport fresh = detect();
        assertNull(fresh.historyTable());
        assertEquals(List.of("PENDING 1", "PENDING 2", "PENDING 3", "PENDING 4", "PENDING views"), kinds(fresh),
                () -> describe(fresh));
    }

    @Test
    void aGolangMigrateProjectIsJudgedByItsSingleVersionRow() throws Exception {
        Path dir = project.resolve("migrations");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("0001_users.up.sql"), "CREATE TABLE users (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("0001_users.down.sql"), "DROP TABLE users;\n");
        Files.writeString(dir.resolve("0002_orders.up.sql"), "CREATE TABLE orders (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("0003_items.up.sql"), "CREATE TABLE items (id int PRIMARY KEY);\n");
        db.execute("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
                + " INSERT INTO schema_migrations VALUES (2, false);"
                + " CREATE TABLE users (id int PRIMARY KEY);");
        DriftSettings golang = new DriftSettings(project, List.of("migrations"), List.of(), List.of(), Map.of(),
                Set.of(), null, List.of(), null);
        DriftReport report;
        try (Connection c = Connections.open(db.settings())) {
            report = new DriftDetector(golang).detect(c);
        }
        assertEquals("golang-migrate", report.historyTool());
        assertEquals(List.of("PHANTOM 0002", "PENDING 0003"), kinds(report), () -> describe(report));
        assertTrue(report.findings().get(0).recommendedAction().contains("migrate up"));
    }
}
