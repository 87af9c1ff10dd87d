package io.github.migrationguard.report;

import static io.github.migrationguard.report.ReportFixtures.DROP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.migrationguard.lint.FileResult;
import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintReport;
import io.github.migrationguard.lint.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {

    private static final String DOCS =
            "https://github.com/migrationguard/migration-guard-maven-plugin/blob/main/docs/rules/";

    @Test
    void findingWithNastyTextIsOneLinePlusAlternativeAndDocs() {
        assertEquals(List.of(
                "db/migration/V2__drop users.sql:3:5: [ban-drop-table] DROP TABLE \"users\" <b>&</b> | `x` 100% sure,"
                        + " second line: \u00e9\u6f22\ud83d\ude00 \\u0007bell",
                "    safe alternative: Rename the table first; drop it in a later release.",
                "    docs: " + DOCS + "ban-drop-table.md"),
                ConsoleReport.findingLines(ReportFixtures.DROP_TABLE));
    }

    @Test
    void acknowledgedFindingShowsItsReason() {
        assertEquals(List.of(
                "db/migration/V3__cleanup_safe.sql:2:1: [ban-truncate] (acknowledged: table emptied in V41, see"
                        + " <ticket> & \"notes\") TRUNCATE removes every row",
                "    safe alternative: Delete in batches with a WHERE clause.",
                "    docs: " + DOCS + "ban-truncate.md"),
                ConsoleReport.findingLines(ReportFixtures.TRUNCATE));
    }

    @Test
    void terminalEscapesAndBidiOverridesAreShownNotObeyed() {
        Finding f = new Finding(DROP, 1, 2, 1, 3, "ban-drop-table", Severity.ERROR,
                "a\u001B[2Jb\u202Ec\td\u2028e\r", null, "", false, null);
        assertEquals(List.of("db/migration/V2__drop users.sql:1:2: [ban-drop-table] a\\u001B[2Jb\\u202Ec d e "),
                ConsoleReport.findingLines(f));
    }

    @Test
    void summaryLine() {
        assertEquals("migration-guard: 3 files, 17 statements, 4 findings (1 acknowledged), 0.41 s",
                ConsoleReport.summaryLine(ReportFixtures.report()));
        assertEquals("migration-guard: 3 files, 17 statements, 0 findings, 0.41 s",
                ConsoleReport.summaryLine(ReportFixtures.clean()));
        LintReport one = new LintReport(List.of(new FileResult("a.sql", 1, 10, false)), 1, 10, 1234,
                List.of(ReportFixtures.NOT_ROBUST));
        assertEquals("migration-guard: 1 file, 1 statement, 1 finding, 1.23 s", ConsoleReport.summaryLine(one));
    }

    @Test
    void linesAreAllFindingsThenTheSummary() {
        List<String> lines = ConsoleReport.lines(ReportFixtures.report());
        assertEquals(4 * 3 + 1, lines.size());
        assertEquals(ConsoleReport.summaryLine(ReportFixtures.report()), lines.get(lines.size() - 1));
        assertEquals(ConsoleReport.findingLines(ReportFixtures.NOT_ROBUST).get(0), lines.get(3));
        assertEquals(List.of("migration-guard: 3 files, 17 statements, 0 findings, 0.41 s"),
                ConsoleReport.lines(ReportFixtures.clean()));
    }
}
