package io.github.migrationguard.reconcile;

import static io.github.migrationguard.reconcile.PlannerFixtures.FIRST_RUN;
import static io.github.migrationguard.reconcile.PlannerFixtures.NOW;
import static io.github.migrationguard.reconcile.PlannerFixtures.USER;
import static io.github.migrationguard.reconcile.PlannerFixtures.applied;
import static io.github.migrationguard.reconcile.PlannerFixtures.appliedWithChecksum;
import static io.github.migrationguard.reconcile.PlannerFixtures.database;
import static io.github.migrationguard.reconcile.PlannerFixtures.failed;
import static io.github.migrationguard.reconcile.PlannerFixtures.finding;
import static io.github.migrationguard.reconcile.PlannerFixtures.history;
import static io.github.migrationguard.reconcile.PlannerFixtures.inspection;
import static io.github.migrationguard.reconcile.PlannerFixtures.markApplied;
import static io.github.migrationguard.reconcile.PlannerFixtures.plan;
import static io.github.migrationguard.reconcile.PlannerFixtures.realign;
import static io.github.migrationguard.reconcile.PlannerFixtures.repeatable;
import static io.github.migrationguard.reconcile.PlannerFixtures.schema;
import static io.github.migrationguard.reconcile.PlannerFixtures.state;
import static io.github.migrationguard.reconcile.PlannerFixtures.versioned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftInspection;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.MigrationState.MigrationStatus;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.history.HistoryTool;
import io.github.migrationguard.migration.Migration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReconcilePlannerTest {

    private static final Migration V1 = versioned("1", "init");
    private static final Migration V2 = versioned("2", "orders");
    private static final Migration V3 = versioned("3", "invoices");
    private static final Migration V4 = versioned("4", "backfill prices");
    private static final Migration VIEWS = repeatable("views", 777);

    private static final String NO_SCHEMA_DIFFERENCE = "no schema difference concerns these objects: they have the"
            + " shape %s gives them";
    private static final String OUT_OF_ORDER_NOTE = "version %s is below the latest applied version %s: run flyway"
            + " migrate with out-of-order migrations allowed (-outOfOrder=true, or spring.flyway.out-of-order=true)"
            + " once, so it runs again";

    /** The row MARK_APPLIED writes for {@code m}: installed_by and installed_on are left to the apply. */
    private static RowImage written(int rank, Migration m) {
        return new RowImage(rank, m.isRepeatable() ? null : m.version().toString(), m.historyDescription(), "SQL",
                m.script(), m.checksum(), null, null, 0, true);
    }

    // ------------------------------------------------------------------ MARK_APPLIED

    @Test
    void unrecordedMigrationsAreMarkedAppliedAfterTheHighestRankInFileOrder() {
        DriftInspection in = inspection().shadow()
                .rows(applied(1, V1), applied(5, V2))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(applied(5, V2)).present("table public.orders"),
                        state(V3).kind(DriftKind.UNRECORDED)
                                .present("table public.invoices", "index public.idx_invoices_order"),
                        state(V4).kind(DriftKind.UNRECORDED).present("column public.orders.price"),
                        state(VIEWS).kind(DriftKind.UNRECORDED).present("view public.order_totals"))
                .findings(history(DriftKind.UNRECORDED, V3), history(DriftKind.UNRECORDED, V4),
                        history(DriftKind.UNRECORDED, VIEWS))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(
                new PlannedAction(ActionType.MARK_APPLIED, "3", "V3__invoices.sql", List.of(
                        "table public.invoices is present", "index public.idx_invoices_order is present",
                        NO_SCHEMA_DIFFERENCE.formatted("V3__invoices.sql")), List.of(), written(6, V3), null),
                new PlannedAction(ActionType.MARK_APPLIED, "4", "V4__backfill_prices.sql", List.of(
                        "column public.orders.price is present",
                        NO_SCHEMA_DIFFERENCE.formatted("V4__backfill_prices.sql")), List.of(), written(7, V4), null),
                new PlannedAction(ActionType.MARK_APPLIED, "views", "R__views.sql", List.of(
                        "view public.order_totals is present", NO_SCHEMA_DIFFERENCE.formatted("R__views.sql")),
                        List.of(), written(8, VIEWS), null)), plan.actions());
        assertEquals(List.of(), plan.manual(), "the UNRECORDED findings are covered by the actions");
        RowImage repeatableRow = plan.actions().get(2).write();
        assertEquals(null, repeatableRow.version());
        assertEquals("views", repeatableRow.description());
        assertEquals(777, repeatableRow.checksum());
    }

    @Test
    void theNextRankFollowsFailedRowsAndMarkersToo() {
        HistoryRow marker = new HistoryRow(9, "5", "dropped feature", "DELETE", "V5__dropped_feature.sql", 55, USER,
                FIRST_RUN, 0, true);
        DriftInspection in = inspection()
                .rows(applied(1, V1), failed(3, V2), marker)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).failed(failed(3, V2)).absent("table public.orders"),
                        state(V3).kind(DriftKind.UNRECORDED).present("table public.invoices"))
                .findings(history(DriftKind.FAILED, V2), history(DriftKind.UNRECORDED, V3))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(ActionType.REMOVE_FAILED, ActionType.MARK_APPLIED),
                plan.actions().stream().map(PlannedAction::type).toList());
        assertEquals(10, plan.actions().get(1).write().installedRank());
    }

    @Test
    void whileRebuildingAHistoryATrailingMigrationTheSchemaCannotJudgeIsLeftToAPerson() {
        DriftFinding pending = finding(DriftKind.PENDING, "4", null, "V4__backfill_prices.sql is not applied yet",
                "none: flyway migrate runs it");
        DriftInspection rebuilding = inspection().noHistoryTable()
                .states(state(V1).kind(DriftKind.UNRECORDED).present("table public.accounts"),
                        state(V4).kind(DriftKind.PENDING))
                .findings(history(DriftKind.UNRECORDED, V1), pending)
                .build();

        ReconcilePlan plan = plan(rebuilding);

        assertEquals(List.of(ActionType.MARK_APPLIED), plan.actions().stream().map(PlannedAction::type).toList());
        assertEquals(1, plan.manual().size(), plan.manual().toString());
        ManualStep step = plan.manual().get(0);
        assertEquals("PENDING 4", step.kind() + " " + step.migration());
        assertTrue(step.reason().contains("the history is being rebuilt"), step.reason());
        assertTrue(step.instruction().contains("-DmigrationGuard.markApplied=4 "), step.instruction());

        // nothing is rebuilt: a pending migration is what the next migrate applies, not a question
        DriftInspection pendingOnly = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V4).kind(DriftKind.PENDING))
                .findings(pending)
                .build();
        assertEquals(List.of(), plan(pendingOnly).manual());

        // stated: recorded, and no longer asked about
        ReconcilePlan stated = plan(rebuilding, markApplied("4"));
        assertEquals(List.of("1", "4"), stated.actions().stream().map(PlannedAction::migration).toList());
        assertEquals(List.of(), stated.manual());
    }

    @Test
    void viewsAndFunctionsAreComparedOnlyWithAShadowSoWithoutOneAPersonStatesThem() {
        DriftInspection replayed = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(VIEWS).kind(DriftKind.UNRECORDED).present("view public.order_totals",
                                "function public.touch(integer)"))
                .findings(history(DriftKind.UNRECORDED, VIEWS))
                .build();

        ReconcilePlan plan = plan(replayed);
        assertEquals(List.of(), plan.actions(), "a hand-changed view query would go unnoticed");
        assertEquals(1, plan.manual().size(), plan.manual().toString());
        ManualStep step = plan.manual().get(0);
        assertTrue(step.reason().startsWith("view public.order_totals, function public.touch(integer) are present,"
                + " but without a shadow database only their presence is compared"), step.reason());
        assertTrue(step.instruction().contains("-DmigrationGuard.shadowUrl="), step.instruction());
        assertTrue(step.instruction().contains("-DmigrationGuard.markApplied=views"), step.instruction());

        ReconcilePlan stated = plan(replayed, markApplied("views"));
        assertEquals(List.of("views"), stated.actions().stream().map(PlannedAction::migration).toList());
        assertTrue(stated.actions().get(0).evidence().contains("stated with markApplied: the definitions of view"
                + " public.order_totals, function public.touch(integer) were checked by hand"),
                stated.actions().get(0).evidence().toString());
    }

    @Test
    void aMigrationThatDidNotRunBelowOnesThePlanRecordsIsNamedWithTheOutOfOrderStep() {
        DriftFinding pending = finding(DriftKind.PENDING, "2", null, "V2__orders.sql is not applied yet; none of its"
                + " objects exists, so flyway migrate will run it", "none: flyway migrate runs it");
        DriftInspection in = inspection().noHistoryTable()
                .states(state(V1).kind(DriftKind.UNRECORDED).present("table public.accounts"),
                        state(V2).kind(DriftKind.PENDING).absent("table public.orders"),
                        state(V3).kind(DriftKind.UNRECORDED).present("table public.invoices"))
                .findings(history(DriftKind.UNRECORDED, V1), pending, history(DriftKind.UNRECORDED, V3))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of("1", "3"), plan.actions().stream().map(PlannedAction::migration).toList());
        assertEquals(1, plan.manual().size(), plan.manual().toString());
        ManualStep step = plan.manual().get(0);
        assertEquals("PENDING 2", step.kind() + " " + step.migration());
        assertTrue(step.reason().contains("later migrations are recorded or will be by this plan"), step.reason());
        assertTrue(step.instruction().contains("-outOfOrder=true"), step.instruction());
    }

    @Test
    void withoutHistoryTableTheFirstRowGetsRankOne() {
        DriftInspection in = inspection().noHistoryTable()
                .states(state(V1).kind(DriftKind.UNRECORDED).present("table public.accounts"),
                        state(V2).kind(DriftKind.UNRECORDED).present("table public.orders"))
                .findings(history(DriftKind.UNRECORDED, V1), history(DriftKind.UNRECORDED, V2))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(written(1, V1), written(2, V2)),
                plan.actions().stream().map(PlannedAction::write).toList());
    }

    @ParameterizedTest
    @EnumSource(value = DriftKind.class, names = {"CHANGED_OBJECT", "MISSING_OBJECT", "INVALID_INDEX"})
    void unrecordedWithAShapeDifferenceNeedsAPerson(DriftKind kind) {
        DriftFinding shape = schema(kind, "column public.invoices.total", "expected numeric(10,2), found text");
        DriftInspection in = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V3).kind(DriftKind.UNRECORDED).present("table public.invoices").schemaFindings(shape))
                .findings(history(DriftKind.UNRECORDED, V3), shape)
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(
                new ManualStep("UNRECORDED", "3", null, "its objects are present but not with the shape"
                        + " V3__invoices.sql gives them: " + kind + " column public.invoices.total: expected"
                        + " numeric(10,2), found text",
                        "make the objects match V3__invoices.sql (or record the difference in a new migration), then"
                                + " run reconcile again", null),
                new ManualStep(kind.name(), null, "column public.invoices.total",
                        "schema drift: reconcile changes history rows only, never the schema",
                        "write a migration that fixes column public.invoices.total", null)), plan.manual());
    }

    @Test
    void anExtraObjectOnItsTableDoesNotPreventMarkApplied() {
        DriftFinding extra = schema(DriftKind.EXTRA_OBJECT, "index public.idx_invoices_hotfix",
                "no migration creates it");
        DriftInspection in = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V3).kind(DriftKind.UNRECORDED).present("table public.invoices").schemaFindings(extra))
                .findings(history(DriftKind.UNRECORDED, V3), extra)
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(new PlannedAction(ActionType.MARK_APPLIED, "3", "V3__invoices.sql",
                List.of("table public.invoices is present", NO_SCHEMA_DIFFERENCE.formatted("V3__invoices.sql")),
                List.of(), written(2, V3), null)), plan.actions());
        assertEquals(List.of(new ManualStep("EXTRA_OBJECT", null, "index public.idx_invoices_hotfix",
                "schema drift: reconcile changes history rows only, never the schema",
                "write a migration that fixes index public.idx_invoices_hotfix", null)), plan.manual());
    }

    @Test
    void unrecordedWithStatementsReplayDidNotUnderstandNeedsAPersonWhoMayUseMarkApplied() {
        DriftInspection in = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V3).kind(DriftKind.UNRECORDED).present("table public.invoices")
                                .notReplayed("DO $$ BEGIN PERFORM 1; END $$", "EXECUTE 'ALTER TABLE x'"))
                .findings(history(DriftKind.UNRECORDED, V3))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(new ManualStep("UNRECORDED", "3", null, "replay did not understand 2 of its statements"
                + " (first: DO $$ BEGIN PERFORM 1; END $$), so the evidence for recording it as applied is incomplete",
                "check by hand that everything V3__invoices.sql does is in the database; if it is, state it with"
                        + " -DmigrationGuard.markApplied=3", null)), plan.manual());

        ReconcilePlan stated = plan(in, markApplied("3"));

        assertEquals(List.of(new PlannedAction(ActionType.MARK_APPLIED, "3", "V3__invoices.sql",
                List.of("table public.invoices is present",
                        "stated with markApplied: replay did not understand 2 of its statements"),
                List.of(), written(2, V3), null)), stated.actions());
        assertEquals(List.of(), stated.manual());
    }

    @Test
    void aFailedRunWhoseObjectsAreAllPresentIsMarkedAppliedReplacingTheFailedRow() {
        HistoryRow failedRow = failed(2, V2);
        DriftInspection in = inspection()
                .rows(applied(1, V1), failedRow)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).failed(failedRow).kind(DriftKind.UNRECORDED).present("table public.orders"))
                .findings(history(DriftKind.FAILED, V2), history(DriftKind.UNRECORDED, V2))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(new PlannedAction(ActionType.MARK_APPLIED, "2", "V2__orders.sql", List.of(
                "history row 2 records a failed run; it is replaced", "table public.orders is present",
                NO_SCHEMA_DIFFERENCE.formatted("V2__orders.sql")), List.of(RowImage.of(failedRow)),
                written(3, V2), null)), plan.actions());
        assertEquals(List.of(), plan.manual(), "neither the FAILED nor the UNRECORDED finding is left over");
        RowImage removed = plan.actions().get(0).remove().get(0);
        assertEquals(false, removed.success());
        assertEquals("2024-03-01 09:32:15.123456", removed.installedOn());
        assertEquals(USER, removed.installedBy());
    }

    // ------------------------------------------------------------------ REMOVE_PHANTOM

    @Test
    void aPhantomRowOfTheLatestMigrationIsRemovedAndRunsAgain() {
        HistoryRow row = applied(2, V2);
        DriftInspection in = inspection()
                .rows(applied(1, V1), row)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(row).kind(DriftKind.PHANTOM)
                                .absent("table public.orders", "index public.idx_orders_account"))
                .findings(history(DriftKind.PHANTOM, V2))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(new PlannedAction(ActionType.REMOVE_PHANTOM, "2", "V2__orders.sql", List.of(
                "history row 2 records V2__orders.sql as applied", "table public.orders is absent",
                "index public.idx_orders_account is absent", "every object V2__orders.sql creates is absent, so"
                        + " running it again is what makes the database match"), List.of(RowImage.of(row)), null,
                "flyway migrate runs V2__orders.sql again")), plan.actions());
        assertEquals(List.of(), plan.manual());
    }

    @Test
    void aPhantomBelowTheLatestAppliedVersionNeedsOutOfOrder() {
        HistoryRow row = applied(2, V2);
        DriftInspection in = inspection()
                .rows(applied(1, V1), row, applied(3, V3))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(row).kind(DriftKind.PHANTOM).absent("table public.orders"),
                        state(V3).applied(applied(3, V3)).present("table public.invoices"))
                .findings(history(DriftKind.PHANTOM, V2))
                .build();

        PlannedAction action = plan(in).actions().get(0);

        assertEquals(ActionType.REMOVE_PHANTOM, action.type());
        assertEquals(OUT_OF_ORDER_NOTE.formatted("2", "3"), action.note());
        assertTrue(action.note().contains("-outOfOrder=true"), action.note());
    }

    @Test
    void laterPhantomsThatAreRemovedTooDoNotCountAsApplied() {
        DriftInspection in = inspection()
                .rows(applied(1, V1), applied(2, V2), applied(3, V3))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(applied(2, V2)).kind(DriftKind.PHANTOM).absent("table public.orders"),
                        state(V3).applied(applied(3, V3)).kind(DriftKind.PHANTOM).absent("table public.invoices"))
                .findings(history(DriftKind.PHANTOM, V2), history(DriftKind.PHANTOM, V3))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of("flyway migrate runs V2__orders.sql again", "flyway migrate runs V3__invoices.sql again"),
                plan.actions().stream().map(PlannedAction::note).toList());
    }

    @Test
    void aPhantomThatStaysBecauseOfIncompleteEvidenceCountsAsApplied() {
        DriftInspection in = inspection()
                .rows(applied(1, V1), applied(2, V2), applied(3, V3))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(applied(2, V2)).kind(DriftKind.PHANTOM).absent("table public.orders"),
                        state(V3).applied(applied(3, V3)).kind(DriftKind.PHANTOM).absent("table public.invoices")
                                .notReplayed("EXECUTE format('CREATE TABLE %I ()', name)"))
                .findings(history(DriftKind.PHANTOM, V2), history(DriftKind.PHANTOM, V3))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(1, plan.actions().size());
        assertEquals(OUT_OF_ORDER_NOTE.formatted("2", "3"), plan.actions().get(0).note());
        assertEquals(List.of(new ManualStep("PHANTOM", "3", null, "replay did not understand 1 of its statements"
                + " (first: EXECUTE format('CREATE TABLE %I ()', name)), so the evidence for removing its history row"
                + " is incomplete", "check by hand that nothing V3__invoices.sql does is in the database, then remove"
                + " the row with the migration tool's repair command", null)), plan.manual());
    }

    @Test
    void aRepeatablePhantomRunsAgain() {
        HistoryRow row = applied(2, VIEWS);
        DriftInspection in = inspection()
                .rows(applied(1, V1), row)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(VIEWS).applied(row).kind(DriftKind.PHANTOM).absent("view public.order_totals"))
                .findings(history(DriftKind.PHANTOM, VIEWS))
                .build();

        PlannedAction action = plan(in).actions().get(0);

        assertEquals(ActionType.REMOVE_PHANTOM, action.type());
        assertEquals("views", action.migration());
        assertEquals(List.of(RowImage.of(row)), action.remove());
        assertEquals("flyway migrate runs R__views.sql again", action.note());
    }

    // ------------------------------------------------------------------ REMOVE_FAILED

    @Test
    void aFailedRunThatLeftNothingLosesOnlyTheFailedRowsAfterTheLastSuccess() {
        HistoryRow old = failed(2, V2);
        HistoryRow success = applied(3, V2);
        HistoryRow first = failed(4, V2);
        HistoryRow second = failed(5, V2);
        DriftInspection in = inspection()
                .rows(applied(1, V1), old, success, first, second)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).failed(second).absent("table public.orders"))
                .findings(history(DriftKind.FAILED, V2))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(new PlannedAction(ActionType.REMOVE_FAILED, "2", "V2__orders.sql", List.of(
                "history row 4 records a failed run of V2__orders.sql",
                "history row 5 records a failed run of V2__orders.sql", "table public.orders is absent"),
                List.of(RowImage.of(first), RowImage.of(second)), null, "flyway migrate runs V2__orders.sql again")),
                plan.actions());
        assertEquals(List.of(), plan.manual());
    }

    @Test
    void aDeleteMarkerTakesEarlierFailedRowsBack() {
        HistoryRow old = failed(2, V2);
        HistoryRow deleted = new HistoryRow(3, "2", "orders", "DELETE", "V2__orders.sql", null, USER, FIRST_RUN, 0,
                true);
        HistoryRow latest = failed(4, V2);
        DriftInspection in = inspection()
                .rows(applied(1, V1), old, deleted, latest)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).failed(latest).absent("table public.orders"))
                .findings(history(DriftKind.FAILED, V2))
                .build();

        assertEquals(List.of(RowImage.of(latest)), plan(in).actions().get(0).remove());
    }

    @Test
    void aFailedDataMigrationIsAssumedToHaveLeftNothingBehind() {
        HistoryRow row = failed(4, V4);
        DriftInspection in = inspection()
                .rows(applied(1, V1), applied(2, V2), applied(3, V3), row)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(applied(2, V2)).present("table public.orders"),
                        state(V3).applied(applied(3, V3)).present("table public.invoices"),
                        state(V4).failed(row))
                .findings(history(DriftKind.FAILED, V4))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(new PlannedAction(ActionType.REMOVE_FAILED, "4", "V4__backfill_prices.sql", List.of(
                "history row 4 records a failed run of V4__backfill_prices.sql", "V4__backfill_prices.sql creates"
                        + " nothing detect-drift can look for; the failed run is assumed to have left nothing behind"
                        + " (it runs again)"), List.of(RowImage.of(row)), null,
                "flyway migrate runs V4__backfill_prices.sql again")), plan.actions());
    }

    @Test
    void aFailedRowWhoseFileIsGoneIsRemoved() {
        HistoryRow gone = new HistoryRow(2, "7", "gone", "SQL", "V7__gone.sql", 4242, USER, FIRST_RUN, 12, false);
        DriftInspection in = inspection()
                .rows(applied(1, V1), gone)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"))
                .findings(finding(DriftKind.FAILED, "7", null, "the history records a failed run of V7__gone.sql",
                        "REMOVE_FAILED: remove the failed row"))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(new PlannedAction(ActionType.REMOVE_FAILED, "7", "V7__gone.sql", List.of(
                "history row 2 records a failed run of V7__gone.sql",
                "no migration file has this version: nothing will run again"), List.of(RowImage.of(gone)), null,
                "check by hand whether the failed run left objects behind")), plan.actions());
        assertEquals(List.of(), plan.manual());
    }

    @Test
    void aFailedRepeatableRowWhoseFileIsGoneIsRemoved() {
        HistoryRow gone = new HistoryRow(2, null, "refresh views", "SQL", "R__refresh_views.sql", 99, USER, FIRST_RUN,
                3, false);
        DriftInspection in = inspection()
                .rows(applied(1, V1), gone)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"))
                .findings(finding(DriftKind.FAILED, "refresh views", null, "failed run of R__refresh_views.sql",
                        "REMOVE_FAILED: remove the failed row"))
                .build();

        PlannedAction action = plan(in).actions().get(0);

        assertEquals(ActionType.REMOVE_FAILED, action.type());
        assertEquals("refresh views", action.migration());
        assertEquals(List.of(RowImage.of(gone)), action.remove());
        assertEquals("no migration file has this description: nothing will run again", action.evidence().get(1));
    }

    // ------------------------------------------------------------------ REALIGN_CHECKSUM

    private static DriftInspection edited(DriftKind kind, String[] present, String[] absent, String[] notReplayed,
                                          DriftFinding... schemaFindings) {
        HistoryRow row = appliedWithChecksum(2, V2, 111);
        return inspection()
                .rows(applied(1, V1), row)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(row).kind(kind).present(present).absent(absent).notReplayed(notReplayed)
                                .schemaFindings(schemaFindings))
                .findings(history(DriftKind.CHECKSUM_MISMATCH, V2))
                .findings(schemaFindings)
                .build();
    }

    private static DriftInspection cleanEdit() {
        return edited(null, new String[] {"table public.orders"}, new String[0], new String[0]);
    }

    private static ManualStep notRealigned(String reason) {
        return new ManualStep("CHECKSUM_MISMATCH", "2", null, reason, "restore V2__orders.sql as it was applied and"
                + " put the change in a new migration; or, if the edit changes nothing in the database, realign the"
                + " checksum", null);
    }

    @Test
    void aChecksumMismatchIsNotRealignedUnlessAskedFor() {
        ReconcilePlan plan = plan(cleanEdit());

        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(notRealigned("the checksum is only realigned when asked for explicitly"
                + " (-DmigrationGuard.realignChecksums=true), and only when the live schema matches the edited file")),
                plan.manual());
        assertTrue(plan.manual().get(0).reason().contains("realignChecksums"));
    }

    @Test
    void realignChecksumsRecordsTheNewChecksumAndKeepsTheRest() {
        ReconcilePlan plan = plan(cleanEdit(), realign());

        HistoryRow row = appliedWithChecksum(2, V2, 111);
        RowImage before = RowImage.of(row);
        RowImage after = new RowImage(2, "2", "orders", "SQL", "V2__orders.sql", V2.checksum(), USER,
                "2024-03-01 09:32:15.123456", 42, true);
        assertEquals(List.of(new PlannedAction(ActionType.REALIGN_CHECKSUM, "2", "V2__orders.sql", List.of(
                "history row 2 has checksum 111; V2__orders.sql now has " + V2.checksum(),
                "table public.orders is present",
                "no schema difference concerns its objects or tables: the live schema matches the edited file",
                "asked for with realignChecksums"), List.of(before), after, null)), plan.actions());
        assertEquals(111, before.checksum());
        assertEquals(List.of(), plan.manual());
    }

    @Test
    void realignTakesTheDescriptionOfTheEditedFile() {
        HistoryRow row = new HistoryRow(2, "2", "orders old name", "SQL", "V2__orders.sql", 111, "flyway_admin",
                FIRST_RUN, 870, true);
        DriftInspection in = inspection()
                .rows(applied(1, V1), row)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(row).present("table public.orders"))
                .findings(history(DriftKind.CHECKSUM_MISMATCH, V2))
                .build();

        RowImage after = plan(in, realign()).actions().get(0).write();

        assertEquals(new RowImage(2, "2", "orders", "SQL", "V2__orders.sql", V2.checksum(), "flyway_admin",
                "2024-03-01 09:30:15.123456", 870, true), after);
    }

    @ParameterizedTest
    @EnumSource(value = DriftKind.class, names = {"EXTRA_OBJECT", "CHANGED_OBJECT", "INVALID_INDEX"})
    void realignIsRefusedWhenASchemaFindingConcernsItsObjects(DriftKind kind) {
        DriftFinding diff = schema(kind, "index public.idx_orders_note", "not what V2 creates");
        ReconcilePlan plan = plan(edited(null, new String[] {"table public.orders"}, new String[0], new String[0],
                diff), realign());

        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(notRealigned("the live schema does not match the edited file: " + kind
                        + " index public.idx_orders_note: not what V2 creates"),
                new ManualStep(kind.name(), null, "index public.idx_orders_note",
                        "schema drift: reconcile changes history rows only, never the schema",
                        "write a migration that fixes index public.idx_orders_note", null)), plan.manual());
    }

    @Test
    void realignIsRefusedForAPartialMigration() {
        DriftFinding partial = finding(DriftKind.PARTIAL, "2", "index public.idx_orders_account", "only some",
                "decide by hand: index public.idx_orders_account is missing");
        HistoryRow row = appliedWithChecksum(2, V2, 111);
        DriftInspection in = inspection()
                .rows(applied(1, V1), row)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(row).kind(DriftKind.PARTIAL).present("table public.orders")
                                .absent("index public.idx_orders_account"))
                .findings(history(DriftKind.CHECKSUM_MISMATCH, V2), partial)
                .build();

        ReconcilePlan plan = plan(in, realign());

        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(notRealigned("the live schema does not match the edited file: PARTIAL (missing:"
                        + " index public.idx_orders_account)"),
                new ManualStep("PARTIAL", "2", "index public.idx_orders_account", "some of its objects exist and some"
                        + " do not: only a person can tell whether to add what is missing or remove the rest",
                        "decide by hand: index public.idx_orders_account is missing", null)), plan.manual());
    }

    @Test
    void anEditedPhantomIsRemovedNotRealigned() {
        ReconcilePlan plan = plan(edited(DriftKind.PHANTOM, new String[0], new String[] {"table public.orders"},
                new String[0]), realign());

        assertEquals(List.of(ActionType.REMOVE_PHANTOM), plan.actions().stream().map(PlannedAction::type).toList());
        assertEquals(List.of(), plan.manual(), "removing the row also ends the checksum mismatch");
    }

    @Test
    void anEditedPhantomWithIncompleteEvidenceIsLeftToAPerson() {
        ReconcilePlan plan = plan(edited(DriftKind.PHANTOM, new String[0], new String[] {"table public.orders"},
                new String[] {"DO $$ ... $$"}), realign());

        assertEquals(List.of(), plan.actions());
        assertEquals(List.of("PHANTOM"), plan.manual().stream().map(ManualStep::kind).toList());
    }

    @Test
    void realignIsRefusedWhenReplayDidNotUnderstandTheFile() {
        ReconcilePlan plan = plan(edited(null, new String[] {"table public.orders"}, new String[0],
                new String[] {"CREATE RULE r AS ON INSERT TO orders DO INSTEAD NOTHING"}), realign());

        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(notRealigned("replay did not understand 1 of its statements, so the live schema cannot"
                + " be shown to match the edited file")), plan.manual());
    }

    @Test
    void realignIsRefusedWhenTheFileCreatesNothingCheckable() {
        ReconcilePlan plan = plan(edited(null, new String[0], new String[0], new String[0]), realign());

        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(notRealigned("V2__orders.sql creates nothing detect-drift can look for, so the live"
                + " schema cannot be shown to match the edited file")), plan.manual());
    }

    @Test
    void repeatablesAreNeverRealigned() {
        HistoryRow edited = appliedWithChecksum(2, VIEWS, 111);
        DriftInspection appliedButEdited = inspection()
                .rows(applied(1, V1), edited)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(VIEWS).applied(edited).present("view public.order_totals"))
                .build();
        DriftInspection outdated = inspection()
                .rows(applied(1, V1), edited)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(VIEWS).status(MigrationStatus.OUTDATED).kind(DriftKind.PENDING)
                                .present("view public.order_totals"))
                .findings(finding(DriftKind.PENDING, "views", null, "R__views.sql changed since it last ran",
                        "none: flyway migrate runs it again"))
                .build();

        for (DriftInspection in : List.of(appliedButEdited, outdated)) {
            ReconcilePlan plan = plan(in, realign());
            assertEquals(List.of(), plan.actions());
            assertEquals(List.of(), plan.manual());
        }
    }

    @Test
    void rowsWithoutChecksumAreNotRealigned() {
        HistoryRow java = new HistoryRow(2, "2", "orders", "JDBC", "db.migration.V2__orders", null, USER, FIRST_RUN,
                5, true);
        DriftInspection in = inspection()
                .rows(applied(1, V1), java)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(java).present("table public.orders"))
                .build();

        assertTrue(plan(in, realign()).isEmpty());
    }

    // ------------------------------------------------------------------ markApplied

    @Test
    void markAppliedOfAnUnknownMigrationIsRefusedNamingIt() {
        DriftInspection in = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"))
                .build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan(in, markApplied("9.1")));

        assertEquals("markApplied names migration 9.1, but no migration file has that version (or repeatable"
                + " description)", e.getMessage());
    }

    @Test
    void markAppliedRecordsAMigrationWithNothingCheckable() {
        DriftInspection in = inspection()
                .rows(applied(1, V1), applied(2, V2), applied(3, V3))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(applied(2, V2)).present("table public.orders"),
                        state(V3).applied(applied(3, V3)).present("table public.invoices"),
                        state(V4).kind(DriftKind.PENDING),
                        state(VIEWS).kind(DriftKind.PENDING))
                .findings(finding(DriftKind.PENDING, "4", null, "V4__backfill_prices.sql is not applied yet",
                                "none: flyway migrate runs it"),
                        finding(DriftKind.PENDING, "views", null, "R__views.sql is not applied yet",
                                "none: flyway migrate runs it"))
                .build();

        ReconcilePlan plan = plan(in, markApplied("4", "views"));

        assertEquals(List.of(
                new PlannedAction(ActionType.MARK_APPLIED, "4", "V4__backfill_prices.sql",
                        List.of("stated with markApplied: V4__backfill_prices.sql creates nothing detect-drift can look"
                                + " for"), List.of(), written(4, V4), null),
                new PlannedAction(ActionType.MARK_APPLIED, "views", "R__views.sql",
                        List.of("stated with markApplied: R__views.sql creates nothing detect-drift can look for"),
                        List.of(), written(5, VIEWS), null)), plan.actions());
        assertEquals(List.of(), plan.manual());
        assertEquals(List.of("4", "views"), plan.options().markApplied());
    }

    @Test
    void markAppliedIsRefusedWhenItsObjectsAreMissing() {
        DriftInspection partly = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V3).kind(DriftKind.PARTIAL).present("table public.invoices")
                                .absent("index public.idx_invoices_order", "table public.invoice_lines"))
                .build();
        DriftInspection none = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V3).kind(DriftKind.PENDING).absent("table public.invoices"))
                .build();

        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> plan(partly, markApplied("3")));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> plan(none, markApplied("3")));

        assertEquals("markApplied names migration 3, but objects it creates are missing:"
                + " index public.idx_invoices_order, table public.invoice_lines; it cannot be recorded as applied",
                e1.getMessage());
        assertEquals("markApplied names migration 3, but objects it creates are missing: table public.invoices; it"
                + " cannot be recorded as applied", e2.getMessage());
    }

    @Test
    void markAppliedIsRefusedWhenItsObjectsDiffer() {
        DriftFinding changed = schema(DriftKind.CHANGED_OBJECT, "column public.invoices.total", "expected numeric");
        DriftInspection in = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V3).kind(DriftKind.UNRECORDED).present("table public.invoices")
                                .schemaFindings(changed))
                .findings(history(DriftKind.UNRECORDED, V3), changed)
                .build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(in, markApplied("3")));

        assertEquals("markApplied names migration 3, but its objects differ from what V3__invoices.sql creates:"
                + " CHANGED_OBJECT column public.invoices.total: expected numeric; it cannot be recorded as applied",
                e.getMessage());
    }

    @Test
    void markAppliedOfAnAppliedMigrationChangesNothingSoItCanBeRunAgain() {
        DriftInspection in = inspection()
                .rows(applied(1, V1), applied(2, V4))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V4).applied(applied(2, V4)))
                .build();

        ReconcilePlan plan = plan(in, markApplied("4"));

        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(), plan.manual());
    }

    @Test
    void markAppliedOfAnUnrecordedMigrationGivesTheSameActionAsTheEvidence() {
        DriftInspection in = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V3).kind(DriftKind.UNRECORDED).present("table public.invoices"))
                .findings(history(DriftKind.UNRECORDED, V3))
                .build();

        assertEquals(plan(in).actions(), plan(in, markApplied("3")).actions());
    }

    // ------------------------------------------------------------------ other tools' history

    @Test
    void anotherToolsHistoryGetsNoActionsOnlyManualSteps() {
        HistoryRow latest = new HistoryRow(1, "3", null, null, null, null, null, null, 0, true);
        DriftFinding unrecorded = history(DriftKind.UNRECORDED, V4);
        DriftFinding phantom = history(DriftKind.PHANTOM, V3);
        DriftFinding failedGone = finding(DriftKind.FAILED, "7", null, "dirty", "REMOVE_FAILED: fix it");
        DriftInspection in = inspection()
                .tool(HistoryTool.GOLANG_MIGRATE, "schema_migrations")
                .rows(latest)
                .states(state(V1).applied(latest).present("table public.accounts"),
                        state(V3).applied(latest).kind(DriftKind.PHANTOM).absent("table public.invoices"),
                        state(V4).kind(DriftKind.UNRECORDED).present("column public.orders.price"))
                .findings(phantom, unrecorded, failedGone)
                .build();
        PlanDatabase db = new PlanDatabase("shop_test", 16_384L, USER, "10.0.0.5:5432", "16.2",
                "public.schema_migrations", "golang-migrate", true);

        ReconcilePlan plan = ReconcilePlanner.plan(in, db, PlanOptions.DEFAULT, "0.1.0-test", NOW);

        assertEquals(List.of(), plan.actions());
        assertTrue(plan.isEmpty());
        String other = "reconcile writes Flyway history rows only";
        assertEquals(List.of(
                new ManualStep("UNSUPPORTED_HISTORY", null, "public.schema_migrations", other + "; this database's"
                        + " history belongs to golang-migrate", "fix the findings below with golang-migrate's own"
                        + " commands", null),
                new ManualStep("PHANTOM", "3", null, other, phantom.recommendedAction(), null),
                new ManualStep("UNRECORDED", "4", null, other, unrecorded.recommendedAction(), null),
                new ManualStep("FAILED", "7", null, other, failedGone.recommendedAction(), null)), plan.manual());
    }

    // ------------------------------------------------------------------ findings left to a person

    @Test
    void pendingMigrationsTheNextMigrateRunsAreNotListedOutOfOrderOnesAre() {
        DriftFinding outOfOrder = finding(DriftKind.PENDING, "2", null, "V2__orders.sql is below the latest applied",
                "run flyway migrate with out-of-order migrations allowed, or give V2__orders.sql a version above 3");
        DriftInspection in = inspection()
                .rows(applied(1, V1), applied(2, V3))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).kind(DriftKind.PENDING).absent("table public.orders"),
                        state(V3).applied(applied(2, V3)).present("table public.invoices"),
                        state(V4).kind(DriftKind.PENDING),
                        state(VIEWS).kind(DriftKind.PENDING))
                .findings(outOfOrder,
                        finding(DriftKind.PENDING, "4", null, "V4 is not applied yet", "none: flyway migrate runs it"),
                        finding(DriftKind.PENDING, "views", null, "R__views.sql is not applied yet", null))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(new ManualStep("PENDING", "2", null, "the migration tool will not simply apply it",
                outOfOrder.recommendedAction(), null)), plan.manual());
    }

    @Test
    void partialMissingFileAndSchemaFindingsAreListedWithTheirRecommendedAction() {
        List<DriftFinding> findings = List.of(
                finding(DriftKind.MISSING_FILE, "5", null, "V5__gone.sql is gone", "restore V5__gone.sql"),
                finding(DriftKind.PARTIAL, "3", "table public.invoice_lines", "only some",
                        "decide by hand: table public.invoice_lines is missing"),
                schema(DriftKind.MISSING_OBJECT, "column public.accounts.email", "expected text"),
                schema(DriftKind.EXTRA_OBJECT, "table public.tmp_fix", "no migration creates it"),
                schema(DriftKind.CHANGED_OBJECT, "column public.accounts.name", "expected varchar(80)"),
                schema(DriftKind.INVALID_INDEX, "index public.idx_accounts_email", "invalid"),
                schema(DriftKind.BROKEN_REFERENCE, "table public.legacy", "referenced, never created"));
        DriftInspection in = inspection()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V3).kind(DriftKind.PARTIAL).present("table public.invoices")
                                .absent("table public.invoice_lines"))
                .findings(findings.toArray(DriftFinding[]::new))
                .build();

        ReconcilePlan plan = plan(in);

        String schemaDrift = "schema drift: reconcile changes history rows only, never the schema";
        assertEquals(List.of(), plan.actions());
        assertEquals(List.of(
                new ManualStep("MISSING_FILE", "5", null, "the history records a migration whose file is gone",
                        "restore V5__gone.sql", null),
                new ManualStep("PARTIAL", "3", "table public.invoice_lines", "some of its objects exist and some do"
                        + " not: only a person can tell whether to add what is missing or remove the rest",
                        "decide by hand: table public.invoice_lines is missing", null),
                new ManualStep("MISSING_OBJECT", null, "column public.accounts.email", schemaDrift,
                        findings.get(2).recommendedAction(), null),
                new ManualStep("EXTRA_OBJECT", null, "table public.tmp_fix", schemaDrift,
                        findings.get(3).recommendedAction(), null),
                new ManualStep("CHANGED_OBJECT", null, "column public.accounts.name", schemaDrift,
                        findings.get(4).recommendedAction(), null),
                new ManualStep("INVALID_INDEX", null, "index public.idx_accounts_email", schemaDrift,
                        findings.get(5).recommendedAction(), null),
                new ManualStep("BROKEN_REFERENCE", null, "table public.legacy", schemaDrift,
                        findings.get(6).recommendedAction(), null)), plan.manual());
    }

    @Test
    void anInspectionTakenDuringAMigrationIsRefused() {
        DriftInspection in = inspection().migrationInProgress()
                .rows(applied(1, V1))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"))
                .build();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> plan(in));

        assertTrue(e.getMessage().contains("history lock"), e.getMessage());
    }

    // ------------------------------------------------------------------ the plan as a whole

    private static DriftInspection mixed() {
        HistoryRow phantom = applied(2, V2);
        HistoryRow edited = appliedWithChecksum(3, V3, 111);
        HistoryRow gone = new HistoryRow(4, "7", "gone", "SQL", "V7__gone.sql", 4242, USER, FIRST_RUN, 12, false);
        return inspection()
                .rows(applied(1, V1), phantom, edited, gone)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).applied(phantom).kind(DriftKind.PHANTOM).absent("table public.orders"),
                        state(V3).applied(edited).present("table public.invoices"),
                        state(V4).kind(DriftKind.UNRECORDED).present("column public.accounts.price"))
                .findings(history(DriftKind.CHECKSUM_MISMATCH, V3),
                        finding(DriftKind.FAILED, "7", null, "failed run of V7__gone.sql", "REMOVE_FAILED"),
                        history(DriftKind.PHANTOM, V2), history(DriftKind.UNRECORDED, V4),
                        schema(DriftKind.EXTRA_OBJECT, "index public.idx_hotfix", "no migration creates it"))
                .build();
    }

    @Test
    void removalsComeFirstThenInsertsThenChecksums() {
        ReconcilePlan plan = plan(mixed(), realign());

        assertEquals(List.of(ActionType.REMOVE_PHANTOM, ActionType.REMOVE_FAILED, ActionType.MARK_APPLIED,
                ActionType.REALIGN_CHECKSUM), plan.actions().stream().map(PlannedAction::type).toList());
        assertEquals(List.of("2", "7", "4", "3"), plan.actions().stream().map(PlannedAction::migration).toList());
        assertEquals(5, plan.actions().get(2).write().installedRank());
        assertEquals(List.of("EXTRA_OBJECT"), plan.manual().stream().map(ManualStep::kind).toList());
    }

    @Test
    void theSameInspectionGivesTheSamePlanWhateverTheTime() {
        DriftInspection in = mixed();

        ReconcilePlan first = ReconcilePlanner.plan(in, database(), realign(), "0.1.0", NOW);
        ReconcilePlan second = ReconcilePlanner.plan(mixed(), database(), realign(), "0.2.0",
                Instant.parse("2031-01-02T03:04:05Z"));

        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(first.parts(), second.parts());
        assertEquals(first.actions(), second.actions());
        assertEquals(first.manual(), second.manual());
        assertEquals("2024-06-01T12:00:00Z", first.createdAt());
        assertEquals("2031-01-02T03:04:05Z", second.createdAt());
        assertEquals(ReconcilePlan.FORMAT, first.format());
        assertEquals("0.1.0", first.pluginVersion());
    }

    @Test
    void thePlanCarriesTheFingerprintOfWhatItWasMadeFrom() {
        DriftInspection in = mixed();
        ReconcilePlan plan = plan(in, realign());

        List<Migration> files = in.states().stream().map(s -> s.migration()).toList();
        ReconcilePlan.FingerprintParts parts = Fingerprint.parts(database(), in.rows(), files, realign(),
                plan.actions());
        assertEquals(parts, plan.parts());
        assertEquals(Fingerprint.of(parts), plan.fingerprint());
        assertEquals(Fingerprint.database(database()), plan.parts().database());
        assertEquals(Fingerprint.actions(realign(), plan.actions()), plan.parts().actions());
        assertNotEquals(plan.fingerprint(), plan(in).fingerprint(), "other options, other actions");
        assertEquals(database(), plan.database());
    }

    // ------------------------------------------------------------------ defects found by these tests, fixed

    @Test
    void markAppliedCoversTheOutOfOrderPendingFindingItAnswers() {
        DriftFinding pending = finding(DriftKind.PENDING, "4", null, "no history row for V4__backfill_prices.sql,"
                + " although later migrations ran", "check by hand whether its changes are in the database: if they"
                + " are, MARK_APPLIED (record it without running it); otherwise flyway migrate runs it");
        Migration v5 = versioned("5", "payments");
        DriftInspection in = inspection()
                .rows(applied(1, V1), applied(2, v5))
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V4).kind(DriftKind.PENDING),
                        state(v5).applied(applied(2, v5)).present("table public.payments"))
                .findings(pending)
                .build();

        ReconcilePlan withoutStatement = plan(in);
        assertEquals(1, withoutStatement.manual().size());
        ManualStep step = withoutStatement.manual().get(0);
        assertEquals("PENDING 4", step.kind() + " " + step.migration());
        assertTrue(step.reason().contains("the schema cannot tell whether it ran"), step.reason());
        assertTrue(step.instruction().contains("plan again with -DmigrationGuard.markApplied=4 "), step.instruction());
        assertTrue(step.instruction().contains("-outOfOrder=true"), step.instruction());

        ReconcilePlan plan = plan(in, markApplied("4"));

        assertEquals(List.of(ActionType.MARK_APPLIED), plan.actions().stream().map(PlannedAction::type).toList());
        assertEquals(List.of(), plan.manual(), "the PENDING finding is answered by the MARK_APPLIED action");
    }

    @Test
    void markAppliedOfAFailedMigrationWithNothingCheckableReplacesTheFailedRow() {
        HistoryRow row = failed(2, V4);
        DriftInspection in = inspection()
                .rows(applied(1, V1), row)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V4).failed(row))
                .findings(history(DriftKind.FAILED, V4))
                .build();

        ReconcilePlan plan = plan(in, markApplied("4"));

        assertEquals(List.of(new PlannedAction(ActionType.MARK_APPLIED, "4", "V4__backfill_prices.sql", List.of(
                "history row 2 records a failed run; it is replaced", "stated with markApplied:"
                        + " V4__backfill_prices.sql creates nothing detect-drift can look for"),
                List.of(RowImage.of(row)), written(3, V4), null)), plan.actions());
    }

    @Test
    void aFailedRowWhoseVersionIsSpelledOtherwiseIsRemovedOnce() {
        HistoryRow row = new HistoryRow(2, "2.0", "orders", "SQL", "V2.0__orders.sql", 321, USER, FIRST_RUN, 9,
                false);
        DriftInspection in = inspection()
                .rows(applied(1, V1), row)
                .states(state(V1).applied(applied(1, V1)).present("table public.accounts"),
                        state(V2).failed(row).absent("table public.orders"))
                .findings(finding(DriftKind.FAILED, "2.0", null, "failed run of V2.0__orders.sql", "REMOVE_FAILED"))
                .build();

        ReconcilePlan plan = plan(in);

        assertEquals(1, plan.actions().size(), plan.actions().toString());
    }
}
