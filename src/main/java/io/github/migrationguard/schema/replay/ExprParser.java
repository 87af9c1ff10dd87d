package io.github.migrationguard.schema.replay;

import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses a value expression with PostgreSQL's operator precedence into an {@link Expr}. Column names are bound
 * through the {@link Scope}; what replay does not model (sub-queries, subscripts, row constructors) becomes
 * {@link Expr.Raw} with its source text.
 */
final class ExprParser {

    /** Where names in the expression resolve. */
    interface Scope {
        /** The column named by the last part of {@code name}, or null. */
        ReplayModel.MColumn column(List<String> name);

        /** A user function with this (possibly null) schema and name, or null. */
        ReplayModel.MFunction function(String schema, String name, int argCount);

        TypeReader.Resolver types();

        /** The sequence or relation a {@code regclass} literal names (MSequence or MTable), or null. */
        Object regclass(String text);
    }

    private static final Set<String> COMPARISON = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    private static final Set<String> SQL_VALUES = Set.of("current_timestamp", "current_date", "current_time",
            "localtime", "localtimestamp", "current_user", "session_user", "user", "current_role", "current_schema",
            "current_catalog");
    /** Words that end an expression in the clauses replay reads it from. */
    private static final Set<String> STOP_WORDS = Set.of("and", "or", "not", "is", "isnull", "notnull", "in",
            "between", "like", "ilike", "similar", "then", "else", "end", "when", "from", "for", "as", "asc", "desc",
            "nulls", "collate", "at", "on", "using", "with", "where", "escape", "symmetric", "to", "default",
            "constraint", "check", "references", "primary", "unique", "null", "generated", "deferrable", "initially",
            "include", "stored", "virtual", "order", "group", "having", "limit", "union", "except", "intersect");

    private final Cursor c;
    private final Scope scope;
    /** Column defaults: COLLATE after the default belongs to the column. */
    private boolean noCollate;

    private ExprParser(Cursor c, Scope scope) {
        this.c = c;
        this.scope = scope;
    }

    /** Parses the whole cursor as one expression. */
    static Expr parse(Cursor c, Scope scope) {
        ExprParser p = new ExprParser(c, scope);
        Expr e = p.or();
        c.expectEnd();
        return e;
    }

    /** Parses one expression from the cursor's position, stopping at the first token that cannot continue it. */
    static Expr parsePrefix(Cursor c, Scope scope) {
        return new ExprParser(c, scope).or();
    }

    /** Parses a column default: up to the next column constraint (a COLLATE there belongs to the column). */
    static Expr parseDefault(Cursor c, Scope scope) {
        ExprParser p = new ExprParser(c, scope);
        p.noCollate = true;
        return p.or();
    }

    private Expr or() {
        Expr left = and();
        if (!c.peekWord("or")) {
            return left;
        }
        List<Expr> args = new ArrayList<>();
        flatten(args, left, false);
        while (c.accept("or")) {
            flatten(args, and(), false);
        }
        return new Expr.BoolOp(false, args);
    }

    private Expr and() {
        Expr left = not();
        if (!c.peekWord("and")) {
            return left;
        }
        List<Expr> args = new ArrayList<>();
        flatten(args, left, true);
        while (c.accept("and")) {
            flatten(args, not(), true);
        }
        return new Expr.BoolOp(true, args);
    }

    /** PostgreSQL's makeAndExpr / makeOrExpr flatten a left operand of the same kind. */
    private static void flatten(List<Expr> into, Expr e, boolean and) {
        if (into.isEmpty() && e instanceof Expr.BoolOp b && b.and() == and) {
            into.addAll(b.args());
        } else {
            into.add(e);
        }
    }

    private Expr not() {
        if (c.accept("not")) {
            return new Expr.Not(not());
        }
        return is();
    }

    private Expr is() {
        Expr left = comparison();
        while (true) {
            if (c.accept("isnull")) {
                left = new Expr.NullTest(left, false);
            } else if (c.accept("notnull")) {
                left = new Expr.NullTest(left, true);
            } else if (c.peekWord("is")) {
                c.next();
                boolean not = c.accept("not");
                if (c.accept("null")) {
                    left = new Expr.NullTest(left, not);
                } else if (c.accept("true")) {
                    left = new Expr.BoolTest(left, not ? "IS NOT TRUE" : "IS TRUE");
                } else if (c.accept("false")) {
                    left = new Expr.BoolTest(left, not ? "IS NOT FALSE" : "IS FALSE");
                } else if (c.accept("unknown")) {
                    left = new Expr.BoolTest(left, not ? "IS NOT UNKNOWN" : "IS UNKNOWN");
                } else if (c.accept("distinct", "from")) {
                    left = new Expr.Distinct(left, comparison(), not);
                } else {
                    throw new Cursor.Unsupported("IS " + c.near());
                }
            } else {
                return left;
            }
        }
    }

    private Expr comparison() {
        Expr left = likeIn();
        while (true) {
            Token t = c.peek();
            if (t != null && t.type() == TokenType.OPERATOR && COMPARISON.contains(t.text())) {
                c.next();
                String op = t.text().equals("!=") ? "<>" : t.text();
                java.util.Optional<Expr> aa = anyAll(op, left);
                left = aa.isPresent() ? aa.get() : new Expr.Op(op, left, likeIn());
            } else {
                return left;
            }
        }
    }

    /** {@code op ANY|SOME|ALL (array)} after an operator, when it follows. */
    private java.util.Optional<Expr> anyAll(String op, Expr left) {
        if ((c.peekWord("any") || c.peekWord("some") || c.peekWord("all")) && c.peek(1) != null
                && c.peek(1).isPunct('(')) {
            boolean all = c.next().isWord("all");
            Cursor inner = c.parenthesized();
            Expr array = subqueryOr(inner);
            return java.util.Optional.of(new Expr.AnyAll(op, left, all, array));
        }
        return java.util.Optional.empty();
    }

    private Expr likeIn() {
        Expr left = other();
        while (true) {
            int save = c.position();
            boolean not = c.accept("not");
            if (c.accept("between")) {
                c.accept("symmetric");
                Expr low = other();
                c.expect("and");
                Expr high = other();
                left = new Expr.Between(left, low, high, not);
            } else if (c.accept("in")) {
                Cursor inner = c.parenthesized();
                if (inner.peekWord("select") || inner.peekWord("with") || inner.peekWord("values")) {
                    left = new Expr.Raw(rawText(left) + (not ? " NOT IN (" : " IN (") + inner.rest() + ")");
                } else {
                    List<Expr> items = new ArrayList<>();
                    for (Cursor item : inner.commaSeparated()) {
                        items.add(ExprParser.parse(item, scope));
                    }
                    left = new Expr.In(left, items, not);
                }
            } else if (c.accept("like")) {
                left = escape(new Expr.Op(not ? "!~~" : "~~", left, other()));
            } else if (c.accept("ilike")) {
                left = escape(new Expr.Op(not ? "!~~*" : "~~*", left, other()));
            } else if (c.accept("similar", "to")) {
                Expr pattern = other();
                Expr escape = c.accept("escape") ? other() : null;
                List<Expr> args = new ArrayList<>();
                args.add(pattern);
                if (escape != null) {
                    args.add(escape);
                }
                left = new Expr.Op(not ? "!~" : "~", left,
                        new Expr.Func(null, "similar_to_escape", args, false, false, null));
            } else {
                c.reset(save);
                return left;
            }
        }
    }

    private Expr escape(Expr like) {
        if (c.accept("escape")) {
            Expr esc = other();
            Expr.Op op = (Expr.Op) like;
            return new Expr.Op(op.op(), op.left(),
                    new Expr.Func(null, "like_escape", List.of(op.right(), esc), false, false, null));
        }
        return like;
    }

    private static boolean isGenericOperator(Token t) {
        if (t == null || t.type() != TokenType.OPERATOR) {
            return false;
        }
        return !COMPARISON.contains(t.text()) && !Set.of("+", "-", "*", "/", "%", "^", "::").contains(t.text());
    }

    private Expr other() {
        Expr left = add();
        while (true) {
            if (isGenericOperator(c.peek())) {
                String op = c.next().text();
                java.util.Optional<Expr> aa = anyAll(op, left);
                left = aa.isPresent() ? aa.get() : new Expr.Op(op, left, add());
            } else if (c.peekWord("operator") && c.peek(1) != null && c.peek(1).isPunct('(')) {
                c.next();
                Cursor inner = c.parenthesized();
                left = new Expr.Op("OPERATOR(" + inner.rest() + ")", left, add());
            } else {
                return left;
            }
        }
    }

    private Expr add() {
        Expr left = mul();
        while (c.acceptOperator("+") || peekMinusBinary()) {
            String op = c.tokens().get(c.position() - 1).text();
            left = new Expr.Op(op, left, mul());
        }
        return left;
    }

    private boolean peekMinusBinary() {
        return c.acceptOperator("-");
    }

    private Expr mul() {
        Expr left = exp();
        while (true) {
            Token t = c.peek();
            if (t != null && t.type() == TokenType.OPERATOR && Set.of("*", "/", "%").contains(t.text())) {
                c.next();
                left = new Expr.Op(t.text(), left, exp());
            } else {
                return left;
            }
        }
    }

    private Expr exp() {
        Expr left = at();
        while (c.acceptOperator("^")) {
            left = new Expr.Op("^", left, at());
        }
        return left;
    }

    private Expr at() {
        Expr left = collate();
        while (c.accept("at", "time", "zone")) {
            left = new Expr.AtTimeZone(left, collate());
        }
        return left;
    }

    private Expr collate() {
        Expr left = unary();
        while (!noCollate && c.accept("collate")) {
            List<String> name = c.qualifiedName();
            left = new Expr.Collate(left, collationName(name));
        }
        return left;
    }

    /** How {@code pg_get_expr} prints a collation: {@code "C"}, {@code pg_catalog."en_US"} unqualified. */
    static String collationName(List<String> name) {
        String n = name.get(name.size() - 1);
        if (name.size() > 1 && !name.get(0).equals("pg_catalog")) {
            return Idents.qualified(name.get(0), n);
        }
        return Idents.quote(n);
    }

    private Expr unary() {
        Token t = c.peek();
        if (t != null && t.type() == TokenType.OPERATOR && (t.text().equals("-") || t.text().equals("+"))) {
            c.next();
            Token n = c.peek();
            Token after = c.peek(1);
            if (n != null && n.type() == TokenType.NUMBER && !(after != null && after.type() == TokenType.OPERATOR
                    && after.text().equals("::")) && !(after != null && after.isPunct('['))) {
                c.next();
                return new Expr.NumberLit(t.text().equals("-") ? "-" + n.text() : n.text());
            }
            Expr arg = unary();
            return t.text().equals("-") ? new Expr.Op("-", null, arg) : arg;
        }
        return postfix();
    }

    private Expr postfix() {
        Expr e = primary();
        while (true) {
            if (c.acceptOperator("::")) {
                PgType type = TypeReader.read(c, scope.types()).type();
                if (e instanceof Expr.StringLit s && type.is("regclass")) {
                    e = new Expr.RegClass(scope.regclass(s.value()), s.value());
                } else {
                    e = new Expr.Cast(e, type);
                }
            } else if (c.peekPunct('[')) {
                int open = c.position();
                int close = c.matchingParen(open);
                Cursor inner = c.sub(open + 1, close);
                c.reset(close + 1);
                int colon = -1;
                for (int i = 0; i < inner.tokens().size(); i++) {
                    Token t = inner.tokens().get(i);
                    if (t.type() == TokenType.OPERATOR && t.text().equals(":")) {
                        colon = i;
                    }
                }
                if (colon < 0) {
                    e = new Expr.Subscript(e, ExprParser.parse(inner, scope), null, false);
                } else {
                    Cursor lo = inner.sub(0, colon);
                    Cursor hi = inner.sub(colon + 1, inner.tokens().size());
                    e = new Expr.Subscript(e, lo.atEnd() ? null : ExprParser.parse(lo, scope),
                            hi.atEnd() ? null : ExprParser.parse(hi, scope), true);
                }
            } else {
                return e;
            }
        }
    }

    /**
     * {@code B'0101'} and {@code X'1F'} are constants of type {@code bit}, which the server prints as the binary digits
     * with a cast: {@code '0101'::"bit"}, {@code '00011111'::"bit"}. Anything unexpected stays as written.
     */
    static Expr bitString(String text) {
        if (text.length() < 3 || text.charAt(1) != '\'' || text.charAt(text.length() - 1) != '\'') {
            return new Expr.Raw(text);
        }
        String body = text.substring(2, text.length() - 1);
        boolean hex = text.charAt(0) == 'X' || text.charAt(0) == 'x';
        StringBuilder bits = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (hex) {
                int digit = Character.digit(ch, 16);
                if (digit < 0) {
                    return new Expr.Raw(text);
                }
                for (int b = 3; b >= 0; b--) {
                    bits.append((digit >> b & 1) == 1 ? '1' : '0');
                }
            } else if (ch == '0' || ch == '1') {
                bits.append(ch);
            } else {
                return new Expr.Raw(text);
            }
        }
        return new Expr.Cast(new Expr.StringLit(bits.toString()), PgType.builtin("bit"));
    }

    private Expr primary() {
        Token t = c.peek();
        if (t == null) {
            throw new Cursor.Unsupported("expected an expression");
        }
        switch (t.type()) {
            case NUMBER:
                c.next();
                return new Expr.NumberLit(t.text());
            case STRING:
                c.next();
                if (t.text().length() > 0 && (t.text().charAt(0) == 'B' || t.text().charAt(0) == 'b'
                        || t.text().charAt(0) == 'X' || t.text().charAt(0) == 'x')) {
                    return bitString(t.text());
                }
                return new Expr.StringLit(t.value());
            case DOLLAR_STRING:
                c.next();
                return new Expr.StringLit(t.value());
            case PUNCTUATION:
                if (t.isPunct('(')) {
                    Cursor inner = c.parenthesized();
                    if (inner.peekWord("select") || inner.peekWord("with") || inner.peekWord("values")) {
                        return new Expr.Raw("(" + inner.rest() + ")");
                    }
                    List<Cursor> parts = inner.commaSeparated();
                    if (parts.size() != 1) {
                        return new Expr.Raw(c.text(c.position() - countTokens(inner) - 2, c.position()));
                    }
                    return ExprParser.parse(parts.get(0), scope);
                }
                throw new Cursor.Unsupported("unexpected " + t.text());
            case PARAMETER:
                c.next();
                return new Expr.Raw(t.text());
            case WORD:
            case QUOTED_IDENTIFIER:
                return word();
            default:
                throw new Cursor.Unsupported("unexpected " + t.text());
        }
    }

    private static int countTokens(Cursor inner) {
        return inner.tokens().size();
    }

    private Expr word() {
        Token t = c.peek();
        boolean plain = t.type() == TokenType.WORD;
        String w = t.value();
        Token next = c.peek(1);
        boolean call = next != null && next.isPunct('(');
        if (plain) {
            switch (w) {
                case "true":
                    c.next();
                    return new Expr.BoolLit(true);
                case "false":
                    c.next();
                    return new Expr.BoolLit(false);
                case "null":
                    c.next();
                    return new Expr.NullLit();
                case "case":
                    c.next();
                    return caseExpr();
                case "array":
                    c.next();
                    if (c.peekPunct('[')) {
                        return arrayLiteral();
                    }
                    Cursor sub = c.parenthesized();
                    return new Expr.Raw("ARRAY(" + sub.rest() + ")");
                case "exists":
                    c.next();
                    return new Expr.Raw("EXISTS (" + c.parenthesized().rest() + ")");
                case "row":
                    if (call) {
                        c.next();
                        return new Expr.Raw("ROW(" + c.parenthesized().rest() + ")");
                    }
                    break;
                case "cast":
                    if (call) {
                        c.next();
                        Cursor inner = c.parenthesized();
                        Cursor value = inner.until("as");
                        inner.expect("as");
                        PgType type = TypeReader.read(inner, scope.types()).type();
                        inner.expectEnd();
                        return new Expr.Cast(ExprParser.parse(value, scope), type);
                    }
                    break;
                case "extract":
                    if (call) {
                        c.next();
                        Cursor inner = c.parenthesized();
                        Token field = inner.next();
                        inner.expect("from");
                        return new Expr.Extract(field.type() == TokenType.STRING ? field.value() : field.value(),
                                ExprParser.parse(inner, scope));
                    }
                    break;
                case "trim":
                    if (call) {
                        c.next();
                        return trim(c.parenthesized());
                    }
                    break;
                case "position":
                case "substring":
                case "overlay":
                    if (call) {
                        Expr special = sqlSyntax(w);
                        if (special != null) {
                            return special;
                        }
                    }
                    break;
                default:
                    break;
            }
            if (SQL_VALUES.contains(w) && !call) {
                c.next();
                return new Expr.SqlValue(w.toUpperCase(Locale.ROOT));
            }
            if (call && Set.of("current_timestamp", "current_time", "localtime", "localtimestamp").contains(w)) {
                c.next();
                Cursor precision = c.parenthesized();
                Token p = precision.next();
                precision.expectEnd();
                return new Expr.SqlValue(w.toUpperCase(Locale.ROOT) + "(" + p.text() + ")");
            }
            if (!call && TypeReader.isBuiltinName(w)) {
                int save = c.position();
                try {
                    PgType type = TypeReader.read(c, scope.types()).type();
                    Token lit = c.peek();
                    if (lit != null && (lit.type() == TokenType.STRING || lit.type() == TokenType.DOLLAR_STRING)) {
                        c.next();
                        return new Expr.Cast(new Expr.StringLit(lit.value()), type);
                    }
                } catch (Cursor.Unsupported e) {
                    // not a typed literal
                }
                c.reset(save);
            }
        }
        int start = c.position();
        List<String> name = new ArrayList<>();
        name.add(c.identifier());
        while (c.peekPunct('.') && c.peek(1) != null) {
            Token part = c.peek(1);
            if (part.type() == TokenType.WORD || part.type() == TokenType.QUOTED_IDENTIFIER) {
                c.next();
                name.add(c.identifier());
            } else if (part.type() == TokenType.OPERATOR && part.text().equals("*")) {
                c.next();
                c.next();
                return new Expr.Raw(c.text(start, c.position()));
            } else {
                break;
            }
        }
        if (c.peekPunct('(')) {
            return functionCall(name, start);
        }
        if (name.size() == 1 && c.peek() != null
                && (c.peek().type() == TokenType.STRING || c.peek().type() == TokenType.DOLLAR_STRING)) {
            // user-type literal: mood 'happy'
            PgType type = scope.types().userType(null, name.get(0));
            return new Expr.Cast(new Expr.StringLit(c.next().value()), type);
        }
        ReplayModel.MColumn column = scope.column(name);
        String qualifier = name.size() == 2 && (name.get(0).equals("new") || name.get(0).equals("old"))
                ? name.get(0) : null;
        return new Expr.ColumnRef(column, name.get(name.size() - 1), qualifier);
    }

    private Expr functionCall(List<String> name, int start) {
        Cursor inner = c.parenthesized();
        String schema = name.size() > 1 ? name.get(name.size() - 2) : null;
        String fn = name.get(name.size() - 1);
        if (inner.atEnd()) {
            return new Expr.Func(schema, fn, List.of(), false, false, scope.function(schema, fn, 0));
        }
        if (inner.tokens().size() == 1 && inner.peek().type() == TokenType.OPERATOR
                && inner.peek().text().equals("*")) {
            return new Expr.Func(schema, fn, List.of(), true, false, null);
        }
        boolean distinct = inner.accept("distinct");
        List<Expr> args = new ArrayList<>();
        for (Cursor arg : inner.commaSeparated()) {
            if (arg.peekIdentifier() && arg.peek(1) != null && arg.peek(1).type() == TokenType.OPERATOR
                    && (arg.peek(1).text().equals("=>") || arg.peek(1).text().equals(":="))) {
                return new Expr.Raw(c.text(start, c.position()));
            }
            Expr a = parsePrefix(arg, scope);
            if (!arg.atEnd()) {
                // ORDER BY inside an aggregate, or anything else replay does not model
                return new Expr.Raw(c.text(start, c.position()));
            }
            if (args.isEmpty() && a instanceof Expr.StringLit s && schemaIsCatalog(schema)
                    && Set.of("nextval", "currval", "setval").contains(fn)) {
                a = new Expr.RegClass(scope.regclass(s.value()), s.value());
            }
            args.add(a);
        }
        if (c.peekWord("filter") || c.peekWord("over") || c.peekWord("within")) {
            throw new Cursor.Unsupported("aggregate or window call");
        }
        return new Expr.Func(schema, fn, args, false, distinct, scope.function(schema, fn, args.size()));
    }

    private static boolean schemaIsCatalog(String schema) {
        return schema == null || schema.equals("pg_catalog");
    }

    private Expr caseExpr() {
        Expr arg = null;
        if (!c.peekWord("when")) {
            arg = or();
        }
        List<Expr> whens = new ArrayList<>();
        List<Expr> thens = new ArrayList<>();
        while (c.accept("when")) {
            whens.add(or());
            c.expect("then");
            thens.add(or());
        }
        Expr otherwise = null;
        if (c.accept("else")) {
            otherwise = or();
        }
        c.expect("end");
        return new Expr.Case(arg, whens, thens, otherwise);
    }

    private Expr arrayLiteral() {
        int open = c.position();
        int close = c.matchingParen(open);
        Cursor inner = c.sub(open + 1, close);
        c.reset(close + 1);
        List<Expr> items = new ArrayList<>();
        if (!inner.atEnd()) {
            for (Cursor item : inner.commaSeparated()) {
                if (item.peekPunct('[')) {
                    items.add(new Expr.Raw("ARRAY" + item.rest()));
                } else {
                    items.add(ExprParser.parse(item, scope));
                }
            }
        }
        return new Expr.ArrayLit(items);
    }

    /** POSITION(a IN b), SUBSTRING(x FROM a FOR b), OVERLAY(x PLACING y FROM a FOR b); null for call syntax. */
    private Expr sqlSyntax(String kind) {
        int save = c.position();
        c.next();
        Cursor inner = c.parenthesized();
        String[] words = switch (kind) {
            case "position" -> new String[] {"in"};
            case "substring" -> new String[] {"from", "for"};
            default -> new String[] {"placing", "from", "for"};
        };
        List<Expr> parts = new ArrayList<>();
        Cursor first = inner.until(words);
        if (inner.atEnd()) {
            c.reset(save);
            return null;
        }
        parts.add(ExprParser.parse(first, scope));
        Expr[] slots = new Expr[words.length];
        while (!inner.atEnd()) {
            String w = inner.next().value();
            int i = java.util.Arrays.asList(words).indexOf(w);
            if (i < 0) {
                throw new Cursor.Unsupported(kind.toUpperCase(Locale.ROOT) + inner.near());
            }
            slots[i] = ExprParser.parse(inner.until(words), scope);
        }
        parts.addAll(java.util.Arrays.asList(slots));
        return new Expr.SqlSyntax(kind, parts);
    }

    private Expr trim(Cursor inner) {
        String where = "BOTH";
        if (inner.accept("both")) {
            where = "BOTH";
        } else if (inner.accept("leading")) {
            where = "LEADING";
        } else if (inner.accept("trailing")) {
            where = "TRAILING";
        }
        if (inner.accept("from")) {
            return new Expr.Trim(where, null, ExprParser.parse(inner, scope));
        }
        Cursor first = inner.until("from");
        if (inner.accept("from")) {
            return new Expr.Trim(where, ExprParser.parse(first, scope), ExprParser.parse(inner, scope));
        }
        List<Cursor> parts = first.commaSeparated();
        if (parts.size() == 1) {
            return new Expr.Trim(where, null, ExprParser.parse(parts.get(0), scope));
        }
        return new Expr.Trim(where, ExprParser.parse(parts.get(1), scope), ExprParser.parse(parts.get(0), scope));
    }

    private Expr subqueryOr(Cursor inner) {
        if (inner.peekWord("select") || inner.peekWord("with") || inner.peekWord("values")) {
            return new Expr.Raw("(" + inner.rest() + ")");
        }
        return ExprParser.parse(inner, scope);
    }

    /** Text of an already parsed expression, for building a raw rendering around it. */
    private String rawText(Expr e) {
        return e instanceof Expr.Raw r ? r.text() : e instanceof Expr.ColumnRef col ? Idents.quote(col.currentName())
                : "?";
    }

    static boolean isStopWord(String w) {
        return STOP_WORDS.contains(w);
    }
}
