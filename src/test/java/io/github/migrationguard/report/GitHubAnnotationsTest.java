package io.github.migrationguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitHubAnnotationsTest {

    private static final String DOCS =
            "https://github.com/migrationguard/migration-guard-maven-plugin/blob/main/docs/rules/";

    @Test
    void errorWithNastyMessageIsEscapedExactly() {
        List<String> lines = GitHubAnnotations.lines(ReportFixtures.report());
        assertEquals(4, lines.size());
        assertEquals("::error file=db/migration/V2__drop users.sql,line=3,col=5,endLine=3,endColumn=19,"
                        + "title=ban-drop-table::DROP TABLE \"users\" <b>&</b> | `x` 100%25 sure,%0A"
                        + "second line: \u00e9\u6f22\ud83d\ude00 \\u0007bell"
                        + "%0ASafe alternative: Rename the table first; drop it in a later release."
                        + "%0ADocs: " + DOCS + "ban-drop-table.md",
                lines.get(0));
    }

    @Test
    void multiLineSpanHasNoColumns() {
        assertEquals("::warning file=db/migration/V2__drop users.sql,line=7,endLine=9,title=prefer-robust-stmts"
                        + "::CREATE INDEX without IF NOT EXISTS%0ASafe alternative: Add IF NOT EXISTS."
                        + "%0ADocs: " + DOCS + "prefer-robust-stmts.md",
                GitHubAnnotations.lines(ReportFixtures.report()).get(1));
    }

    @Test
    void acknowledgedFindingIsANoticeWithItsReason() {
        assertEquals("::notice file=db/migration/V3__cleanup_safe.sql,line=2,col=1,endLine=2,endColumn=29,"
                        + "title=ban-truncate (acknowledged)::TRUNCATE removes every row"
                        + "%0AAcknowledged: table emptied in V41, see <ticket> & \"notes\""
                        + "%0ASafe alternative: Delete in batches with a WHERE clause."
                        + "%0ADocs: " + DOCS + "ban-truncate.md",
                GitHubAnnotations.lines(ReportFixtures.report()).get(2));
    }

    @Test
    void noteIsANotice() {
        assertEquals("::notice file=db/migration/V3__cleanup_safe.sql,line=4,col=3,endLine=4,endColumn=7,"
                        + "title=prefer-text-field::varchar(255) has no benefit over text"
                        + "%0ASafe alternative: Use text with a CHECK constraint."
                        + "%0ADocs: " + DOCS + "prefer-text-field.md",
                GitHubAnnotations.lines(ReportFixtures.report()).get(3));
    }

    @Test
    void propertiesEscapeCommaColonPercentAndLineBreaks() {
        Finding f = new Finding("db/a,b:c%d\ne.sql", 2, 3, 2, 4, "x,y:z", Severity.ERROR, "m:1,2\r\n%\r", null,
                null, false, null);
        assertEquals("::error file=db/a%2Cb%3Ac%25d%0Ae.sql,line=2,col=3,endLine=2,endColumn=3,title=x%2Cy%3Az"
                        + "::m:1,2%0A%25%0A",
                GitHubAnnotations.lines(ReportFixtures.withFindings(List.of(f))).get(0));
    }

    @Test
    void escapeHelpersFollowTheToolkitRules() {
        assertEquals("100%25%0Aa%0Ab", GitHubAnnotations.escapeData("100%\na\rb"));
        assertEquals("a%3Ab%2Cc%25%0A", GitHubAnnotations.escapeProperty("a:b,c%\n"));
        assertEquals("\\u001B[31mred", GitHubAnnotations.escapeData("\u001B[31mred"));
    }

    @Test
    void spanEndingWithALineBreakEndsOnItsFirstLine() {
        Finding f = new Finding("a.sql", 4, 1, 5, 1, "ban-drop-table", Severity.ERROR, "m", null, null, false, null);
        assertEquals("::error file=a.sql,line=4,col=1,endLine=4,title=ban-drop-table::m",
                GitHubAnnotations.lines(ReportFixtures.withFindings(List.of(f))).get(0));
    }

    @Test
    void pathPrefixPointsIntoTheRepository() {
        Finding f = ReportFixtures.finding("db/V1__a_safe.sql", 1, "ban-drop-table", Severity.WARNING, "m");
        String expected = "::warning file=services/billing/db/V1__a_safe.sql,line=1,col=1,endLine=1,endColumn=9,"
                + "title=ban-drop-table::m%0ASafe alternative: Do the safe thing.%0ADocs: " + DOCS + "ban-drop-table.md";
        assertEquals(expected, GitHubAnnotations.lines(ReportFixtures.withFindings(List.of(f)), "services/billing/")
                .get(0));
        assertEquals(expected, GitHubAnnotations.lines(ReportFixtures.withFindings(List.of(f)), "./services\\billing")
                .get(0));
        assertEquals(expected.replace("services/billing/", ""),
                GitHubAnnotations.lines(ReportFixtures.withFindings(List.of(f)), ".").get(0));
    }

    @Test
    void noFindingsNoAnnotations() {
        assertEquals(List.of(), GitHubAnnotations.lines(ReportFixtures.clean()));
    }
}
