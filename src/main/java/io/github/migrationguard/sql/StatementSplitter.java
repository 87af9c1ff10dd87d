package io.github.migrationguard.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits a migration file into statements exactly where psql would send them to the server.
 *
 * <ul>
 *   <li>A statement ends at {@code ;} outside parentheses. As in psql, for statements that start with
 *       {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} the words {@code BEGIN}, {@code CASE} (inside a BEGIN) and
 *       {@code END} outside parentheses are counted, so SQL-standard {@code BEGIN ATOMIC ... END} bodies keep their
 *       semicolons.</li>
 *   <li>A backslash outside quotes and comments starts a psql meta-command that runs to the end of its line; it ends
 *       the statement before it and becomes a statement of its own ({@link SqlStatement#metaCommand()}).</li>
 *   <li>After {@code COPY ... FROM STDIN;} the lines up to a line that is exactly {@code \.} are data: one
 *       {@link TokenType#COPY_DATA} token appended to the COPY statement. The rest of the line holding the
 *       {@code ;} is still SQL, as in psql.</li>
 *   <li>Comments never belong to a statement; all of them are returned in {@link SplitResult#comments()}.</li>
 * </ul>
 */
public final class StatementSplitter {

    private StatementSplitter() {
    }

    public static SplitResult split(String text) {
        if (text == null) {
            text = "";
        }
        return new Splitting(text).run();
    }

    private static final class Splitting {
        private final String text;
        private final List<LexProblem> problems = new ArrayList<>();
        private final List<SqlStatement> statements = new ArrayList<>();
        private final List<Token> comments = new ArrayList<>();
        private final PsqlScanner scanner;
        /** COPY ... FROM STDIN statements whose data follows the current line, in order. */
        private final ArrayDeque<List<Token>> pendingCopies = new ArrayDeque<>();

        private List<Token> current = new ArrayList<>();
        private int parenDepth;
        private int beginDepth;
        private int wordCount;
        /** First letters of the words CREATE / OR / REPLACE / FUNCTION / PROCEDURE among the first four words. */
        private final char[] leadWords = new char[4];
        private boolean copyStatement;
        private boolean previousWasFrom;
        private boolean copyFromStdin;
        /** Absolute offset where the data of the pending COPY statements starts. */
        private int copyDataStart = -1;

        Splitting(String text) {
            this.text = text;
            this.scanner = new PsqlScanner(text, 0, text.length(), problems);
        }

        SplitResult run() {
            while (true) {
                Token t = scanner.next();
                if (t == null) {
                    if (copyDataStart >= 0) {
                        readCopyData();
                        continue;
                    }
                    break;
                }
                if (t.isComment()) {
                    comments.add(t);
                    continue;
                }
                if (t.type() == TokenType.META_COMMAND) {
                    finishStatement();
                    List<Token> only = List.of(t);
                    statements.add(new SqlStatement(t.start(), t.end(), t.text(), only, true));
                    continue;
                }
                current.add(t);
                switch (t.type()) {
                    case WORD:
                        word(t);
                        break;
                    case PUNCTUATION:
                        char c = t.text().charAt(0);
                        if (c == '(') {
                            parenDepth++;
                        } else if (c == ')') {
                            if (parenDepth > 0) {
                                parenDepth--;
                            }
                        } else if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                            boolean copy = copyFromStdin;
                            List<Token> tokens = current;
                            finishStatement();
                            if (copy) {
                                startCopyData(tokens, t.end());
                            }
                        }
                        previousWasFrom = false;
                        break;
                    default:
                        previousWasFrom = false;
                        break;
                }
            }
            finishStatement();
            return new SplitResult(Collections.unmodifiableList(statements), Collections.unmodifiableList(comments),
                    Collections.unmodifiableList(problems));
        }

        private void word(Token t) {
            String w = t.value();
            if (wordCount < leadWords.length) {
                switch (w) {
                    case "create":
                    case "or":
                    case "replace":
                    case "function":
                    case "procedure":
                        leadWords[wordCount] = w.charAt(0);
                        break;
                    default:
                        break;
                }
            }
            if (wordCount == 0 && current.size() == 1 && w.equals("copy")) {
                copyStatement = true;
            }
            wordCount++;
            if (copyStatement) {
                if (previousWasFrom && w.equals("stdin")) {
                    copyFromStdin = true;
                }
                previousWasFrom = w.equals("from");
            }
            if (parenDepth == 0 && leadWords[0] == 'c'
                    && (leadWords[1] == 'f' || leadWords[1] == 'p'
                    || (leadWords[1] == 'o' && leadWords[2] == 'r' && (leadWords[3] == 'f' || leadWords[3] == 'p')))) {
                switch (w) {
                    case "begin":
                        beginDepth++;
                        break;
                    case "case":
                        if (beginDepth >= 1) {
                            beginDepth++;
                        }
                        break;
                    case "end":
                        if (beginDepth > 0) {
                            beginDepth--;
                        }
                        break;
                    default:
                        break;
                }
            }
        }

        /** Emits the statement collected so far (if any) and resets the per-statement state. */
        private void finishStatement() {
            if (current.size() == 1 && current.get(0).isPunct(';')) {
                current.clear(); // an empty statement: psql sends nothing
            } else if (!current.isEmpty()) {
                Token first = current.get(0);
                Token last = current.get(current.size() - 1);
                statements.add(new SqlStatement(first.start(), last.end(), text.substring(first.start(), last.end()),
                        Collections.unmodifiableList(current), false));
                current = new ArrayList<>();
            }
            parenDepth = 0;
            beginDepth = 0;
            wordCount = 0;
            leadWords[0] = leadWords[1] = leadWords[2] = leadWords[3] = 0;
            copyStatement = false;
            previousWasFrom = false;
            copyFromStdin = false;
        }

        /** The data of a COPY FROM STDIN starts on the line after its {@code ;}; the rest of that line is SQL. */
        private void startCopyData(List<Token> copyTokens, int semicolonEnd) {
            pendingCopies.add(copyTokens);
            if (copyDataStart < 0) {
                copyDataStart = scanner.nextLineStart(semicolonEnd);
                scanner.limit(copyDataStart);
            }
        }

        private void readCopyData() {
            int at = copyDataStart;
            while (!pendingCopies.isEmpty()) {
                List<Token> tokens = pendingCopies.poll();
                int end = scanner.copyDataEnd(at);
                if (end < 0) {
                    problems.add(new LexProblem(LexProblem.Kind.UNTERMINATED_COPY_DATA, at, text.length(),
                            "COPY data is not terminated by a line containing only \\."));
                    end = text.length();
                }
                String data = text.substring(at, end);
                tokens.add(new Token(TokenType.COPY_DATA, at, end, data, data));
                at = pendingCopies.isEmpty() ? end : scanner.nextLineStart(end);
            }
            copyDataStart = -1;
            scanner.clearLimit();
            scanner.seek(at);
        }
    }
}
