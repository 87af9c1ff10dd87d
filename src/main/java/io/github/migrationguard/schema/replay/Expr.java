package io.github.migrationguard.schema.replay;

import java.util.List;

/**
 * A value expression as written in a migration (defaults, checks, index expressions and predicates, generated columns,
 * policies), before types are resolved. Column references are bound to the replayed column, so renames show when the
 * expression is rendered at the end.
 */
sealed interface Expr {

    /**
     * A column of the table the expression belongs to; {@code column} is null when the name did not resolve.
     * {@code qualifier} is {@code new} or {@code old} in a trigger's WHEN condition, else null.
     */
    record ColumnRef(ReplayModel.MColumn column, String name, String qualifier) implements Expr {
        String currentName() {
            return column != null ? column.name : name;
        }
    }

    /** An integer or decimal literal as written (sign folded in). */
    record NumberLit(String text) implements Expr {
    }

    /** A string literal (its decoded value): a constant of yet unknown type. */
    record StringLit(String value) implements Expr {
    }

    record BoolLit(boolean value) implements Expr {
    }

    record NullLit() implements Expr {
    }

    /** {@code x::type}, {@code CAST(x AS type)}, {@code type 'literal'}. */
    record Cast(Expr arg, PgType type) implements Expr {
    }

    /**
     * A function call. {@code schema} is the qualifier as written (null when none); {@code function} is the user
     * function it resolved to at replay time, if any.
     */
    record Func(String schema, String name, List<Expr> args, boolean star, boolean distinct,
                ReplayModel.MFunction function) implements Expr {
    }

    /** {@code CURRENT_TIMESTAMP}, {@code CURRENT_DATE}, {@code CURRENT_USER}, ... (upper case keyword). */
    record SqlValue(String keyword) implements Expr {
    }

    /** A binary operator; {@code left} is null for a prefix operator. */
    record Op(String op, Expr left, Expr right) implements Expr {
    }

    /** AND / OR over two or more arguments. */
    record BoolOp(boolean and, List<Expr> args) implements Expr {
    }

    record Not(Expr arg) implements Expr {
    }

    /** {@code x IS [NOT] NULL}. */
    record NullTest(Expr arg, boolean not) implements Expr {
    }

    /** {@code x IS [NOT] TRUE|FALSE|UNKNOWN}; {@code test} as PostgreSQL prints it, e.g. {@code IS NOT TRUE}. */
    record BoolTest(Expr arg, String test) implements Expr {
    }

    /** {@code x [NOT] IN (a, b, ...)}. */
    record In(Expr left, List<Expr> items, boolean not) implements Expr {
    }

    /** {@code x [NOT] BETWEEN lo AND hi}. */
    record Between(Expr arg, Expr low, Expr high, boolean not) implements Expr {
    }

    /** {@code x op ANY|ALL (array)}. */
    record AnyAll(String op, Expr left, boolean all, Expr array) implements Expr {
    }

    /** {@code ARRAY[...]}. */
    record ArrayLit(List<Expr> items) implements Expr {
    }

    /** {@code CASE [arg] WHEN ... THEN ... [ELSE ...] END}. */
    record Case(Expr arg, List<Expr> whens, List<Expr> thens, Expr otherwise) implements Expr {
    }

    /** {@code a IS [NOT] DISTINCT FROM b}. */
    record Distinct(Expr left, Expr right, boolean not) implements Expr {
    }

    /** {@code x AT TIME ZONE zone}. */
    record AtTimeZone(Expr arg, Expr zone) implements Expr {
    }

    /** {@code x COLLATE "C"}; {@code collation} rendered. */
    record Collate(Expr arg, String collation) implements Expr {
    }

    /** {@code TRIM([BOTH|LEADING|TRAILING] [chars] FROM x)}. */
    record Trim(String where, Expr chars, Expr arg) implements Expr {
    }

    /**
     * SQL-syntax string functions: {@code POSITION(a IN b)} (kind {@code position}), {@code SUBSTRING(x FROM a [FOR
     * b])} ({@code substring}), {@code OVERLAY(x PLACING y FROM a [FOR b])} ({@code overlay}); absent optional
     * arguments are null.
     */
    record SqlSyntax(String kind, List<Expr> args) implements Expr {
    }

    /** {@code x[i]} or {@code x[lower:upper]} (either bound may be null in a slice). */
    record Subscript(Expr arg, Expr index, Expr upper, boolean slice) implements Expr {
    }

    /** {@code EXTRACT(field FROM x)}. */
    record Extract(String field, Expr arg) implements Expr {
    }

    /**
     * A {@code regclass} constant such as the argument of {@code nextval('users_id_seq')}: bound to the sequence or
     * relation it named when the statement ran ({@code target} is a {@code MSequence} or {@code MTable}, or null when
     * it did not resolve), so it renders with the object's current name.
     */
    record RegClass(Object target, String written) implements Expr {
    }

    /** Something replay reads but does not model (a sub-query, ...): rendered as written. */
    record Raw(String text) implements Expr {
    }
}
