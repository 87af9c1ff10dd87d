package io.github.migrationguard.sql.analysis;

import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tells whether the condition of an UPDATE's WHERE can pick rows at all. A condition that never looks at the row (no
 * column, no variable, no parameter, no subquery) matches either every row or none: {@code WHERE 1 = 1},
 * {@code WHERE (true)}, {@code WHERE 2 > 1}, {@code WHERE NOT false}, {@code WHERE 'a' IS NOT NULL},
 * {@code WHERE id = 5 OR 1 = 1}. Such an UPDATE is an UPDATE without WHERE unless the condition is provably false.
 *
 * <p>Evaluation is deliberately small: {@code OR}, {@code AND}, {@code NOT}, parentheses, the literals
 * {@code true}/{@code false}/{@code null}, boolean strings, and comparisons of two numbers or two strings. A
 * row-independent condition it cannot evaluate counts as matching every row (fail-closed); a condition with any name
 * in it counts as picking rows.
 */
final class WhereCondition {

    /** What a condition is known to be. */
    enum Value {
        /** True for every row. */
        TRUE,
        /** False for every row: the UPDATE changes nothing. */
        FALSE,
        /** Does not look at the row, but was not evaluated: all rows or none. */
        CONSTANT,
        /** Looks at the row (or at something we cannot see): it picks rows. */
        ROW
    }

    /** Words that can appear in a condition without referring to the row. */
    private static final Set<String> CONSTANT_WORDS = Set.of("true", "false", "null", "not", "and", "or", "is",
            "in", "between", "symmetric", "like", "ilike", "similar", "to", "escape", "distinct", "from", "unknown",
            "isnull", "notnull", "array", "case", "when", "then", "else", "end", "cast", "as", "interval",
            "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user",
            "session_user", "current_role", "user");

    private static final Set<String> TRUE_STRINGS = Set.of("t", "true", "y", "yes", "on", "1");
    private static final Set<String> FALSE_STRINGS = Set.of("f", "false", "n", "no", "off", "0");

    private static final int MAX_DEPTH = 64;

    private final DestructiveScanner.Pass p;

    WhereCondition(DestructiveScanner.Pass p) {
        this.p = p;
    }

    /** The value of the condition made of tokens [from, to). */
    Value evaluate(int from, int to) {
        return value(from, to, 0);
    }

    private Value value(int s, int e, int nesting) {
        if (s >= e || nesting > MAX_DEPTH) {
            return Value.ROW;
        }
        while (e - s >= 2 && p.tok(s).isPunct('(') && p.matchOf(s) == e - 1) {
            s++;
            e--;
        }
        if (s >= e) {
            return Value.ROW;
        }
        int base = p.depthAt(s);
        List<int[]> ors = split(s, e, base, "or");
        if (ors.size() > 1) {
            Value result = Value.FALSE;
            for (int[] part : ors) {
                result = or(result, value(part[0], part[1], nesting + 1));
            }
            return result;
        }
        if (!hasWordAt(s, e, base, "between")) {
            List<int[]> ands = split(s, e, base, "and");
            if (ands.size() > 1) {
                Value result = Value.TRUE;
                for (int[] part : ands) {
                    result = and(result, value(part[0], part[1], nesting + 1));
                }
                return result;
            }
        }
        if (p.tok(s).isWord("not")) {
            return not(value(s + 1, e, nesting + 1));
        }
        return leaf(s, e);
    }

    private static Value or(Value a, Value b) {
        if (a == Value.TRUE || b == Value.TRUE) {
            return Value.TRUE;
        }
        if (a == Value.CONSTANT || b == Value.CONSTANT) {
            return Value.CONSTANT;
        }
        if (a == Value.ROW || b == Value.ROW) {
            return Value.ROW;
        }
        return Value.FALSE;
    }

    private static Value and(Value a, Value b) {
        if (a == Value.FALSE || b == Value.FALSE) {
            return Value.FALSE;
        }
        if (a == Value.ROW || b == Value.ROW) {
            return Value.ROW;
        }
        if (a == Value.CONSTANT || b == Value.CONSTANT) {
            return Value.CONSTANT;
        }
        return Value.TRUE;
    }

    private static Value not(Value v) {
        return switch (v) {
            case TRUE -> Value.FALSE;
            case FALSE -> Value.TRUE;
            default -> v;
        };
    }

    /** Parts of [s, e) separated by the word {@code w} at depth {@code base}. */
    private List<int[]> split(int s, int e, int base, String w) {
        List<int[]> parts = new ArrayList<>();
        int start = s;
        for (int k = s; k < e; k++) {
            if (p.depthAt(k) == base && p.tok(k).isWord(w)) {
                parts.add(new int[] {start, k});
                start = k + 1;
            }
        }
        parts.add(new int[] {start, e});
        return parts;
    }

    private boolean hasWordAt(int s, int e, int base, String w) {
        for (int k = s; k < e; k++) {
            if (p.depthAt(k) == base && p.tok(k).isWord(w)) {
                return true;
            }
        }
        return false;
    }

    /** A condition without top-level OR, AND or NOT. */
    private Value leaf(int s, int e) {
        for (int k = s; k < e; k++) {
            Token x = p.tok(k);
            switch (x.type()) {
                case NUMBER, STRING, DOLLAR_STRING, OPERATOR -> {
                }
                case PUNCTUATION -> {
                    if (x.isPunct('.') || x.isPunct(';')) {
                        return Value.ROW;
                    }
                }
                case WORD -> {
                    boolean castType = k > s && p.tok(k - 1).type() == TokenType.OPERATOR
                            && p.tok(k - 1).text().equals("::");
                    boolean call = k + 1 < e && p.tok(k + 1).isPunct('(');
                    if (!castType && !call && !CONSTANT_WORDS.contains(x.value())) {
                        return Value.ROW;
                    }
                    if (call && x.isAnyWord("exists", "select", "values", "table")) {
                        return Value.ROW;
                    }
                }
                default -> {
                    return Value.ROW; // quoted identifier, parameter, psql variable, ...
                }
            }
        }
        return exact(s, e);
    }

    /** The value of a row-independent leaf when it is one of the few shapes we evaluate. */
    private Value exact(int s, int e) {
        int len = e - s;
        if (len == 1) {
            Token x = p.tok(s);
            if (x.isWord("true")) {
                return Value.TRUE;
            }
            if (x.isAnyWord("false", "null")) {
                return Value.FALSE;
            }
            if (x.type() == TokenType.STRING) {
                String v = x.value().strip().toLowerCase(java.util.Locale.ROOT);
                if (TRUE_STRINGS.contains(v)) {
                    return Value.TRUE;
                }
                if (FALSE_STRINGS.contains(v)) {
                    return Value.FALSE;
                }
            }
            return Value.CONSTANT;
        }
        if (len == 3 && p.tok(s + 1).type() == TokenType.OPERATOR) {
            Token a = p.tok(s);
            Token b = p.tok(s + 2);
            String op = p.tok(s + 1).text();
            if (a.type() == TokenType.NUMBER && b.type() == TokenType.NUMBER) {
                Integer cmp = compareNumbers(a.text(), b.text());
                return cmp == null ? Value.CONSTANT : comparison(op, cmp, true);
            }
            if (a.type() == TokenType.STRING && b.type() == TokenType.STRING) {
                return comparison(op, a.value().equals(b.value()) ? 0 : 1, false);
            }
        }
        return Value.CONSTANT;
    }

    private static Integer compareNumbers(String a, String b) {
        try {
            return new BigDecimal(a.replace("_", "")).compareTo(new BigDecimal(b.replace("_", "")));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code cmp} is the comparison result; for strings only equality is known (ordering depends on collation). */
    private static Value comparison(String op, int cmp, boolean ordered) {
        return switch (op) {
            case "=" -> cmp == 0 ? Value.TRUE : Value.FALSE;
            case "<>", "!=" -> cmp != 0 ? Value.TRUE : Value.FALSE;
            case "<" -> ordered ? (cmp < 0 ? Value.TRUE : Value.FALSE) : Value.CONSTANT;
            case ">" -> ordered ? (cmp > 0 ? Value.TRUE : Value.FALSE) : Value.CONSTANT;
            case "<=" -> ordered ? (cmp <= 0 ? Value.TRUE : Value.FALSE) : Value.CONSTANT;
            case ">=" -> ordered ? (cmp >= 0 ? Value.TRUE : Value.FALSE) : Value.CONSTANT;
            default -> Value.CONSTANT;
        };
    }
}
