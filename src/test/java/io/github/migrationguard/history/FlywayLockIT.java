package io.github.migrationguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlywayLockIT {

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.create("fwlock");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private boolean inProgress(String schema, String table) throws Exception {
        try (Connection c = Connections.open(db.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
            return FlywayLock.migrationInProgress(session.connection(), schema, table, Masking.none());
        }
    }

    @Test
    void aSessionHoldingFlywaysKeyIsDetectedAndReleasingItClearsIt() throws Exception {
        assertFalse(inProgress("public", "flyway_schema_history"));
        try (Connection holder = db.connect()) {
            try (Statement st = holder.createStatement()) {
                st.execute("set application_name = 'pretend-flyway'");
            }
            try (PreparedStatement ps = holder.prepareStatement("select pg_advisory_lock(?)")) {
                ps.setLong(1, FlywayLock.key("public", "flyway_schema_history"));
                ps.execute();
            }
            int holderPid;
            try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
                rs.next();
                holderPid = rs.getInt(1);
            }
            try (Connection c = Connections.open(db.settings());
                 ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
                List<FlywayLock.Holder> holders =
                        FlywayLock.holders(session.connection(), "public", "flyway_schema_history", Masking.none());
                assertEquals(1, holders.size(), holders::toString);
                FlywayLock.Holder h = holders.get(0);
                assertEquals(holderPid, h.pid());
                assertTrue(h.granted());
                assertEquals("pretend-flyway", h.applicationName());
                assertEquals(db.user(), h.user());
                assertFalse(FlywayLock.migrationInProgress(session.connection(), "public", "other_history",
                        Masking.none()), "another history table has another key");
            }
            assertTrue(inProgress("public", "flyway_schema_history"));
            try (PreparedStatement ps = holder.prepareStatement("select pg_advisory_unlock(?)")) {
                ps.setLong(1, FlywayLock.key("public", "flyway_schema_history"));
                ps.execute();
            }
        }
        assertFalse(inProgress("public", "flyway_schema_history"));
    }

    @Test
    void keyIsFlywaysFormula() {
        // "Flyway" in ASCII plus Java's String.hashCode of the quoted table name
        assertEquals(77431708279161L + "\"public\".\"flyway_schema_history\"".hashCode(),
                FlywayLock.key("public", "flyway_schema_history"));
        assertEquals(77431708279161L + "\"My \"\"App\"\"\".\"hist\"".hashCode(), FlywayLock.key("My \"App\"", "hist"));
    }

    /** Probes for the lock from another connection while real Flyway runs this migration. */
    public static final class V2__Probe extends BaseJavaMigration {
        static final List<Boolean> SEEN = new ArrayList<>();
        static TestDatabase target;
        static String schema;
        static String table;

        @Override
        public void migrate(Context context) throws Exception {
            try (Connection c = Connections.open(target.settings());
                 ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
                SEEN.add(FlywayLock.migrationInProgress(session.connection(), schema, table, Masking.none()));
            }
        }
    }

    private void migrateWithProbe(String schema, String table, Map<String, String> extra) {
        V2__Probe.SEEN.clear();
        V2__Probe.target = db;
        V2__Probe.schema = schema;
        V2__Probe.table = table;
        FluentConfiguration config = Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("classpath:io/github/migrationguard/history/no-sql-here")
                .javaMigrations(new V2__Probe()).configuration(extra);
        if (schema != null) {
            config.schemas(schema).table(table);
        }
        config.load().migrate();
    }

    @Test
    void realFlywayMigrateIsDetectedWithTheDefaultTable() {
        migrateWithProbe("public", "flyway_schema_history", Map.of());
        assertEquals(List.of(true), V2__Probe.SEEN);
    }

    @Test
    void realFlywayMigrateIsDetectedWithACustomSchemaAndTableAndASessionLock() throws Exception {
        migrateWithProbe("deploy", "Schema History", Map.of("flyway.postgresql.transactional.lock", "false"));
        assertEquals(List.of(true), V2__Probe.SEEN);
        assertFalse(inProgress("deploy", "Schema History"), "released after migrate");
        try (Connection c = db.connect()) {
            assertEquals(List.of("2"), FlywayHistory.read(c, "deploy", "Schema History", Masking.none()).stream()
                    .map(HistoryRow::version).filter(v -> v != null).toList());
        }
    }
}
