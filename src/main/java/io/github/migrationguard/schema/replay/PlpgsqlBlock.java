package io.github.migrationguard.schema.replay;

import io.github.migrationguard.sql.PsqlLexer;
import io.github.migrationguard.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a DO block, replayed only in the idempotent shapes migrations use:
 * <pre>
 * BEGIN &lt;statements&gt; [EXCEPTION WHEN ... THEN ...] END
 * BEGIN IF NOT EXISTS (...) THEN &lt;statements&gt; END IF; ... END
 * </pre>
 * Statements guarded like this skip objects that already exist instead of failing. Anything else (variables, loops,
 * EXECUTE, conditions replay cannot decide) makes the whole block "not replayed".
 */
final class PlpgsqlBlock {

    private final Replay replay;
    private final String code;
    private final List<Token> tokens;

    PlpgsqlBlock(Replay replay, String code) {
        this.replay = replay;
        this.code = code;
        this.tokens = PsqlLexer.lex(code).tokens();
    }

    /** Replays the block; false when its shape is not one replay understands (nothing is changed then). */
    boolean replay() {
        int n = tokens.size();
        int start = 0;
        if (n == 0 || !tokens.get(0).isWord("begin")) {
            return false;
        }
        start = 1;
        int end = n;
        if (end > 0 && tokens.get(end - 1).isPunct(';')) {
            end--;
        }
        if (end == 0 || !tokens.get(end - 1).isWord("end")) {
            return false;
        }
        end--;
        int handler = indexOfWord(start, end, "exception");
        boolean guarded = handler >= 0;
        int bodyEnd = guarded ? handler : end;
        List<List<Token>> plan = new ArrayList<>();
        List<Boolean> tolerantPlan = new ArrayList<>();
        if (!collect(start, bodyEnd, plan, tolerantPlan, guarded)) {
            return false;
        }
        for (int i = 0; i < plan.size(); i++) {
            boolean before = replay.tolerant;
            replay.tolerant = tolerantPlan.get(i);
            try {
                replay.statement(new Cursor(plan.get(i), code));
            } finally {
                replay.tolerant = before;
            }
        }
        return true;
    }

    private int indexOfWord(int from, int to, String word) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
            } else if (depth == 0 && t.isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    /** Collects plain SQL statements of {@code [from, to)}; false on anything that is not plain or guarded SQL. */
    private boolean collect(int from, int to, List<List<Token>> plan, List<Boolean> tolerantPlan, boolean tolerant) {
        int i = from;
        while (i < to) {
            Token t = tokens.get(i);
            if (t.isPunct(';')) {
                i++;
                continue;
            }
            if (t.isAnyWord("declare", "loop", "for", "while", "foreach", "execute", "return", "case", "begin",
                    "get", "open", "fetch", "close", "elsif", "else")) {
                return false;
            }
            if (t.isWord("if")) {
                int then = indexOfWord(i + 1, to, "then");
                if (then < 0) {
                    return false;
                }
                List<Token> condition = tokens.subList(i + 1, then);
                if (condition.size() < 3 || !condition.get(0).isWord("not") || !condition.get(1).isWord("exists")
                        || !condition.get(2).isPunct('(')) {
                    return false;
                }
                int endIf = -1;
                for (int k = then + 1; k + 1 < to; k++) {
                    if (tokens.get(k).isWord("end") && tokens.get(k + 1).isWord("if")) {
                        endIf = k;
                        break;
                    }
                    if (tokens.get(k).isWord("if") && !(k > 0 && tokens.get(k - 1).isWord("end"))) {
                        return false;
                    }
                }
                if (endIf < 0 || !collect(then + 1, endIf, plan, tolerantPlan, true)) {
                    return false;
                }
                i = endIf + 2;
                continue;
            }
            int stop = i;
            int depth = 0;
            while (stop < to) {
                Token s = tokens.get(stop);
                if (s.isPunct('(')) {
                    depth++;
                } else if (s.isPunct(')')) {
                    depth--;
                } else if (depth == 0 && s.isPunct(';')) {
                    break;
                }
                stop++;
            }
            List<Token> statement = tokens.subList(i, stop);
            if (t.isAnyWord("raise", "null", "perform", "assert")) {
                i = stop + 1;
                continue;
            }
            plan.add(statement);
            tolerantPlan.add(tolerant);
            i = stop + 1;
        }
        return true;
    }
}
