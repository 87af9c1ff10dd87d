package io.github.migrationguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.reconcile.ManualStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileConsoleReportTest {

    @Test
    void headerActionsWithEvidenceFindingsForAPersonAndSummary() {
        assertEquals(List.of(
                "Reconcile plan for database shop on 10.1.2.3:5432, history table public.flyway_schema_history"
                        + " (flyway)",
                "MARK_APPLIED 3 (V3__orders.sql)",
                "    - history row 7 records a failed run; it is replaced",
                "    - table public.orders is present",
                "    - no schema difference concerns these objects: they have the shape V3__orders.sql gives them",
                "MARK_APPLIED refresh views (R__refresh_views.sql)",
                "    - view public.order_totals is present",
                "REMOVE_PHANTOM 2 (V2__customers.sql)",
                "    - table public.customers is absent",
                "    - index public.idx_customers_email is absent",
                "    note: version 2 is below the latest applied version 4: run flyway migrate with out-of-order"
                        + " migrations allowed (-outOfOrder=true, or spring.flyway.out-of-order=true) once, so it runs"
                        + " again",
                "REMOVE_FAILED 5 (V5__bestellpositionen.sql)",
                "    - table public.bestellpositionen is absent",
                "REALIGN_CHECKSUM 4 (V4__add_email.sql)",
                "    - history row 4 has checksum 12; V4__add_email.sql now has -7",
                "    - column public.customers.email is present",
                "    - asked for with realignChecksums",
                "NEEDS A PERSON: PARTIAL 6 table public.shipments: some of its objects exist and some do not: only a"
                        + " person can tell whether to add what is missing or remove the rest",
                "    what to do: add the missing objects in a new migration, or remove the rest",
                "    suggested migration: target/migration-guard/suggested/V6_1__complete_shipments.sql",
                "NEEDS A PERSON: EXTRA_OBJECT index public.idx_hotfix: schema drift: reconcile changes history rows"
                        + " only, never the schema",
                "migration-guard reconcile: 5 actions (2 MARK_APPLIED, 1 REMOVE_PHANTOM, 1 REMOVE_FAILED,"
                        + " 1 REALIGN_CHECKSUM), 2 findings need a person"),
                ReconcileConsoleReport.lines(ReconcileFixtures.plan()));
    }

    @Test
    void nothingToReconcileOnADatabaseWithoutAHistoryTable() {
        assertEquals(List.of(
                "Reconcile plan for database fresh, history table public.flyway_schema_history (flyway), which does"
                        + " not exist yet (the apply creates it)",
                "migration-guard reconcile: nothing to reconcile, 0 findings need a person"),
                ReconcileConsoleReport.lines(ReconcileFixtures.emptyWithNulls()));
    }

    @Test
    void oneOfEach() {
        assertEquals("migration-guard reconcile: 1 action (1 REMOVE_PHANTOM), 1 finding needs a person",
                ReconcileConsoleReport.summaryLine(ReconcileFixtures.of(List.of(ReconcileFixtures.REMOVE_PHANTOM),
                        List.of(ReconcileFixtures.EXTRA))));
        assertEquals("migration-guard reconcile: nothing to reconcile, 1 finding needs a person",
                ReconcileConsoleReport.summaryLine(ReconcileFixtures.of(List.of(), List.of(ReconcileFixtures.EXTRA))));
    }

    @Test
    void countsFollowTheOrderOfTheActionTypes() {
        assertEquals("migration-guard reconcile: 3 actions (1 MARK_APPLIED, 1 REMOVE_FAILED, 1 REALIGN_CHECKSUM),"
                        + " 0 findings need a person",
                ReconcileConsoleReport.summaryLine(ReconcileFixtures.of(List.of(ReconcileFixtures.REALIGN_CHECKSUM,
                        ReconcileFixtures.REMOVE_FAILED, ReconcileFixtures.MARK_APPLIED), List.of())));
    }

    @Test
    void aStepWithOnlyAKind() {
        assertEquals(List.of("NEEDS A PERSON: UNRECORDED"),
                ReconcileConsoleReport.manualLines(new ManualStep("UNRECORDED", null, null, " ", null, "")));
        assertEquals(List.of("NEEDS A PERSON: UNKNOWN 3: why", "    what to do: fix it"),
                ReconcileConsoleReport.manualLines(new ManualStep(null, "3", null, "why", "fix it", null)));
    }

    @Test
    void everyLineIsOneLineWithControlCharactersMadeVisible() {
        List<String> lines = ReconcileConsoleReport.lines(ReconcileFixtures.nasty());
        String nasty = "a|b `c` *d* _e_ <f> & \"g\" \\h [i](j) line two \\u001B[31mred\\u202Eevil \ud83d\udc18 \uFFFD";
        assertEquals("MARK_APPLIED 7 " + nasty + " (V7__" + nasty + ".sql)", lines.get(1));
        assertEquals("    - " + nasty, lines.get(2));
        assertEquals("    - table public.\"we|ird\" is present", lines.get(3));
        assertEquals("    note: " + nasty, lines.get(4));
        assertEquals("NEEDS A PERSON: CHANGED_OBJECT 8 " + nasty + " column public.\"we|ird\".x: " + nasty,
                lines.get(5));
        assertEquals("    what to do: " + nasty, lines.get(6));
        assertEquals("    suggested migration: " + nasty, lines.get(7));
        assertEquals(9, lines.size());
        for (String line : lines) {
            assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u001B")
                    || line.contains("\u202E"), line);
        }
        assertTrue(lines.get(0).startsWith("Reconcile plan for database shop " + nasty + " on "), lines.get(0));
    }
}
