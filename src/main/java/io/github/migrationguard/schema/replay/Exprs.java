package io.github.migrationguard.schema.replay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;


/** Walks {@link Expr} trees. */
final class Exprs {

    private Exprs() {
    }

    static void walk(Expr e, Consumer<Expr> visitor) {
        if (e == null) {
            return;
        }
        visitor.accept(e);
        for (Expr child : children(e)) {
            walk(child, visitor);
        }
    }

    /** Direct sub-expressions (nulls left out). */
    static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.Cast x) {
            out.add(x.arg());
        } else if (e instanceof Expr.Func x) {
            out.addAll(x.args());
        } else if (e instanceof Expr.Op x) {
            out.add(x.left());
            out.add(x.right());
        } else if (e instanceof Expr.BoolOp x) {
            out.addAll(x.args());
        } else if (e instanceof Expr.Not x) {
            out.add(x.arg());
        } else if (e instanceof Expr.NullTest x) {
            out.add(x.arg());
        } else if (e instanceof Expr.BoolTest x) {
            out.add(x.arg());
        } else if (e instanceof Expr.In x) {
            out.add(x.left());
            out.addAll(x.items());
        } else if (e instanceof Expr.Between x) {
            out.add(x.arg());
            out.add(x.low());
            out.add(x.high());
        } else if (e instanceof Expr.AnyAll x) {
            out.add(x.left());
            out.add(x.array());
        } else if (e instanceof Expr.ArrayLit x) {
            out.addAll(x.items());
        } else if (e instanceof Expr.Case x) {
            out.add(x.arg());
            out.addAll(x.whens());
            out.addAll(x.thens());
            out.add(x.otherwise());
        } else if (e instanceof Expr.Distinct x) {
            out.add(x.left());
            out.add(x.right());
        } else if (e instanceof Expr.AtTimeZone x) {
            out.add(x.arg());
            out.add(x.zone());
        } else if (e instanceof Expr.Collate x) {
            out.add(x.arg());
        } else if (e instanceof Expr.Trim x) {
            out.add(x.chars());
            out.add(x.arg());
        } else if (e instanceof Expr.Extract x) {
            out.add(x.arg());
        } else if (e instanceof Expr.SqlSyntax x) {
            out.addAll(x.args());
        } else if (e instanceof Expr.Subscript x) {
            out.add(x.arg());
            out.add(x.index());
            out.add(x.upper());
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    /** A copy of {@code e} with each direct sub-expression replaced by {@code f} of it. */
    static Expr mapChildren(Expr e, java.util.function.UnaryOperator<Expr> f) {
        java.util.function.UnaryOperator<Expr> g = x -> x == null ? null : f.apply(x);
        if (e instanceof Expr.Cast x) {
            return new Expr.Cast(g.apply(x.arg()), x.type());
        } else if (e instanceof Expr.Func x) {
            return new Expr.Func(x.schema(), x.name(), map(x.args(), g), x.star(), x.distinct(), x.function());
        } else if (e instanceof Expr.Op x) {
            return new Expr.Op(x.op(), g.apply(x.left()), g.apply(x.right()));
        } else if (e instanceof Expr.BoolOp x) {
            return new Expr.BoolOp(x.and(), map(x.args(), g));
        } else if (e instanceof Expr.Not x) {
            return new Expr.Not(g.apply(x.arg()));
        } else if (e instanceof Expr.NullTest x) {
            return new Expr.NullTest(g.apply(x.arg()), x.not());
        } else if (e instanceof Expr.BoolTest x) {
            return new Expr.BoolTest(g.apply(x.arg()), x.test());
        } else if (e instanceof Expr.In x) {
            return new Expr.In(g.apply(x.left()), map(x.items(), g), x.not());
        } else if (e instanceof Expr.Between x) {
            return new Expr.Between(g.apply(x.arg()), g.apply(x.low()), g.apply(x.high()), x.not());
        } else if (e instanceof Expr.AnyAll x) {
            return new Expr.AnyAll(x.op(), g.apply(x.left()), x.all(), g.apply(x.array()));
        } else if (e instanceof Expr.ArrayLit x) {
            return new Expr.ArrayLit(map(x.items(), g));
        } else if (e instanceof Expr.Case x) {
            return new Expr.Case(g.apply(x.arg()), map(x.whens(), g), map(x.thens(), g), g.apply(x.otherwise()));
        } else if (e instanceof Expr.Distinct x) {
            return new Expr.Distinct(g.apply(x.left()), g.apply(x.right()), x.not());
        } else if (e instanceof Expr.AtTimeZone x) {
            return new Expr.AtTimeZone(g.apply(x.arg()), g.apply(x.zone()));
        } else if (e instanceof Expr.Collate x) {
            return new Expr.Collate(g.apply(x.arg()), x.collation());
        } else if (e instanceof Expr.Trim x) {
            return new Expr.Trim(x.where(), g.apply(x.chars()), g.apply(x.arg()));
        } else if (e instanceof Expr.Extract x) {
            return new Expr.Extract(x.field(), g.apply(x.arg()));
        } else if (e instanceof Expr.SqlSyntax x) {
            return new Expr.SqlSyntax(x.kind(), map(x.args(), g));
        } else if (e instanceof Expr.Subscript x) {
            return new Expr.Subscript(g.apply(x.arg()), g.apply(x.index()), g.apply(x.upper()), x.slice());
        }
        return e;
    }

    private static List<Expr> map(List<Expr> items, java.util.function.UnaryOperator<Expr> f) {
        List<Expr> out = new ArrayList<>();
        for (Expr x : items) {
            out.add(f.apply(x));
        }
        return out;
    }

    /** A plain, untyped rendering of an expression (for messages and as a last resort). */
    static String describe(Expr e) {
        if (e == null) {
            return "";
        }
        if (e instanceof Expr.ColumnRef c) {
            return Idents.quote(c.currentName());
        } else if (e instanceof Expr.NumberLit n) {
            return n.text();
        } else if (e instanceof Expr.StringLit s) {
            return ExprRenderer.quoteLiteral(s.value());
        } else if (e instanceof Expr.BoolLit b) {
            return Boolean.toString(b.value());
        } else if (e instanceof Expr.NullLit) {
            return "NULL";
        } else if (e instanceof Expr.Raw r) {
            return r.text();
        } else if (e instanceof Expr.SqlValue v) {
            return v.keyword();
        } else if (e instanceof Expr.Cast c) {
            return "(" + describe(c.arg()) + ")::" + c.type().render();
        } else if (e instanceof Expr.Func f) {
            StringBuilder s = new StringBuilder(f.name()).append('(');
            for (int i = 0; i < f.args().size(); i++) {
                s.append(i > 0 ? ", " : "").append(describe(f.args().get(i)));
            }
            return s.append(')').toString();
        } else if (e instanceof Expr.Op o) {
            return "(" + (o.left() == null ? "" : describe(o.left()) + " ") + o.op() + " " + describe(o.right()) + ")";
        }
        StringBuilder s = new StringBuilder("(");
        for (Expr child : children(e)) {
            s.append(s.length() > 1 ? " " : "").append(describe(child));
        }
        return s.append(')').toString();
    }

    /** Bound columns the expression mentions, distinct, in order of appearance. */
    static List<ReplayModel.MColumn> columns(Expr e) {
        Set<ReplayModel.MColumn> found = new LinkedHashSet<>();
        walk(e, x -> {
            if (x instanceof Expr.ColumnRef c && c.column() != null) {
                found.add(c.column());
            }
        });
        return new ArrayList<>(found);
    }

    /** Names of all column references, bound or not. */
    static List<String> columnNames(Expr e) {
        Set<String> found = new LinkedHashSet<>();
        walk(e, x -> {
            if (x instanceof Expr.ColumnRef c) {
                found.add(c.currentName());
            }
        });
        return new ArrayList<>(found);
    }

    static boolean mentions(Expr e, ReplayModel.MColumn column) {
        boolean[] hit = {false};
        walk(e, x -> {
            if (x instanceof Expr.ColumnRef c && c.column() == column) {
                hit[0] = true;
            }
        });
        return hit[0];
    }

    /** User functions the expression calls. */
    static List<ReplayModel.MFunction> functions(Expr e) {
        List<ReplayModel.MFunction> found = new ArrayList<>();
        walk(e, x -> {
            if (x instanceof Expr.Func f && f.function() != null && !found.contains(f.function())) {
                found.add(f.function());
            }
        });
        return found;
    }

    /**
     * The column name PostgreSQL derives for an index expression ({@code FigureIndexColname}): a function's name, a
     * column's name (also through casts), or null (the caller then uses {@code expr}).
     */
    static String nameHint(Expr e) {
        if (e instanceof Expr.ColumnRef c) {
            return c.currentName();
        } else if (e instanceof Expr.Func f) {
            return f.name();
        } else if (e instanceof Expr.Cast c) {
            String inner = nameHint(c.arg());
            return inner != null ? inner : castTypeName(c.type());
        } else if (e instanceof Expr.Case) {
            return "case";
        } else if (e instanceof Expr.ArrayLit) {
            return "array";
        } else if (e instanceof Expr.SqlValue v) {
            return v.keyword().toLowerCase(java.util.Locale.ROOT);
        } else if (e instanceof Expr.Collate c) {
            return nameHint(c.arg());
        } else if (e instanceof Expr.Extract) {
            return "extract";
        } else if (e instanceof Expr.Trim) {
            return "btrim";
        } else if (e instanceof Expr.SqlSyntax x) {
            return x.kind().equals("position") ? "strpos" : x.kind();
        } else if (e instanceof Expr.Subscript x) {
            return nameHint(x.arg());
        }
        return null;
    }

    private static String castTypeName(PgType t) {
        if (t.user != null) {
            return t.user.name;
        }
        switch (t.builtin) {
            case PgType.INT4: return "int4";
            case PgType.INT2: return "int2";
            case PgType.INT8: return "int8";
            case PgType.FLOAT4: return "float4";
            case PgType.FLOAT8: return "float8";
            case PgType.BOOL: return "bool";
            case PgType.VARCHAR: return "varchar";
            case PgType.TIMESTAMP: return "timestamp";
            case PgType.TIMESTAMPTZ: return "timestamptz";
            case PgType.TIME: return "time";
            case PgType.TIMETZ: return "timetz";
            default: return t.builtin;
        }
    }
}
