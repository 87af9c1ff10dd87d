package io.github.migrationguard.schema;

import java.util.List;

/**
 * A table constraint.
 *
 * @param table             the constrained table
 * @param name              name
 * @param type              kind of constraint
 * @param definition        {@code pg_get_constraintdef}, e.g. {@code FOREIGN KEY (user_id) REFERENCES
 *                          public.users(id) ON DELETE CASCADE}
 * @param columns           constrained columns in key order ({@code conkey}); for checks the columns it mentions
 * @param referencedTable   the referenced table of a foreign key, else null
 * @param referencedColumns referenced columns of a foreign key in key order, else empty
 * @param deferrable        {@code DEFERRABLE}
 * @param initiallyDeferred {@code INITIALLY DEFERRED}
 * @param validated         false for {@code NOT VALID} constraints not yet validated
 * @param local             false for a constraint only inherited from a parent (partitions)
 * @param index             the index enforcing a primary key, unique or exclusion constraint (for a foreign key:
 *                          the referenced table's index), else null
 */
public record Constraint(QualifiedName table, String name, Type type, String definition, List<String> columns,
                         QualifiedName referencedTable, List<String> referencedColumns, boolean deferrable,
                         boolean initiallyDeferred, boolean validated, boolean local, String index) {

    /** {@code contype}. */
    public enum Type {
        PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUSION, TRIGGER, NOT_NULL;

        static Type of(String contype) {
            return switch (contype) {
                case "p" -> PRIMARY_KEY;
                case "u" -> UNIQUE;
                case "f" -> FOREIGN_KEY;
                case "c" -> CHECK;
                case "x" -> EXCLUSION;
                case "t" -> TRIGGER;
                case "n" -> NOT_NULL;
                default -> throw new IllegalArgumentException("unknown constraint type '" + contype + "'");
            };
        }
    }

    public Constraint {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
