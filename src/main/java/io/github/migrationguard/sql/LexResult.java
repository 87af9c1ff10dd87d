package io.github.migrationguard.sql;

import java.util.List;

/**
 * Output of {@link PsqlLexer#lex(String, int, int)}.
 *
 * @param tokens   significant tokens in source order (comments excluded)
 * @param comments line and block comments in source order
 * @param problems unterminated constructs and invalid chars, with exact offsets
 */
public record LexResult(List<Token> tokens, List<Token> comments, List<LexProblem> problems) {
}
