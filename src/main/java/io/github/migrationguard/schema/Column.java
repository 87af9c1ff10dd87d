package io.github.migrationguard.schema;

/**
 * A table column as PostgreSQL renders it.
 *
 * @param name                 name
 * @param position             {@code attnum} (1-based; gaps where columns were dropped)
 * @param type                 {@code format_type(atttypid, atttypmod)}, e.g. {@code character varying(50)},
 *                             {@code timestamp with time zone}, {@code public.mood}
 * @param notNull              {@code attnotnull}
 * @param defaultExpression    {@code pg_get_expr(adbin)} for ordinary defaults, e.g.
 *                             {@code nextval('public.users_id_seq'::regclass)}; null when none
 * @param identity             identity kind
 * @param generated            generated-column kind
 * @param generationExpression the generation expression of a generated column, else null
 * @param collation            {@code schema.name} of a collation that differs from the type's default, else null
 * @param local                {@code attislocal}: false for a column that only comes from a parent table
 */
public record Column(String name, int position, String type, boolean notNull, String defaultExpression,
                     Identity identity, Generated generated, String generationExpression, String collation,
                     boolean local) {

    /** {@code attidentity}. */
    public enum Identity {
        NONE, ALWAYS, BY_DEFAULT;

        static Identity of(String code) {
            return switch (code == null ? "" : code) {
                case "a" -> ALWAYS;
                case "d" -> BY_DEFAULT;
                default -> NONE;
            };
        }
    }

    /** {@code attgenerated}. */
    public enum Generated {
        NONE, STORED, VIRTUAL;

        static Generated of(String code) {
            return switch (code == null ? "" : code) {
                case "s" -> STORED;
                case "v" -> VIRTUAL;
                default -> NONE;
            };
        }
    }
}
