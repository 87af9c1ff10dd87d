package io.github.migrationguard.sql.analysis;

import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.List;
import java.util.Locale;

/**
 * A string constant as the server sees it: one string or dollar-quoted token, plus the {@code '...'} segments that
 * continue it on following lines, plus the {@code UESCAPE} clause of a {@code U&'...'} string.
 *
 * @param value        the decoded value, or null when it cannot be decoded (bit strings, a bad Unicode escape)
 * @param first        index of the first token
 * @param next         index of the first token after the constant
 * @param start        source offset of the first char
 * @param end          source offset just past the last char
 * @param contentStart source offset of the value's first char when the value is exactly the source slice
 *                     {@code [contentStart, contentStart + value.length())}, otherwise -1
 */
record Literal(String value, int first, int next, int start, int end, int contentStart) {

    boolean inPlace() {
        return contentStart >= 0;
    }

    /** The constant starting at token {@code i}, or null when token i is not a string. */
    static Literal at(List<Token> t, int i, String src) {
        if (i < 0 || i >= t.size()) {
            return null;
        }
        Token tok = t.get(i);
        if (tok.type() == TokenType.DOLLAR_STRING) {
            int cs = tok.contentStart();
            String v = tok.value();
            boolean same = cs + v.length() <= tok.end() && src.startsWith(v, cs);
            return new Literal(v, i, i + 1, tok.start(), tok.end(), same ? cs : -1);
        }
        if (tok.type() != TokenType.STRING) {
            return null;
        }
        String prefix = tok.text().substring(0, Math.max(0, tok.text().indexOf('\''))).toLowerCase(Locale.ROOT);
        StringBuilder value = new StringBuilder(tok.value());
        int k = i + 1;
        // '...' segments separated only by whitespace with a newline continue the constant
        while (k < t.size() && t.get(k).type() == TokenType.STRING && t.get(k).text().startsWith("'")) {
            value.append(t.get(k).value());
            k++;
        }
        int end = t.get(k - 1).end();
        if (prefix.equals("b") || prefix.equals("x")) {
            return new Literal(null, i, k, tok.start(), end, -1);
        }
        String v = value.toString();
        if (prefix.equals("u&")) {
            char escape = '\\';
            if (k + 1 < t.size() && t.get(k).isWord("uescape") && t.get(k + 1).type() == TokenType.STRING) {
                String e = t.get(k + 1).value();
                if (e.length() != 1) {
                    return new Literal(null, i, k + 2, tok.start(), t.get(k + 1).end(), -1);
                }
                escape = e.charAt(0);
                end = t.get(k + 1).end();
                k += 2;
            }
            String decoded = decodeUnicode(v, escape);
            return new Literal(decoded, i, k, tok.start(), end, -1);
        }
        int cs = tok.contentStart();
        boolean same = k == i + 1 && cs + v.length() == tok.end() - 1 && src.startsWith(v, cs);
        return new Literal(v, i, k, tok.start(), end, same ? cs : -1);
    }

    /** Decodes {@code \XXXX}, {@code \+XXXXXX} and a doubled escape char; null when an escape is malformed. */
    static String decodeUnicode(String raw, char escape) {
        StringBuilder sb = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != escape) {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 < raw.length() && raw.charAt(i + 1) == escape) {
                sb.append(escape);
                i += 2;
                continue;
            }
            int digits = 4;
            int from = i + 1;
            if (from < raw.length() && raw.charAt(from) == '+') {
                digits = 6;
                from++;
            }
            if (from + digits > raw.length()) {
                return null;
            }
            int cp;
            try {
                cp = Integer.parseInt(raw.substring(from, from + digits), 16);
            } catch (NumberFormatException e) {
                return null;
            }
            if (cp == 0 || !Character.isValidCodePoint(cp)) {
                return null;
            }
            sb.appendCodePoint(cp);
            i = from + digits;
        }
        return sb.toString();
    }
}
