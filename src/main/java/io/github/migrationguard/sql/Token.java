package io.github.migrationguard.sql;

import java.util.Locale;

/**
 * One lexical token.
 *
 * @param type  kind of token
 * @param start offset (UTF-16 index) of the first char in the analysed text
 * @param end   offset just past the last char
 * @param text  the exact source slice {@code [start, end)}
 * @param value decoded value: lower-cased word for {@link TokenType#WORD}; unquoted name for quoted identifiers;
 *              decoded content for strings; body for dollar strings; otherwise the text
 */
public record Token(TokenType type, int start, int end, String text, String value) {

    /** True when this is an unquoted word equal (case-insensitively) to {@code keyword}. */
    public boolean isWord(String keyword) {
        return type == TokenType.WORD && value.equals(keyword.toLowerCase(Locale.ROOT));
    }

    /** True when this is an unquoted word equal to any of {@code keywords}. */
    public boolean isAnyWord(String... keywords) {
        if (type != TokenType.WORD) {
            return false;
        }
        for (String k : keywords) {
            if (value.equals(k.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    public boolean isPunct(char c) {
        return type == TokenType.PUNCTUATION && text.length() == 1 && text.charAt(0) == c;
    }

    public boolean isComment() {
        return type == TokenType.LINE_COMMENT || type == TokenType.BLOCK_COMMENT;
    }

    /** Offset of the first char of a dollar string's body, or of a plain string's content. */
    public int contentStart() {
        if (type == TokenType.DOLLAR_STRING) {
            return start + text.indexOf('$', 1) + 1;
        }
        if (type == TokenType.STRING) {
            return start + text.indexOf('\'') + 1;
        }
        return start;
    }
}
