package io.github.migrationguard.sql;

/**
 * Something the lexer could not close or does not accept, at an exact offset.
 *
 * @param kind  what went wrong
 * @param start offset where the offending construct begins
 * @param end   offset where the lexer stopped looking (end of input for unterminated constructs)
 * @param detail human-readable detail, e.g. {@code unterminated dollar-quoted string $fn$}
 */
public record LexProblem(Kind kind, int start, int end, String detail) {
    public enum Kind {
        UNTERMINATED_STRING,
        UNTERMINATED_QUOTED_IDENTIFIER,
        UNTERMINATED_DOLLAR_STRING,
        UNTERMINATED_BLOCK_COMMENT,
        UNTERMINATED_COPY_DATA,
        /** A char that starts no valid token (e.g. a stray NUL or a lone backslash inside SQL). */
        INVALID_CHARACTER
    }
}
