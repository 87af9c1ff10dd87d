package io.github.migrationguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.reconcile.ActionType;
import io.github.migrationguard.reconcile.ManualStep;
import io.github.migrationguard.reconcile.PlannedAction;
import io.github.migrationguard.reconcile.ReconcilePlan;
import io.github.migrationguard.reconcile.RowImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilePlanMarkdownTest {

    private static final String APPLY = "This is a dry run: nothing was changed. To apply this plan, run"
            + " `mvn migration-guard:reconcile -DmigrationGuard.apply=true"
            + " -DmigrationGuard.plan=target/migration-guard/reconcile-plan.json` with the same connection settings;"
            + " the apply refuses the plan if the database, its history or the migrations changed since.\n";

    /** The body rows of the table whose header starts with {@code header}. */
    private static List<String> rows(String md, String header) {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith(header)) {
                in = true;
            } else if (in && line.startsWith("|---")) {
                continue;
            } else if (in && line.startsWith("| ")) {
                rows.add(line);
            } else {
                in = false;
            }
        }
        return rows;
    }

    private static List<String> actionRows(String md) {
        return rows(md, "| # | Action |");
    }

    private static List<String> manualRows(String md) {
        return rows(md, "| Kind | Migration |");
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
    void headingDatabaseFingerprintAndOptions() {
        String md = ReconcilePlanMarkdown.render(ReconcileFixtures.plan());
        assertTrue(md.startsWith("## migration-guard: reconcile plan\n\n"
                + "Database **shop** on 10.1.2.3:5432 (PostgreSQL 16.2 (Debian 16.2-1.pgdg120+2)), history table"
                + " public.flyway\\_schema\\_history (flyway), fingerprint `" + ReconcileFixtures.FINGERPRINT + "`.\n\n"
                + "Made at 2024-05-02T07:30:00Z by migration-guard 1.4.0 as deployer. Asked for: realign checksums;"
                + " mark applied: refresh views.\n\n"
                + "### Actions\n\n"
                + "| # | Action | Migration | Script | Evidence | Note |\n"
                + "|---:|---|---|---|---|---|\n"), md);
    }

    @Test
    void everyActionWithItsEvidenceAndNoteInPlanOrder() {
        assertEquals(List.of(
                "| 1 | MARK_APPLIED | 3 | V3\\_\\_orders.sql | history row 7 records a failed run; it is"
                        + " replaced<br>table public.orders is present<br>no schema difference concerns these"
                        + " objects: they have the shape V3\\_\\_orders.sql gives them |  |",
                "| 2 | MARK_APPLIED | refresh views | R\\_\\_refresh\\_views.sql | view public.order\\_totals is"
                        + " present |  |",
                "| 3 | REMOVE_PHANTOM | 2 | V2\\_\\_customers.sql | table public.customers is absent<br>index"
                        + " public.idx\\_customers\\_email is absent | version 2 is below the latest applied version"
                        + " 4: run flyway migrate with out-of-order migrations allowed (-outOfOrder=true, or"
                        + " spring.flyway.out-of-order=true) once, so it runs again |",
                "| 4 | REMOVE_FAILED | 5 | V5\\_\\_bestellpositionen.sql | table public.bestellpositionen is absent"
                        + " |  |",
                "| 5 | REALIGN_CHECKSUM | 4 | V4\\_\\_add\\_email.sql | history row 4 has checksum 12;"
                        + " V4\\_\\_add\\_email.sql now has -7<br>column public.customers.email is present<br>asked"
                        + " for with realignChecksums |  |"),
                actionRows(ReconcilePlanMarkdown.render(ReconcileFixtures.plan())));
    }

    @Test
    void findingsThatNeedAPersonThenHowToApply() {
        String md = ReconcilePlanMarkdown.render(ReconcileFixtures.plan());
        assertEquals(List.of(
                "| PARTIAL | 6 | table public.shipments | some of its objects exist and some do not: only a person can"
                        + " tell whether to add what is missing or remove the rest | add the missing objects in a"
                        + " new migration, or remove the rest<br>Suggested migration:"
                        + " target/migration-guard/suggested/V6\\_1\\_\\_complete\\_shipments.sql |",
                "| EXTRA_OBJECT |  | index public.idx\\_hotfix | schema drift: reconcile changes history rows only,"
                        + " never the schema |  |"),
                manualRows(md));
        assertTrue(md.contains("\n### Needs a person\n\n| Kind | Migration | Object | Why | What to do |\n"
                + "|---|---|---|---|---|\n"), md);
        assertTrue(md.endsWith(" |\n\n" + APPLY), md);
    }

    @Test
    void nothingToReconcile() {
        assertEquals("## migration-guard: reconcile plan\n\n"
                + "Database **fresh**, history table public.flyway\\_schema\\_history (flyway; does not exist yet: the"
                + " apply creates it), fingerprint `" + ReconcileFixtures.FINGERPRINT + "`.\n\n"
                + "### Actions\n\n"
                + "Nothing to reconcile: the plan changes no history row.\n\n"
                + "### Needs a person\n\n"
                + "No finding needs a person.\n\n"
                + "This is a dry run: nothing was changed, and there is nothing to apply.\n",
                ReconcilePlanMarkdown.render(ReconcileFixtures.emptyWithNulls()));
    }

    @Test
    void nothingToReconcileButSomethingForAPerson() {
        String md = ReconcilePlanMarkdown.render(ReconcileFixtures.of(List.of(), List.of(ReconcileFixtures.EXTRA)));
        assertTrue(md.contains("### Actions\n\nNothing to reconcile: the plan changes no history row.\n\n"), md);
        assertEquals(1, manualRows(md).size());
        assertFalse(md.contains("| # | Action |"));
        assertTrue(md.contains("\nMade at 2024-05-02T07:30:00Z by migration-guard 1.4.0 as deployer.\n"), md);
        assertFalse(md.contains("Asked for"), "default options are not mentioned");
        assertTrue(md.endsWith("nothing to apply.\n"), md);
    }

    @Test
    void everyCellIsEscaped() {
        String md = ReconcilePlanMarkdown.render(ReconcileFixtures.nasty());
        List<String> actions = actionRows(md);
        List<String> manual = manualRows(md);
        assertEquals(1, actions.size());
        assertEquals(1, manual.size());
        assertEquals(7, cellSeparators(actions.get(0)), actions.get(0));
        assertEquals(6, cellSeparators(manual.get(0)), manual.get(0));
        String nasty = "a\\|b \\`c\\` \\*d\\* \\_e\\_ &lt;f&gt; &amp; \"g\" \\\\h \\[i\\](j)<br>line two"
                + " \\\\u001B\\[31mred\\\\u202Eevil \ud83d\udc18 \uFFFD";
        assertEquals("| 1 | MARK_APPLIED | 7 " + nasty + " | V7\\_\\_" + nasty + ".sql | " + nasty
                + "<br>table public.\"we\\|ird\" is present | " + nasty + " |", actions.get(0));
        assertEquals("| CHANGED_OBJECT | 8 " + nasty + " | column public.\"we\\|ird\".x | " + nasty + " | " + nasty
                + "<br>Suggested migration: " + nasty + " |", manual.get(0));
        assertTrue(md.startsWith("## migration-guard: reconcile plan\n\nDatabase **shop " + nasty + "** on " + nasty),
                md);
        for (char c : md.toCharArray()) {
            assertFalse(c < 0x20 && c != '\n', "a control character reached the Markdown: " + (int) c);
            assertFalse(c == '\u202E', "a bidirectional override reached the Markdown");
        }
        assertEquals(Text.wellFormed(md), md, "no unpaired surrogate");
    }

    @Test
    void anUnknownKindIsEscapedLikeAnyOtherText() {
        String md = ReconcilePlanMarkdown.render(ReconcileFixtures.of(List.of(), List.of(
                new ManualStep("odd|kind", null, null, null, null, null))));
        assertEquals(List.of("| odd\\|kind |  |  |  |  |"), manualRows(md));
    }

    @Test
    void theApplyCommandNamesTheGivenPlanFileAsOneShellWord() {
        ReconcilePlan plan = ReconcileFixtures.plan();
        assertTrue(ReconcilePlanMarkdown.render(plan, "build/mg/reconcile-plan.json")
                .contains("`mvn migration-guard:reconcile -DmigrationGuard.apply=true"
                        + " -DmigrationGuard.plan=build/mg/reconcile-plan.json`"));
        assertTrue(ReconcilePlanMarkdown.render(plan, "my reports/it's/reconcile-plan.json")
                .contains("`mvn migration-guard:reconcile -DmigrationGuard.apply=true"
                        + " -DmigrationGuard.plan='my reports/it'\\''s/reconcile-plan.json'`"));
        assertTrue(ReconcilePlanMarkdown.render(plan, "odd`dir/reconcile-plan.json")
                .contains("``mvn migration-guard:reconcile -DmigrationGuard.apply=true"
                        + " -DmigrationGuard.plan='odd`dir/reconcile-plan.json'``"),
                "a backtick cannot end the code span");
    }

    @Test
    void codeSpansAndShellWords() {
        assertEquals("`abc`", ReconcilePlanMarkdown.code("abc"));
        assertEquals("``a`b``", ReconcilePlanMarkdown.code("a`b"));
        assertEquals("``` ``x ```", ReconcilePlanMarkdown.code("``x"));
        assertEquals("`a b`", ReconcilePlanMarkdown.code("a\nb"));
        assertEquals("target/x-1.2/plan.json", ReconcilePlanMarkdown.shellWord("target/x-1.2/plan.json"));
        assertEquals("'$HOME/plan.json'", ReconcilePlanMarkdown.shellWord("$HOME/plan.json"));
        assertEquals("''", ReconcilePlanMarkdown.shellWord(""));
    }

    @Test
    void aLongPlanStopsAtTheRowLimitAndStillSaysHowToApply() {
        List<PlannedAction> actions = new ArrayList<>();
        for (int i = 1; i <= MarkdownReport.MAX_ROWS + 50; i++) {
            actions.add(new PlannedAction(ActionType.MARK_APPLIED, "1." + i, "V1_" + i + "__t.sql",
                    List.of("table public.t" + i + " is present"), List.of(),
                    new RowImage(i, "1." + i, "t", "SQL", "V1_" + i + "__t.sql", i, null, null, 0, true), null));
        }
        String md = ReconcilePlanMarkdown.render(ReconcileFixtures.of(actions, List.of(ReconcileFixtures.PARTIAL)));
        assertEquals(MarkdownReport.MAX_ROWS, actionRows(md).size());
        assertTrue(md.contains("\n... and 50 more actions, listed in reconcile-plan.json.\n\n### Needs a person"), md);
        assertEquals(1, manualRows(md).size());
        assertTrue(md.endsWith(APPLY));
    }

    @Test
    void aLargePlanStaysUnderTheCommentLimit() {
        List<PlannedAction> actions = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            evidence.add("table public.table_with_a_rather_long_name_" + i + " is present");
        }
        for (int i = 1; i <= 150; i++) {
            actions.add(new PlannedAction(ActionType.MARK_APPLIED, String.valueOf(i), "V" + i + "__big.sql",
                    evidence, List.of(), null, null));
        }
        String md = ReconcilePlanMarkdown.render(ReconcileFixtures.of(actions, List.of(ReconcileFixtures.PARTIAL)));
        assertTrue(md.length() <= MarkdownReport.MAX_CHARS, "length " + md.length());
        int shown = actionRows(md).size();
        assertTrue(shown > 0 && shown < 150, "shown " + shown);
        assertTrue(md.contains("\n... and " + (150 - shown) + " more actions, listed in reconcile-plan.json.\n"));
        assertEquals(1, manualRows(md).size(), "the findings for a person still fit");
        assertTrue(md.endsWith(APPLY));
    }

    @Test
    void writesIntoTheReportsDirectory(@TempDir Path dir) throws Exception {
        Path file = ReconcilePlanMarkdown.write(ReconcileFixtures.plan(), dir.resolve("target/migration-guard"));
        assertEquals(dir.resolve("target/migration-guard/reconcile-plan.md"), file);
        assertEquals(ReconcilePlanMarkdown.render(ReconcileFixtures.plan()), Files.readString(file));

        ReconcilePlanMarkdown.write(ReconcileFixtures.plan(), dir.resolve("target/migration-guard"),
                "out/reconcile-plan.json");
        assertTrue(Files.readString(file).contains("-DmigrationGuard.plan=out/reconcile-plan.json`"));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }
}
