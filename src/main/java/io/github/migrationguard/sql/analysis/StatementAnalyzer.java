package io.github.migrationguard.sql.analysis;

import io.github.migrationguard.sql.JsqlParserAdapter;
import io.github.migrationguard.sql.ParseOutcome;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns one split statement into what rules look at: its kind, whether JSqlParser understood it, and every
 * operation it performs.
 *
 * <p>The scanner and the parser check each other, and the stricter answer wins: an operation that JSqlParser finds
 * in its tree but the scanner did not report is added at the statement start, and a statement that JSqlParser
 * cannot parse and whose kind we do not know is {@link OperationType#UNRECOGNIZED}. A parser time-out or nesting
 * guard simply means "not parsed".
 *
 * <p>Thread-safe: one instance (and its parser) is shared by all workers.
 */
public final class StatementAnalyzer {

    /** Kind given to psql backslash meta-commands. */
    public static final String META_COMMAND_KIND = "PSQL META-COMMAND";

    private final Function<String, ParseOutcome> parser;

    /** An analyzer with its own JSqlParser adapter (default time limit). */
    public StatementAnalyzer() {
        this(new JsqlParserAdapter());
    }

    /** An analyzer that shares {@code parser}. */
    public StatementAnalyzer(JsqlParserAdapter parser) {
        this(Objects.requireNonNull(parser, "parser")::parse);
    }

    /** An analyzer over any parser; the function gets the statement rebuilt from its tokens, without {@code ;}. */
    StatementAnalyzer(Function<String, ParseOutcome> parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * Analyses {@code statement}.
     *
     * @param statement a statement from the splitter
     * @param text      the whole analysed text the statement's offsets point into
     */
    public AnalyzedStatement analyze(SqlStatement statement, String text) {
        if (statement.metaCommand()) {
            return new AnalyzedStatement(statement, META_COMMAND_KIND, false, null, List.of());
        }
        List<Token> body = statement.body();
        String kind = StatementClassifier.kind(body);
        List<Operation> operations = new ArrayList<>(DestructiveScanner.scan(statement.tokens(), text));

        ParseOutcome outcome = parserCanChangeTheVerdict(kind, body, operations)
                ? parse(rebuild(body)) : NOT_CONSULTED;
        int at = body.isEmpty() ? statement.start() : body.get(0).start();
        int atEnd = body.isEmpty() ? statement.start() : body.get(0).end();
        if (outcome.parsed() && !DestructiveScanner.explainRunsNothing(body)) {
            for (OperationType type : OperationType.values()) {
                if (outcome.has(type) && operations.stream().noneMatch(o -> o.type() == type)) {
                    operations.add(new Operation(type, at, atEnd, describe(type) + " (reported by the SQL parser)"));
                }
            }
        }
        if (!outcome.parsed() && !StatementClassifier.knownKind(kind)) {
            operations.add(new Operation(OperationType.UNRECOGNIZED, at, atEnd,
                    "statement could not be parsed and is not a recognised kind: " + error(outcome)));
        }
        return new AnalyzedStatement(statement, kind, outcome.parsed(), outcome.parsed() ? null : error(outcome),
                List.copyOf(operations));
    }

    /** Stands for a parse that was not needed; never reported as a parse error. */
    private static final ParseOutcome NOT_CONSULTED =
            ParseOutcome.failure("not consulted: the statement kind is known and the scanner judged every word the"
                    + " parser could report as destructive");

    /**
     * JSqlParser's answer matters only when (a) our classifier does not know the statement kind (then a successful
     * parse is what keeps it from being UNRECOGNIZED), or (b) its tree could report an operation our scanner did not
     * examine. The tree reports DROP / DELETE / TRUNCATE / UPDATE only where that word occurs. Every such word that is a
     * bare keyword token has already been judged by the scanner, which reports it unless it sits in one of a few narrow,
     * tested harmless contexts. So the parser is consulted when such a word hides inside a string, a dollar-quoted body
     * or a quoted identifier (where a lexing slip of ours could hide a real command) and the scanner has not already
     * reported that operation type. Skipping the other parses keeps JSqlParser, the dominant cost, off almost every
     * statement.
     */
    static boolean parserCanChangeTheVerdict(String kind, List<Token> body, List<Operation> operations) {
        if (!StatementClassifier.knownKind(kind)) {
            return true;
        }
        boolean updateReported = operations.stream().anyMatch(o -> o.type() == OperationType.UPDATE_WITHOUT_WHERE);
        for (int k = 0; k < body.size(); k++) {
            Token t = body.get(k);
            if (t.type() == TokenType.WORD) {
                // the scanner reports every bare drop/delete/truncate outside its narrow harmless contexts; an
                // update it judges only in the command shape, so any other bare update goes to the parser too
                if (!updateReported && t.value().equals("update") && !updateJudgedByScanner(body, k)) {
                    return true;
                }
                continue;
            }
            if (t.type() == TokenType.COPY_DATA || t.isComment()) {
                continue;
            }
            String text = t.text();
            int n = text.length();
            int i = 0;
            while (i < n) {
                if (!isWordChar(text.charAt(i))) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                OperationType type = destructiveWord(text, start, i - start);
                if (type != null && operations.stream().noneMatch(o -> o.type() == type)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Words after which {@code update} is no command: FK action, row lock, trigger event, privilege, upsert, MERGE. */
    private static final java.util.Set<String> NON_COMMAND_BEFORE_UPDATE = java.util.Set.of(
            "on", "for", "key", "or", "before", "after", "of", "do", "then", "grant", "revoke");

    /**
     * True when the scanner has judged this {@code update}: it follows a word that makes it no command, or a comma of
     * a privilege list, or it has the command shape {@code UPDATE [ONLY] name[.name] [*] [[AS] alias] SET} whose WHERE
     * the scanner checks.
     */
    static boolean updateJudgedByScanner(List<Token> body, int k) {
        if (k > 0) {
            Token prev = body.get(k - 1);
            if (prev.type() == TokenType.WORD && NON_COMMAND_BEFORE_UPDATE.contains(prev.value())) {
                return true;
            }
            if (prev.isPunct(',') && !body.isEmpty() && body.get(0).isAnyWord("grant", "revoke")) {
                return true;
            }
        }
        int i = k + 1;
        if (i < body.size() && body.get(i).isWord("only")) {
            i++;
        }
        if (i >= body.size() || !isName(body.get(i))) {
            return false;
        }
        i++;
        while (i + 1 < body.size() && body.get(i).isPunct('.') && isName(body.get(i + 1))) {
            i += 2;
        }
        if (i < body.size() && body.get(i).type() == TokenType.OPERATOR && body.get(i).text().equals("*")) {
            i++;
        }
        if (i < body.size() && body.get(i).isWord("as")) {
            i++;
        }
        if (i < body.size() && isName(body.get(i)) && !body.get(i).isWord("set")) {
            i++;
        }
        return i < body.size() && body.get(i).isWord("set");
    }

    private static boolean isName(Token t) {
        return t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER;
    }

    /** {@code $} splits words here (unlike in identifiers), so {@code $$truncate$$} still shows its word. */
    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static OperationType destructiveWord(String s, int start, int len) {
        if (len == 4 && s.regionMatches(true, start, "drop", 0, 4)) {
            return OperationType.DROP;
        }
        if (len == 6 && s.regionMatches(true, start, "delete", 0, 6)) {
            return OperationType.DELETE;
        }
        if (len == 6 && s.regionMatches(true, start, "update", 0, 6)) {
            return OperationType.UPDATE_WITHOUT_WHERE;
        }
        if (len == 8 && s.regionMatches(true, start, "truncate", 0, 8)) {
            return OperationType.TRUNCATE;
        }
        return null;
    }

    private static String rebuild(List<Token> body) {
        StringBuilder sql = new StringBuilder();
        for (Token t : body) {
            if (t.type() == TokenType.COPY_DATA || t.isComment()) {
                continue;
            }
            if (!sql.isEmpty()) {
                sql.append(' ');
            }
            sql.append(t.text());
        }
        return sql.toString();
    }

    private ParseOutcome parse(String sql) {
        ParseOutcome outcome;
        try {
            outcome = parser.apply(sql);
        } catch (RuntimeException e) {
            outcome = ParseOutcome.failure("parser failure: " + e.getClass().getSimpleName());
        }
        return outcome == null ? ParseOutcome.failure("no answer from the parser") : outcome;
    }

    private static String error(ParseOutcome outcome) {
        String e = outcome.error();
        return e == null || e.isBlank() ? "unknown parser error" : e;
    }

    private static String describe(OperationType type) {
        return switch (type) {
            case DROP -> "DROP";
            case DELETE -> "DELETE";
            case TRUNCATE -> "TRUNCATE";
            case UPDATE_WITHOUT_WHERE -> "UPDATE without WHERE";
            case DYNAMIC_SQL -> "dynamic SQL";
            case UNRECOGNIZED -> "unrecognised statement";
        };
    }
}
