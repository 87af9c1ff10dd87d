package io.github.migrationguard.db;

import io.github.migrationguard.db.DatabaseAccessException.Reason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;
import org.postgresql.Driver;

/**
 * Opens JDBC connections and turns every failure into a {@link DatabaseAccessException} whose message says what
 * happened and which setting to fix. Failures are classified by SQLState and by the type of the underlying cause,
 * never by the driver's message text (which is localised and changes between versions).
 */
public final class Connections {

    /**
     * Timeouts and the name shown in {@code pg_stat_activity}.
     *
     * @param connectTimeout  limit for establishing the connection, including the startup handshake
     * @param socketTimeout   limit for waiting on any one network read once connected; zero means none (server-side
     *                        {@code statement_timeout} is the primary guard)
     * @param applicationName {@code application_name} reported to the server unless the URL sets one
     */
    public record Options(Duration connectTimeout, Duration socketTimeout, String applicationName) {

        public static final Options DEFAULT =
                new Options(Duration.ofSeconds(10), Duration.ofMinutes(10), "migration-guard");

        public Options {
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive");
            }
            if (socketTimeout == null || socketTimeout.isNegative()) {
                throw new IllegalArgumentException("socketTimeout must not be negative");
            }
        }
    }

    private static final Driver PG_DRIVER = new Driver();
    private static final Executor DIRECT = Runnable::run;

    private Connections() {
    }

    /** Opens a connection with {@link Options#DEFAULT}. */
    public static Connection open(ConnectionSettings settings) throws DatabaseAccessException {
        return open(settings, Options.DEFAULT);
    }

    /** Opens a connection; the caller closes it. */
    public static Connection open(ConnectionSettings settings, Options options) throws DatabaseAccessException {
        JdbcTarget target = DatabaseUrls.resolve(settings);
        return open(target, options);
    }

    /** Opens a connection to an already resolved target; the caller closes it. */
    public static Connection open(JdbcTarget target, Options options) throws DatabaseAccessException {
        Properties props = target.properties();
        boolean userSocketTimeout = props.containsKey("socketTimeout") || target.jdbcUrl().contains("socketTimeout=");
        int connectSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, options.connectTimeout().toSeconds()));
        props.putIfAbsent("connectTimeout", String.valueOf(connectSeconds));
        // the startup handshake is bounded by the connect timeout too; the configured socket timeout applies after
        props.putIfAbsent("socketTimeout", String.valueOf(connectSeconds));
        if (options.applicationName() != null) {
            props.putIfAbsent("ApplicationName", options.applicationName());
        }
        Connection connection;
        try {
            if (target.jdbcUrl().regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length())) {
                connection = PG_DRIVER.connect(target.jdbcUrl(), props);
            } else {
                connection = DriverManager.getConnection(target.jdbcUrl(), props);
            }
        } catch (SQLException e) {
            throw translate(e, target, options);
        } catch (RuntimeException e) {
            throw new DatabaseAccessException(Reason.OTHER, "Could not connect to " + target.describe()
                    + " (settings from " + target.source() + "): " + e, null, e, target.masking());
        }
        if (connection == null) {
            throw new DatabaseAccessException(Reason.INVALID_SETTINGS, "The JDBC driver does not accept the URL "
                    + target.displayUrl() + " from " + target.source() + ".", target.masking());
        }
        if (userSocketTimeout) {
            return connection;
        }
        try {
            connection.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, options.socketTimeout().toMillis()));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw new DatabaseAccessException(Reason.OTHER, "Could not configure the connection to "
                    + target.describe() + ": " + e.getMessage(), null, e, target.masking());
        }
        return connection;
    }

    /**
     * Classifies a failure to connect. Public for the mojo layer and tests; the message names the setting to fix.
     */
    public static DatabaseAccessException translate(SQLException e, JdbcTarget target, Options options) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = target.describe();
        String src = target.source();
        String user = target.user() == null ? "(default user)" : "\"" + target.user() + "\"";
        String db = target.database() == null ? "(default database)" : "\"" + target.database() + "\"";
        Masking masking = target.masking();
        String detail = " [SQLState " + (state.isEmpty() ? "none" : state) + ": " + e.getMessage() + "]";

        switch (state) {
            case "28P01":
                return new DatabaseAccessException(Reason.BAD_CREDENTIALS, "Password authentication failed for user "
                        + user + " at " + where + ". Check the user and password in " + src
                        + " (with serverId, the <server> entry in settings.xml)." + detail, state, e, masking);
            case "28000":
                return new DatabaseAccessException(Reason.AUTHORIZATION_REJECTED, "The server at " + where
                        + " rejected user " + user + " for database " + db
                        + " (the role does not exist, or pg_hba.conf allows no such connection"
                        + (target.sslRequired() ? "" : ", e.g. because the server only accepts SSL connections")
                        + "). Check the user in " + src
                        + (target.sslRequired() ? "" : "; if the server requires SSL, add sslmode=require") + "."
                        + detail, state, e, masking);
            case "3D000":
                return new DatabaseAccessException(Reason.UNKNOWN_DATABASE, "Database " + db + " does not exist on "
                        + String.join(",", target.hosts()) + ". Check the database name in " + src + "." + detail,
                        state, e, masking);
            case "42501":
                return new DatabaseAccessException(Reason.PERMISSION_DENIED, "User " + user
                        + " may not connect to database " + db + " at " + where
                        + " (missing CONNECT privilege). Use another user in " + src
                        + " or GRANT CONNECT ON DATABASE." + detail, state, e, masking);
            case "53300":
                return new DatabaseAccessException(Reason.TOO_MANY_CONNECTIONS, "The server at " + where
                        + " has no free connection slots; try again later or raise max_connections." + detail,
                        state, e, masking);
            case "57P03":
                return new DatabaseAccessException(Reason.SERVER_NOT_READY, "The server at " + where
                        + " is starting up or shutting down; try again later." + detail, state, e, masking);
            default:
                break;
        }
        if (hasCause(e, UnknownHostException.class)) {
            return new DatabaseAccessException(Reason.UNKNOWN_HOST, "The host in " + where
                    + " cannot be resolved. Check the host name in " + src + "." + detail, state, e, masking);
        }
        if (hasCause(e, NoRouteToHostException.class)) {
            return new DatabaseAccessException(Reason.UNREACHABLE, "There is no network route to " + where
                    + ". Check the host in " + src + " and the network/firewall." + detail, state, e, masking);
        }
        if (hasCause(e, ConnectException.class)) {
            return new DatabaseAccessException(Reason.CONNECTION_REFUSED, "Connection refused by "
                    + String.join(",", target.hosts()) + ": is PostgreSQL running and listening there? "
                    + "Check the host and port in " + src + "." + detail, state, e, masking);
        }
        if (hasCause(e, SocketTimeoutException.class)) {
            return new DatabaseAccessException(Reason.TIMEOUT, "No answer from " + where + " within "
                    + options.connectTimeout().toSeconds() + " s. Check the host and port in " + src
                    + " and the network/firewall, or raise the connect timeout (connect_timeout / connectTimeout)."
                    + detail, state, e, masking);
        }
        if (hasCause(e, SSLException.class)) {
            return new DatabaseAccessException(Reason.SSL_FAILED, "SSL negotiation with " + where
                    + " failed (sslmode=" + target.sslMode() + "). Check sslmode, sslrootcert and the server "
                    + "certificate in " + src + "." + detail, state, e, masking);
        }
        if (state.equals("08004")) {
            // pgjdbc rejects before authentication: the server refused SSL, or asked for a password we lack
            if (target.sslRequired()) {
                return new DatabaseAccessException(Reason.SSL_FAILED, "The server at " + where
                        + " rejected the connection before authentication while sslmode=" + target.sslMode()
                        + " requires SSL: the server probably does not accept SSL connections. Enable SSL on the "
                        + "server or change sslmode in " + src
                        + (target.password() == null ? " (no password is configured either)" : "") + "."
                        + detail, state, e, masking);
            }
            if (target.password() == null) {
                return new DatabaseAccessException(Reason.PASSWORD_REQUIRED, "The server at " + where
                        + " asks for a password but none is configured. Set the password in " + src + "." + detail,
                        state, e, masking);
            }
        }
        if (state.startsWith("08")) {
            return new DatabaseAccessException(Reason.CONNECTION_LOST, "Could not connect to " + where
                    + ". Check " + src + "." + detail, state, e, masking);
        }
        return new DatabaseAccessException(Reason.OTHER, "Could not connect to " + where + " (settings from "
                + src + ")." + detail, state, e, masking);
    }

    /**
     * Classifies a failure of a query on an open connection (statement or lock timeout, missing object, missing
     * privilege, broken connection).
     *
     * @param what what was being done, e.g. {@code "reading the history table public.flyway_schema_history"}
     */
    public static DatabaseAccessException queryFailed(SQLException e, String what, Masking masking) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = " [SQLState " + (state.isEmpty() ? "none" : state) + ": " + e.getMessage() + "]";
        Reason reason;
        String text;
        if (state.equals("57014")) {
            reason = Reason.QUERY_CANCELLED;
            text = "A query took longer than the statement timeout while " + what + "; raise the statement timeout.";
        } else if (state.equals("55P03")) {
            reason = Reason.QUERY_CANCELLED;
            text = "A lock could not be obtained within the lock timeout while " + what
                    + "; another session holds a conflicting lock (a running migration?).";
        } else if (state.equals("42P01") || state.equals("3F000") || state.equals("42883")) {
            reason = Reason.OBJECT_MISSING;
            text = "An object needed for " + what + " does not exist.";
        } else if (state.equals("42501")) {
            reason = Reason.PERMISSION_DENIED;
            text = "Permission denied while " + what + "; the user needs SELECT on the objects read.";
        } else if (state.equals("25006")) {
            reason = Reason.NOT_READ_ONLY;
            text = "A write was attempted in a read-only transaction while " + what + ".";
        } else if (state.startsWith("08") || hasCause(e, SocketTimeoutException.class)) {
            reason = hasCause(e, SocketTimeoutException.class) ? Reason.TIMEOUT : Reason.CONNECTION_LOST;
            text = "The connection broke while " + what + ".";
        } else {
            reason = Reason.OTHER;
            text = "A query failed while " + what + ".";
        }
        return new DatabaseAccessException(reason, text + detail, state.isEmpty() ? null : state, e, masking);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // nothing more to do
        }
    }
}
