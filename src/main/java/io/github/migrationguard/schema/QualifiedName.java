package io.github.migrationguard.schema;

/** A schema-qualified object name, as stored in the catalog (no quoting, no case folding). */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

    public QualifiedName {
        if (schema == null || name == null) {
            throw new IllegalArgumentException("schema and name are required");
        }
    }

    /** Null when either part is null (for optional references read from outer joins). */
    static QualifiedName ofNullable(String schema, String name) {
        return schema == null || name == null ? null : new QualifiedName(schema, name);
    }

    @Override
    public int compareTo(QualifiedName o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : name.compareTo(o.name);
    }

    /** {@code schema.name}, unquoted, for reports. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
