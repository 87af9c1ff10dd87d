package io.github.migrationguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftMarkdownReportTest {

    private static List<String> findingRows(String md) {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("| Kind | Migration |")) {
                in = true;
            } else if (in && line.startsWith("| ") && !line.startsWith("|---")) {
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
    void summaryAndKindTables() {
        String md = DriftMarkdownReport.render(DriftReportFixtures.report());
        assertTrue(md.startsWith("## migration-guard: detect-drift\n\n"
                + "| Database | User | Server | PostgreSQL | History table | Expected schema | Migrations | Applied"
                + " | Findings | Time |\n"
                + "|---|---|---|---|---|---|---:|---:|---:|---:|\n"
                + "| shop | deployer | 10.1.2.3:5433 | 15.4 (Debian 15.4-1.pgdg120+1) | app.flyway\\_schema\\_history"
                + " | replay | 5 | 4 | 5 | 0.81 s |\n\n"
                + "| Kind | Count |\n|---|---:|\n"
                + "| CHECKSUM_MISMATCH | 1 |\n| PHANTOM | 1 |\n| EXTRA_OBJECT | 1 |\n| CHANGED_OBJECT | 1 |\n"
                + "| BROKEN_REFERENCE | 1 |\n\n### Findings\n\n"), md);
    }

    @Test
    void findingsInReportOrderWithEscapedCells() {
        List<String> rows = findingRows(DriftMarkdownReport.render(DriftReportFixtures.report()));
        assertEquals(5, rows.size());
        assertEquals("| PHANTOM | 2 | table public.orders | history says applied, but none of its objects exists"
                + " | REMOVE\\_PHANTOM |", rows.get(1));
        assertEquals("| EXTRA_OBJECT |  | index public.idx\\_hotfix | in the database, created by no migration"
                + " | write a migration that creates it, or drop it |", rows.get(2));
        String nasty = "a\\|b \\`c\\` \\*d\\* \\_e\\_ &lt;f&gt; &amp; \"g\" \\\\h \\[i\\](j)<br>line two"
                + " \\\\u001B\\[31mred\\\\u202Eevil \ud83d\udc18 \uFFFD";
        assertEquals("| CHANGED_OBJECT | 5 " + nasty + " | column public.\"we\\|ird\".x | " + nasty + " | " + nasty
                + " |", rows.get(3));
        for (String row : rows) {
            assertEquals(6, cellSeparators(row), row);
        }
    }

    @Test
    void noDrift() {
        String md = DriftMarkdownReport.render(DriftReportFixtures.clean());
        assertTrue(md.endsWith("| 5 | 5 | 0 | 0.41 s |\n\nNo drift.\n"), md);
        assertFalse(md.contains("### Findings"));
    }

    @Test
    void migrationInProgress() {
        String md = DriftMarkdownReport.render(DriftReportFixtures.inProgress());
        assertTrue(md.contains("| shop | reader | local socket | 16.1 (standby) | public.flyway\\_schema\\_history |"),
                md);
        assertTrue(md.endsWith("**Migration in progress**: another session holds the migration lock. Drift is not"
                + " reported while a migration runs; run detect-drift again when it has finished.\n"), md);
    }

    @Test
    void longReportsStopWithACount() {
        List<DriftFinding> many = new ArrayList<>();
        for (int i = 0; i < MarkdownReport.MAX_ROWS + 25; i++) {
            many.add(new DriftFinding(DriftKind.EXTRA_OBJECT, null, "column public.t.c" + i, "hand-made", null));
        }
        String md = DriftMarkdownReport.render(DriftReportFixtures.of(many));
        assertEquals(MarkdownReport.MAX_ROWS, findingRows(md).size());
        assertTrue(md.endsWith("\n... and 25 more findings, listed in drift-report.json.\n"), md);

        List<DriftFinding> huge = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            huge.add(new DriftFinding(DriftKind.CHANGED_OBJECT, null, "view public.v" + i, "x".repeat(1000), null));
        }
        String big = DriftMarkdownReport.render(DriftReportFixtures.of(huge));
        assertTrue(big.length() <= MarkdownReport.MAX_CHARS, "length " + big.length());
        int shown = findingRows(big).size();
        assertTrue(shown < 150, "rows " + shown);
        assertTrue(big.endsWith("\n... and " + (150 - shown) + " more findings, listed in drift-report.json.\n"));
    }
}
