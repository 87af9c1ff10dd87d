package io.github.migrationguard.sql;

import java.util.List;

/**
 * Output of the splitter for one file.
 *
 * @param statements statements and meta-commands in source order (COPY data belongs to its COPY statement's tokens)
 * @param comments   every comment in the file, in source order (acknowledgements live in comments)
 * @param problems   unterminated constructs and invalid chars, with exact offsets
 */
public record SplitResult(List<SqlStatement> statements, List<Token> comments, List<LexProblem> problems) {
}
