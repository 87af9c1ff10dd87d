package io.github.migrationguard.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexes PostgreSQL source the way psql does when it looks for statement boundaries: quoted strings (plain,
 * {@code E''}, {@code U&''}, {@code B''}, {@code X''}, {@code N''}), quoted identifiers, dollar quotes with tags,
 * nested block comments, line comments, numbers, operators, psql variables and backslash meta-commands.
 *
 * <p>The lexer gives {@code ;} no special meaning (the {@link StatementSplitter} does), so it can also re-lex the body
 * of a dollar-quoted function, a {@code DO} block or an {@code EXECUTE} string. It never throws on bad input:
 * unterminated constructs become a token running to the end of the range plus a {@link LexProblem}; control chars are
 * skipped and reported.
 */
public final class PsqlLexer {

    private PsqlLexer() {
    }

    /**
     * Lexes {@code [from, to)} of {@code text}. Token offsets are absolute offsets into {@code text}. Out-of-range
     * bounds are clamped to the text.
     */
    public static LexResult lex(String text, int from, int to) {
        if (text == null) {
            text = "";
        }
        int s = Math.max(0, Math.min(from, text.length()));
        int e = Math.max(s, Math.min(to, text.length()));
        List<Token> tokens = new ArrayList<>();
        List<Token> comments = new ArrayList<>();
        List<LexProblem> problems = new ArrayList<>();
        PsqlScanner scanner = new PsqlScanner(text, s, e, problems);
        for (Token t = scanner.next(); t != null; t = scanner.next()) {
            if (t.isComment()) {
                comments.add(t);
            } else {
                tokens.add(t);
            }
        }
        return new LexResult(List.copyOf(tokens), List.copyOf(comments), List.copyOf(problems));
    }

    /** Lexes the whole of {@code text}. */
    public static LexResult lex(String text) {
        return lex(text, 0, text == null ? 0 : text.length());
    }
}
