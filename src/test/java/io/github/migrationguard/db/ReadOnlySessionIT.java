package io.github.migrationguard.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadOnlySessionIT {

    private TestDatabase db;

    @BeforeEach
    void createDatabase() throws Exception {
        db = TestDatabases.create("ro");
        db.execute("create table public.items (id int primary key, name text)");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** One value from a new, closed-afterwards connection. */
    private String fresh(String sql) throws SQLException {
        try (Connection c = db.connect()) {
            return one(c, sql);
        }
    }

    @Test
    void writesFailWithReadOnlyTransactionState() throws Exception {
        for (String write : new String[] {
            "insert into public.items values (1, 'x')",
            "update public.items set name = 'y'",
            "create table public.other (id int)",
            "drop table public.items"}) {
            try (Connection c = Connections.open(db.settings());
                 ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
                SQLException e = assertThrows(SQLException.class, () -> {
                    try (Statement st = session.connection().createStatement()) {
                        st.execute(write);
                    }
                }, write);
                assertEquals("25006", e.getSQLState(), write + ": " + e.getMessage());
            }
        }
        try (Connection c = db.connect()) {
            assertEquals("0", one(c, "select count(*) from public.items"));
            assertEquals("f", one(c, "select to_regclass('public.other') is not null"));
        }
    }

    @Test
    void settingsArePinnedInsideAndRestoredAfterwards() throws Exception {
        try (Connection c = Connections.open(db.settings())) {
            String searchPathBefore = one(c, "show search_path");
            String timeZoneBefore = one(c, "show timezone");
            try (ReadOnlySession session = ReadOnlySession.begin(c,
                    new ReadOnlySession.Limits(Duration.ofSeconds(7), Duration.ofMillis(1500), Duration.ofMinutes(2)),
                    Masking.none())) {
                Connection s = session.connection();
                assertEquals("repeatable read", one(s, "show transaction_isolation"));
                assertEquals("on", one(s, "show transaction_read_only"));
                assertEquals("{pg_catalog}", one(s, "select current_schemas(true)::text"));
                assertEquals("{}", one(s, "select current_schemas(false)::text"));
                assertEquals("UTC", one(s, "show timezone"));
                assertEquals("ISO, MDY", one(s, "show datestyle"));
                assertEquals("postgres", one(s, "show intervalstyle"));
                assertEquals("3", one(s, "show extra_float_digits"));
                assertEquals("7s", one(s, "show statement_timeout"));
                assertEquals("1500ms", one(s, "show lock_timeout"));
                assertEquals("off", one(s, "show quote_all_identifiers"));
                assertEquals(searchPathBefore, session.originalSearchPath());
                // with an empty search_path PostgreSQL qualifies user objects when rendering them
                assertEquals("public.items", one(s, "select 'public.items'::regclass::text"));
            }
            assertTrue(c.getAutoCommit());
            assertEquals(searchPathBefore, one(c, "show search_path"));
            assertEquals(timeZoneBefore, one(c, "show timezone"));
            try (Statement st = c.createStatement()) {
                st.execute("insert into public.items values (1, 'after')"); // writable again
            }
        }
    }

    @Test
    void oneSnapshotForTheWholeSession() throws Exception {
        try (Connection c = Connections.open(db.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
            assertEquals("0", one(session.connection(), "select count(*) from public.items"));
            db.execute("insert into public.items values (1, 'committed by someone else')");
            assertEquals("0", one(session.connection(), "select count(*) from public.items"));
        }
        assertEquals("1", fresh("select count(*) from public.items"));
    }

    @Test
    void identityComesFromTheServer() throws Exception {
        try (Connection c = Connections.open(db.settings())) {
            try (Statement st = c.createStatement()) {
                st.execute("set search_path = app, public");
            }
            try (ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
                DatabaseIdentity id = session.identity();
                assertEquals(db.name(), id.database());
                assertEquals(fresh("select current_user"), id.user());
                assertEquals("public", id.currentSchema(), "app does not exist, so public is current");
                assertEquals("app, public", id.searchPath());
                assertEquals(fresh("show server_version"), id.serverVersion());
                assertTrue(id.serverVersionNum() >= 120000, "version " + id.serverVersionNum());
                assertEquals(id.serverVersionNum() / 10000, id.majorVersion());
                assertFalse(id.inRecovery());
                assertFalse(id.defaultReadOnly());
                String addr = fresh("select host(inet_server_addr())");
                if (addr != null) {
                    assertEquals(addr, id.serverAddress());
                    assertNotNull(id.serverPort());
                }
                assertTrue(id.toString().contains(db.name()), id.toString());
                assertTrue(id.toString().contains("search_path app, public"), id.toString());
            }
        }
    }

    @Test
    void statementAndLockTimeoutsApply() throws Exception {
        ReadOnlySession.Limits limits =
                new ReadOnlySession.Limits(Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofMinutes(1));
        try (Connection c = Connections.open(db.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, limits, Masking.none())) {
            SQLException e = assertThrows(SQLException.class, () -> one(session.connection(), "select pg_sleep(5)"));
            assertEquals("57014", e.getSQLState());
        }
        try (Connection locker = db.connect(); Connection c = Connections.open(db.settings())) {
            locker.setAutoCommit(false);
            try (Statement st = locker.createStatement()) {
                st.execute("lock table public.items in access exclusive mode");
            }
            try (ReadOnlySession session = ReadOnlySession.begin(c, limits, Masking.none())) {
                SQLException e = assertThrows(SQLException.class,
                        () -> one(session.connection(), "select count(*) from public.items"));
                assertEquals("55P03", e.getSQLState());
            }
            locker.rollback();
        }
    }
}
