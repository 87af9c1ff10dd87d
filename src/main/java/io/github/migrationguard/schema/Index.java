package io.github.migrationguard.schema;

import java.util.List;

/**
 * An index on a table or materialized view.
 *
 * @param schema         schema of the index (always the table's)
 * @param name           name
 * @param table          the indexed table or materialized view
 * @param definition     {@code pg_get_indexdef}, e.g. {@code CREATE UNIQUE INDEX users_email_key ON public.users USING
 *                       btree (email)}
 * @param method         access method ({@code btree}, {@code gin}, ...)
 * @param unique         {@code indisunique}
 * @param primary        {@code indisprimary}
 * @param exclusion      {@code indisexclusion}
 * @param valid          {@code indisvalid}: false after a failed {@code CREATE INDEX CONCURRENTLY}
 * @param ready          {@code indisready}
 * @param keyColumns     key columns in order, each a column name or an expression as PostgreSQL renders it
 * @param includeColumns {@code INCLUDE} columns
 * @param predicate      {@code WHERE} clause of a partial index ({@code pg_get_expr(indpred)}), else null
 * @param constraint     name of the constraint this index enforces, else null
 * @param partitioned    an index on a partitioned table ({@code relkind 'I'})
 */
public record Index(String schema, String name, QualifiedName table, String definition, String method,
                    boolean unique, boolean primary, boolean exclusion, boolean valid, boolean ready,
                    List<String> keyColumns, List<String> includeColumns, String predicate, String constraint,
                    boolean partitioned) {

    public Index {
        keyColumns = List.copyOf(keyColumns);
        includeColumns = List.copyOf(includeColumns);
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }
}
