package io.github.migrationguard.sql;

import io.github.migrationguard.sql.analysis.OperationType;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.feature.FeatureConfiguration;
import net.sf.jsqlparser.statement.Statement;

/**
 * Parses one PostgreSQL statement with JSqlParser 5.4 and reports whether it understood all of it, and which
 * destructive operations its tree contains.
 *
 * <p>Input: one statement rebuilt by our front end from its tokens (comments removed, token texts joined by single
 * spaces, literals intact, no trailing semicolon). Line/column numbers in {@link ParseOutcome#error()} refer to that
 * text.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@code parsed} is true only when the parser consumed the whole text into exactly one statement that is not
 *       JSqlParser's {@code UnsupportedStatement} catch-all (JSqlParser's {@code Statement()} entry point silently
 *       stops after {@code ;} or after two blank lines, leaving the rest unread; that is checked here).</li>
 *   <li>{@link #parse} never throws (except {@link VirtualMachineError}s other than {@link StackOverflowError}),
 *       refuses statements nested deeper than {@link #MAX_NESTING_DEPTH} before the parser sees them, and gives up
 *       after the time limit (default 2 s per statement) without starting a thread per statement: one shared daemon
 *       watchdog thread stops overdue parses.</li>
 *   <li>PostgreSQL flavour: JSqlParser's PostgreSQL dialect ({@code $tag$} strings), no backslash escapes in
 *       strings, no {@code [bracket]} quoting, no {@code "double-quoted"} strings, no {@code #} comments, no
 *       unsupported-statement fallback. The fast (non-complex) mode is tried first; complex parsing only when that
 *       fails with a syntax error.</li>
 * </ul>
 *
 * <p>Limits worth knowing: the time limit is enforced where JSqlParser evaluates expressions (its semantic-lookahead
 * hooks) and checked again when a parse returns, so a long parse of a huge expression-free statement runs to its end
 * and is then reported as over time. JSqlParser keeps some text it does not model ({@code ALTER TABLE t <anything>},
 * unknown table options); such statements still count as parsed, and destructive words in that text are reported as
 * tree operations (see {@link JsqlTreeOperations}).
 *
 * <p>Thread-safe: one instance may be shared by parallel workers.
 */
public final class JsqlParserAdapter {

    /**
     * Deepest bracket nesting handed to the parser. JSqlParser needs 2 to 3 KB of stack per nesting level: in a cold
     * JVM a 512 KB thread stack overflows between 150 and 200 levels of nested {@code CASE}, {@code CAST} or
     * {@code IN (SELECT ...)}, so 100 keeps a margin while real migrations stay far below it.
     */
    public static final int MAX_NESTING_DEPTH = 100;

    /** Default time limit per statement. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);

    private static final int MAX_ERROR_LENGTH = 200;

    private static final FeatureConfiguration FAST = configuration(false);
    private static final FeatureConfiguration COMPLEX = configuration(true);

    private final long timeLimitNanos;

    /** An adapter with the {@linkplain #DEFAULT_TIME_LIMIT default time limit} of 2 s per statement. */
    public JsqlParserAdapter() {
        this(DEFAULT_TIME_LIMIT);
    }

    /** An adapter that gives up on a statement after {@code timeLimit} (fast and complex attempts together). */
    public JsqlParserAdapter(Duration timeLimit) {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive: " + timeLimit);
        }
        this.timeLimitNanos = saturatedNanos(timeLimit);
    }

    /** Parses one statement (no trailing {@code ;}). Never throws for any input, including null. */
    public ParseOutcome parse(String sql) {
        try {
            return parseGuarded(sql);
        } catch (StackOverflowError e) {
            return ParseOutcome.failure("statement nested too deeply for the parser");
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return ParseOutcome.failure("parser failure: " + oneLine(e));
        }
    }

    private ParseOutcome parseGuarded(String sql) {
        if (sql == null || sql.isBlank()) {
            return ParseOutcome.failure("empty statement");
        }
        if (JsqlNesting.depth(sql, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH) {
            return ParseOutcome.failure("nesting deeper than " + MAX_NESTING_DEPTH);
        }
        long deadline = System.nanoTime() + timeLimitNanos;
        Attempt fast = attempt(sql, FAST, deadline);
        if (!fast.retryWithComplexParsing) {
            return fast.outcome;
        }
        return attempt(sql, COMPLEX, deadline).outcome;
    }

    private record Attempt(ParseOutcome outcome, boolean retryWithComplexParsing) {
        static Attempt done(ParseOutcome outcome) {
            return new Attempt(outcome, false);
        }
    }

    private Attempt attempt(String sql, FeatureConfiguration configuration, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return Attempt.done(timeLimitExceeded());
        }
        JsqlGuardedParser parser = new JsqlGuardedParser(sql, configuration);
        try (JsqlWatchdog.Watch watch = JsqlWatchdog.SHARED.watch(parser, deadline)) {
            Statement statement = parser.Statement();
            if (parser.wasStopped()) {
                return Attempt.done(timeLimitExceeded());
            }
            if (statement == null) {
                return Attempt.done(ParseOutcome.failure("no statement found"));
            }
            String leftover = leftover(parser);
            if (leftover != null) {
                return Attempt.done(ParseOutcome.failure(leftover));
            }
            Set<OperationType> operations = JsqlTreeOperations.collect(statement);
            return Attempt.done(ParseOutcome.success(statement.getClass().getSimpleName(), operations));
        } catch (JsqlGuardedParser.JsqlTimeLimitExceeded e) {
            return Attempt.done(timeLimitExceeded());
        } catch (StackOverflowError e) {
            return Attempt.done(ParseOutcome.failure("statement nested too deeply for the parser"));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (ParseException e) {
            if (parser.wasStopped()) {
                return Attempt.done(timeLimitExceeded());
            }
            return new Attempt(ParseOutcome.failure(oneLine(e)), configuration != COMPLEX);
        } catch (JsqlTreeOperations.TreeProblem e) {
            return Attempt.done(ParseOutcome.failure(e.getMessage()));
        } catch (Throwable e) {
            if (parser.wasStopped()) {
                return Attempt.done(timeLimitExceeded());
            }
            return Attempt.done(ParseOutcome.failure(oneLine(e)));
        }
    }

    /**
     * Null when the parser read everything; otherwise where it stopped. {@code Statement()} ends a statement at
     * {@code ;} or at a blank-line separator and leaves whatever follows unread.
     */
    private static String leftover(CCJSqlParser parser) {
        if (parser.token != null && parser.token.kind == CCJSqlParserConstants.EOF) {
            return null;
        }
        Token next = parser.getToken(1);
        if (next == null || next.kind == CCJSqlParserConstants.EOF) {
            return null;
        }
        String image = next.image == null ? "" : singleSpaced(next.image);
        if (image.length() > 40) {
            image = image.substring(0, 37) + "...";
        }
        return clip("JSqlParser stopped before the end of the statement, at line " + next.beginLine + ", column "
                + next.beginColumn + " (\"" + image + "\")");
    }

    private ParseOutcome timeLimitExceeded() {
        return ParseOutcome.failure("parse time limit of " + describe(timeLimitNanos) + " exceeded");
    }

    /** First line of a throwable's message, without JSqlParser's lexer-state noise, at most 200 chars. */
    static String oneLine(Throwable e) {
        String line = firstLine(e.getMessage());
        if (line == null) {
            return e.getClass().getSimpleName();
        }
        return clip(singleSpaced(line.replace(", in lexical state DEFAULT", "")));
    }

    /** The first non-blank line, or null; JSqlParser's messages can run to hundreds of lines. */
    private static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        int start = 0;
        int n = message.length();
        while (start < n) {
            int end = start;
            while (end < n && message.charAt(end) != '\n' && message.charAt(end) != '\r') {
                end++;
            }
            if (!message.substring(start, end).isBlank()) {
                return message.substring(start, end);
            }
            start = end + 1;
        }
        return null;
    }

    private static String singleSpaced(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String clip(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }

    private static String describe(long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + " s";
        }
        return Math.max(1, nanos / 1_000_000L) + " ms";
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4; // "forever", without overflowing deadline arithmetic
        }
    }

    /**
     * Settings shared by every parse (read-only after this point). JSqlParser 5.4 also has
     * {@code allowPostgresSpecificSyntax}, but nothing in the parser reads it; the dialect is what counts.
     */
    private static FeatureConfiguration configuration(boolean complexParsing) {
        CCJSqlParser template = new CCJSqlParser(new StringProvider(""));
        template.withDialect(AbstractJSqlParser.Dialect.POSTGRESQL)
                .withDollarQuotedStringTags(true)
                .withBackslashEscapeCharacter(false)
                .withSquareBracketQuotation(false)
                .withDoubleQuotedStrings(false)
                .withHashLineComments(false)
                .withUnsupportedStatements(false)
                .withUnparenthesizedSubSelects(false)
                .withAllowComplexParsing(complexParsing);
        return template.getConfiguration();
    }
}
