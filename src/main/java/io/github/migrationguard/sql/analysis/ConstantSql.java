package io.github.migrationguard.sql.analysis;

import io.github.migrationguard.sql.Keywords;
import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rebuilds the SQL text of a plpgsql expression when it is known before run time: string literals, numbers,
 * {@code ||} concatenations, {@code concat(...)}, {@code format()} whose format string is constant, and the quoting
 * functions. A value that only becomes known at run time is allowed only where it cannot carry SQL: a quoted literal
 * ({@code %L}, {@code quote_literal(x)}, {@code quote_nullable(x)} become {@code 'x'}) or an identifier ({@code %I},
 * {@code quote_ident(x)} and a plpgsql variable of type {@code regclass} and the like become a placeholder word whose
 * position the scanner checks). Anything else (another variable, a {@code %s} of such a variable, a function result,
 * a subquery) makes the whole expression unknown.
 */
final class ConstantSql {

    /** Rebuilt text; {@code identifiers} counts the placeholders for run-time identifiers in it. */
    record Built(String text, boolean literal, int identifiers) {
    }


    /** Deeper expressions are not evaluated (they are reported as built at run time). */
    private static final int MAX_DEPTH = 64;

    private final DestructiveScanner.Pass p;
    private int placeholders;
    private int depth;

    ConstantSql(DestructiveScanner.Pass p) {
        this.p = p;
    }

    /** The text of tokens [from, to), or null when it depends on run-time values that could carry SQL. */
    Built evaluate(int from, int to) {
        String s = concat(from, to);
        return s == null ? null : new Built(s, false, placeholders);
    }

    /** a || b || ... */
    private String concat(int from, int to) {
        if (from >= to || depth >= MAX_DEPTH) {
            return null;
        }
        depth++;
        try {
            return concatPieces(from, to);
        } finally {
            depth--;
        }
    }

    private String concatPieces(int from, int to) {
        StringBuilder sb = new StringBuilder();
        int s = from;
        int d = p.depthAt(from);
        for (int k = from; k <= to; k++) {
            boolean bar = k < to && p.depthAt(k) == d && p.tok(k).type() == TokenType.OPERATOR
                    && p.tok(k).text().equals("||");
            if (k == to || bar) {
                String piece = piece(s, k);
                if (piece == null) {
                    return null;
                }
                sb.append(piece);
                s = k + 1;
            }
        }
        return sb.toString();
    }

    /** One operand of ||. */
    private String piece(int from, int to) {
        to = stripCast(from, to);
        if (from >= to) {
            return null;
        }
        Token first = p.tok(from);
        Literal lit = Literal.at(p.tokens(), from, p.source());
        if (lit != null) {
            return lit.next() == to ? lit.value() : null;
        }
        if (to == from + 1) {
            if (first.type() == TokenType.NUMBER) {
                return first.text();
            }
            // a regclass variable prints as a relation name: like quote_ident(), never SQL
            return p.identifierVariable(first) ? DestructiveScanner.IDENT_PLACEHOLDER + (placeholders++) : null;
        }
        if (first.isPunct('(') && p.matchOf(from) == to - 1) {
            return concat(from + 1, to - 1);
        }
        int nameAt = from;
        if (to > from + 2 && p.tok(from).isWord("pg_catalog") && p.tok(from + 1).isPunct('.')) {
            nameAt = from + 2;
        }
        Token fn = p.tok(nameAt);
        int open = nameAt + 1;
        if (fn.type() != TokenType.WORD || open >= to || !p.tok(open).isPunct('(') || p.matchOf(open) != to - 1) {
            return null;
        }
        List<int[]> args = arguments(open, to - 1);
        if (args == null) {
            return null;
        }
        return switch (fn.value()) {
            case "quote_ident" -> args.size() == 1 ? identifier(args.get(0)) : null;
            case "quote_literal", "quote_nullable" -> args.size() == 1 ? literal(args.get(0)) : null;
            case "format" -> format(args);
            case "concat" -> concatFunction(args);
            default -> null;
        };
    }

    /** Drops trailing casts {@code ::type} and {@code ::type(n)}. */
    private int stripCast(int from, int to) {
        int typeWord = to - 1;
        if (typeWord > from && p.tok(typeWord).isPunct(')')) {
            int open = p.matchOf(typeWord);
            if (open <= from + 1) {
                return to;
            }
            typeWord = open - 1;
        }
        if (typeWord - 1 > from && p.tok(typeWord).type() == TokenType.WORD) {
            Token op = p.tok(typeWord - 1);
            if (op.type() == TokenType.OPERATOR && op.text().equals("::")) {
                return stripCast(from, typeWord - 1);
            }
        }
        return to;
    }

    private List<int[]> arguments(int open, int close) {
        List<int[]> args = new ArrayList<>();
        int d = p.depthAt(open) + 1;
        int s = open + 1;
        for (int k = open + 1; k <= close; k++) {
            if (k == close || (p.depthAt(k) == d && p.tok(k).isPunct(','))) {
                if (k == s) {
                    return k == close && args.isEmpty() ? args : null;
                }
                if (p.tok(s).isWord("variadic")) {
                    return null;
                }
                args.add(new int[] {s, k});
                s = k + 1;
            }
        }
        return args;
    }

    /** A value that becomes an identifier: constant → quoted like quote_ident, otherwise a placeholder. */
    private String identifier(int[] arg) {
        String v = constant(arg);
        if (v != null) {
            return quoteIdent(v);
        }
        return DestructiveScanner.IDENT_PLACEHOLDER + (placeholders++);
    }

    /** A value that becomes a quoted literal: it can never carry SQL. */
    private String literal(int[] arg) {
        String v = constant(arg);
        return v != null ? "'" + v.replace("'", "''") + "'" : "'x'";
    }

    /** The constant value of an argument, or null when it is only known at run time. */
    private String constant(int[] arg) {
        if (arg[1] == arg[0] + 1 && p.tok(arg[0]).isWord("null")) {
            return null;
        }
        int before = placeholders;
        String v = concat(arg[0], arg[1]);
        if (v == null || placeholders != before) {
            placeholders = before;
            return null;
        }
        return v;
    }

    static String quoteIdent(String v) {
        boolean plain = !v.isEmpty() && (Character.isLowerCase(v.charAt(0)) || v.charAt(0) == '_')
                && v.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')
                && v.charAt(0) < 128 && !Keywords.RESERVED.contains(v);
        return plain ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private String concatFunction(List<int[]> args) {
        StringBuilder sb = new StringBuilder();
        for (int[] a : args) {
            if (a[1] == a[0] + 1 && p.tok(a[0]).isWord("null")) {
                continue;
            }
            String v = concat(a[0], a[1]);
            if (v == null) {
                return null;
            }
            sb.append(v);
        }
        return sb.toString();
    }

    /** format(fmt, args...) with %I, %L, %% and %s of constants; positions {@code %2$I} and flag {@code -}. */
    private String format(List<int[]> args) {
        if (args.isEmpty()) {
            return null;
        }
        String fmt = constant(args.get(0));
        if (fmt == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        int nextArg = 1;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= fmt.length()) {
                return null;
            }
            if (fmt.charAt(i) == '%') {
                sb.append('%');
                i++;
                continue;
            }
            int argIndex = nextArg;
            int digits = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                i++;
            }
            if (i > digits && i < fmt.length() && fmt.charAt(i) == '$') {
                argIndex = Integer.parseInt(fmt.substring(digits, i));
                i++;
            } else {
                i = digits;
            }
            while (i < fmt.length() && fmt.charAt(i) == '-') {
                i++;
            }
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                i++; // a width pads with spaces: harmless
            }
            if (i >= fmt.length() || argIndex < 1 || argIndex >= args.size()) {
                return null;
            }
            char type = fmt.charAt(i++);
            int[] arg = args.get(argIndex);
            nextArg = argIndex + 1;
            switch (type) {
                case 'I' -> sb.append(identifier(arg));
                case 'L' -> sb.append(literal(arg));
                case 's' -> {
                    if (arg[1] == arg[0] + 1 && p.tok(arg[0]).isWord("null")) {
                        break;
                    }
                    String v = concat(arg[0], arg[1]);
                    if (v == null) {
                        return null;
                    }
                    sb.append(v);
                }
                default -> {
                    return null;
                }
            }
        }
        return sb.toString();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
