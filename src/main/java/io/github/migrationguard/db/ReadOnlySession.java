package io.github.migrationguard.db;

import io.github.migrationguard.db.DatabaseAccessException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A connection prepared for read-only inspection: one {@code REPEATABLE READ, READ ONLY} transaction (one consistent
 * snapshot for every query), short timeouts, and session settings pinned so PostgreSQL renders objects the same way
 * on every database we compare:
 * <ul>
 *   <li>{@code statement_timeout}, {@code lock_timeout}, {@code idle_in_transaction_session_timeout};</li>
 *   <li>{@code search_path = ''} (only {@code pg_catalog} is implicitly visible, so {@code format_type},
 *       {@code pg_get_expr}, {@code pg_get_indexdef} and friends qualify every user object with its schema);</li>
 *   <li>{@code TimeZone = 'UTC'}, {@code DateStyle = 'ISO, MDY'}, {@code IntervalStyle = 'postgres'},
 *       {@code extra_float_digits = 3}, {@code bytea_output = 'hex'}, {@code standard_conforming_strings = on},
 *       {@code quote_all_identifiers = off}.</li>
 * </ul>
 * All settings are {@code SET LOCAL}: closing the session rolls the transaction back, which restores the
 * connection exactly as it was. The identity (including the original {@code search_path}) is read inside the
 * transaction before anything is pinned.
 */
public final class ReadOnlySession implements AutoCloseable {

    /**
     * Limits for the session.
     *
     * @param statementTimeout      per statement
     * @param lockTimeout           per lock wait (reading the catalog takes only light locks, so this is short)
     * @param idleInTransaction     the server ends the session if we stall this long between statements
     */
    public record Limits(Duration statementTimeout, Duration lockTimeout, Duration idleInTransaction) {

        public static final Limits DEFAULT =
                new Limits(Duration.ofSeconds(60), Duration.ofSeconds(3), Duration.ofMinutes(10));

        public Limits {
            for (Duration d : new Duration[] {statementTimeout, lockTimeout, idleInTransaction}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("session limits must be positive durations");
                }
            }
        }
    }

    private static final String PIN = "select pg_catalog.set_config('statement_timeout', ?, true),"
            + " pg_catalog.set_config('lock_timeout', ?, true),"
            + " pg_catalog.set_config('idle_in_transaction_session_timeout', ?, true),"
            + " pg_catalog.set_config('search_path', '', true),"
            + " pg_catalog.set_config('TimeZone', 'UTC', true),"
            + " pg_catalog.set_config('DateStyle', 'ISO, MDY', true),"
            + " pg_catalog.set_config('IntervalStyle', 'postgres', true),"
            + " pg_catalog.set_config('extra_float_digits', '3', true),"
            + " pg_catalog.set_config('bytea_output', 'hex', true),"
            + " pg_catalog.set_config('standard_conforming_strings', 'on', true),"
            + " pg_catalog.set_config('quote_all_identifiers', 'off', true),"
            // catalog queries are short; JIT-compiling them costs more server CPU than it saves
            + " pg_catalog.set_config('jit', 'off', true),"
            + " pg_catalog.current_setting('transaction_isolation'),"
            + " pg_catalog.current_setting('transaction_read_only')";

    private final Connection connection;
    private final boolean previousAutoCommit;
    private final DatabaseIdentity identity;
    private final Masking masking;
    private boolean closed;

    private ReadOnlySession(Connection connection, boolean previousAutoCommit, DatabaseIdentity identity,
                            Masking masking) {
        this.connection = connection;
        this.previousAutoCommit = previousAutoCommit;
        this.identity = identity;
        this.masking = masking;
    }

    /** Begins a session with {@link Limits#DEFAULT}. */
    public static ReadOnlySession begin(Connection connection, Masking masking) throws DatabaseAccessException {
        return begin(connection, Limits.DEFAULT, masking);
    }

    /**
     * Begins the read-only transaction on {@code connection} (which must not be inside a transaction).
     *
     * @throws DatabaseAccessException if the transaction is not read-only repeatable read afterwards (e.g. a
     *                                 pooler interfered): we never inspect a database outside such a transaction
     */
    public static ReadOnlySession begin(Connection connection, Limits limits, Masking masking)
            throws DatabaseAccessException {
        boolean previousAutoCommit;
        try {
            previousAutoCommit = connection.getAutoCommit();
            if (!previousAutoCommit) {
                connection.rollback(); // start from a clean transaction boundary
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw Connections.queryFailed(e, "starting a read-only transaction", masking);
        }
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            DatabaseIdentity identity = DatabaseIdentity.read(connection);
            String[] pinned = pin(connection, limits);
            String isolation = pinned[0];
            String readOnly = pinned[1];
            if (!"repeatable read".equals(isolation) || !"on".equals(readOnly)) {
                restore(connection, previousAutoCommit);
                throw new DatabaseAccessException(Reason.NOT_READ_ONLY, "The session could not be made read-only "
                        + "(transaction_isolation=" + isolation + ", transaction_read_only=" + readOnly
                        + "); a connection pooler in statement mode can cause this. Connect directly to the server.",
                        masking);
            }
            return new ReadOnlySession(connection, previousAutoCommit, identity, masking);
        } catch (SQLException e) {
            restore(connection, previousAutoCommit);
            throw Connections.queryFailed(e, "preparing the read-only session", masking);
        }
    }

    /**
     * Pins, with {@code SET LOCAL} semantics, the same timeouts and rendering settings a read-only session uses, on a
     * connection already inside a transaction (e.g. reconcile's write transaction, which must see the catalog exactly
     * as detect-drift does).
     *
     * @return {@code transaction_isolation} and {@code transaction_read_only} as the server reports them afterwards
     */
    public static String[] pin(Connection connection, Limits limits) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(PIN)) {
            ps.setString(1, millis(limits.statementTimeout()));
            ps.setString(2, millis(limits.lockTimeout()));
            ps.setString(3, millis(limits.idleInTransaction()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(13), rs.getString(14)};
            }
        }
    }

    private static String millis(Duration d) {
        return String.valueOf(Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    /** The connection, inside the read-only transaction. Do not commit or change auto-commit on it. */
    public Connection connection() {
        return connection;
    }

    /** What the connection is connected to, read at the start of the transaction. */
    public DatabaseIdentity identity() {
        return identity;
    }

    /** The search_path the session had before it was pinned to {@code ''}. */
    public String originalSearchPath() {
        return identity.searchPath();
    }

    public Masking masking() {
        return masking;
    }

    /** Rolls the transaction back (restoring every setting) and restores auto-commit. */
    @Override
    public void close() throws DatabaseAccessException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.setAutoCommit(previousAutoCommit);
            }
        } catch (SQLException e) {
            throw Connections.queryFailed(e, "ending the read-only transaction", masking);
        }
    }

    private static void restore(Connection connection, boolean previousAutoCommit) {
        try {
            connection.rollback();
            connection.setAutoCommit(previousAutoCommit);
        } catch (SQLException | RuntimeException ignored) {
            // the caller reports the original failure
        }
    }
}
