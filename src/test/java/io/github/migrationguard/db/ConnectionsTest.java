package io.github.migrationguard.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.DatabaseAccessException.Reason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Classification of connection failures; the driver's message text is deliberately misleading in these tests. */
class ConnectionsTest {

    private static final String SECRET = "Sup3r-S3cret pw";

    private static JdbcTarget target(String url, String password) throws DatabaseAccessException {
        return DatabaseUrls.resolve(new ConnectionSettings(url, null, password, "migrationGuard.url"));
    }

    private static DatabaseAccessException translate(SQLException e, String url, String password)
            throws DatabaseAccessException {
        return Connections.translate(e, target(url, password), Connections.Options.DEFAULT);
    }

    private static SQLException failure(String state, Throwable cause) {
        // the message claims something else on purpose: classification must not read it
        return new SQLException("Connection refused: password " + SECRET + " timed out", state, cause);
    }

    @Test
    void badPassword() throws Exception {
        DatabaseAccessException e = translate(failure("28P01", null), "postgresql://alice@db/app", SECRET);
        assertEquals(Reason.BAD_CREDENTIALS, e.reason());
        assertEquals("28P01", e.sqlState());
        assertTrue(e.getMessage().contains("user and password in migrationGuard.url"), e.getMessage());
        assertTrue(e.getMessage().contains("\"alice\""), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void rejectedByPgHbaOrUnknownRoleMentionsSslWhenNotRequired() throws Exception {
        DatabaseAccessException plain = translate(failure("28000", null), "postgresql://alice@db/app", null);
        assertEquals(Reason.AUTHORIZATION_REJECTED, plain.reason());
        assertTrue(plain.getMessage().contains("sslmode=require"), plain.getMessage());
        DatabaseAccessException ssl = translate(failure("28000", null),
                "postgresql://alice@db/app?sslmode=require", null);
        assertFalse(ssl.getMessage().contains("add sslmode=require"), ssl.getMessage());
    }

    @Test
    void unknownDatabase() throws Exception {
        DatabaseAccessException e = translate(failure("3D000", null), "postgresql://alice@db:6000/shop", null);
        assertEquals(Reason.UNKNOWN_DATABASE, e.reason());
        assertTrue(e.getMessage().contains("\"shop\" does not exist on db:6000"), e.getMessage());
        assertTrue(e.getMessage().contains("database name in migrationGuard.url"), e.getMessage());
    }

    @Test
    void refusedUnknownHostUnreachableAndTimeoutComeFromTheCause() throws Exception {
        String url = "postgresql://alice@db.example.com:6543/app";
        DatabaseAccessException refused = translate(failure("08001", new ConnectException("x")), url, null);
        assertEquals(Reason.CONNECTION_REFUSED, refused.reason());
        assertTrue(refused.getMessage().contains("db.example.com:6543"), refused.getMessage());
        assertTrue(refused.getMessage().contains("host and port in migrationGuard.url"), refused.getMessage());

        DatabaseAccessException unknown = translate(failure("08001", new UnknownHostException("x")), url, null);
        assertEquals(Reason.UNKNOWN_HOST, unknown.reason());
        assertTrue(unknown.getMessage().contains("host name in migrationGuard.url"), unknown.getMessage());

        DatabaseAccessException route = translate(failure("08001", new NoRouteToHostException("x")), url, null);
        assertEquals(Reason.UNREACHABLE, route.reason());

        DatabaseAccessException timeout = Connections.translate(
                failure("08001", new RuntimeException(new SocketTimeoutException("x"))), target(url, null),
                new Connections.Options(Duration.ofSeconds(3), Duration.ZERO, null));
        assertEquals(Reason.TIMEOUT, timeout.reason());
        assertTrue(timeout.getMessage().contains("within 3 s"), timeout.getMessage());
        assertTrue(timeout.getMessage().contains("connect_timeout"), timeout.getMessage());
    }

    @Test
    void sslFailures() throws Exception {
        DatabaseAccessException handshake = translate(failure("08006", new SSLHandshakeException("x")),
                "postgresql://u@db/app?sslmode=verify-full", SECRET);
        assertEquals(Reason.SSL_FAILED, handshake.reason());
        assertTrue(handshake.getMessage().contains("sslmode=verify-full"), handshake.getMessage());

        DatabaseAccessException refusedSsl = translate(failure("08004", null),
                "postgresql://u@db/app?sslmode=require", SECRET);
        assertEquals(Reason.SSL_FAILED, refusedSsl.reason());
        assertTrue(refusedSsl.getMessage().contains("does not accept SSL"), refusedSsl.getMessage());
        assertTrue(refusedSsl.getMessage().contains("sslmode in migrationGuard.url"), refusedSsl.getMessage());
    }

    @Test
    void missingPassword() throws Exception {
        DatabaseAccessException e = translate(failure("08004", null), "postgresql://u@db/app", null);
        assertEquals(Reason.PASSWORD_REQUIRED, e.reason());
        assertTrue(e.getMessage().contains("Set the password in migrationGuard.url"), e.getMessage());
    }

    @Test
    void otherServerStates() throws Exception {
        assertEquals(Reason.PERMISSION_DENIED, translate(failure("42501", null), "postgresql://u@db/a", null).reason());
        assertEquals(Reason.TOO_MANY_CONNECTIONS,
                translate(failure("53300", null), "postgresql://u@db/a", null).reason());
        assertEquals(Reason.SERVER_NOT_READY, translate(failure("57P03", null), "postgresql://u@db/a", null).reason());
        assertEquals(Reason.CONNECTION_LOST, translate(failure("08006", null), "postgresql://u@db/a", null).reason());
        assertEquals(Reason.OTHER, translate(failure(null, null), "postgresql://u@db/a", null).reason());
    }

    @Test
    void everyMessageAndCauseIsMasked() throws Exception {
        for (String state : new String[] {"28P01", "28000", "3D000", "08001", "08004", "XX000", null}) {
            DatabaseAccessException e = translate(failure(state, new ConnectException(SECRET)),
                    "postgresql://u:" + SECRET.replace(" ", "%20") + "@db/app", null);
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertFalse(String.valueOf(e.getCause()).contains(SECRET), String.valueOf(e.getCause()));
            assertFalse(String.valueOf(e.getCause().getCause()).contains(SECRET));
        }
    }

    @Test
    void queryFailuresAreClassifiedByState() {
        Masking m = Masking.none();
        assertEquals(Reason.QUERY_CANCELLED,
                Connections.queryFailed(new SQLException("x", "57014"), "reading", m).reason());
        assertEquals(Reason.QUERY_CANCELLED,
                Connections.queryFailed(new SQLException("x", "55P03"), "reading", m).reason());
        assertEquals(Reason.OBJECT_MISSING,
                Connections.queryFailed(new SQLException("x", "42P01"), "reading", m).reason());
        assertEquals(Reason.PERMISSION_DENIED,
                Connections.queryFailed(new SQLException("x", "42501"), "reading", m).reason());
        assertEquals(Reason.NOT_READ_ONLY,
                Connections.queryFailed(new SQLException("x", "25006"), "reading", m).reason());
        assertEquals(Reason.CONNECTION_LOST,
                Connections.queryFailed(new SQLException("x", "08006"), "reading", m).reason());
        DatabaseAccessException e = Connections.queryFailed(new SQLException("x", "57014"),
                "reading the history table", m);
        assertTrue(e.getMessage().contains("while reading the history table"), e.getMessage());
    }

    @Test
    void optionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new Connections.Options(Duration.ZERO, Duration.ZERO, null));
        assertThrows(IllegalArgumentException.class,
                () -> new Connections.Options(Duration.ofSeconds(1), Duration.ofSeconds(-1), null));
    }
}
