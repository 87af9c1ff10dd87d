package io.github.migrationguard.sql;

/**
 * Measures how deeply a statement nests brackets, as JSqlParser's lexer will see it, without parsing it.
 *
 * <p>JSqlParser is a recursive-descent parser: every level of {@code (}, {@code [} or {@code CASE}-in-parentheses costs
 * it dozens of stack frames, so a statement nested a few hundred levels deep overflows a small thread stack. This
 * scan is the cheap guard in front of it. It skips what the lexer treats as one token: {@code '...'} strings (quotes
 * doubled, no backslash escapes, as configured for PostgreSQL), {@code "..."} identifiers, {@code $tag$...$tag$}
 * bodies, and comments (which our front end has normally removed already). Over-counting only makes us refuse a
 * statement; under-counting is backstopped by catching {@link StackOverflowError}.
 */
final class JsqlNesting {

    private JsqlNesting() {
    }

    /**
     * The deepest bracket nesting in {@code sql}; stops scanning (and returns a value above {@code stopAbove}) as soon
     * as the depth exceeds {@code stopAbove}.
     */
    static int depth(String sql, int stopAbove) {
        int n = sql.length();
        int depth = 0;
        int max = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            switch (c) {
                case '(', '[', '{' -> {
                    depth++;
                    if (depth > max) {
                        max = depth;
                        if (max > stopAbove) {
                            return max;
                        }
                    }
                    i++;
                }
                case ')', ']', '}' -> {
                    if (depth > 0) {
                        depth--;
                    }
                    i++;
                }
                case '\'' -> i = skipQuoted(sql, i, '\'');
                case '"' -> i = skipQuoted(sql, i, '"');
                case '$' -> i = skipDollar(sql, i);
                case '-' -> i = (i + 1 < n && sql.charAt(i + 1) == '-') ? skipLine(sql, i) : i + 1;
                case '/' -> i = (i + 1 < n && sql.charAt(i + 1) == '*') ? skipBlockComment(sql, i) : i + 1;
                default -> i++;
            }
        }
        return max;
    }

    /** Index just past a quoted token starting at {@code start}; a doubled quote stays inside. */
    private static int skipQuoted(String sql, int start, char quote) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }

    /** Index just past a dollar-quoted body starting at {@code start}, or {@code start + 1} when it is not one. */
    private static int skipDollar(String sql, int start) {
        int n = sql.length();
        if (start > 0 && isIdentifierPart(sql.charAt(start - 1))) {
            return start + 1; // a $ inside an identifier such as a$b
        }
        int i = start + 1;
        if (i < n && isTagStart(sql.charAt(i))) {
            i++;
            while (i < n && isTagPart(sql.charAt(i))) {
                i++;
            }
        }
        if (i >= n || sql.charAt(i) != '$') {
            return start + 1; // $1 parameter or a stray $
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? n : close + tag.length();
    }

    private static int skipLine(String sql, int start) {
        int nl = sql.indexOf('\n', start);
        return nl < 0 ? sql.length() : nl + 1;
    }

    private static int skipBlockComment(String sql, int start) {
        int close = sql.indexOf("*/", start + 2);
        return close < 0 ? sql.length() : close + 2;
    }

    private static boolean isTagStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isTagPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
