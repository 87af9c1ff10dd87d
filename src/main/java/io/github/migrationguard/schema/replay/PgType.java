package io.github.migrationguard.schema.replay;

import java.util.Objects;
import java.util.Set;

/**
 * A data type as replay knows it: a built-in type by its {@code format_type} name, or a {@link UserType}; with its
 * type modifier and whether it is an array. Renders as {@code format_type} does with an empty search_path.
 */
final class PgType {

    static final String INT2 = "smallint";
    static final String INT4 = "integer";
    static final String INT8 = "bigint";
    static final String NUMERIC = "numeric";
    static final String FLOAT4 = "real";
    static final String FLOAT8 = "double precision";
    static final String TEXT = "text";
    static final String VARCHAR = "character varying";
    static final String BPCHAR = "bpchar";
    static final String BOOL = "boolean";
    static final String DATE = "date";
    static final String TIMESTAMP = "timestamp without time zone";
    static final String TIMESTAMPTZ = "timestamp with time zone";
    static final String TIME = "time without time zone";
    static final String TIMETZ = "time with time zone";
    static final String INTERVAL = "interval";
    static final String JSONB = "jsonb";
    static final String JSON = "json";
    static final String UUID = "uuid";
    static final String UNKNOWN = "unknown";

    static final PgType T_INT2 = builtin(INT2);
    static final PgType T_INT4 = builtin(INT4);
    static final PgType T_INT8 = builtin(INT8);
    static final PgType T_NUMERIC = builtin(NUMERIC);
    static final PgType T_FLOAT8 = builtin(FLOAT8);
    static final PgType T_TEXT = builtin(TEXT);
    static final PgType T_BOOL = builtin(BOOL);
    static final PgType T_TIMESTAMPTZ = builtin(TIMESTAMPTZ);
    static final PgType T_TIMESTAMP = builtin(TIMESTAMP);
    static final PgType T_DATE = builtin(DATE);
    static final PgType T_INTERVAL = builtin(INTERVAL);
    static final PgType T_UNKNOWN = builtin(UNKNOWN);
    static final PgType T_VARCHAR = builtin(VARCHAR);

    private static final Set<String> INTEGERS = Set.of(INT2, INT4, INT8);
    private static final Set<String> FLOATS = Set.of(FLOAT4, FLOAT8);
    private static final Set<String> STRINGS = Set.of(TEXT, VARCHAR, BPCHAR, "name", "\"char\"");

    /** Built-in type name ({@code format_type} spelling without modifier), or null for a user type. */
    final String builtin;
    final UserType user;
    /** The modifier as written after the name without spaces, e.g. {@code 20}, {@code 10,2}; null when none. */
    final String typmod;
    /** Interval fields such as {@code day to second}, else null. */
    final String intervalFields;
    final boolean array;

    private PgType(String builtin, UserType user, String typmod, String intervalFields, boolean array) {
        this.builtin = builtin;
        this.user = user;
        this.typmod = typmod;
        this.intervalFields = intervalFields;
        this.array = array;
    }

    static PgType builtin(String name) {
        return new PgType(name, null, null, null, false);
    }

    static PgType builtin(String name, String typmod) {
        return new PgType(name, null, typmod, null, false);
    }

    static PgType interval(String fields, String precision) {
        return new PgType(INTERVAL, null, precision, fields, false);
    }

    static PgType of(UserType user) {
        return new PgType(null, user, null, null, false);
    }

    PgType arrayOf() {
        return new PgType(builtin, user, typmod, intervalFields, true);
    }

    PgType element() {
        return new PgType(builtin, user, typmod, intervalFields, false);
    }

    /** The same type without modifier (a constant's type, {@code format_type(oid, -1)}). */
    PgType withoutTypmod() {
        return new PgType(builtin, user, null, null, array);
    }

    boolean isUser() {
        return user != null;
    }

    boolean is(String name) {
        return !array && builtin != null && name.equals(builtin);
    }

    boolean isUnknown() {
        return is(UNKNOWN);
    }

    boolean isInteger() {
        return !array && builtin != null && INTEGERS.contains(builtin);
    }

    boolean isFloat() {
        return !array && builtin != null && FLOATS.contains(builtin);
    }

    boolean isNumber() {
        return isInteger() || isFloat() || is(NUMERIC);
    }

    boolean isString() {
        return !array && builtin != null && STRINGS.contains(builtin);
    }

    boolean isDateTime() {
        return !array && (is(DATE) || is(TIMESTAMP) || is(TIMESTAMPTZ));
    }

    boolean isEnum() {
        return !array && user != null && user.kind == UserType.Kind.ENUM;
    }

    /** Is it this extension type, e.g. {@code citext}? */
    boolean isExtensionType(String name) {
        return !array && user != null && user.kind == UserType.Kind.EXTENSION && user.name.equals(name);
    }

    /** A domain's base type, recursively; the type itself otherwise. */
    PgType base() {
        PgType t = this;
        for (int guard = 0; guard < 20 && !t.array && t.user != null && t.user.kind == UserType.Kind.DOMAIN
                && t.user.base != null; guard++) {
            t = t.user.base;
        }
        return t;
    }

    /** {@code format_type(oid, typmod)}. */
    String render() {
        String s = renderBase(true);
        return array ? s + "[]" : s;
    }

    /** {@code format_type(oid, -1)}: how a cast or a constant's type label reads. */
    String label() {
        String s = renderBase(false);
        return array ? s + "[]" : s;
    }

    private String renderBase(boolean withTypmod) {
        if (user != null) {
            return user.render();
        }
        String mod = withTypmod && typmod != null ? "(" + typmod + ")" : "";
        switch (builtin) {
            case TIMESTAMP:
                return "timestamp" + mod + " without time zone";
            case TIMESTAMPTZ:
                return "timestamp" + mod + " with time zone";
            case TIME:
                return "time" + mod + " without time zone";
            case TIMETZ:
                return "time" + mod + " with time zone";
            case BPCHAR:
                return withTypmod && typmod != null ? "character" + mod : "bpchar";
            case "bit":
                return withTypmod && typmod != null ? "bit" + mod : "\"bit\"";
            case INTERVAL:
                if (!withTypmod) {
                    return "interval";
                }
                return "interval" + (intervalFields != null ? " " + intervalFields : "") + mod;
            default:
                return builtin + mod;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgType t && Objects.equals(builtin, t.builtin) && user == t.user
                && Objects.equals(typmod, t.typmod) && Objects.equals(intervalFields, t.intervalFields)
                && array == t.array;
    }

    /** Same type ignoring the modifier. */
    boolean sameType(PgType t) {
        return t != null && Objects.equals(builtin, t.builtin) && user == t.user && array == t.array;
    }

    @Override
    public int hashCode() {
        return Objects.hash(builtin, System.identityHashCode(user), typmod, array);
    }

    @Override
    public String toString() {
        return render();
    }
}
