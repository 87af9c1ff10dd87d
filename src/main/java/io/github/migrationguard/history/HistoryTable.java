package io.github.migrationguard.history;

/**
 * A bookkeeping table of a migration tool found in the database.
 *
 * @param schema schema
 * @param table  table name
 * @param tool   which tool it belongs to
 * @param role   whether it holds the migration history or is an auxiliary table (lock, metadata, audit)
 */
public record HistoryTable(String schema, String table, HistoryTool tool, Role role) {

    /** What the table is for. */
    public enum Role {
        /** One row per applied migration (or, for golang-migrate, the current version). */
        HISTORY,
        /** A lock table, metadata table or audit table of the tool. */
        AUXILIARY
    }

    /** {@code schema.table} for messages. */
    public String qualifiedName() {
        return schema + "." + table;
    }

    @Override
    public String toString() {
        return tool.displayName() + " " + (role == Role.HISTORY ? "history" : "table") + " " + qualifiedName();
    }
}
