package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.Rule;
import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.lint.RuleInfo;
import io.github.migrationguard.sql.LexProblem;

/**
 * Fail-closed: an unterminated string, quoted identifier, dollar quote, block comment or COPY data block swallows the
 * rest of the file, and an invalid char means the text is not SQL as PostgreSQL reads it.
 */
@RuleInfo(id = BanUnterminatedSqlRule.ID,
        summary = "Unterminated quotes, comments or COPY data hide the rest of the file from every check.",
        category = "fail-closed",
        safeAlternative = "Close the construct where it was meant to end; everything after it was not checked.")
public final class BanUnterminatedSqlRule implements Rule {

    static final String ID = "ban-unterminated-sql";

    @Override
    public void check(RuleContext context) {
        String text = context.source().text();
        for (LexProblem p : context.lexProblems()) {
            int lineEnd = p.start();
            while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            String detail = p.detail() == null || p.detail().isBlank() ? what(p.kind()) : Messages.oneLine(p.detail());
            String consequence = p.kind() == LexProblem.Kind.INVALID_CHARACTER
                    ? ": PostgreSQL does not accept this char here, so the statement is not the SQL it appears to be."
                    : " starts here and is never closed: everything after it up to the end of the file is read as"
                            + " part of it, so none of that SQL was checked.";
            context.report(p.start(), Messages.end(context, p.start(), Math.min(p.end(), lineEnd)),
                    capitalize(detail) + consequence, fix(p.kind()));
        }
    }

    private static String what(LexProblem.Kind kind) {
        return switch (kind) {
            case UNTERMINATED_STRING -> "string literal";
            case UNTERMINATED_QUOTED_IDENTIFIER -> "quoted identifier";
            case UNTERMINATED_DOLLAR_STRING -> "dollar-quoted string";
            case UNTERMINATED_BLOCK_COMMENT -> "block comment";
            case UNTERMINATED_COPY_DATA -> "COPY ... FROM stdin data";
            case INVALID_CHARACTER -> "invalid char";
        };
    }

    private static String fix(LexProblem.Kind kind) {
        return switch (kind) {
            case UNTERMINATED_STRING -> "Close the string with ' (write a quote inside a string as '')."
                    + " Everything after the opening quote was not checked.";
            case UNTERMINATED_QUOTED_IDENTIFIER -> "Close the identifier with \" (write a quote inside it as \"\")."
                    + " Everything after the opening quote was not checked.";
            case UNTERMINATED_DOLLAR_STRING -> "End the body with the same tag it was opened with (e.g. $fn$ ... $fn$)."
                    + " Everything after the opening tag was not checked.";
            case UNTERMINATED_BLOCK_COMMENT -> "Close the comment with */ (block comments nest in PostgreSQL: every /*"
                    + " needs its own */). Everything after it was not checked.";
            case UNTERMINATED_COPY_DATA -> "End the COPY data with a line containing only \\. , or load the data"
                    + " with INSERT statements instead.";
            case INVALID_CHARACTER -> "Remove the char, or put it inside a string literal if it is data.";
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
