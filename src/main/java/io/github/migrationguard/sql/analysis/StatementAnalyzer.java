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

        ParseOutcome outcome = parse(body);
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

    private ParseOutcome parse(List<Token> body) {
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
        ParseOutcome outcome;
        try {
            outcome = parser.apply(sql.toString());
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
