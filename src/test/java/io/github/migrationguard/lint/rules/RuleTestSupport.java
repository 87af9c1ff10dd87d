package io.github.migrationguard.lint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.lint.Linter;
import io.github.migrationguard.sql.SourceText;
import io.github.migrationguard.sql.SplitResult;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.StatementSplitter;
import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs SQL through the whole lint pipeline (splitter, parser, analysis, every rule, acknowledgements) and checks the
 * findings against inline expectations.
 *
 * <p>A line comment {@code -- EXPECT: <rule-id>[, <rule-id>...]} says that the next statement must produce exactly
 * those findings (an id may repeat for several findings; {@code <rule-id> acknowledged} expects an acknowledged
 * finding). Every statement without a marker must produce none. A marker after the last statement stands for findings
 * after it (e.g. an unterminated comment at the end of the file). A finding belongs to the statement whose text (or
 * the comments and blank lines before it) contains the finding's line and column.
 *
 * <p>The file is linted as {@value #PATH}, a name the naming rule accepts. Markers are plain comments, never
 * acknowledgements.
 */
final class RuleTestSupport {

    static final String PATH = "src/main/resources/db/migration/V1__test_safe.sql";

    private static final Pattern EXPECT = Pattern.compile("--\\s*EXPECT:(.*)", Pattern.DOTALL);
    private static final Linter DEFAULT_LINTER = new Linter(LintSettings.defaults());

    private RuleTestSupport() {
    }

    /** Lints {@code sql} with default settings and checks the {@code -- EXPECT:} markers; returns the findings. */
    static List<Finding> assertFindings(String sql) {
        return assertFindings(DEFAULT_LINTER, sql);
    }

    static List<Finding> assertFindings(LintSettings settings, String sql) {
        return assertFindings(new Linter(settings), sql);
    }

    private static List<Finding> assertFindings(Linter linter, String sql) {
        List<Finding> findings = linter.lintSource(PATH, sql.getBytes(StandardCharsets.UTF_8)).findings();
        SourceText source = SourceText.of(sql);
        SplitResult split = StatementSplitter.split(source.text());
        List<SqlStatement> statements = split.statements();
        int regions = statements.size() + 1; // the last region is "after the last statement"

        List<List<String>> expected = new ArrayList<>();
        List<List<String>> actual = new ArrayList<>();
        for (int i = 0; i < regions; i++) {
            expected.add(new ArrayList<>());
            actual.add(new ArrayList<>());
        }
        for (Token comment : split.comments()) {
            if (comment.type() != TokenType.LINE_COMMENT) {
                continue;
            }
            Matcher m = EXPECT.matcher(comment.text().strip());
            if (!m.matches()) {
                continue;
            }
            int target = statements.size();
            for (int i = 0; i < statements.size(); i++) {
                if (statements.get(i).start() >= comment.end()) {
                    target = i;
                    break;
                }
            }
            for (String item : m.group(1).split(",")) {
                String id = item.strip().replaceAll("\\s+", " ");
                if (!id.isEmpty()) {
                    expected.get(target).add(id);
                }
            }
        }
        List<String> details = new ArrayList<>();
        for (Finding f : findings) {
            int region = regionOf(source, statements, f.line(), f.column());
            actual.get(region).add(f.ruleId() + (f.acknowledged() ? " acknowledged" : ""));
            details.add(f.ruleId() + "@" + f.line() + ":" + f.column() + (f.acknowledged() ? " (acknowledged)" : "")
                    + " " + f.message());
        }
        String want = render(source, statements, expected);
        String got = render(source, statements, actual);
        assertEquals(want, got, () -> "findings differ from the -- EXPECT: markers. Actual findings:\n  "
                + (details.isEmpty() ? "(none)" : String.join("\n  ", details)) + "\n");
        return findings;
    }

    /** Index of the statement region holding 1-based {@code line}/{@code column}. */
    private static int regionOf(SourceText source, List<SqlStatement> statements, int line, int column) {
        for (int i = 0; i < statements.size(); i++) {
            int last = Math.max(lastOffset(statements.get(i)) - 1, 0);
            int l = source.line(last);
            int c = source.column(last);
            if (line < l || (line == l && column <= c)) {
                return i;
            }
        }
        return statements.size();
    }

    /** Offset just past everything that belongs to the statement (COPY data included). */
    private static int lastOffset(SqlStatement s) {
        int end = s.end();
        for (Token t : s.tokens()) {
            end = Math.max(end, t.end());
        }
        return end;
    }

    private static String render(SourceText source, List<SqlStatement> statements, List<List<String>> byRegion) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < byRegion.size(); i++) {
            List<String> ids = byRegion.get(i);
            if (ids.isEmpty()) {
                continue;
            }
            String[] sorted = ids.toArray(String[]::new);
            Arrays.sort(sorted);
            if (i < statements.size()) {
                SqlStatement s = statements.get(i);
                String text = s.text().strip().replaceAll("\\s+", " ");
                out.append("line ").append(source.line(s.start())).append(" `")
                        .append(text.length() > 60 ? text.substring(0, 57) + "..." : text).append('`');
            } else {
                out.append("after the last statement");
            }
            out.append(": ").append(String.join(", ", sorted)).append('\n');
        }
        return out.toString();
    }
}
