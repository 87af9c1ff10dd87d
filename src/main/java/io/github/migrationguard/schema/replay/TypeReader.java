package io.github.migrationguard.schema.replay;

import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a type name as PostgreSQL's grammar does (multi-word names, modifiers, array bounds) and maps it to the type
 * {@code format_type} names: {@code int4} and {@code int} are {@code integer}, {@code varchar(20)} is
 * {@code character varying(20)}, {@code timestamptz} is {@code timestamp with time zone}, {@code serial} is
 * {@code integer} (the caller adds the sequence and default).
 */
final class TypeReader {

    /** Finds types that are not built in. */
    interface Resolver {
        /** The type named {@code schema.name} (schema null when unqualified), never null. */
        PgType userType(String schema, String name);
    }

    /** A type as read, and the serial pseudo-type it was written as (or null). */
    record Read(PgType type, String serial) {
    }

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", PgType.INT4), Map.entry("integer", PgType.INT4), Map.entry("int4", PgType.INT4),
            Map.entry("smallint", PgType.INT2), Map.entry("int2", PgType.INT2),
            Map.entry("bigint", PgType.INT8), Map.entry("int8", PgType.INT8),
            Map.entry("real", PgType.FLOAT4), Map.entry("float4", PgType.FLOAT4),
            Map.entry("float8", PgType.FLOAT8),
            Map.entry("bool", PgType.BOOL), Map.entry("boolean", PgType.BOOL),
            Map.entry("varchar", PgType.VARCHAR), Map.entry("bpchar", PgType.BPCHAR),
            Map.entry("timestamptz", PgType.TIMESTAMPTZ), Map.entry("timetz", PgType.TIMETZ),
            Map.entry("varbit", "bit varying"), Map.entry("decimal", PgType.NUMERIC), Map.entry("dec", PgType.NUMERIC),
            Map.entry("numeric", PgType.NUMERIC), Map.entry("text", PgType.TEXT), Map.entry("date", PgType.DATE));

    /** Other built-in types, named as {@code format_type} names them. */
    static final Set<String> BUILTIN = Set.of("aclitem", "box", "bytea", "cid", "cidr", "circle", "datemultirange",
            "daterange", "gtsvector", "inet", "int2vector", "int4multirange", "int4range", "int8multirange",
            "int8range", "json", "jsonb", "jsonpath", "line", "lseg", "macaddr", "macaddr8", "money", "name",
            "nummultirange", "numrange", "oid", "oidvector", "path", "point", "polygon", "refcursor", "regclass",
            "regcollation", "regconfig", "regdictionary", "regnamespace", "regoper", "regoperator", "regproc",
            "regprocedure", "regrole", "regtype", "tid", "tsmultirange", "tsquery", "tsrange", "tstzmultirange",
            "tstzrange", "tsvector", "txid_snapshot", "uuid", "xid", "xid8", "xml", "pg_lsn", "pg_snapshot",
            // pseudo-types (function arguments and results)
            "any", "anyarray", "anycompatible", "anycompatiblearray", "anycompatiblemultirange",
            "anycompatiblenonarray", "anycompatiblerange", "anyelement", "anyenum", "anymultirange", "anynonarray",
            "anyrange", "cstring", "event_trigger", "fdw_handler", "index_am_handler", "internal",
            "language_handler", "record", "table_am_handler", "trigger", "tsm_handler", "void");

    private static final Set<String> INTERVAL_FIELDS = Set.of("year", "month", "day", "hour", "minute", "second");

    private TypeReader() {
    }

    /** Is this word the start of a built-in type name? */
    static boolean isBuiltinName(String word) {
        return ALIASES.containsKey(word) || BUILTIN.contains(word) || Set.of("double", "character", "char",
                "nchar", "national", "bit", "timestamp", "time", "interval", "float", "serial", "serial4",
                "bigserial", "serial8", "smallserial", "serial2").contains(word);
    }

    static Read read(Cursor c, Resolver resolver) {
        c.accept("setof");
        String serial = null;
        PgType type;
        Token first = c.peek();
        if (first == null) {
            throw new Cursor.Unsupported("expected a type");
        }
        boolean word = first.type() == TokenType.WORD;
        boolean qualified = c.peek(1) != null && c.peek(1).isPunct('.');
        String w = word ? first.value() : null;
        if (word && !qualified && w.equals("double") && c.peekWord(1, "precision")) {
            c.next();
            c.next();
            type = PgType.builtin(PgType.FLOAT8);
        } else if (word && !qualified && (w.equals("character") || w.equals("char") || w.equals("nchar")
                || w.equals("national"))) {
            c.next();
            if (w.equals("national")) {
                if (!c.accept("character") && !c.accept("char")) {
                    throw new Cursor.Unsupported("expected CHARACTER" + c.near());
                }
            }
            boolean varying = c.accept("varying");
            String mod = modifier(c);
            if (varying) {
                type = PgType.builtin(PgType.VARCHAR, mod);
            } else {
                type = PgType.builtin(PgType.BPCHAR, mod == null ? "1" : mod);
            }
        } else if (word && !qualified && w.equals("varchar")) {
            c.next();
            type = PgType.builtin(PgType.VARCHAR, modifier(c));
        } else if (word && !qualified && w.equals("bit")) {
            c.next();
            boolean varying = c.accept("varying");
            String mod = modifier(c);
            type = varying ? PgType.builtin("bit varying", mod) : PgType.builtin("bit", mod == null ? "1" : mod);
        } else if (word && !qualified && (w.equals("timestamp") || w.equals("time"))) {
            c.next();
            String mod = modifier(c);
            boolean tz = false;
            if (c.accept("with", "time", "zone")) {
                tz = true;
            } else {
                c.accept("without", "time", "zone");
            }
            String base = w.equals("timestamp") ? (tz ? PgType.TIMESTAMPTZ : PgType.TIMESTAMP)
                    : (tz ? PgType.TIMETZ : PgType.TIME);
            type = PgType.builtin(base, mod);
        } else if (word && !qualified && (w.equals("timestamptz") || w.equals("timetz"))) {
            c.next();
            type = PgType.builtin(ALIASES.get(w), modifier(c));
        } else if (word && !qualified && w.equals("interval")) {
            c.next();
            type = interval(c);
        } else if (word && !qualified && (w.equals("numeric") || w.equals("decimal") || w.equals("dec"))) {
            c.next();
            String mod = modifier(c);
            if (mod != null && !mod.contains(",")) {
                mod = mod + ",0";
            }
            type = PgType.builtin(PgType.NUMERIC, mod);
        } else if (word && !qualified && w.equals("float")) {
            c.next();
            String mod = modifier(c);
            type = PgType.builtin(mod != null && parseInt(mod) <= 24 ? PgType.FLOAT4 : PgType.FLOAT8);
        } else if (word && !qualified && serialType(w) != null) {
            c.next();
            serial = w;
            type = PgType.builtin(serialType(w));
        } else {
            List<String> name = c.qualifiedName();
            String schema = name.size() > 1 ? name.get(0) : null;
            String n = name.get(name.size() - 1);
            boolean catalog = schema == null || schema.equals("pg_catalog");
            if (catalog && first.type() == TokenType.QUOTED_IDENTIFIER && n.equals("char") && name.size() == 1) {
                type = PgType.builtin("\"char\"");
            } else if (catalog && ALIASES.containsKey(n)) {
                String mod = modifier(c);
                String base = ALIASES.get(n);
                if (base.equals(PgType.NUMERIC) && mod != null && !mod.contains(",")) {
                    mod = mod + ",0";
                }
                type = PgType.builtin(base, mod);
            } else if (catalog && BUILTIN.contains(n)) {
                type = PgType.builtin(n, modifier(c));
            } else if (catalog && n.equals("char") && schema != null) {
                type = PgType.builtin("\"char\"");
            } else {
                String mod = modifier(c);
                type = resolver.userType(schema, n);
                if (mod != null && type.user != null && type.user.kind == UserType.Kind.EXTENSION) {
                    // e.g. vector(3), geometry(Point, 4326): modifiers of extension types are printed by the type
                    type = PgType.builtin(type.render() + "(" + mod + ")");
                }
            }
        }
        // array bounds: [] [n] ... or ARRAY [n]
        boolean array = false;
        while (c.peekPunct('[')) {
            int close = c.matchingParen(c.position());
            c.reset(close + 1);
            array = true;
        }
        if (c.accept("array")) {
            array = true;
            if (c.peekPunct('[')) {
                c.reset(c.matchingParen(c.position()) + 1);
            }
        }
        if (array) {
            if (serial != null) {
                throw new Cursor.Unsupported("array of serial");
            }
            type = type.arrayOf();
        }
        return new Read(type, serial);
    }

    static String serialType(String w) {
        return switch (w) {
            case "serial", "serial4" -> PgType.INT4;
            case "bigserial", "serial8" -> PgType.INT8;
            case "smallserial", "serial2" -> PgType.INT2;
            default -> null;
        };
    }

    private static PgType interval(Cursor c) {
        StringBuilder fields = new StringBuilder();
        if (c.peek() != null && c.peek().type() == TokenType.WORD && INTERVAL_FIELDS.contains(c.peek().value())) {
            fields.append(c.next().value());
            if (c.accept("to")) {
                Token to = c.next();
                fields.append(" to ").append(to.value());
            }
        }
        String precision = modifier(c);
        return PgType.interval(fields.length() == 0 ? null : fields.toString(), precision);
    }

    /** {@code (n[, m])} after a type name, as {@code n} or {@code n,m}; null when absent. */
    private static String modifier(Cursor c) {
        if (!c.peekPunct('(')) {
            return null;
        }
        Cursor inner = c.parenthesized();
        StringBuilder s = new StringBuilder();
        for (Cursor part : inner.commaSeparated()) {
            StringBuilder p = new StringBuilder();
            while (!part.atEnd()) {
                Token t = part.next();
                p.append(t.type() == TokenType.WORD ? t.text() : t.value());
            }
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(p);
        }
        return s.toString();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new Cursor.Unsupported("bad type modifier " + s);
        }
    }
}
