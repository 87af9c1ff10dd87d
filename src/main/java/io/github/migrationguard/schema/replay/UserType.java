package io.github.migrationguard.schema.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * A type that migrations (or an extension) created: an enum, a domain, a composite type, a table's row type, a range,
 * or an extension's base type. Mutable, so that a rename or a move to another schema shows in every rendering that
 * mentions it.
 */
final class UserType {

    enum Kind {
        ENUM, DOMAIN, COMPOSITE, ROW, RANGE, EXTENSION, OTHER
    }

    String schema;
    String name;
    final Kind kind;
    /** Enum labels in sort order. */
    final List<String> labels = new ArrayList<>();
    /** The base type of a domain. */
    PgType base;
    /** The extension that owns the type, else null. */
    String extension;

    UserType(String schema, String name, Kind kind) {
        this.schema = schema;
        this.name = name;
        this.kind = kind;
    }

    /** {@code schema.name} as {@code format_type} prints it with an empty search_path. */
    String render() {
        return Idents.qualified(schema, name);
    }
}
