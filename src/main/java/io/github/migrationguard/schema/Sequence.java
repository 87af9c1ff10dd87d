package io.github.migrationguard.schema;

/**
 * A sequence.
 *
 * @param schema        schema
 * @param name          name
 * @param dataType      {@code smallint}, {@code integer} or {@code bigint}
 * @param start         start value
 * @param increment     increment
 * @param minValue      minimum
 * @param maxValue      maximum
 * @param cache         cache size
 * @param cycle         cycles
 * @param ownedByTable  table of the owning column ({@code OWNED BY}, serial or identity), else null
 * @param ownedByColumn the owning column, else null
 * @param identity      true when the sequence belongs to an identity column (created implicitly)
 */
public record Sequence(String schema, String name, String dataType, long start, long increment, long minValue,
                       long maxValue, long cache, boolean cycle, QualifiedName ownedByTable, String ownedByColumn,
                       boolean identity) {

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }
}
