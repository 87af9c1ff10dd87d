package io.github.migrationguard.report;

import io.github.migrationguard.reconcile.ActionType;
import io.github.migrationguard.reconcile.ManualStep;
import io.github.migrationguard.reconcile.PlanDatabase;
import io.github.migrationguard.reconcile.PlanOptions;
import io.github.migrationguard.reconcile.PlannedAction;
import io.github.migrationguard.reconcile.ReconcilePlan;
import io.github.migrationguard.reconcile.RowImage;
import java.util.List;

/** Reconcile plans for the renderer tests, built from the records directly. */
final class ReconcileFixtures {

    static final String FINGERPRINT = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final ReconcilePlan.FingerprintParts PARTS = new ReconcilePlan.FingerprintParts(
            "1111111111111111111111111111111111111111111111111111111111111111",
            "2222222222222222222222222222222222222222222222222222222222222222",
            "3333333333333333333333333333333333333333333333333333333333333333",
            "44444444444444444444444444444444444444444444444444444444444444ff");

    static final PlanDatabase DATABASE = new PlanDatabase("shop", 16_384L, "deployer", "10.1.2.3:5432",
            "16.2 (Debian 16.2-1.pgdg120+2)", "public.flyway_schema_history", "flyway", true);

    /** Unicode, quotes, a backslash and a line break, as a description from a file name or a history row may hold. */
    static final String UNICODE_DESCRIPTION = "Bestellpositionen \"ÄÖÜ\" – 注文 \ud83d\udc18 C:\\tmp\nsecond line";

    /** A failed run of V3, replaced by MARK_APPLIED. */
    static final RowImage FAILED_V3 = new RowImage(7, "3", "orders", "SQL", "V3__orders.sql", 1_234_567, "deployer",
            "2024-05-01 10:00:00.123456", 12, false);

    /** Every action type; nulls where the model allows them (a new row's installedBy/installedOn, a note). */
    static final PlannedAction MARK_APPLIED = new PlannedAction(ActionType.MARK_APPLIED, "3", "V3__orders.sql",
            List.of("history row 7 records a failed run; it is replaced", "table public.orders is present",
                    "no schema difference concerns these objects: they have the shape V3__orders.sql gives them"),
            List.of(FAILED_V3),
            new RowImage(9, "3", "orders", "SQL", "V3__orders.sql", 1_234_567, null, null, 0, true), null);

    static final PlannedAction MARK_APPLIED_REPEATABLE = new PlannedAction(ActionType.MARK_APPLIED, "refresh views",
            "R__refresh_views.sql", List.of("view public.order_totals is present"), List.of(),
            new RowImage(10, null, "refresh views", "SQL", "R__refresh_views.sql", -42, null, null, 0, true), null);

    static final PlannedAction REMOVE_PHANTOM = new PlannedAction(ActionType.REMOVE_PHANTOM, "2",
            "V2__customers.sql",
            List.of("table public.customers is absent", "index public.idx_customers_email is absent"),
            List.of(new RowImage(2, "2", "customers", "SQL", "V2__customers.sql", 99, "flyway",
                    "2024-04-30 08:15:02.000001", 31, true)),
            null, "version 2 is below the latest applied version 4: run flyway migrate with out-of-order migrations"
                    + " allowed (-outOfOrder=true, or spring.flyway.out-of-order=true) once, so it runs again");

    static final PlannedAction REMOVE_FAILED = new PlannedAction(ActionType.REMOVE_FAILED, "5",
            "V5__bestellpositionen.sql", List.of("table public.bestellpositionen is absent"),
            List.of(new RowImage(5, "5", UNICODE_DESCRIPTION, "SQL", "V5__bestellpositionen.sql", null, "o'brien",
                            "2024-05-01 09:00:00.000000", 3, false),
                    new RowImage(6, "5", UNICODE_DESCRIPTION, "SQL", "V5__bestellpositionen.sql", Integer.MIN_VALUE,
                            "o'brien", "2024-05-01 09:05:00.000000", Integer.MAX_VALUE, false)),
            null, null);

    static final PlannedAction REALIGN_CHECKSUM = new PlannedAction(ActionType.REALIGN_CHECKSUM, "4",
            "V4__add_email.sql", List.of("history row 4 has checksum 12; V4__add_email.sql now has -7",
                    "column public.customers.email is present", "asked for with realignChecksums"),
            List.of(new RowImage(4, "4", "add email", "SQL", "V4__add_email.sql", 12, "deployer",
                    "2024-04-30 08:15:03.500000", 5, true)),
            new RowImage(4, "4", "add email", "SQL", "V4__add_email.sql", -7, "deployer",
                    "2024-04-30 08:15:03.500000", 5, true), null);

    static final ManualStep PARTIAL = new ManualStep("PARTIAL", "6", "table public.shipments",
            "some of its objects exist and some do not: only a person can tell whether to add what is missing or"
                    + " remove the rest", "add the missing objects in a new migration, or remove the rest",
            "target/migration-guard/suggested/V6_1__complete_shipments.sql");
    static final ManualStep EXTRA = new ManualStep("EXTRA_OBJECT", null, "index public.idx_hotfix",
            "schema drift: reconcile changes history rows only, never the schema", null, null);

    private ReconcileFixtures() {
    }

    /** Every action type and two manual steps, with options set. */
    static ReconcilePlan plan() {
        return new ReconcilePlan(ReconcilePlan.FORMAT, FINGERPRINT, PARTS, DATABASE, new PlanOptions(true,
                List.of("refresh views")), "2024-05-02T07:30:00Z", "1.4.0",
                List.of(MARK_APPLIED, MARK_APPLIED_REPEATABLE, REMOVE_PHANTOM, REMOVE_FAILED, REALIGN_CHECKSUM),
                List.of(PARTIAL, EXTRA));
    }

    static ReconcilePlan of(List<PlannedAction> actions, List<ManualStep> manual) {
        return new ReconcilePlan(ReconcilePlan.FORMAT, FINGERPRINT, PARTS, DATABASE, PlanOptions.DEFAULT,
                "2024-05-02T07:30:00Z", "1.4.0", actions, manual);
    }

    /** A database without a history table yet, nulls in every optional plan field, no actions or steps. */
    static ReconcilePlan emptyWithNulls() {
        return new ReconcilePlan(ReconcilePlan.FORMAT, FINGERPRINT, PARTS,
                new PlanDatabase("fresh", 1L, null, null, null, "public.flyway_schema_history", "flyway", false),
                PlanOptions.DEFAULT, null, null, List.of(), List.of());
    }

    /** Text that tries to break every output format, in an action and a manual step. */
    static ReconcilePlan nasty() {
        String nasty = DriftReportFixtures.NASTY;
        PlannedAction action = new PlannedAction(ActionType.MARK_APPLIED, "7 " + nasty, "V7__" + nasty + ".sql",
                List.of(nasty, "table public.\"we|ird\" is present"), List.of(),
                new RowImage(11, "7", nasty, "SQL", "V7__" + nasty + ".sql", 1, null, null, 0, true), nasty);
        ManualStep step = new ManualStep("CHANGED_OBJECT", "8 " + nasty, "column public.\"we|ird\".x", nasty, nasty,
                nasty);
        return new ReconcilePlan(ReconcilePlan.FORMAT, FINGERPRINT, PARTS, new PlanDatabase("shop " + nasty, 2L,
                nasty, nasty, nasty, nasty, nasty, true), new PlanOptions(false, List.of(nasty)), nasty, nasty,
                List.of(action), List.of(step));
    }
}
