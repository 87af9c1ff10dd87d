package io.github.migrationguard.schema.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders an {@link Expr} the way {@code pg_get_expr}, {@code pg_get_constraintdef} and {@code pg_get_indexdef} do
 * with an empty search_path: first it resolves types as PostgreSQL's parser would (which operator applies, which
 * constants and columns get coerced, e.g. a {@code varchar} column compared with a literal becomes
 * {@code ((status)::text = 'a'::text)}), then it prints the tree with PostgreSQL's parenthesisation. The type rules
 * cover the built-in types and functions migrations commonly use; anything else is printed as written.
 */
final class ExprRenderer {

    /** Schemas of installed extensions (functions of an extension are qualified with its schema). */
    interface Env {
        /** Schema of the installed extension, or null when migrations did not install it. */
        String extensionSchema(String extension);
    }

    private final Env env;

    ExprRenderer(Env env) {
        this.env = env;
    }

    // ================================================================== public entry points

    /** A column default or generation expression, coerced to the column type ({@code pg_get_expr(adbin)}). */
    String defaultExpr(Expr e, PgType columnType) {
        try {
            T t = typed(e);
            if (columnType != null) {
                t = coerce(t, columnType);
            }
            return render(finish(t), false);
        } catch (RuntimeException x) {
            return fallback(e);
        }
    }

    /** A boolean expression: check constraint body, index predicate, policy expression. */
    String boolExpr(Expr e) {
        try {
            T t = coerce(typed(e), PgType.T_BOOL);
            return render(finish(t), false);
        } catch (RuntimeException x) {
            return fallback(e);
        }
    }

    /** An index key or partition key expression, in parentheses unless it looks like a function call. */
    String indexExpr(Expr e) {
        try {
            T t = finish(typed(e));
            String s = render(t, false);
            return looksLikeFunction(t) ? s : "(" + s + ")";
        } catch (RuntimeException x) {
            return "(" + fallback(e) + ")";
        }
    }

    /** A constant rendered without type label (partition bounds). */
    String boundValue(Expr e, PgType type) {
        try {
            T t = typed(e);
            if (type != null) {
                t = coerce(t, type);
            }
            t = finish(t);
            if (t instanceof TConst k && !k.isNull) {
                return k.valueText();
            }
            return render(t, false);
        } catch (RuntimeException x) {
            return fallback(e);
        }
    }

    /** The type an expression has (for index column collations and the like); null when unknown. */
    PgType typeOf(Expr e) {
        try {
            return typed(e).type;
        } catch (RuntimeException x) {
            return null;
        }
    }

    /** When typing fails on something unexpected: the expression without type resolution. */
    private static String fallback(Expr e) {
        return Exprs.describe(e);
    }

    // ================================================================== typed tree

    /** A node with its resolved type; prints itself as ruleutils.c does without pretty parentheses. */
    abstract static class T {
        PgType type;

        abstract void print(Printer p, boolean showImplicit);
    }

    static final class Printer {
        final StringBuilder out = new StringBuilder();
        int indent;

        Printer append(String s) {
            out.append(s);
            return this;
        }

        /** PRETTYFLAG_INDENT line break: trailing spaces removed, new line, indentation. */
        void newline(int indentBefore) {
            int n = out.length();
            while (n > 0 && out.charAt(n - 1) == ' ') {
                n--;
            }
            out.setLength(n);
            out.append('\n');
            out.append(" ".repeat(Math.max(0, indent + indentBefore)));
        }
    }

    static final class TVar extends T {
        /** As printed: quoted, qualified in trigger conditions. */
        final String name;

        TVar(String name, PgType type) {
            this.name = name;
            this.type = type;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            p.append(name);
        }
    }

    static final class TConst extends T {
        final String value;
        final boolean isNull;
        /** Print the type with its modifier (an explicit cast to a type with modifier). */
        final boolean typmodLabel;

        TConst(PgType type, String value, boolean isNull, boolean typmodLabel) {
            this.type = type;
            this.value = value;
            this.isNull = isNull;
            this.typmodLabel = typmodLabel;
        }

        String label() {
            return typmodLabel ? type.render() : type.label();
        }

        /** The value as get_const_expr prints it, without label. */
        String valueText() {
            if (type.is(PgType.INT4) && !value.startsWith("-")) {
                return value;
            }
            if (type.is(PgType.NUMERIC) && looksLikeFloat(value)) {
                return value;
            }
            if (type.is(PgType.BOOL) && (value.equals("true") || value.equals("false"))) {
                return value;
            }
            return quoteLiteral(value);
        }

        boolean needsLabel() {
            if (type.is(PgType.BOOL) && (value.equals("true") || value.equals("false"))) {
                return false;
            }
            if (type.isUnknown()) {
                return false;
            }
            if (type.is(PgType.INT4)) {
                return value.startsWith("-");
            }
            if (type.is(PgType.NUMERIC)) {
                return !looksLikeFloat(value) || typmodLabel && type.typmod != null;
            }
            return true;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            if (isNull) {
                p.append("NULL");
                if (!type.isUnknown()) {
                    p.append("::").append(label());
                }
                return;
            }
            p.append(valueText());
            if (needsLabel()) {
                p.append("::").append(label());
            }
        }

        private static boolean looksLikeFloat(String v) {
            return !v.isEmpty() && Character.isDigit(v.charAt(0)) && v.chars().allMatch(
                    ch -> "0123456789+-eE.".indexOf(ch) >= 0) && (v.contains(".") || v.contains("e")
                    || v.contains("E"));
        }
    }

    /** A string literal whose type nothing decided: ends up as text. */
    static final class TUnknown extends T {
        final String value;

        TUnknown(String value) {
            this.value = value;
            this.type = PgType.T_UNKNOWN;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            p.append(quoteLiteral(value));
        }
    }

    static final class TCoerce extends T {
        final T arg;
        final boolean explicit;

        TCoerce(T arg, PgType type, boolean explicit) {
            this.arg = arg;
            this.type = type;
            this.explicit = explicit;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            if (!explicit && !showImplicit) {
                arg.print(p, false);
                return;
            }
            if (arg instanceof TConst k && !k.isNull && k.type.sameType(type) && !k.typmodLabel) {
                p.append(k.valueText());
            } else {
                p.append("(");
                arg.print(p, false);
                p.append(")");
            }
            p.append("::").append(type.render());
        }
    }

    static final class TFunc extends T {
        final String name;
        final List<T> args;
        final boolean star;
        final boolean distinct;

        TFunc(String name, List<T> args, PgType type, boolean star, boolean distinct) {
            this.name = name;
            this.args = args;
            this.type = type;
            this.star = star;
            this.distinct = distinct;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            p.append(name).append("(");
            if (star) {
                p.append("*");
            }
            if (distinct) {
                p.append("DISTINCT ");
            }
            printList(p, args);
            p.append(")");
        }
    }

    /** COALESCE, GREATEST, LEAST, NULLIF: SQL syntax, printed in upper case. */
    static final class TSqlFunc extends T {
        final String keyword;
        final List<T> args;

        TSqlFunc(String keyword, List<T> args, PgType type) {
            this.keyword = keyword;
            this.args = args;
            this.type = type;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            p.append(keyword).append("(");
            printList(p, args);
            p.append(")");
        }
    }

    static final class TOp extends T {
        final String op;
        final T left;
        final T right;

        TOp(String op, T left, T right, PgType type) {
            this.op = op;
            this.left = left;
            this.right = right;
            this.type = type;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            p.append("(");
            if (left != null) {
                left.print(p, true);
                p.append(" ");
            }
            p.append(op).append(" ");
            right.print(p, true);
            p.append(")");
        }
    }

    static final class TBool extends T {
        final String op;
        final List<T> args;

        TBool(String op, List<T> args) {
            this.op = op;
            this.args = args;
            this.type = PgType.T_BOOL;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            if (op.equals("NOT")) {
                p.append("(NOT ");
                args.get(0).print(p, false);
                p.append(")");
                return;
            }
            p.append("(");
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    p.append(" ").append(op).append(" ");
                }
                args.get(i).print(p, false);
            }
            p.append(")");
        }
    }

    static final class TSuffix extends T {
        final T arg;
        final String suffix;

        TSuffix(T arg, String suffix) {
            this.arg = arg;
            this.suffix = suffix;
            this.type = PgType.T_BOOL;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            p.append("(");
            arg.print(p, true);
            p.append(" ").append(suffix).append(")");
        }
    }

    static final class TArrayOp extends T {
        final String op;
        final boolean all;
        final T left;
        final T array;

        TArrayOp(String op, boolean all, T left, T array) {
            this.op = op;
            this.all = all;
            this.left = left;
            this.array = array;
            this.type = PgType.T_BOOL;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            p.append("(");
            left.print(p, true);
            p.append(" ").append(op).append(all ? " ALL (" : " ANY (");
            array.print(p, true);
            p.append("))");
        }
    }

    static final class TArray extends T {
        final List<T> items;

        TArray(List<T> items, PgType arrayType) {
            this.items = items;
            this.type = arrayType;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            p.append("ARRAY[");
            printList(p, items);
            p.append("]");
            if (items.isEmpty()) {
                p.append("::").append(type.render());
            }
        }
    }

    static final class TCase extends T {
        final T arg;
        final List<T> whens;
        final List<T> thens;
        final T otherwise;

        TCase(T arg, List<T> whens, List<T> thens, T otherwise, PgType type) {
            this.arg = arg;
            this.whens = whens;
            this.thens = thens;
            this.otherwise = otherwise;
            this.type = type;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            p.newline(0);
            p.append("CASE");
            if (arg != null) {
                p.append(" ");
                arg.print(p, true);
            }
            p.indent += 4;
            for (int i = 0; i < whens.size(); i++) {
                p.newline(0);
                p.append("WHEN ");
                whens.get(i).print(p, false);
                p.append(" THEN ");
                thens.get(i).print(p, true);
            }
            if (otherwise != null) {
                p.newline(0);
                p.append("ELSE ");
                otherwise.print(p, true);
            }
            p.indent -= 4;
            p.newline(0);
            p.append("END");
        }
    }

    static final class TText extends T {
        final String text;

        TText(String text, PgType type) {
            this.text = text;
            this.type = type;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            p.append(text);
        }
    }

    /** A node printed as {@code prefix arg middle arg2 suffix} with arguments shown with implicit casts. */
    static final class TTemplate extends T {
        final String[] pieces;
        final List<T> args;

        TTemplate(PgType type, List<T> args, String... pieces) {
            this.type = type;
            this.args = args;
            this.pieces = pieces;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            for (int i = 0; i < pieces.length; i++) {
                p.append(pieces[i]);
                if (i < args.size()) {
                    args.get(i).print(p, true);
                }
            }
        }
    }

    /** Like {@link TTemplate}, but the arguments' implicit casts are not shown (POSITION). */
    static final class THidden extends T {
        final String[] pieces;
        final List<T> args;

        THidden(PgType type, List<T> args, String... pieces) {
            this.type = type;
            this.args = args;
            this.pieces = pieces;
        }

        @Override
        void print(Printer p, boolean showImplicit) {
            for (int i = 0; i < pieces.length; i++) {
                p.append(pieces[i]);
                if (i < args.size()) {
                    args.get(i).print(p, false);
                }
            }
        }
    }

    private static void printList(Printer p, List<T> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                p.append(", ");
            }
            items.get(i).print(p, true);
        }
    }

    private static String render(T t, boolean showImplicit) {
        Printer p = new Printer();
        t.print(p, showImplicit);
        return p.out.toString();
    }

    private static boolean looksLikeFunction(T t) {
        return t instanceof TFunc || t instanceof TSqlFunc || t instanceof TText && ((TText) t).text.matches(
                "[A-Z_]+") || t instanceof TTemplate tt && tt.pieces.length > 0 && tt.pieces[0].matches("[A-Z]+\\(.*")
                || t instanceof THidden;
    }

    static String quoteLiteral(String v) {
        return "'" + v.replace("'", "''") + "'";
    }

    // ================================================================== typing

    private T typed(Expr e) {
        if (e instanceof Expr.ColumnRef c) {
            String name = c.qualifier() != null ? c.qualifier() + "." + Idents.quote(c.currentName())
                    : Idents.quote(c.currentName());
            return new TVar(name, c.column() != null ? c.column().type : null);
        }
        if (e instanceof Expr.NumberLit n) {
            return number(n.text());
        }
        if (e instanceof Expr.StringLit s) {
            return new TUnknown(s.value());
        }
        if (e instanceof Expr.BoolLit b) {
            return new TConst(PgType.T_BOOL, b.value() ? "true" : "false", false, false);
        }
        if (e instanceof Expr.NullLit) {
            return new TConst(PgType.T_UNKNOWN, null, true, false);
        }
        if (e instanceof Expr.RegClass r) {
            return new TConst(PgType.builtin("regclass"), regclassName(r), false, false);
        }
        if (e instanceof Expr.Cast c) {
            return cast(c);
        }
        if (e instanceof Expr.Func f) {
            return function(f);
        }
        if (e instanceof Expr.SqlValue v) {
            return new TText(v.keyword(), sqlValueType(v.keyword()));
        }
        if (e instanceof Expr.Op o) {
            if (o.left() == null) {
                T arg = finishUnknown(typed(o.right()));
                return new TOp(o.op(), null, arg, arg.type);
            }
            return operator(o.op(), typed(o.left()), typed(o.right()));
        }
        if (e instanceof Expr.BoolOp b) {
            List<T> args = new ArrayList<>();
            for (Expr a : b.args()) {
                args.add(coerce(typed(a), PgType.T_BOOL));
            }
            return new TBool(b.and() ? "AND" : "OR", args);
        }
        if (e instanceof Expr.Not n) {
            return new TBool("NOT", List.of(coerce(typed(n.arg()), PgType.T_BOOL)));
        }
        if (e instanceof Expr.NullTest n) {
            return new TSuffix(finishUnknown(typed(n.arg())), n.not() ? "IS NOT NULL" : "IS NULL");
        }
        if (e instanceof Expr.BoolTest b) {
            return new TSuffix(coerce(typed(b.arg()), PgType.T_BOOL), b.test());
        }
        if (e instanceof Expr.In in) {
            return in(in);
        }
        if (e instanceof Expr.Between b) {
            T arg = typed(b.arg());
            T low = typed(b.low());
            T high = typed(b.high());
            if (b.not()) {
                return new TBool("OR", List.of(operator("<", arg, low), operator(">", arg, high)));
            }
            return new TBool("AND", List.of(operator(">=", arg, low), operator("<=", arg, high)));
        }
        if (e instanceof Expr.AnyAll a) {
            return anyAll(a.op(), typed(a.left()), a.all(), typed(a.array()));
        }
        if (e instanceof Expr.ArrayLit a) {
            return array(a, null);
        }
        if (e instanceof Expr.Case c) {
            return caseExpr(c);
        }
        if (e instanceof Expr.Distinct d) {
            T[] pair = resolvePair("=", typed(d.left()), typed(d.right()));
            T distinct = new TTemplate(PgType.T_BOOL, List.of(pair[0], pair[1]), "(", " IS DISTINCT FROM ", ")");
            return d.not() ? new TBool("NOT", List.of(distinct)) : distinct;
        }
        if (e instanceof Expr.AtTimeZone a) {
            T arg = finishUnknown(typed(a.arg()), PgType.T_TIMESTAMPTZ);
            T zone = coerce(typed(a.zone()), PgType.T_TEXT);
            PgType result = arg.type != null && arg.type.is(PgType.TIMESTAMP) ? PgType.T_TIMESTAMPTZ
                    : arg.type != null && arg.type.is(PgType.TIMETZ) ? arg.type : PgType.T_TIMESTAMP;
            return new TTemplate(result, List.of(arg, zone), "(", " AT TIME ZONE ", ")");
        }
        if (e instanceof Expr.Collate c) {
            T arg = finishUnknown(typed(c.arg()));
            return new TTemplate(arg.type, List.of(arg), "(", " COLLATE " + c.collation() + ")");
        }
        if (e instanceof Expr.Trim t) {
            T arg = coerce(typed(t.arg()), PgType.T_TEXT);
            if (t.chars() == null) {
                return new TTemplate(PgType.T_TEXT, List.of(arg), "TRIM(" + t.where() + " FROM ", ")");
            }
            T chars = coerce(typed(t.chars()), PgType.T_TEXT);
            return new TTemplate(PgType.T_TEXT, List.of(chars, arg), "TRIM(" + t.where() + " ", " FROM ", ")");
        }
        if (e instanceof Expr.SqlSyntax x) {
            return sqlSyntax(x);
        }
        if (e instanceof Expr.Subscript x) {
            return subscript(x);
        }
        if (e instanceof Expr.Extract x) {
            T arg = finishUnknown(typed(x.arg()), PgType.T_TIMESTAMPTZ);
            return new TTemplate(PgType.T_NUMERIC, List.of(arg), "EXTRACT(" + x.field() + " FROM ", ")");
        }
        if (e instanceof Expr.Raw r) {
            return new TText(r.text(), null);
        }
        return new TText("?", null);
    }

    private T subscript(Expr.Subscript x) {
        T arg = finishUnknown(typed(x.arg()));
        boolean json = arg.type != null && arg.type.is(PgType.JSONB);
        PgType indexType = json ? PgType.T_TEXT : PgType.T_INT4;
        List<T> args = new ArrayList<>();
        args.add(arg);
        StringBuilder close = new StringBuilder();
        String open = arg instanceof TVar ? "[" : ")[";
        String first = arg instanceof TVar ? "" : "(";
        PgType result = json ? arg.type : arg.type != null && arg.type.array ? (x.slice() ? arg.type
                : arg.type.element().withoutTypmod()) : null;
        if (!x.slice()) {
            args.add(coerce(typed(x.index()), indexType));
            return new TTemplate(result, args, first, open, "]");
        }
        List<String> pieces = new ArrayList<>(List.of(first, open));
        if (x.index() != null) {
            args.add(coerce(typed(x.index()), PgType.T_INT4));
            pieces.add(":");
        } else {
            pieces.set(1, open + ":");
        }
        if (x.upper() != null) {
            args.add(coerce(typed(x.upper()), PgType.T_INT4));
            pieces.add("]");
        } else {
            pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + "]");
        }
        return new TTemplate(result, args, pieces.toArray(String[]::new));
    }

    private T sqlSyntax(Expr.SqlSyntax x) {
        List<Expr> a = x.args();
        switch (x.kind()) {
            case "position": {
                T needle = coerce(typed(a.get(0)), PgType.T_TEXT);
                T haystack = coerce(typed(a.get(1)), PgType.T_TEXT);
                return new THidden(PgType.T_INT4, List.of(needle, haystack), "POSITION((", ") IN (", "))");
            }
            case "substring": {
                List<T> args = new ArrayList<>();
                args.add(coerce(typed(a.get(0)), PgType.T_TEXT));
                StringBuilder tail = new StringBuilder();
                List<String> pieces = new ArrayList<>(List.of("SUBSTRING("));
                if (a.get(1) != null) {
                    T from = typed(a.get(1));
                    boolean pattern = from instanceof TUnknown || from.type != null && from.type.isString();
                    args.add(coerce(from, pattern ? PgType.T_TEXT : PgType.T_INT4));
                    pieces.add(" FROM ");
                }
                if (a.get(2) != null) {
                    args.add(coerce(typed(a.get(2)), PgType.T_INT4));
                    pieces.add(" FOR ");
                }
                pieces.add(")");
                return new TTemplate(PgType.T_TEXT, args, pieces.toArray(String[]::new));
            }
            default: {
                List<T> args = new ArrayList<>();
                args.add(coerce(typed(a.get(0)), PgType.T_TEXT));
                args.add(coerce(typed(a.get(1)), PgType.T_TEXT));
                args.add(coerce(typed(a.get(2)), PgType.T_INT4));
                List<String> pieces = new ArrayList<>(List.of("OVERLAY(", " PLACING ", " FROM "));
                if (a.get(3) != null) {
                    args.add(coerce(typed(a.get(3)), PgType.T_INT4));
                    pieces.add(" FOR ");
                }
                pieces.add(")");
                return new TTemplate(PgType.T_TEXT, args, pieces.toArray(String[]::new));
            }
        }
    }

    private static String regclassName(Expr.RegClass r) {
        if (r.target() instanceof ReplayModel.MSequence s) {
            return Idents.qualified(s.schema, s.name);
        }
        if (r.target() instanceof ReplayModel.MTable t) {
            return t.qualified();
        }
        return r.written();
    }

    private static PgType sqlValueType(String value) {
        int paren = value.indexOf('(');
        String keyword = paren < 0 ? value : value.substring(0, paren);
        switch (keyword) {
            case "CURRENT_TIMESTAMP":
                return PgType.T_TIMESTAMPTZ;
            case "LOCALTIMESTAMP":
                return PgType.T_TIMESTAMP;
            case "CURRENT_DATE":
                return PgType.T_DATE;
            case "CURRENT_TIME":
                return PgType.builtin(PgType.TIMETZ);
            case "LOCALTIME":
                return PgType.builtin(PgType.TIME);
            default:
                return PgType.builtin("name");
        }
    }

    private static T number(String text) {
        String t = text.replace("_", "");
        boolean integer = t.matches("[+-]?\\d+");
        if (integer) {
            java.math.BigInteger v = new java.math.BigInteger(t);
            if (v.bitLength() < 32) {
                return new TConst(PgType.T_INT4, v.toString(), false, false);
            }
            if (v.bitLength() < 64) {
                return new TConst(PgType.T_INT8, v.toString(), false, false);
            }
            return new TConst(PgType.T_NUMERIC, v.toString(), false, false);
        }
        String value;
        try {
            value = Literals.numeric(t);
        } catch (NumberFormatException e) {
            value = t;
        }
        return new TConst(PgType.T_NUMERIC, value, false, false);
    }

    private T cast(Expr.Cast c) {
        PgType target = c.type();
        if (c.arg() instanceof Expr.StringLit s) {
            return new TConst(target, Literals.normalize(s.value(), target), false, target.typmod != null);
        }
        if (c.arg() instanceof Expr.NullLit) {
            return new TConst(target, null, true, target.typmod != null);
        }
        if (c.arg() instanceof Expr.ArrayLit a && target.array) {
            return array(a, target.element());
        }
        T arg = typed(c.arg());
        if (arg instanceof TUnknown u) {
            return new TConst(target, Literals.normalize(u.value, target), false, target.typmod != null);
        }
        if (arg.type != null && arg.type.equals(target)) {
            return arg;
        }
        if (arg.type != null && arg.type.sameType(target) && target.typmod == null) {
            return arg;
        }
        return new TCoerce(arg, target, true);
    }

    /** Implicit coercion to {@code target}, as the parser adds it. */
    T coerce(T t, PgType target) {
        if (target == null || target.isUnknown()) {
            return t;
        }
        if (t instanceof TUnknown u) {
            return new TConst(target.withoutTypmod(), Literals.normalize(u.value, target), false, false);
        }
        if (t instanceof TConst k && k.isNull && k.type.isUnknown()) {
            return new TConst(target.withoutTypmod(), null, true, false);
        }
        if (t instanceof TArray a && a.items.isEmpty() && target.array) {
            return new TArray(List.of(), target.withoutTypmod());
        }
        if (t.type == null || t.type.sameType(target)) {
            return t;
        }
        if (t.type.user != null && t.type.user.kind == UserType.Kind.DOMAIN && t.type.base().sameType(target)) {
            return t;
        }
        return new TCoerce(t, target.withoutTypmod(), false);
    }

    /** Leaves no unknown literal behind: an undecided literal becomes text (or {@code fallback}). */
    private static T finishUnknown(T t, PgType fallback) {
        if (t instanceof TUnknown u) {
            return new TConst(fallback, Literals.normalize(u.value, fallback), false, false);
        }
        return t;
    }

    private static T finishUnknown(T t) {
        return finishUnknown(t, PgType.T_TEXT);
    }

    private static T finish(T t) {
        return finishUnknown(t);
    }

    // ------------------------------------------------------------------ operators

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");
    private static final Set<String> BOOLEAN_OPS = Set.of("=", "<>", "<", ">", "<=", ">=", "~~", "~~*", "!~~",
            "!~~*", "~", "~*", "!~", "!~*", "@>", "<@", "&&", "?", "?|", "?&", "@@", "@?", "^@");
    private static final Set<String> TEXT_OPS = Set.of("~~", "~~*", "!~~", "!~~*", "~", "~*", "!~", "!~*", "||",
            "^@");
    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%", "^");
    /** Integer operators that exist for equal operand types only (no int4-int8 variants). */
    private static final Set<String> SAME_TYPE_ONLY = Set.of("%", "&", "|", "#", "<<", ">>");

    private T operator(String op, T left, T right) {
        T[] pair = resolvePair(op, left, right);
        return new TOp(operatorName(op, pair[0].type, pair[1].type), pair[0], pair[1],
                resultType(op, pair[0].type, pair[1].type));
    }

    /**
     * An operator of an extension type (citext's {@code =}, ...) lives in the extension's schema: with an empty
     * search_path the server prints it as {@code OPERATOR(schema.op)}.
     */
    private static String operatorName(String op, PgType l, PgType r) {
        PgType ext = l != null && l.user != null && l.user.kind == UserType.Kind.EXTENSION ? l
                : r != null && r.user != null && r.user.kind == UserType.Kind.EXTENSION ? r : null;
        if (ext == null || op.startsWith("OPERATOR(")) {
            return op;
        }
        return "OPERATOR(" + Idents.quote(ext.user.schema) + "." + op + ")";
    }

    /** Chooses the operand types of a binary operator and coerces both sides to them. */
    private T[] resolvePair(String op, T left, T right) {
        PgType l = left.type;
        PgType r = right.type;
        boolean lu = left instanceof TUnknown;
        boolean ru = right instanceof TUnknown;
        if (lu && ru) {
            return pair(coerce(left, PgType.T_TEXT), coerce(right, PgType.T_TEXT));
        }
        if (lu || ru) {
            T known = lu ? right : left;
            T unknown = lu ? left : right;
            PgType k = known.type;
            if (k == null) {
                T u = coerce(unknown, PgType.T_TEXT);
                return lu ? pair(u, known) : pair(known, u);
            }
            PgType kb = k.base();
            PgType literalType;
            PgType knownAs = null;
            if ((kb.is(PgType.JSONB) || kb.is(PgType.JSON)) && Set.of("->", "->>", "?", "-").contains(op) && ru) {
                literalType = PgType.T_TEXT;
            } else if ((kb.is(PgType.JSONB) || kb.is(PgType.JSON)) && Set.of("#>", "#>>", "?|", "?&", "#-")
                    .contains(op) && ru) {
                literalType = PgType.T_TEXT.arrayOf();
            } else if (kb.is(PgType.VARCHAR) || (kb.is(PgType.BPCHAR) && TEXT_OPS.contains(op))
                    || (kb.is("name") && TEXT_OPS.contains(op))) {
                literalType = PgType.T_TEXT;
                knownAs = PgType.T_TEXT;
                if (kb.is(PgType.BPCHAR) && !op.equals("||")) {
                    knownAs = null;
                }
            } else if (kb.isDateTime() && (op.equals("+") || op.equals("-")) && !lu) {
                literalType = PgType.T_INTERVAL;
            } else if (op.equals("||") && kb.isString()) {
                literalType = PgType.T_TEXT;
            } else {
                literalType = k;
            }
            T u = coerce(unknown, literalType);
            T kn = knownAs != null ? coerce(known, knownAs) : known;
            return lu ? pair(u, kn) : pair(kn, u);
        }
        if (l == null || r == null) {
            return pair(left, right);
        }
        PgType lb = l.base();
        PgType rb = r.base();
        if (lb.isNumber() && rb.isNumber()) {
            if (lb.sameType(rb)) {
                return pair(left, right);
            }
            if (SAME_TYPE_ONLY.contains(op) && lb.isInteger() && rb.isInteger()) {
                PgType w = wider(lb, rb);
                return pair(coerce(left, w), coerce(right, w));
            }
            if (lb.isInteger() && rb.isInteger() || lb.isFloat() && rb.isFloat()) {
                return pair(left, right);
            }
            if (lb.isFloat() || rb.isFloat()) {
                return pair(lb.isFloat() ? left : coerce(left, PgType.T_FLOAT8),
                        rb.isFloat() ? right : coerce(right, PgType.T_FLOAT8));
            }
            // numeric with an integer
            return pair(lb.is(PgType.NUMERIC) ? left : coerce(left, PgType.T_NUMERIC),
                    rb.is(PgType.NUMERIC) ? right : coerce(right, PgType.T_NUMERIC));
        }
        if (lb.isString() && rb.isString()) {
            boolean bothBpchar = lb.is(PgType.BPCHAR) && rb.is(PgType.BPCHAR);
            boolean nameText = lb.is("name") || rb.is("name");
            if (bothBpchar || nameText) {
                return pair(left, right);
            }
            return pair(toText(left), toText(right));
        }
        if (isCitext(lb) && isCitext(rb)) {
            return pair(left, right);
        }
        if ((isCitext(lb) && rb.isString()) || (lb.isString() && isCitext(rb))) {
            return pair(toText(left), toText(right));
        }
        if (TEXT_OPS.contains(op) && (lb.isString() || rb.isString())) {
            return pair(toText(left), toText(right));
        }
        return pair(left, right);
    }

    private T toText(T t) {
        if (t.type != null && (t.type.is(PgType.TEXT))) {
            return t;
        }
        return coerce(t, PgType.T_TEXT);
    }

    private static boolean isCitext(PgType t) {
        return t.isExtensionType("citext");
    }

    private static T[] pair(T a, T b) {
        return new T[] {a, b};
    }

    private static PgType resultType(String op, PgType l, PgType r) {
        if (BOOLEAN_OPS.contains(op)) {
            return PgType.T_BOOL;
        }
        if (l == null) {
            return r;
        }
        if (r == null) {
            return l;
        }
        PgType lb = l.base();
        PgType rb = r.base();
        switch (op) {
            case "||":
                if (lb.is(PgType.JSONB)) {
                    return lb;
                }
                return lb.array ? lb : rb.array ? rb : PgType.T_TEXT;
            case "->":
            case "#>":
                return lb;
            case "->>":
            case "#>>":
                return PgType.T_TEXT;
            default:
                break;
        }
        if (ARITHMETIC.contains(op)) {
            if (lb.isNumber() && rb.isNumber()) {
                return wider(lb, rb);
            }
            if (lb.is(PgType.DATE) && rb.isInteger()) {
                return PgType.T_DATE;
            }
            if (lb.is(PgType.DATE) && rb.is(PgType.DATE) && op.equals("-")) {
                return PgType.T_INT4;
            }
            if (lb.isDateTime() && rb.isDateTime() && op.equals("-")) {
                return PgType.T_INTERVAL;
            }
            if (lb.is(PgType.DATE) && rb.is(PgType.INTERVAL)) {
                return PgType.T_TIMESTAMP;
            }
            if (lb.isDateTime()) {
                return lb;
            }
            if (lb.is(PgType.INTERVAL) && rb.isDateTime()) {
                return rb;
            }
            return lb;
        }
        return lb;
    }

    private static final List<String> NUMBER_ORDER = List.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC,
            PgType.FLOAT4, PgType.FLOAT8);

    private static PgType wider(PgType a, PgType b) {
        return NUMBER_ORDER.indexOf(a.builtin) >= NUMBER_ORDER.indexOf(b.builtin) ? a.withoutTypmod()
                : b.withoutTypmod();
    }

    // ------------------------------------------------------------------ IN, ANY, ARRAY, CASE

    private T in(Expr.In in) {
        T left = typed(in.left());
        List<T> items = new ArrayList<>();
        boolean allConstant = true;
        for (Expr item : in.items()) {
            T t = typed(item);
            items.add(t);
            if (!(t instanceof TConst || t instanceof TUnknown || t instanceof TCoerce c && c.arg instanceof TConst)) {
                allConstant = false;
            }
        }
        String op = in.not() ? "<>" : "=";
        if (!allConstant || items.size() == 1) {
            if (items.size() == 1) {
                return operator(op, left, items.get(0));
            }
            List<T> tests = new ArrayList<>();
            for (T item : items) {
                tests.add(operator(op, left, item));
            }
            return new TBool(in.not() ? "AND" : "OR", tests);
        }
        List<T> all = new ArrayList<>();
        all.add(left);
        all.addAll(items);
        PgType common = commonType(all);
        List<T> elements = new ArrayList<>();
        for (T item : items) {
            elements.add(coerce(item, common));
        }
        T array = new TArray(elements, common.withoutTypmod().arrayOf());
        return anyAll(op, left, in.not(), array);
    }

    private T anyAll(String op, T left, boolean all, T array) {
        if (array instanceof TUnknown u) {
            PgType at = left.type != null ? left.type.withoutTypmod().arrayOf() : PgType.T_TEXT.arrayOf();
            array = coerce(u, at);
        }
        PgType elem = array.type != null && array.type.array ? array.type.element() : null;
        if (left instanceof TUnknown && elem != null) {
            left = coerce(left, elem);
        }
        if (elem != null && left.type != null) {
            T probe = new TVar("x", elem);
            T[] pair = resolvePair(op, left, probe);
            left = pair[0];
            if (pair[1] instanceof TCoerce c) {
                array = coerce(array, c.type.arrayOf());
            }
        }
        return new TArrayOp(op, all, finishUnknown(left), array);
    }

    private T array(Expr.ArrayLit a, PgType elementType) {
        List<T> items = new ArrayList<>();
        for (Expr item : a.items()) {
            items.add(typed(item));
        }
        PgType elem = elementType != null ? elementType : items.isEmpty() ? PgType.T_TEXT : commonType(items);
        List<T> coerced = new ArrayList<>();
        for (T item : items) {
            coerced.add(coerce(item, elem));
        }
        return new TArray(coerced, elem.withoutTypmod().arrayOf());
    }

    private T caseExpr(Expr.Case c) {
        T arg = c.arg() == null ? null : finishUnknown(typed(c.arg()));
        List<T> whens = new ArrayList<>();
        for (Expr w : c.whens()) {
            whens.add(arg == null ? coerce(typed(w), PgType.T_BOOL) : finishUnknown(typed(w)));
        }
        List<T> results = new ArrayList<>();
        for (Expr t : c.thens()) {
            results.add(typed(t));
        }
        T otherwise = c.otherwise() == null ? null : typed(c.otherwise());
        List<T> all = new ArrayList<>(results);
        if (otherwise != null) {
            all.add(otherwise);
        }
        PgType common = commonType(all);
        List<T> thens = new ArrayList<>();
        for (T t : results) {
            thens.add(coerce(t, common));
        }
        return new TCase(arg, whens, thens, otherwise == null ? null : coerce(otherwise, common), common);
    }

    /** select_common_type, for the types replay knows. */
    static PgType commonType(List<T> items) {
        PgType common = null;
        for (T t : items) {
            if (t instanceof TUnknown || t.type == null || t.type.isUnknown()) {
                continue;
            }
            PgType ty = t.type;
            if (common == null) {
                common = ty;
                continue;
            }
            if (common.sameType(ty)) {
                continue;
            }
            PgType cb = common.base();
            PgType tb = ty.base();
            if (cb.isNumber() && tb.isNumber()) {
                common = wider(cb, tb);
            } else if (cb.isString() && tb.isString()) {
                common = PgType.T_TEXT;
            } else if (cb.isDateTime() && tb.isDateTime()) {
                common = cb.is(PgType.TIMESTAMPTZ) || tb.is(PgType.TIMESTAMPTZ) ? PgType.T_TIMESTAMPTZ
                        : PgType.T_TIMESTAMP;
            }
        }
        return common == null ? PgType.T_TEXT : common;
    }

    // ------------------------------------------------------------------ functions

    /** A built-in function: parameter types ({@code *} keeps the argument's type) and result. */
    private record Sig(List<String> params, String result, boolean variadic) {
    }

    private static final Map<String, List<Sig>> BUILTINS = builtins();

    /** Functions of common extensions, by extension. */
    private static final Map<String, String> EXTENSION_FUNCTIONS = Map.ofEntries(
            Map.entry("uuid_generate_v1", "uuid-ossp"), Map.entry("uuid_generate_v1mc", "uuid-ossp"),
            Map.entry("uuid_generate_v3", "uuid-ossp"), Map.entry("uuid_generate_v4", "uuid-ossp"),
            Map.entry("uuid_generate_v5", "uuid-ossp"), Map.entry("uuid_nil", "uuid-ossp"),
            Map.entry("uuid_ns_dns", "uuid-ossp"), Map.entry("uuid_ns_url", "uuid-ossp"),
            Map.entry("crypt", "pgcrypto"), Map.entry("gen_salt", "pgcrypto"), Map.entry("digest", "pgcrypto"),
            Map.entry("hmac", "pgcrypto"), Map.entry("gen_random_bytes", "pgcrypto"),
            Map.entry("pgp_sym_encrypt", "pgcrypto"), Map.entry("pgp_sym_decrypt", "pgcrypto"),
            Map.entry("unaccent", "unaccent"), Map.entry("similarity", "pg_trgm"),
            Map.entry("word_similarity", "pg_trgm"));

    private static final Map<String, String> EXTENSION_RESULTS = Map.of("uuid_generate_v1", PgType.UUID,
            "uuid_generate_v1mc", PgType.UUID, "uuid_generate_v4", PgType.UUID, "uuid_nil", PgType.UUID,
            "crypt", PgType.TEXT, "gen_salt", PgType.TEXT, "digest", "bytea", "unaccent", PgType.TEXT,
            "similarity", PgType.FLOAT4);

    private static Map<String, List<Sig>> builtins() {
        Map<String, List<Sig>> m = new java.util.HashMap<>();
        for (String f : new String[] {"lower", "upper", "initcap", "md5", "reverse", "quote_ident", "quote_literal",
                "quote_nullable"}) {
            add(m, f, "text", "text");
        }
        for (String f : new String[] {"btrim", "ltrim", "rtrim"}) {
            add(m, f, "text", "text");
            add(m, f, "text", "text", "text");
        }
        add(m, "length", "integer", "text");
        for (String f : new String[] {"char_length", "character_length", "octet_length", "bit_length", "ascii"}) {
            add(m, f, "integer", "text");
        }
        add(m, "substr", "text", "text", "integer");
        add(m, "substr", "text", "text", "integer", "integer");
        add(m, "substring", "text", "text", "integer");
        add(m, "substring", "text", "text", "integer", "integer");
        add(m, "left", "text", "text", "integer");
        add(m, "right", "text", "text", "integer");
        add(m, "repeat", "text", "text", "integer");
        add(m, "lpad", "text", "text", "integer");
        add(m, "lpad", "text", "text", "integer", "text");
        add(m, "rpad", "text", "text", "integer");
        add(m, "rpad", "text", "text", "integer", "text");
        add(m, "replace", "text", "text", "text", "text");
        add(m, "translate", "text", "text", "text", "text");
        add(m, "split_part", "text", "text", "text", "integer");
        add(m, "strpos", "integer", "text", "text");
        add(m, "starts_with", "boolean", "text", "text");
        add(m, "chr", "text", "integer");
        add(m, "regexp_replace", "text", "text", "text", "text");
        add(m, "regexp_replace", "text", "text", "text", "text", "text");
        add(m, "regexp_match", "text[]", "text", "text");
        add(m, "regexp_like", "boolean", "text", "text");
        add(m, "regexp_like", "boolean", "text", "text", "text");
        add(m, "to_hex", "text", "bigint");
        add(m, "encode", "text", "bytea", "text");
        add(m, "decode", "bytea", "text", "text");
        variadic(m, "concat", "text");
        variadic(m, "concat_ws", "text", "text");
        variadic(m, "format", "text", "text");
        add(m, "to_char", "text", "*", "text");
        add(m, "to_date", "date", "text", "text");
        add(m, "to_number", "numeric", "text", "text");
        add(m, "to_timestamp", "timestamp with time zone", "text", "text");
        add(m, "to_timestamp", "timestamp with time zone", "double precision");
        add(m, "to_tsvector", "tsvector", "text");
        add(m, "to_tsvector", "tsvector", "regconfig", "text");
        for (String f : new String[] {"to_tsquery", "plainto_tsquery", "phraseto_tsquery", "websearch_to_tsquery"}) {
            add(m, f, "tsquery", "text");
            add(m, f, "tsquery", "regconfig", "text");
        }
        add(m, "setweight", "tsvector", "tsvector", "\"char\"");
        for (String f : new String[] {"now", "transaction_timestamp", "statement_timestamp", "clock_timestamp"}) {
            add(m, f, "timestamp with time zone");
        }
        add(m, "timeofday", "text");
        add(m, "date_trunc", "timestamp with time zone", "text", "timestamp with time zone");
        add(m, "date_trunc", "timestamp with time zone", "text", "timestamp with time zone", "text");
        add(m, "date_part", "double precision", "text", "*");
        add(m, "timezone", "timestamp without time zone", "text", "timestamp with time zone");
        add(m, "age", "interval", "timestamp with time zone");
        add(m, "age", "interval", "timestamp with time zone", "timestamp with time zone");
        add(m, "make_date", "date", "integer", "integer", "integer");
        add(m, "isfinite", "boolean", "*");
        add(m, "date", "date", "*");
        add(m, "gen_random_uuid", "uuid");
        add(m, "nextval", "bigint", "regclass");
        add(m, "currval", "bigint", "regclass");
        add(m, "current_setting", "text", "text");
        add(m, "current_setting", "text", "text", "boolean");
        add(m, "jsonb_typeof", "text", "jsonb");
        add(m, "json_typeof", "text", "json");
        add(m, "jsonb_array_length", "integer", "jsonb");
        add(m, "json_array_length", "integer", "json");
        add(m, "jsonb_strip_nulls", "jsonb", "jsonb");
        add(m, "jsonb_path_exists", "boolean", "jsonb", "jsonpath");
        add(m, "jsonb_set", "jsonb", "jsonb", "text[]", "jsonb");
        add(m, "jsonb_set", "jsonb", "jsonb", "text[]", "jsonb", "boolean");
        add(m, "to_jsonb", "jsonb", "*");
        add(m, "to_json", "json", "*");
        variadic(m, "jsonb_build_object", "jsonb");
        variadic(m, "json_build_object", "json");
        variadic(m, "jsonb_build_array", "jsonb");
        variadic(m, "json_build_array", "json");
        add(m, "array_length", "integer", "*", "integer");
        add(m, "array_upper", "integer", "*", "integer");
        add(m, "array_lower", "integer", "*", "integer");
        add(m, "cardinality", "integer", "*");
        add(m, "array_to_string", "text", "*", "text");
        add(m, "array_to_string", "text", "*", "text", "text");
        add(m, "string_to_array", "text[]", "text", "text");
        add(m, "random", "double precision");
        add(m, "pi", "double precision");
        for (String f : new String[] {"abs", "ceil", "ceiling", "floor", "round", "trunc", "sign"}) {
            add(m, f, "*", "*");
        }
        add(m, "round", "numeric", "numeric", "integer");
        add(m, "mod", "*", "*", "*");
        variadic(m, "num_nulls", "integer");
        variadic(m, "num_nonnulls", "integer");
        add(m, "pg_column_size", "integer", "*");
        return m;
    }

    private static void add(Map<String, List<Sig>> m, String name, String result, String... params) {
        m.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sig(List.of(params), result, false));
    }

    private static void variadic(Map<String, List<Sig>> m, String name, String result, String... fixed) {
        m.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sig(List.of(fixed), result, true));
    }

    private T function(Expr.Func f) {
        List<T> args = new ArrayList<>();
        for (Expr a : f.args()) {
            args.add(typed(a));
        }
        String name = f.name();
        boolean catalog = f.schema() == null || f.schema().equals("pg_catalog");
        if (f.function() != null) {
            ReplayModel.MFunction fn = f.function();
            List<T> coerced = new ArrayList<>();
            List<ReplayModel.FunctionArg> inputs = fn.args.stream()
                    .filter(a -> !a.mode.equals("OUT") && !a.mode.equals("TABLE")).toList();
            for (int i = 0; i < args.size(); i++) {
                PgType p = i < inputs.size() ? inputs.get(i).type : null;
                coerced.add(p == null ? finishUnknown(args.get(i)) : coerce(args.get(i), p));
            }
            PgType result = fn.returnsSet || fn.returnType == null ? null : fn.returnType;
            return new TFunc(Idents.qualified(fn.schema, fn.name), coerced, result, f.star(), f.distinct());
        }
        if (catalog) {
            switch (name) {
                case "coalesce":
                case "greatest":
                case "least": {
                    PgType common = commonType(args);
                    List<T> coerced = new ArrayList<>();
                    for (T a : args) {
                        coerced.add(coerce(a, common));
                    }
                    return new TSqlFunc(name.toUpperCase(Locale.ROOT), coerced, common);
                }
                case "nullif": {
                    if (args.size() == 2) {
                        T[] pair = resolvePair("=", args.get(0), args.get(1));
                        return new TSqlFunc("NULLIF", List.of(pair[0], pair[1]), pair[0].type);
                    }
                    break;
                }
                case "timezone":
                    if (args.size() == 2 && args.get(1).type != null && args.get(1).type.is(PgType.TIMESTAMP)) {
                        return new TFunc("timezone", List.of(coerce(args.get(0), PgType.T_TEXT), args.get(1)),
                                PgType.T_TIMESTAMPTZ, false, false);
                    }
                    break;
                case "date_trunc":
                    if (args.size() == 2 && args.get(1).type != null && (args.get(1).type.is(PgType.TIMESTAMP)
                            || args.get(1).type.is(PgType.INTERVAL))) {
                        return new TFunc("date_trunc", List.of(coerce(args.get(0), PgType.T_TEXT), args.get(1)),
                                args.get(1).type, false, false);
                    }
                    break;
                case "length":
                    if (args.size() == 1 && args.get(0).type != null && (args.get(0).type.is("bytea")
                            || args.get(0).type.is("tsvector"))) {
                        return new TFunc("length", args, PgType.T_INT4, false, false);
                    }
                    break;
                default:
                    break;
            }
            List<Sig> sigs = BUILTINS.get(name);
            if (sigs != null) {
                Sig sig = choose(sigs, args);
                if (sig != null) {
                    return applySig(name, sig, args, f);
                }
            }
        }
        String ext = EXTENSION_FUNCTIONS.get(name);
        String rendered;
        if (!catalog) {
            rendered = Idents.qualified(f.schema(), name);
        } else if (ext != null) {
            String schema = env.extensionSchema(ext);
            rendered = Idents.qualified(schema != null ? schema : "public", name);
        } else {
            rendered = Idents.quote(name);
        }
        List<T> finished = new ArrayList<>();
        for (T a : args) {
            finished.add(finishUnknown(a));
        }
        String result = ext != null ? EXTENSION_RESULTS.get(name) : null;
        return new TFunc(rendered, finished, result == null ? null : PgType.builtin(result), f.star(), f.distinct());
    }

    private static Sig choose(List<Sig> sigs, List<T> args) {
        for (Sig s : sigs) {
            if (s.variadic() ? args.size() >= s.params().size() : args.size() == s.params().size()) {
                return s;
            }
        }
        return null;
    }

    private T applySig(String name, Sig sig, List<T> args, Expr.Func f) {
        List<T> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            T a = args.get(i);
            String p = i < sig.params().size() ? sig.params().get(i) : null;
            if (p == null && sig.variadic()) {
                coerced.add(a); // VARIADIC "any": a literal stays of unknown type and prints without a cast
            } else if (p == null || p.equals("*")) {
                coerced.add(finishUnknown(a));
            } else {
                coerced.add(coerce(a, builtinType(p)));
            }
        }
        PgType result;
        if (sig.result().equals("*")) {
            result = coerced.isEmpty() ? null : coerced.get(0).type;
        } else {
            result = builtinType(sig.result());
        }
        return new TFunc(Idents.quote(name), coerced, result, f.star(), f.distinct());
    }

    private static PgType builtinType(String name) {
        if (name.endsWith("[]")) {
            return builtinType(name.substring(0, name.length() - 2)).arrayOf();
        }
        return PgType.builtin(name);
    }
}
