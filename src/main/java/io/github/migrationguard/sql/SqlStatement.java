package io.github.migrationguard.sql;

import java.util.List;

/**
 * One statement as psql would send it to the server, or one psql meta-command.
 *
 * @param start    offset of the first significant token (comments before it are not part of the statement)
 * @param end      offset just past the terminating {@code ;} (or past the last token when unterminated at EOF)
 * @param text     the source slice {@code [start, end)}
 * @param tokens   significant tokens in order, excluding comments; includes the terminating {@code ;}
 * @param metaCommand true when this "statement" is a psql backslash meta-command line
 */
public record SqlStatement(int start, int end, String text, List<Token> tokens, boolean metaCommand) {

    /** Tokens without the trailing semicolon. */
    public List<Token> body() {
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isPunct(';')) {
            return tokens.subList(0, tokens.size() - 1);
        }
        return tokens;
    }
}
