package io.github.migrationguard.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.history.FlywayLock;
import io.github.migrationguard.history.HistoryTool;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveInspectionIT {

    @TempDir
    Path dir;

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.create("live");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private DriftSettings settings(String historyTable) {
        return new DriftSettings(dir, List.of("."), List.of(), List.of(), Map.of(), Set.of(), historyTable, List.of(),
                null);
    }

    private LiveInspection inspect(String historyTable) throws Exception {
        try (Connection c = Connections.open(db.settings())) {
            LiveInspection live = LiveInspection.read(c, settings(historyTable), Masking.none());
            assertTrue(c.getAutoCommit(), "the connection is left as it was");
            return live;
        }
    }

    private void flywayMigrate(String schema, String table) throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "create table t (id int primary key);\n");
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("filesystem:" + dir)
                .schemas(schema).table(table).cleanDisabled(true).load().migrate();
    }

    @Test
    void aNeverMigratedDatabaseHasNoHistoryAndItsSchemaIsRead() throws Exception {
        db.execute("create table hand_made (id int)");
        LiveInspection live = inspect(null);
        assertNull(live.history());
        assertEquals("public", live.lockSchema());
        assertEquals("flyway_schema_history", live.lockTable());
        assertFalse(live.migrationInProgress());
        assertEquals(db.name(), live.identity().database());
        assertEquals("public", live.identity().currentSchema(), "read before search_path was pinned");
        assertTrue(live.catalog().model().table("public", "hand_made").isPresent());
        assertTrue(live.catalog().queryCount() > 0);
    }

    @Test
    void flywaysTableIsFoundReadAndLeftOutOfTheSchema() throws Exception {
        flywayMigrate("public", "flyway_schema_history");
        LiveInspection live = inspect(null);
        assertEquals(HistoryTool.FLYWAY, live.history().tool());
        assertEquals("public.flyway_schema_history", live.history().qualifiedName());
        assertEquals(1, live.flywayRows().size());
        assertEquals("1", live.flywayRows().get(0).version());
        assertTrue(live.catalog().model().table("public", "t").isPresent());
        assertFalse(live.catalog().model().table("public", "flyway_schema_history").isPresent());
    }

    @Test
    void aConfiguredTableIsUsedAndAMissingOneIsAClearError() throws Exception {
        flywayMigrate("app", "deploy_history");
        LiveInspection live = inspect("app.deploy_history");
        assertEquals("app.deploy_history", live.history().qualifiedName());
        assertEquals(List.of("SCHEMA", "SQL"), live.flywayRows().stream().map(r -> r.type()).toList(),
                "Flyway created schema app and recorded it");

        DatabaseAccessException e = assertThrows(DatabaseAccessException.class, () -> inspect("app.nope"));
        assertTrue(e.getMessage().contains("historyTable app.nope does not exist")
                && e.getMessage().contains("app.deploy_history"), e.getMessage());
        DatabaseAccessException bad = assertThrows(DatabaseAccessException.class, () -> inspect("a.b.c"));
        assertTrue(bad.getMessage().contains("[schema.]table"), bad.getMessage());
    }

    @Test
    void twoFlywayTablesOutsideTheCurrentSchemaAreAmbiguous() throws Exception {
        flywayMigrate("one", "flyway_schema_history");
        db.execute("create schema two; create table two.flyway_schema_history (like one.flyway_schema_history)");
        DatabaseAccessException e = assertThrows(DatabaseAccessException.class, () -> inspect(null));
        assertTrue(e.getMessage().contains("several migration history tables")
                && e.getMessage().contains("set historyTable"), e.getMessage());
        assertEquals("one.flyway_schema_history", inspect("one.flyway_schema_history").history().qualifiedName());
    }

    @Test
    void aGolangMigrateHistoryIsReadAsGenericRows() throws Exception {
        db.execute("create table schema_migrations (version bigint not null primary key, dirty boolean not null);"
                + " insert into schema_migrations values (20240102, true)");
        LiveInspection live = inspect(null);
        assertEquals(HistoryTool.GOLANG_MIGRATE, live.history().tool());
        assertEquals(1, live.genericRows().size());
        assertEquals("20240102", live.genericRows().get(0).version());
        assertEquals(Boolean.TRUE, live.genericRows().get(0).dirty());
        assertEquals(List.of(), live.flywayRows());
    }

    @Test
    void onlyAnUnreadableToolsHistoryIsAClearError() throws Exception {
        db.execute("create table databasechangelog (id text, author text, filename text)");
        DatabaseAccessException e = assertThrows(DatabaseAccessException.class, () -> inspect(null));
        assertTrue(e.getMessage().contains("Liquibase"), e.getMessage());
    }

    @Test
    void whileAnotherSessionHoldsFlywaysLockNothingElseIsRead() throws Exception {
        flywayMigrate("public", "flyway_schema_history");
        try (Connection holder = db.connect();
             PreparedStatement ps = holder.prepareStatement("select pg_advisory_lock(?)")) {
            ps.setLong(1, FlywayLock.key("public", "flyway_schema_history"));
            ps.execute();
            LiveInspection live = inspect(null);
            assertTrue(live.migrationInProgress());
            assertNull(live.catalog());
            assertEquals(List.of(), live.flywayRows());
        }
        assertFalse(inspect(null).migrationInProgress());
    }

    @Test
    void aFirstMigrationInProgressIsSeenBeforeTheHistoryTableExists() throws Exception {
        try (Connection holder = db.connect();
             PreparedStatement ps = holder.prepareStatement("select pg_advisory_lock(?)")) {
            ps.setLong(1, FlywayLock.key("public", "flyway_schema_history"));
            ps.execute();
            assertTrue(inspect(null).migrationInProgress());
        }
    }

    @Test
    void qualifiedNamesSplitLikeSql() {
        assertArrayEquals(new String[] {null, "history"}, LiveInspection.split("history"));
        assertArrayEquals(new String[] {"app", "history"}, LiveInspection.split("app.history"));
        assertArrayEquals(new String[] {"My.Schema", "Hi\"story"}, LiveInspection.split("\"My.Schema\".\"Hi\"\"story\""));
        assertThrows(IllegalArgumentException.class, () -> LiveInspection.split("a..b"));
        assertThrows(IllegalArgumentException.class, () -> LiveInspection.split("\"open"));
    }
}
