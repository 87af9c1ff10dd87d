package io.github.migrationguard.history;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Flyway's PostgreSQL advisory lock, which a running {@code flyway migrate} (also {@code repair}, {@code baseline},
 * ...) holds for as long as it works on a history table.
 *
 * <p>The key is a bigint: the ASCII bytes of {@code "Flyway"} read as a number ({@code 0x466C79776179 =
 * 77431708279161}) plus the Java {@code String.hashCode()} of the history table's name as Flyway renders it,
 * {@code "schema"."table"} with double quotes (embedded quotes doubled). Flyway takes it with
 * {@code pg_try_advisory_xact_lock} (the default) or {@code pg_try_advisory_lock}; both appear in {@code pg_locks}
 * as {@code locktype = 'advisory'} with the key's high half in {@code classid}, its low half in {@code objid} and
 * {@code objsubid = 1}.
 */
public final class FlywayLock {

    /** "Flyway" in ASCII, as a number. */
    public static final long MAGIC = 0x466C79776179L;

    private static final String QUERY = "select l.pid, a.usename::text, a.application_name,"
            + " pg_catalog.host(a.client_addr), l.granted, a.state, a.xact_start"
            + " from pg_catalog.pg_locks l"
            + " left join pg_catalog.pg_stat_activity a on a.pid = l.pid"
            + " where l.locktype = 'advisory' and l.objsubid = 1"
            + " and l.database = (select d.oid from pg_catalog.pg_database d"
            + "   where d.datname = pg_catalog.current_database())"
            + " and ((l.classid::bigint << 32) | l.objid::bigint) = ?"
            + " and l.pid <> pg_catalog.pg_backend_pid()"
            + " order by l.granted desc, l.pid";

    private FlywayLock() {
    }

    /**
     * A session holding or waiting for the lock.
     *
     * @param pid             backend process id
     * @param user            database user, when visible
     * @param applicationName {@code application_name}, when visible (Flyway reports {@code Flyway by Redgate})
     * @param clientAddress   client address, null for local sockets or when not visible
     * @param granted         true for the holder, false for a session waiting for it
     * @param state           {@code pg_stat_activity.state}
     * @param transactionStart start of its current transaction, when visible
     */
    public record Holder(int pid, String user, String applicationName, String clientAddress, boolean granted,
                         String state, OffsetDateTime transactionStart) {
    }

    /** The advisory lock key Flyway uses for the history table {@code schema.table}. */
    public static long key(String schema, String table) {
        return MAGIC + javaStringHash(SqlIdentifiers.qualified(schema, table));
    }

    /** {@code String.hashCode()}, spelled out because the key depends on exactly this function. */
    static int javaStringHash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /** Other sessions holding or waiting for Flyway's lock on {@code schema.table} (holders first). */
    public static List<Holder> holders(Connection connection, String schema, String table, Masking masking)
            throws DatabaseAccessException {
        List<Holder> holders = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
            ps.setLong(1, key(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.add(new Holder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw Connections.queryFailed(e, "checking for a running Flyway migration", masking);
        }
        return holders;
    }

    /** True when another session holds Flyway's lock on {@code schema.table}: a migration is in progress. */
    public static boolean migrationInProgress(Connection connection, String schema, String table, Masking masking)
            throws DatabaseAccessException {
        return holders(connection, schema, table, masking).stream().anyMatch(Holder::granted);
    }
}
