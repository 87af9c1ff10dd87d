package io.github.migrationguard.db;

/** Quoting of PostgreSQL identifiers for the few queries that must name a table. */
public final class SqlIdentifiers {

    private SqlIdentifiers() {
    }

    /** {@code "name"} with embedded double quotes doubled; rejects NUL, which PostgreSQL cannot store. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("an identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier must not contain NUL");
        }
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** {@code "schema"."name"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
