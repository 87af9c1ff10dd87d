package io.github.migrationguard.schema;

import java.util.List;

/**
 * An enum type (named {@code EnumType} to stay clear of {@link java.lang.Enum}).
 *
 * @param schema schema
 * @param name   name
 * @param labels labels in sort order
 */
public record EnumType(String schema, String name, List<String> labels) {

    public EnumType {
        labels = List.copyOf(labels);
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }
}
