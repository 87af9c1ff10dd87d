package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.sql.analysis.AnalyzedStatement;
import io.github.migrationguard.sql.analysis.Operation;
import io.github.migrationguard.sql.analysis.OperationType;
import java.util.function.BiConsumer;

/** Small helpers shared by the rules: iteration over operations and message text. */
final class Messages {

    /** Longest excerpt of SQL or parser output quoted in a message. */
    static final int MAX_QUOTE = 160;

    private Messages() {
    }

    /** Calls {@code action} for every operation of {@code type}, in source order. */
    static void forEach(RuleContext context, OperationType type, BiConsumer<AnalyzedStatement, Operation> action) {
        for (AnalyzedStatement statement : context.statements()) {
            for (Operation op : statement.operations()) {
                if (op.type() == type) {
                    action.accept(statement, op);
                }
            }
        }
    }

    /** The operation's detail, or {@code fallback} when the analysis gave none; on one line and not too long. */
    static String detail(Operation op, String fallback) {
        String d = op.detail();
        return d == null || d.isBlank() ? fallback : oneLine(d);
    }

    /** Whitespace runs collapsed to one space, cut at {@link #MAX_QUOTE} chars with an ellipsis. */
    static String oneLine(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        return s.length() <= MAX_QUOTE ? s : s.substring(0, MAX_QUOTE - 3) + "...";
    }

    /** A span that is never empty and stays inside the text. */
    static int end(RuleContext context, int start, int end) {
        int len = context.source().length();
        int e = Math.min(Math.max(end, start + 1), len);
        return Math.max(e, Math.min(start, len));
    }

    /** {@code text} ending with a full stop (none added after {@code .}, {@code ?} or {@code !}). */
    static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("?") || text.endsWith("!") ? text : text + ".";
    }

    static String acknowledge(String id) {
        return "-- migration-guard:allow " + id + " reason=\"...\"";
    }
}
