package io.github.migrationguard.schema;

import java.util.List;

/**
 * A view or materialized view.
 *
 * @param schema       schema
 * @param name         name
 * @param materialized true for a materialized view
 * @param definition   {@code pg_get_viewdef(oid)}: the query, as PostgreSQL re-renders it
 * @param options      {@code reloptions}, e.g. {@code security_barrier=true}, {@code check_option=local}
 * @param populated    false for a materialized view created {@code WITH NO DATA}; true for views
 */
public record View(String schema, String name, boolean materialized, String definition, List<String> options,
                   boolean populated) {

    public View {
        options = List.copyOf(options);
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }
}
