package io.github.migrationguard.reconcile;

/**
 * The database a plan was made for.
 *
 * @param name          {@code current_database()}
 * @param oid           the database's oid: a database dropped and created again under the same name has another
 * @param user          the user the plan was made as
 * @param server        {@code address:port} of the server, or {@code local socket}
 * @param serverVersion PostgreSQL version
 * @param historyTable  the history table, {@code schema.table}
 * @param historyTool   the tool the history belongs to ({@code flyway}, ...)
 * @param historyTableExists false when the database has no history table yet (the apply creates Flyway's)
 */
public record PlanDatabase(String name, long oid, String user, String server, String serverVersion,
                           String historyTable, String historyTool, boolean historyTableExists) {
}
