package io.github.migrationguard.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.DatabaseAccessException.Reason;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionsIT {

    private static final String SECRET = "It-S3cret p@ss";

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.create("conn");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private String hostPort() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select coalesce(host(inet_server_addr()), 'localhost'), "
                     + "coalesce(inet_server_port(), 5432)")) {
            rs.next();
            String host = rs.getString(1);
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + rs.getInt(2);
        }
    }

    @Test
    void opensAWorkingConnectionNamedMigrationGuard() throws Exception {
        try (Connection c = Connections.open(db.settings());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_database(), current_setting('application_name')")) {
            rs.next();
            assertEquals(db.name(), rs.getString(1));
            assertEquals("migration-guard", rs.getString(2));
        }
    }

    @Test
    void libpqUriReachesTheSameServer() throws Exception {
        String uri = "postgresql://" + db.user() + "@" + hostPort() + "/" + db.name() + "?application_name=uri-test";
        ConnectionSettings s = new ConnectionSettings(uri, null, db.password(), "DATABASE_URL");
        try (Connection c = Connections.open(s); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_database(), current_setting('application_name')")) {
            rs.next();
            assertEquals(db.name(), rs.getString(1));
            assertEquals("uri-test", rs.getString(2));
        }
    }

    @Test
    void unknownDatabaseIsNamed() throws Exception {
        String uri = "postgresql://" + db.user() + ":" + SECRET.replace(" ", "%20").replace("@", "%40") + "@"
                + hostPort() + "/no_such_db_" + db.name();
        DatabaseAccessException e = assertThrows(DatabaseAccessException.class,
                () -> Connections.open(new ConnectionSettings(uri, null, null, "DATABASE_URL")));
        // with password authentication the server checks the password before the database
        assertTrue(Set.of(Reason.UNKNOWN_DATABASE, Reason.BAD_CREDENTIALS).contains(e.reason()), e.getMessage());
        if (e.reason() == Reason.UNKNOWN_DATABASE) {
            assertEquals("3D000", e.sqlState());
            assertTrue(e.getMessage().contains("no_such_db_" + db.name()), e.getMessage());
            assertTrue(e.getMessage().contains("database name in DATABASE_URL"), e.getMessage());
        }
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(String.valueOf(e.getCause()).contains(SECRET));
    }

    @Test
    void unknownRoleIsRejected() throws Exception {
        ConnectionSettings s = new ConnectionSettings(db.url(), "no_such_role_" + db.name(), SECRET, "the pom");
        DatabaseAccessException e = assertThrows(DatabaseAccessException.class, () -> Connections.open(s));
        // trust authentication says 28000 (no such role); password authentication says 28P01
        assertTrue(Set.of(Reason.AUTHORIZATION_REJECTED, Reason.BAD_CREDENTIALS).contains(e.reason()),
                e.getMessage());
        assertTrue(Set.of("28000", "28P01").contains(e.sqlState()), e.sqlState());
        assertTrue(e.getMessage().contains("the pom"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void refusedPortIsReported() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ConnectionSettings s = new ConnectionSettings("postgresql://u@127.0.0.1:" + port + "/x", null, SECRET,
                "migrationGuard.url");
        DatabaseAccessException e = assertThrows(DatabaseAccessException.class, () -> Connections.open(s));
        assertEquals(Reason.CONNECTION_REFUSED, e.reason());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("host and port in migrationGuard.url"), e.getMessage());
    }

    @Test
    void silentServerTimesOut() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accept, never answer
                    }
                } catch (Exception ignored) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ConnectionSettings s = new ConnectionSettings("postgresql://u@127.0.0.1:" + silent.getLocalPort()
                    + "/x?sslmode=disable", null, null, "migrationGuard.url");
            long start = System.nanoTime();
            DatabaseAccessException e = assertThrows(DatabaseAccessException.class, () -> Connections.open(s,
                    new Connections.Options(Duration.ofSeconds(1), Duration.ofMinutes(1), null)));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertEquals(Reason.TIMEOUT, e.reason(), e.getMessage());
            assertTrue(seconds < 10, "took " + seconds + " s");
            assertTrue(e.getMessage().contains("connect_timeout"), e.getMessage());
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void unknownHostIsReported() {
        ConnectionSettings s = new ConnectionSettings("postgresql://u@no-such-host.invalid/x", null, null,
                "migrationGuard.url");
        DatabaseAccessException e = assertThrows(DatabaseAccessException.class, () -> Connections.open(s));
        assertEquals(Reason.UNKNOWN_HOST, e.reason(), e.getMessage());
    }

    @Test
    void sslRequiredAgainstAServerWithoutSsl() throws Exception {
        boolean serverSsl;
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("show ssl")) {
            rs.next();
            serverSsl = "on".equals(rs.getString(1));
        }
        String uri = "postgresql://" + db.user() + "@" + hostPort() + "/" + db.name() + "?sslmode=require";
        ConnectionSettings s = new ConnectionSettings(uri, null, db.password(), "DATABASE_URL");
        if (serverSsl) {
            try (Connection c = Connections.open(s)) {
                assertFalse(c.isClosed());
            }
            return;
        }
        DatabaseAccessException e = assertThrows(DatabaseAccessException.class, () -> Connections.open(s));
        assertEquals(Reason.SSL_FAILED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("sslmode"), e.getMessage());
    }
}
