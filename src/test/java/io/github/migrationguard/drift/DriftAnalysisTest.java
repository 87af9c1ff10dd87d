package io.github.migrationguard.drift;

import static io.github.migrationguard.drift.DriftFixtures.all;
import static io.github.migrationguard.drift.DriftFixtures.column;
import static io.github.migrationguard.drift.DriftFixtures.constraint;
import static io.github.migrationguard.drift.DriftFixtures.effects;
import static io.github.migrationguard.drift.DriftFixtures.function;
import static io.github.migrationguard.drift.DriftFixtures.in;
import static io.github.migrationguard.drift.DriftFixtures.index;
import static io.github.migrationguard.drift.DriftFixtures.marker;
import static io.github.migrationguard.drift.DriftFixtures.model;
import static io.github.migrationguard.drift.DriftFixtures.repeatable;
import static io.github.migrationguard.drift.DriftFixtures.row;
import static io.github.migrationguard.drift.DriftFixtures.table;
import static io.github.migrationguard.drift.DriftFixtures.tableWith;
import static io.github.migrationguard.drift.DriftFixtures.versioned;
import static io.github.migrationguard.drift.DriftFixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.drift.DriftAnalysis.Inputs;
import io.github.migrationguard.drift.DriftAnalysis.Tool;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.migration.Migration;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.replay.MigrationEffects;
import io.github.migrationguard.schema.replay.ObjectRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DriftAnalysisTest {

    // V1 creates users, V2 adds a column and an index, V3 creates orders with a foreign key to users
    private static final Migration V1 = versioned("1", "create users");
    private static final Migration V2 = versioned("2", "add email");
    private static final Migration V3 = versioned("3", "create orders");
    private static final List<ObjectRef> V1_CREATES = all(tableWith("users", "id", "name"),
            List.of(constraint("users", "users_pkey")));
    private static final List<ObjectRef> V2_CREATES = List.of(column("users", "email"), index("idx_users_email"));
    private static final List<ObjectRef> V3_CREATES = all(tableWith("orders", "id", "user_id"),
            List.of(constraint("orders", "orders_user_id_fkey")));
    private static final List<ObjectRef> V3_REFERENCES = List.of(table("users"), column("users", "id"));

    private static List<MigrationEffects> threeEffects() {
        return List.of(effects(V1, V1_CREATES), effects(V2, V2_CREATES),
                effects(V3, V3_CREATES, List.of(), V3_REFERENCES));
    }

    private static SchemaModel everything() {
        return model(all(V1_CREATES, V2_CREATES, V3_CREATES));
    }

    private static DriftAnalysis analyse(List<Migration> migrations, List<MigrationEffects> effects,
                                         List<HistoryRow> rows, SchemaModel live, SchemaModel replayedAll) {
        return new DriftAnalysis(new Inputs(migrations, Set.of(), rows, live, effects, replayedAll, Set.of(),
                List.of(), Tool.FLYWAY));
    }

    private static DriftAnalysis three(List<HistoryRow> rows, SchemaModel live) {
        return analyse(List.of(V1, V2, V3), threeEffects(), rows, live, everything());
    }

    private static List<HistoryRow> allApplied() {
        return List.of(row(1, V1), row(2, V2), row(3, V3));
    }

    private static List<String> summary(List<DriftFinding> findings) {
        List<String> out = new ArrayList<>();
        for (DriftFinding f : findings) {
            out.add(f.kind() + " " + f.migration() + (f.object() == null ? "" : " " + f.object()));
        }
        return out;
    }

    private static List<String> everyFinding(DriftAnalysis a) {
        List<DriftFinding> all = new ArrayList<>(a.historyFindings());
        all.addAll(a.evidenceFindings());
        all.addAll(a.referenceFindings());
        return summary(all);
    }

    @Test
    void aDatabaseBuiltByItsMigrationsHasNoFindingsAndEveryMigrationIsInEffect() {
        DriftAnalysis a = three(allApplied(), everything());
        assertEquals(List.of(), everyFinding(a));
        assertEquals(List.of(V1, V2, V3), a.inEffect());
        assertEquals(3, a.appliedRows());
        assertEquals(List.of(), a.schemaFindings(List.of(), everything()));
    }

    @Test
    void everyObjectPresentButNoHistoryRowsIsUnrecordedForEachMigration() {
        DriftAnalysis a = three(List.of(), everything());
        assertEquals(List.of("UNRECORDED 1", "UNRECORDED 2", "UNRECORDED 3"), everyFinding(a));
        DriftFinding v2 = a.evidenceFindings().get(1);
        assertTrue(v2.recommendedAction().startsWith("MARK_APPLIED: record V2__add_email.sql as applied"),
                v2.recommendedAction());
        assertTrue(v2.detail().contains("column public.users.email, index public.idx_users_email"), v2.detail());
        assertEquals(List.of(V1, V2, V3), a.inEffect(), "unrecorded migrations ran: their objects are expected");
        assertEquals(0, a.appliedRows());
    }

    @Test
    void historyRowsWithTheirObjectsGoneArePhantomsAndTheirObjectsAreNotRepeatedAsMissing() {
        SchemaModel onlyUsers = model(all(V1_CREATES));
        DriftAnalysis a = three(allApplied(), onlyUsers);
        assertEquals(List.of("PHANTOM 2", "PHANTOM 3"), everyFinding(a));
        DriftFinding v3 = a.evidenceFindings().get(1);
        assertTrue(v3.recommendedAction().startsWith("REMOVE_PHANTOM: "), v3.recommendedAction());
        assertTrue(v3.detail().endsWith("none of the objects it creates exists: table public.orders"), v3.detail());

        DriftFinding hotfix = new DriftFinding(DriftKind.EXTRA_OBJECT, null, "column public.users.hotfix",
                "not created by any migration", null);
        List<DriftFinding> diff = List.of(
                new DriftFinding(DriftKind.MISSING_OBJECT, null, "table public.orders", "missing", null),
                new DriftFinding(DriftKind.MISSING_OBJECT, null, "column public.orders.id", "missing", null),
                new DriftFinding(DriftKind.MISSING_OBJECT, null, "constraint public.orders.orders_pkey", "x", null),
                new DriftFinding(DriftKind.MISSING_OBJECT, null, "column public.users.email", "missing", null),
                new DriftFinding(DriftKind.MISSING_OBJECT, null, "index public.idx_users_email", "missing", null),
                new DriftFinding(DriftKind.MISSING_OBJECT, null, "column public.users.name", "missing", "mine"),
                hotfix);
        List<DriftFinding> kept = a.schemaFindings(diff, everything());
        assertEquals(List.of("MISSING_OBJECT 1 column public.users.name", "EXTRA_OBJECT null column"
                + " public.users.hotfix"), summary(kept), "attributed to the migration that creates it");
        assertEquals("mine", kept.get(0).recommendedAction(), "an action from the diff is kept");
        assertEquals(DriftAnalysis.defaultAction(DriftKind.EXTRA_OBJECT), kept.get(1).recommendedAction());
    }

    @Test
    void mixedEvidenceIsPartialAndNamesWhatIsMissing() {
        SchemaModel live = model(all(V1_CREATES, List.of(column("users", "email")), V3_CREATES));
        DriftAnalysis a = three(allApplied(), live);
        assertEquals(List.of("PARTIAL 2 index public.idx_users_email"), everyFinding(a));
        DriftFinding f = a.evidenceFindings().get(0);
        assertTrue(f.detail().contains("present: column public.users.email; missing: index public.idx_users_email"),
                f.detail());
        assertTrue(f.recommendedAction().startsWith("decide by hand: index public.idx_users_email is missing"),
                f.recommendedAction());

        DriftAnalysis unrecorded = three(List.of(row(1, V1), row(3, V3)), live);
        assertEquals(List.of("PARTIAL 2 index public.idx_users_email"), everyFinding(unrecorded));
        assertTrue(unrecorded.evidenceFindings().get(0).detail().startsWith("no history row for V2__add_email.sql"));
        assertEquals(List.of(V1, V2, V3), unrecorded.inEffect());
    }

    @Test
    void notAppliedAndAbsentIsPendingAndNotExpectedYet() {
        SchemaModel live = model(all(V1_CREATES, V2_CREATES));
        DriftAnalysis a = three(List.of(row(1, V1), row(2, V2)), live);
        assertEquals(List.of("PENDING 3"), everyFinding(a));
        DriftFinding f = a.evidenceFindings().get(0);
        assertEquals("none: flyway migrate runs it", f.recommendedAction());
        assertTrue(f.detail().contains("not applied yet"), f.detail());
        assertEquals(List.of(V1, V2), a.inEffect(), "the expected schema does not wait for V3's objects");
    }

    @Test
    void aPendingMigrationBelowTheLatestAppliedOneIsOutOfOrder() {
        SchemaModel live = model(all(V1_CREATES, V3_CREATES));
        DriftAnalysis a = three(List.of(row(1, V1), row(2, V3)), live);
        assertEquals(List.of("PENDING 2"), everyFinding(a));
        DriftFinding f = a.evidenceFindings().get(0);
        assertTrue(f.detail().contains("below the latest applied version 3"), f.detail());
        assertTrue(f.recommendedAction().contains("version above 3"), f.recommendedAction());
    }

    @Test
    void migrationsThatCreateNothingCheckableAreJudgedByHistoryOnly() {
        Migration data = versioned("4", "backfill");
        List<MigrationEffects> effects = new ArrayList<>(threeEffects());
        effects.add(effects(data, List.of()));
        List<Migration> migrations = List.of(V1, V2, V3, data);
        List<HistoryRow> rows = new ArrayList<>(allApplied());
        assertEquals(List.of(), everyFinding(analyse(migrations, effects, withRow(rows, 4, data), everything(),
                everything())));
        DriftAnalysis last = analyse(migrations, effects, rows, everything(), everything());
        assertEquals(List.of("PENDING 4"), everyFinding(last));
        assertEquals("none: flyway migrate runs it", last.evidenceFindings().get(0).recommendedAction());

        // the same data migration before migrations that ran: it may well have run too
        Migration early = versioned("0.5", "seed");
        List<MigrationEffects> earlyEffects = new ArrayList<>();
        earlyEffects.add(effects(early, List.of()));
        earlyEffects.addAll(threeEffects());
        DriftAnalysis lost = analyse(List.of(early, V1, V2, V3), earlyEffects, List.of(), everything(), everything());
        assertEquals(List.of("PENDING 0.5", "UNRECORDED 1", "UNRECORDED 2", "UNRECORDED 3"), everyFinding(lost));
        DriftFinding seed = lost.evidenceFindings().get(0);
        assertTrue(seed.detail().contains("although later migrations ran"), seed.detail());
        assertTrue(seed.recommendedAction().startsWith("check by hand whether its changes are in the database"),
                seed.recommendedAction());
    }

    private static List<HistoryRow> withRow(List<HistoryRow> rows, int rank, Migration m) {
        List<HistoryRow> out = new ArrayList<>(rows);
        out.add(row(rank, m));
        return out;
    }

    @Test
    void objectsALaterMigrationRenamesOrDropsAreNotEvidenceAgainstTheEarlierOne() {
        // V4 renames users.name to full_name and drops the index V2 created
        Migration v4 = versioned("4", "rename name");
        List<MigrationEffects> effects = new ArrayList<>(threeEffects());
        effects.add(effects(v4, List.of(column("users", "full_name")),
                List.of(column("users", "name"), index("idx_users_email")), List.of(table("users"))));
        List<ObjectRef> after = new ArrayList<>(all(V1_CREATES, V2_CREATES, V3_CREATES));
        after.remove(column("users", "name"));
        after.remove(index("idx_users_email"));
        after.add(column("users", "full_name"));
        SchemaModel finalModel = model(after);
        List<Migration> migrations = List.of(V1, V2, V3, v4);

        DriftAnalysis noHistory = analyse(migrations, effects, List.of(), finalModel, finalModel);
        assertEquals(List.of("UNRECORDED 1", "UNRECORDED 2", "UNRECORDED 3", "UNRECORDED 4"),
                everyFinding(noHistory));
        assertEquals(List.of(table("users")), noHistory.checkable(0));
        assertEquals(List.of(column("users", "email")), noHistory.checkable(1), "the index was dropped later");

        List<HistoryRow> rows = List.of(row(1, V1), row(2, V2), row(3, V3), row(4, v4));
        assertEquals(List.of(), everyFinding(analyse(migrations, effects, rows, finalModel, finalModel)));
    }

    @Test
    void objectsOutsideTheInspectedSchemasOrIgnoredAreNotEvidence() {
        Migration audit = versioned("4", "audit");
        List<MigrationEffects> effects = new ArrayList<>(threeEffects());
        effects.add(effects(audit, List.of(in("audit", table("log")))));
        List<ObjectRef> objects = new ArrayList<>(all(V1_CREATES, V2_CREATES, V3_CREATES));
        objects.add(in("audit", table("log")));
        SchemaModel replayed = model(objects);
        List<Migration> migrations = List.of(V1, V2, V3, audit);
        List<HistoryRow> rows = withRow(allApplied(), 4, audit);

        DriftAnalysis onlyPublic = new DriftAnalysis(new Inputs(migrations, Set.of(), rows, everything(), effects,
                replayed, Set.of("public"), List.of(), Tool.FLYWAY));
        assertEquals(List.of(), everyFinding(onlyPublic), "audit is not inspected, so its absence proves nothing");

        DriftAnalysis everySchema = analyse(migrations, effects, rows, everything(), replayed);
        assertEquals(List.of("PHANTOM 4"), everyFinding(everySchema));

        DriftAnalysis ignored = new DriftAnalysis(new Inputs(migrations, Set.of(), rows, model(V1_CREATES),
                effects, replayed, Set.of("public"), List.of(Pattern.compile("^table public\\.orders$"),
                Pattern.compile("idx_users")), Tool.FLYWAY));
        assertEquals(List.of("PHANTOM 2"), everyFinding(ignored),
                "an ignored table's columns and constraints are ignored with it");
    }

    @Test
    void checksumMismatchMissingFileAndFailedRowsInThatOrder() {
        Migration gone = versioned("2.5", "deleted file");
        List<HistoryRow> rows = List.of(
                marker(1, null, "<< Flyway Schema Creation >>", "SCHEMA"),
                row(2, V1),
                row(3, V2, 42, true),
                row(4, gone),
                row(5, V3, V3.checksum(), false),
                row(6, repeatable("old view", 7)));
        DriftAnalysis a = analyse(List.of(V1, V2, V3), threeEffects(), rows, model(all(V1_CREATES, V2_CREATES)),
                everything());
        assertEquals(List.of("CHECKSUM_MISMATCH 2", "MISSING_FILE 2.5", "MISSING_FILE old view", "FAILED 3"),
                summary(a.historyFindings()));
        DriftFinding checksum = a.historyFindings().get(0);
        assertNull(checksum.object());
        assertTrue(checksum.detail().contains("file checksum " + V2.checksum() + ", history checksum 42"),
                checksum.detail());
        assertTrue(checksum.recommendedAction().startsWith("REALIGN_CHECKSUM: "));
        assertTrue(a.historyFindings().get(1).detail().contains("V2.5__deleted_file.sql as applied (2024-03-01"
                + " 12:00:00)"), a.historyFindings().get(1).detail());
        assertFalse(a.historyFindings().get(1).detail().contains("newer than every migration file"));
        DriftAnalysis ahead = analyse(List.of(V1, V2), threeEffects().subList(0, 2), List.of(row(1, V1), row(2, V2),
                row(3, V3)), everything(), everything());
        assertEquals(List.of("MISSING_FILE 3"), everyFinding(ahead));
        assertTrue(ahead.historyFindings().get(0).detail().contains("newer than every migration file"),
                ahead.historyFindings().get(0).detail());
        assertTrue(a.historyFindings().get(3).recommendedAction().startsWith("REMOVE_FAILED: "));
        assertEquals(List.of(), a.evidenceFindings(), "a failed run whose objects are absent is FAILED only");
        assertEquals(List.of(V1, V2), a.inEffect());
    }

    @Test
    void aFailedRunWhoseObjectsExistIsAlsoUnrecorded() {
        List<HistoryRow> rows = List.of(row(1, V1), row(2, V2), row(3, V3, V3.checksum(), false));
        DriftAnalysis a = three(rows, everything());
        assertEquals(List.of("FAILED 3", "UNRECORDED 3"), everyFinding(a));
        assertTrue(a.evidenceFindings().get(0).recommendedAction().endsWith("replacing the failed row"));
    }

    @Test
    void markersDeletionsAndTheBaselineAreUnderstood() {
        Migration v0 = versioned("0.9", "before baseline");
        List<MigrationEffects> effects = new ArrayList<>();
        effects.add(effects(v0, List.of(table("legacy"))));
        effects.addAll(threeEffects());
        List<Migration> migrations = List.of(v0, V1, V2, V3);
        List<ObjectRef> objects = new ArrayList<>(all(V1_CREATES, V2_CREATES, V3_CREATES));
        objects.add(table("legacy"));
        SchemaModel replayed = model(objects);
        List<HistoryRow> rows = List.of(
                marker(1, "1", "<< Flyway Baseline >>", "BASELINE"),
                row(2, V2), row(3, V3),
                marker(4, "2.5", "deleted file", "SQL"),
                marker(5, "2.5", "deleted file", "DELETE"));
        DriftAnalysis a = analyse(migrations, effects, rows, model(all(V2_CREATES, V3_CREATES)), replayed);
        assertEquals(List.of(), everyFinding(a), "V0.9 and V1 are below the baseline; 2.5 was marked deleted");
        assertEquals(List.of(v0, V1, V2, V3), a.inEffect());
        assertEquals(2, a.appliedRows(), "markers and the run marked deleted are not applied migrations");
    }

    @Test
    void repeatablesAreMatchedByDescriptionAndRunAgainWhenChanged() {
        Migration views = repeatable("views", 77);
        List<MigrationEffects> effects = new ArrayList<>(threeEffects());
        effects.add(effects(views, List.of(view("active_users"))));
        List<ObjectRef> objects = new ArrayList<>(all(V1_CREATES, V2_CREATES, V3_CREATES));
        objects.add(view("active_users"));
        SchemaModel full = model(objects);
        List<Migration> migrations = List.of(V1, V2, V3, views);

        DriftAnalysis same = analyse(migrations, effects, withRow(allApplied(), 4, views), full, full);
        assertEquals(List.of(), everyFinding(same));

        List<HistoryRow> changed = new ArrayList<>(allApplied());
        changed.add(row(4, views, 11, true));
        DriftAnalysis outdated = analyse(migrations, effects, changed, full, full);
        assertEquals(List.of("PENDING views"), everyFinding(outdated));
        assertTrue(outdated.evidenceFindings().get(0).detail().contains("history checksum 11, file checksum 77"));
        assertEquals(List.of(V1, V2, V3), outdated.inEffect(), "a changed repeatable is expected once it ran again");
        List<DriftFinding> diff = List.of(new DriftFinding(DriftKind.CHANGED_OBJECT, null, "view public.active_users",
                "definition differs", null));
        assertEquals(List.of(), outdated.schemaFindings(diff, everything()), "re-running it settles the view");

        DriftAnalysis phantomView = analyse(migrations, effects, withRow(allApplied(), 4, views), everything(), full);
        assertEquals(List.of("PHANTOM views"), everyFinding(phantomView));
    }

    @Test
    void aReferenceToATableNobodyCreatesIsBrokenWithASuggestion() {
        List<ObjectRef> refs = List.of(table("user"), column("user", "id"), column("users", "mail"),
                column("users", "email"), in("auth", table("accounts")), table("handmade"),
                new ObjectRef(ObjectRef.Kind.TABLE, "pg_catalog", "pg_class", null));
        List<MigrationEffects> effects = List.of(effects(V1, V1_CREATES), effects(V2, V2_CREATES),
                effects(V3, V3_CREATES, List.of(), refs));
        DriftAnalysis a = new DriftAnalysis(new Inputs(List.of(V1, V2, V3), Set.of(), List.of(row(1, V1),
                row(2, V2)), model(all(V1_CREATES, V2_CREATES, List.of(table("handmade")))), effects, everything(),
                Set.of("public"), List.of(), Tool.FLYWAY));
        List<DriftFinding> broken = a.referenceFindings();
        assertEquals(List.of("BROKEN_REFERENCE 3 table public.user", "BROKEN_REFERENCE 3 column public.users.mail"),
                summary(broken));
        assertTrue(broken.get(0).detail().contains("V3__create_orders.sql references table public.user, which no"
                + " migration up to it creates and the database does not have (did you mean public.users?)"),
                broken.get(0).detail());
        assertTrue(broken.get(0).recommendedAction().startsWith("correct the reference in V3__create_orders.sql"
                + " before it runs"), broken.get(0).recommendedAction());
        assertTrue(broken.get(1).detail().contains("did you mean public.users.email?"), broken.get(1).detail());
    }

    @Test
    void aReferenceToSomethingALaterMigrationCreatesIsBroken() {
        List<MigrationEffects> effects = List.of(effects(V1, V1_CREATES, List.of(), List.of(table("orders"))),
                effects(V2, V2_CREATES), effects(V3, V3_CREATES, List.of(), V3_REFERENCES));
        DriftAnalysis a = analyse(List.of(V1, V2, V3), effects, List.of(), model(List.of()), everything());
        assertEquals(List.of("BROKEN_REFERENCE 1 table public.orders"), summary(a.referenceFindings()));
    }

    @Test
    void functionsCountUnderAnyArgumentList() {
        Migration f = versioned("4", "function");
        List<MigrationEffects> effects = new ArrayList<>(threeEffects());
        effects.add(effects(f, List.of(new ObjectRef(ObjectRef.Kind.FUNCTION, "public", "touch", "integer"))));
        Set<ObjectRef> objects = new LinkedHashSet<>(all(V1_CREATES, V2_CREATES, V3_CREATES));
        objects.add(function("touch"));
        SchemaModel full = model(objects);
        assertEquals(List.of("UNRECORDED 4"),
                everyFinding(analyse(List.of(V1, V2, V3, f), effects, allApplied(), full, full)));
    }

    @Test
    void replayResultsMustLineUpWithTheMigrations() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> analyse(List.of(V1, V2), threeEffects(), List.of(), everything(), everything()));
        assertTrue(e.getMessage().contains("3 results for 2 migrations"), e.getMessage());
        IllegalStateException order = assertThrows(IllegalStateException.class,
                () -> analyse(List.of(V2, V1, V3), threeEffects(), List.of(), everything(), everything()));
        assertTrue(order.getMessage().contains("expected V2__add_email.sql"), order.getMessage());
    }

    @Test
    void aMissingPartOfATableTheMigrationCreatesIsASchemaDifferenceNotEvidence() {
        // V1's table is there, but its column "name" was dropped by hand; V2's column exists, its index is gone
        List<ObjectRef> live = new ArrayList<>(all(V1_CREATES, V2_CREATES, V3_CREATES));
        live.remove(column("users", "name"));
        live.remove(column("orders", "user_id"));
        DriftAnalysis a = three(allApplied(), model(live));
        assertEquals(List.of(), everyFinding(a), "tables present: the migrations ran");
        List<DriftFinding> diff = List.of(
                new DriftFinding(DriftKind.MISSING_OBJECT, null, "column public.users.name", "missing", null),
                new DriftFinding(DriftKind.MISSING_OBJECT, null, "column public.orders.user_id", "missing", null),
                new DriftFinding(DriftKind.CHANGED_OBJECT, "2", "index public.idx_users_email", "changed", null));
        assertEquals(List.of("MISSING_OBJECT 1 column public.users.name", "MISSING_OBJECT 3 column"
                + " public.orders.user_id", "CHANGED_OBJECT 2 index public.idx_users_email"),
                summary(a.schemaFindings(diff, everything())));
    }

    @Test
    void anInvalidIndexIsNoEvidenceThatItsMigrationRan() {
        Migration v4 = versioned("4", "unique index");
        List<MigrationEffects> effects = new ArrayList<>(threeEffects());
        effects.add(effects(v4, List.of(index("orders_one_per_user_uq"))));
        List<ObjectRef> objects = new ArrayList<>(all(V1_CREATES, V2_CREATES, V3_CREATES));
        objects.add(index("orders_one_per_user_uq"));
        SchemaModel replayed = model(objects);
        SchemaModel liveModel = model(objects);
        List<io.github.migrationguard.schema.Index> indexes = new ArrayList<>();
        for (io.github.migrationguard.schema.Index i : liveModel.indexes()) {
            indexes.add(!i.name().equals("orders_one_per_user_uq") ? i : new io.github.migrationguard.schema.Index(
                    i.schema(), i.name(), i.table(), i.definition(), i.method(), true, false, false, false, true,
                    i.keyColumns(), i.includeColumns(), null, null, false));
        }
        SchemaModel withInvalid = new SchemaModel(liveModel.schemas(), liveModel.tables(), liveModel.constraints(),
                indexes, List.of(), List.of(), liveModel.views(), liveModel.functions(), List.of(), List.of(),
                List.of());
        DriftAnalysis a = analyse(List.of(V1, V2, V3, v4), effects, allApplied(), withInvalid, replayed);
        assertEquals(List.of("PENDING 4"), everyFinding(a));
        List<DriftFinding> diff = List.of(new DriftFinding(DriftKind.INVALID_INDEX, null,
                "index public.orders_one_per_user_uq", "invalid", null));
        assertEquals(List.of("INVALID_INDEX 4 index public.orders_one_per_user_uq"),
                summary(a.schemaFindings(diff, everything())), "reported, and attributed to the pending migration");
    }

    @Test
    void displayNamesReadBackIntoReferences() {
        for (ObjectRef r : List.of(table("users"), column("users", "email"), index("idx"), view("v"),
                new ObjectRef(ObjectRef.Kind.MATERIALIZED_VIEW, "app", "totals", null),
                new ObjectRef(ObjectRef.Kind.SCHEMA, null, "app", null), constraint("users", "users_pkey"))) {
            assertEquals(r, DriftAnalysis.parse(r.display()));
        }
        assertEquals(function("touch"), DriftAnalysis.parse("function public.touch(integer, text)"));
        assertNull(DriftAnalysis.parse("gadget public.x"));
        assertNull(DriftAnalysis.parse("column nodot"));
    }

    @Test
    void aMigrationToolsTableIsNoEvidence() {
        // V3 happens to create a table the catalog reader takes for a migration tool's and leaves out
        List<HistoryRow> rows = allApplied();
        SchemaModel withoutOrders = model(all(V1_CREATES, V2_CREATES));
        assertEquals(List.of("PHANTOM 3"), everyFinding(three(rows, withoutOrders)));
        List<MigrationEffects> effects = List.of(effects(V1, V1_CREATES), effects(V2, V2_CREATES),
                effects(V3, V3_CREATES, List.of(), V3_REFERENCES),
                effects(versioned("4", "x"), List.of(), List.of(), List.of(column("orders", "user_id"))));
        DriftAnalysis a = new DriftAnalysis(new Inputs(List.of(V1, V2, V3, versioned("4", "x")), Set.of(),
                withRow(rows, 4, versioned("4", "x")), withoutOrders, effects, everything(), Set.of(), List.of(),
                Tool.FLYWAY, Set.of(table("orders"))));
        assertEquals(List.of(), everyFinding(a));
    }

    @Test
    void editDistanceIsCaseInsensitive() {
        assertEquals(1, DriftAnalysis.distance("user", "Users"));
        assertEquals(0, DriftAnalysis.distance("", ""));
        assertEquals(3, DriftAnalysis.distance("abc", ""));
        assertEquals(3, DriftAnalysis.distance("kitten", "sitting"));
    }
}
