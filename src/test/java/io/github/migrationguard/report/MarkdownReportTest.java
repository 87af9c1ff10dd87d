package io.github.migrationguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static final String DOCS =
            "https://github.com/migrationguard/migration-guard-maven-plugin/blob/main/docs/rules/";

    private static List<String> rows(String md) {
        List<String> rows = new ArrayList<>();
        boolean inFindings = false;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("| Severity |")) {
                inFindings = true;
            } else if (inFindings && line.startsWith("| ")) {
                rows.add(line);
            }
        }
        return rows;
    }

    /** Pipes that separate cells: not preceded by a backslash. */
    private static int cellSeparators(String row) {
        int n = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '|' && (i == 0 || row.charAt(i - 1) != '\\')) {
                n++;
            }
        }
        return n;
    }

    @Test
    void summaryTable() {
        String md = MarkdownReport.render(ReportFixtures.report());
        assertTrue(md.startsWith("## migration-guard: validate-safe\n\n"
                + "| Files | Statements | Errors | Warnings | Notes | Acknowledged | Time |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|\n"
                + "| 3 | 17 | 1 | 1 | 1 | 1 | 0.41 s |\n"), md);
    }

    @Test
    void nastyTextIsEscapedAndTheTableKeepsItsShape() {
        List<String> rows = rows(MarkdownReport.render(ReportFixtures.report()));
        assertEquals(4, rows.size());
        assertEquals("| error | [ban-drop-table](" + DOCS + "ban-drop-table.md) | db/migration/V2\\_\\_drop users.sql:3:5"
                        + " | DROP TABLE \"users\" &lt;b&gt;&amp;&lt;/b&gt; \\| \\`x\\` 100% sure,<br>second line: "
                        + "\u00e9\u6f22\ud83d\ude00 \\\\u0007bell | Rename the table first; drop it in a later release. |",
                rows.get(0));
        for (String row : rows) {
            assertEquals(6, cellSeparators(row), row);
        }
    }

    @Test
    void blockingFindingsFirstAcknowledgedLast() {
        List<String> rows = rows(MarkdownReport.render(ReportFixtures.report()));
        assertTrue(rows.get(0).startsWith("| error | [ban-drop-table]"), rows.get(0));
        assertTrue(rows.get(1).startsWith("| warning | [prefer-robust-stmts]"), rows.get(1));
        assertTrue(rows.get(2).startsWith("| note | [prefer-text-field]"), rows.get(2));
        assertEquals("| error, acknowledged | [ban-truncate](" + DOCS + "ban-truncate.md)"
                        + " | db/migration/V3\\_\\_cleanup\\_safe.sql:2:1 | TRUNCATE removes every row<br>Acknowledged: "
                        + "table emptied in V41, see &lt;ticket&gt; &amp; \"notes\" | Delete in batches with a WHERE clause. |",
                rows.get(3));
    }

    @Test
    void noFindings() {
        String md = MarkdownReport.render(ReportFixtures.clean());
        assertTrue(md.endsWith("| 3 | 17 | 0 | 0 | 0 | 0 | 0.41 s |\n\nNo findings.\n"), md);
        assertFalse(md.contains("### Findings"));
    }

    @Test
    void tableIsCappedAtTwoHundredRows() {
        List<Finding> many = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            many.add(ReportFixtures.finding("db/V" + i + ".sql", i, "ban-drop-table", Severity.ERROR, "finding " + i));
        }
        String md = MarkdownReport.render(ReportFixtures.withFindings(many));
        List<String> rows = rows(md);
        assertEquals(200, rows.size());
        assertTrue(rows.get(199).contains("finding 200"), rows.get(199));
        assertTrue(md.endsWith("\n... and 50 more findings, listed in validate-safe.json and validate-safe.sarif.\n"),
                md.substring(md.length() - 200));
    }

    @Test
    void longMessagesKeepTheDocumentUnderCommentSize() {
        List<Finding> many = new ArrayList<>();
        String longText = "x".repeat(5_000);
        for (int i = 1; i <= 150; i++) {
            many.add(ReportFixtures.finding("db/V" + i + ".sql", i, "ban-drop-table", Severity.ERROR, longText));
        }
        String md = MarkdownReport.render(ReportFixtures.withFindings(many));
        assertTrue(md.length() <= MarkdownReport.MAX_CHARS, "length " + md.length());
        List<String> rows = rows(md);
        assertTrue(rows.size() < 150 && rows.size() > 10, "rows " + rows.size());
        // a cell holds at most MAX_CELL code points, the last one an ellipsis
        assertTrue(rows.get(0).contains("x".repeat(MarkdownReport.MAX_CELL - 1) + "\u2026 |"), rows.get(0));
        assertTrue(md.endsWith("... and " + (150 - rows.size())
                + " more findings, listed in validate-safe.json and validate-safe.sarif.\n"));
    }

    @Test
    void cellEscaping() {
        assertEquals("a\\*b\\_c\\[d\\](e) \\~f\\~ \\$g\\$ \\\\h &lt;br&gt;<br>i",
                MarkdownReport.cell("a*b_c[d](e) ~f~ $g$ \\h <br>\r\ni"));
        assertEquals("\\\\u001B\\[31m", MarkdownReport.cell("\u001B[31m"));
        assertEquals("https://x/a%20b%28c%29", MarkdownReport.linkTarget("https://x/a b(c)"));
    }
}
