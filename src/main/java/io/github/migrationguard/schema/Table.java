package io.github.migrationguard.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table (ordinary, partitioned or foreign) with its columns in {@code attnum} order.
 *
 * @param schema           schema
 * @param name             name
 * @param kind             what kind of table
 * @param columns          columns, in {@code attnum} order
 * @param partitionKey     {@code pg_get_partkeydef} of a partitioned table, e.g. {@code RANGE (created_at)}, else null
 * @param partitionOf      the parent of a partition, else null
 * @param partitionBound   {@code pg_get_expr(relpartbound)} of a partition, e.g.
 *                         {@code FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')}, else null
 * @param rowSecurity      row-level security enabled
 * @param forceRowSecurity row-level security forced for the owner
 * @param unlogged         {@code UNLOGGED} table
 * @param owner            owning role
 */
public record Table(String schema, String name, Kind kind, List<Column> columns, String partitionKey,
                    QualifiedName partitionOf, String partitionBound, boolean rowSecurity, boolean forceRowSecurity,
                    boolean unlogged, String owner) {

    /** {@code relkind} of tables. */
    public enum Kind {
        TABLE, PARTITIONED_TABLE, FOREIGN_TABLE;

        static Kind of(String relkind) {
            return switch (relkind) {
                case "p" -> PARTITIONED_TABLE;
                case "f" -> FOREIGN_TABLE;
                default -> TABLE;
            };
        }
    }

    public Table {
        columns = List.copyOf(columns);
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }

    /** The column with this exact name. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** True for a partition of a partitioned table. */
    public boolean isPartition() {
        return partitionOf != null;
    }
}
