package io.github.migrationguard.sql;

import java.util.List;

/**
 * One statement as psql would send it to the server, or one psql meta-command.
 *
 * @param start    offset of the first significant token (comments before it are not part of the statement)
 * @param end      offset just past the terminating {@code ;} (or past the last token when unterminated at EOF)
 * @param text     the source slice {@code [start, end)}
 * @param tokens   significant tokens in order, excluding comments; includes the terminating {@code ;}; for
 *                 {@code COPY ... FROM stdin} a single {@link TokenType#COPY_DATA} token follows the {@code ;} (the
 *                 data is not part of {@code text}, {@code end} stays at the {@code ;})
 * @param metaCommand true when this "statement" is a psql backslash meta-command line
 */
public record SqlStatement(int start, int end, String text, List<Token> tokens, boolean metaCommand) {

    /** Tokens without the trailing semicolon. */
    public List<Token> body() {
        int n = tokens.size();
        if (n > 0 && tokens.get(n - 1).type() == TokenType.COPY_DATA) {
            n--;
        }
        if (n > 0 && tokens.get(n - 1).isPunct(';')) {
            n--;
        }
        return tokens.subList(0, n);
    }
}
