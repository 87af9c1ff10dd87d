package io.github.migrationguard.history;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.SqlIdentifiers;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A history table described by its column names, for tools that version migrations by timestamp or number
 * (golang-migrate, dbmate, the Supabase CLI, ...). Reads all rows with one query.
 *
 * @param schema        schema of the table
 * @param table         table name
 * @param versionColumn column holding the version (any type; read as text)
 * @param dirtyColumn   boolean column marking a failed/partial migration (golang-migrate), or null
 * @param nameColumn    column holding a migration name (Supabase), or null
 */
public record GenericHistory(String schema, String table, String versionColumn, String dirtyColumn,
                             String nameColumn) {

    /**
     * One row.
     *
     * @param version the version as text ({@code 20240101120000})
     * @param name    the name column's value, or null
     * @param dirty   the dirty flag, or null when the table has none
     */
    public record Row(String version, String name, Boolean dirty) {
    }

    /** Numeric order for all-digit versions (any length), text order otherwise; numbers before text. */
    public static final Comparator<String> VERSION_ORDER = (a, b) -> {
        boolean an = a.matches("\\d+");
        boolean bn = b.matches("\\d+");
        if (an && bn) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    };

    public GenericHistory {
        if (schema == null || table == null || versionColumn == null) {
            throw new IllegalArgumentException("schema, table and version column are required");
        }
    }

    /** golang-migrate: {@code version bigint, dirty boolean}; one row with the latest version. */
    public static GenericHistory golangMigrate(String schema, String table) {
        return new GenericHistory(schema, table, "version", "dirty", null);
    }

    /** dbmate: {@code schema_migrations(version varchar)}, one row per applied migration. */
    public static GenericHistory dbmate(String schema) {
        return new GenericHistory(schema, "schema_migrations", "version", null, null);
    }

    /** Supabase CLI: {@code supabase_migrations.schema_migrations(version text, statements text[], name text)}. */
    public static GenericHistory supabase() {
        return new GenericHistory("supabase_migrations", "schema_migrations", "version", null, "name");
    }

    /** True for tools whose history this class reads. */
    public static boolean supports(HistoryTool tool) {
        return tool == HistoryTool.GOLANG_MIGRATE || tool == HistoryTool.DBMATE || tool == HistoryTool.SUPABASE;
    }

    /** The reader for a detected table, when the tool is supported. */
    public static Optional<GenericHistory> forTable(HistoryTable t) {
        return switch (t.tool()) {
            case GOLANG_MIGRATE -> Optional.of(golangMigrate(t.schema(), t.table()));
            case DBMATE -> Optional.of(new GenericHistory(t.schema(), t.table(), "version", null, null));
            case SUPABASE -> Optional.of(new GenericHistory(t.schema(), t.table(), "version", null, "name"));
            default -> Optional.empty();
        };
    }

    /** Reads every row, ordered by {@link #VERSION_ORDER}. */
    public List<Row> read(Connection connection, Masking masking) throws DatabaseAccessException {
        String sql = "select " + SqlIdentifiers.quote(versionColumn) + "::text, "
                + (nameColumn == null ? "null::text" : SqlIdentifiers.quote(nameColumn) + "::text") + ", "
                + (dirtyColumn == null ? "null::boolean" : SqlIdentifiers.quote(dirtyColumn) + "::boolean")
                + " from " + SqlIdentifiers.qualified(schema, table);
        List<Row> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String version = rs.getString(1);
                String name = rs.getString(2);
                boolean dirty = rs.getBoolean(3);
                Boolean nullableDirty = rs.wasNull() ? null : dirty;
                rows.add(new Row(version, name, nullableDirty));
            }
        } catch (SQLException e) {
            throw Connections.queryFailed(e, "reading the history table " + schema + "." + table, masking);
        }
        rows.sort(Comparator.comparing(Row::version, Comparator.nullsFirst(VERSION_ORDER)));
        return rows;
    }
}
