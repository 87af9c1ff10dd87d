package io.github.migrationguard.history;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.SqlIdentifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads Flyway's history table with one query, in {@code installed_rank} order. */
public final class FlywayHistory {

    /** Flyway's default table name. */
    public static final String DEFAULT_TABLE = "flyway_schema_history";

    private FlywayHistory() {
    }

    /**
     * Reads every row.
     *
     * @param schema schema of the history table (Flyway's default is the first schema of the search_path, i.e. the
     *               connection's {@code current_schema()} before pinning)
     * @param table  table name, {@link #DEFAULT_TABLE} unless configured
     */
    public static List<HistoryRow> read(Connection connection, String schema, String table, Masking masking)
            throws DatabaseAccessException {
        String sql = "select installed_rank, version, description, type, script, checksum, installed_by,"
                + " installed_on::timestamp, execution_time, success from " + SqlIdentifiers.qualified(schema, table)
                + " order by installed_rank";
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                int checksum = rs.getInt(6);
                Integer nullableChecksum = rs.wasNull() ? null : checksum;
                rows.add(new HistoryRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), nullableChecksum, rs.getString(7), rs.getObject(8, LocalDateTime.class),
                        rs.getInt(9), rs.getBoolean(10)));
            }
        } catch (SQLException e) {
            throw Connections.queryFailed(e, "reading the Flyway history table " + schema + "." + table
                    + " (set historyTable / schemas if it lives elsewhere)", masking);
        }
        return rows;
    }
}
