package io.github.migrationguard.schema.replay;

import java.util.Locale;

/**
 * A database object as migrations and drift findings name it. Names are stored as PostgreSQL stores them (unquoted
 * identifiers folded to lower case, quoted ones kept exactly).
 *
 * @param kind   object kind
 * @param schema schema, or null for schema-less kinds (schema, extension)
 * @param name   object name (table name for columns, constraints, triggers and policies)
 * @param member column, constraint, trigger or policy name for member kinds; null otherwise
 */
public record ObjectRef(Kind kind, String schema, String name, String member) {

    public enum Kind {
        SCHEMA, EXTENSION, TABLE, COLUMN, CONSTRAINT, INDEX, SEQUENCE, TYPE, VIEW, MATERIALIZED_VIEW, FUNCTION,
        TRIGGER, POLICY
    }

    /** E.g. {@code table public.users}, {@code column public.users.email}, {@code schema app}. */
    public String display() {
        String k = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        StringBuilder s = new StringBuilder(k).append(' ');
        if (schema != null) {
            s.append(schema).append('.');
        }
        s.append(name);
        if (member != null) {
            s.append('.').append(member);
        }
        return s.toString();
    }

    /** {@code f(a integer, b numeric)} to {@code f}: the last balanced parenthesised group at the end is removed. */
    public static String withoutArguments(String name) {
        if (name == null || !name.endsWith(")")) {
            return name;
        }
        int depth = 0;
        for (int i = name.length() - 1; i >= 0; i--) {
            char ch = name.charAt(i);
            if (ch == ')') {
                depth++;
            } else if (ch == '(' && --depth == 0) {
                return i > 0 ? name.substring(0, i) : name;
            }
        }
        return name;
    }
}
