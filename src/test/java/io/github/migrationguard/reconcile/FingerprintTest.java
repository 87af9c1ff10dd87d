package io.github.migrationguard.reconcile;

import static io.github.migrationguard.reconcile.PlannerFixtures.FIRST_RUN;
import static io.github.migrationguard.reconcile.PlannerFixtures.USER;
import static io.github.migrationguard.reconcile.PlannerFixtures.applied;
import static io.github.migrationguard.reconcile.PlannerFixtures.database;
import static io.github.migrationguard.reconcile.PlannerFixtures.failed;
import static io.github.migrationguard.reconcile.PlannerFixtures.repeatable;
import static io.github.migrationguard.reconcile.PlannerFixtures.versioned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.migration.Migration;
import io.github.migrationguard.reconcile.ReconcilePlan.FingerprintParts;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FingerprintTest {

    private static final Migration V1 = versioned("1", "init");
    private static final Migration V2 = versioned("2", "orders");
    private static final Migration V3 = versioned("3", "invoices");
    private static final Migration VIEWS = repeatable("views", 777);
    private static final HistoryRow ROW1 = applied(1, V1);
    private static final HistoryRow ROW2 = failed(2, V2);
    private static final List<HistoryRow> ROWS = List.of(ROW1, ROW2);
    private static final List<Migration> FILES = List.of(V1, V2, V3, VIEWS);
    private static final PlanOptions OPTIONS = new PlanOptions(false, List.of("3"));
    private static final RowImage WRITE = new RowImage(3, "3", "invoices", "SQL", "V3__invoices.sql", V3.checksum(),
            null, null, 0, true);
    private static final List<PlannedAction> ACTIONS = List.of(
            new PlannedAction(ActionType.REMOVE_FAILED, "2", "V2__orders.sql", List.of("history row 2 ..."),
                    List.of(RowImage.of(ROW2)), null, "flyway migrate runs V2__orders.sql again"),
            new PlannedAction(ActionType.MARK_APPLIED, "3", "V3__invoices.sql", List.of("stated with markApplied"),
                    List.of(), WRITE, null));

    /** Which part of the fingerprint a change must show in. */
    private enum Part {
        DATABASE(FingerprintParts::database),
        HISTORY(FingerprintParts::history),
        MIGRATIONS(FingerprintParts::migrations),
        ACTIONS(FingerprintParts::actions);

        private final Function<FingerprintParts, String> get;

        Part(Function<FingerprintParts, String> get) {
            this.get = get;
        }
    }

    private static FingerprintParts base() {
        return Fingerprint.parts(database(), ROWS, FILES, OPTIONS, ACTIONS);
    }

    /** {@code changed} differs from the base in {@code part} and in the whole fingerprint, and nowhere else. */
    private static void assertOnlyChanged(Part part, FingerprintParts changed) {
        FingerprintParts base = base();
        for (Part p : Part.values()) {
            if (p == part) {
                assertNotEquals(p.get.apply(base), p.get.apply(changed), p + " must change");
            } else {
                assertEquals(p.get.apply(base), p.get.apply(changed), p + " must not change");
            }
        }
        assertNotEquals(Fingerprint.of(base), Fingerprint.of(changed), "the whole fingerprint must change");
    }

    private static HistoryRow withRow(int rank, String version, String description, String type,
                                      String script, Integer checksum, String installedBy, LocalDateTime installedOn,
                                      int executionTime, boolean success) {
        return new HistoryRow(rank, version, description, type, script, checksum, installedBy, installedOn,
                executionTime, success);
    }

    static Stream<Arguments> rowChanges() {
        List<Arguments> changes = new ArrayList<>();
        changes.add(Arguments.of("installed_rank", (UnaryOperator<HistoryRow>) x -> withRow(7, x.version(),
                x.description(), x.type(), x.script(), x.checksum(), x.installedBy(), x.installedOn(),
                x.executionTime(), x.success())));
        changes.add(Arguments.of("version", (UnaryOperator<HistoryRow>) x -> withRow(x.installedRank(), "1.0",
                x.description(), x.type(), x.script(), x.checksum(), x.installedBy(), x.installedOn(),
                x.executionTime(), x.success())));
        changes.add(Arguments.of("description", (UnaryOperator<HistoryRow>) x -> withRow(x.installedRank(),
                x.version(), x.description() + " ", x.type(), x.script(), x.checksum(), x.installedBy(),
                x.installedOn(), x.executionTime(), x.success())));
        changes.add(Arguments.of("type", (UnaryOperator<HistoryRow>) x -> withRow(x.installedRank(), x.version(),
                x.description(), "JDBC", x.script(), x.checksum(), x.installedBy(), x.installedOn(),
                x.executionTime(), x.success())));
        changes.add(Arguments.of("script", (UnaryOperator<HistoryRow>) x -> withRow(x.installedRank(),
                x.version(), x.description(), x.type(), "sub/" + x.script(), x.checksum(), x.installedBy(),
                x.installedOn(), x.executionTime(), x.success())));
        changes.add(Arguments.of("checksum", (UnaryOperator<HistoryRow>) x -> withRow(x.installedRank(),
                x.version(), x.description(), x.type(), x.script(), x.checksum() + 1, x.installedBy(),
                x.installedOn(), x.executionTime(), x.success())));
        changes.add(Arguments.of("checksum null", (UnaryOperator<HistoryRow>) x -> withRow(x.installedRank(),
                x.version(), x.description(), x.type(), x.script(), null, x.installedBy(), x.installedOn(),
                x.executionTime(), x.success())));
        changes.add(Arguments.of("installed_by", (UnaryOperator<HistoryRow>) x -> withRow(x.installedRank(),
                x.version(), x.description(), x.type(), x.script(), x.checksum(), "postgres", x.installedOn(),
                x.executionTime(), x.success())));
        changes.add(Arguments.of("installed_on by a microsecond", (UnaryOperator<HistoryRow>) x -> withRow(
                x.installedRank(), x.version(), x.description(), x.type(), x.script(), x.checksum(),
                x.installedBy(), x.installedOn().plusNanos(1_000), x.executionTime(), x.success())));
        changes.add(Arguments.of("installed_on null", (UnaryOperator<HistoryRow>) x -> withRow(x.installedRank(),
                x.version(), x.description(), x.type(), x.script(), x.checksum(), x.installedBy(), null,
                x.executionTime(), x.success())));
        changes.add(Arguments.of("execution_time", (UnaryOperator<HistoryRow>) x -> withRow(x.installedRank(),
                x.version(), x.description(), x.type(), x.script(), x.checksum(), x.installedBy(), x.installedOn(),
                x.executionTime() + 1, x.success())));
        changes.add(Arguments.of("success", (UnaryOperator<HistoryRow>) x -> withRow(x.installedRank(),
                x.version(), x.description(), x.type(), x.script(), x.checksum(), x.installedBy(), x.installedOn(),
                x.executionTime(), !x.success())));
        return changes.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowChanges")
    void everyFieldOfAHistoryRowIsInTheHistoryPart(String field, UnaryOperator<HistoryRow> change) {
        HistoryRow changedRow = change.apply(ROW1);
        assertNotEquals(ROW1, changedRow, field);

        assertOnlyChanged(Part.HISTORY, Fingerprint.parts(database(), List.of(changedRow, ROW2), FILES, OPTIONS,
                ACTIONS));
    }

    @Test
    void addedRemovedAndReorderedRowsChangeTheHistoryPart() {
        assertOnlyChanged(Part.HISTORY, Fingerprint.parts(database(), List.of(ROW1), FILES, OPTIONS, ACTIONS));
        assertOnlyChanged(Part.HISTORY, Fingerprint.parts(database(), List.of(ROW1, ROW2, applied(3, V3)), FILES,
                OPTIONS, ACTIONS));
        assertOnlyChanged(Part.HISTORY, Fingerprint.parts(database(), List.of(ROW2, ROW1), FILES, OPTIONS,
                ACTIONS));
        assertOnlyChanged(Part.HISTORY, Fingerprint.parts(database(), List.of(), FILES, OPTIONS, ACTIONS));
    }

    @Test
    void aNanosecondBelowWhatTheHistoryStoresDoesNotCount() {
        HistoryRow sameMicrosecond = withRow(ROW1.installedRank(), ROW1.version(), ROW1.description(), ROW1.type(),
                ROW1.script(), ROW1.checksum(), ROW1.installedBy(), ROW1.installedOn().plusNanos(999),
                ROW1.executionTime(), ROW1.success());

        assertEquals(base(), Fingerprint.parts(database(), List.of(sameMicrosecond, ROW2), FILES, OPTIONS, ACTIONS));
    }

    private static Migration with(Migration m, Migration.Kind kind, FlywayVersion version, String description,
                                  String script, int checksum) {
        return new Migration(kind, version, description, script, m.file(), checksum, m.text(),
                m.missingPlaceholders());
    }

    static Stream<Arguments> migrationChanges() {
        Migration m = V3;
        return Stream.of(
                Arguments.of("checksum", with(m, m.kind(), m.version(), m.description(), m.script(),
                        m.checksum() + 1)),
                Arguments.of("script", with(m, m.kind(), m.version(), m.description(), "sub/" + m.script(),
                        m.checksum())),
                Arguments.of("description", with(m, m.kind(), m.version(), "invoice", m.script(), m.checksum())),
                Arguments.of("version", with(m, m.kind(), FlywayVersion.parse("3.1"), m.description(), m.script(),
                        m.checksum())),
                Arguments.of("kind", with(m, Migration.Kind.REPEATABLE, null, m.description(), m.script(),
                        m.checksum())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("migrationChanges")
    void everyFingerprintedFieldOfAMigrationIsInTheMigrationsPart(String field, Migration changed) {
        assertNotEquals(V3, changed, field);

        assertOnlyChanged(Part.MIGRATIONS, Fingerprint.parts(database(), ROWS, List.of(V1, V2, changed, VIEWS),
                OPTIONS, ACTIONS));
    }

    @Test
    void addedRemovedAndReorderedFilesChangeTheMigrationsPart() {
        assertOnlyChanged(Part.MIGRATIONS, Fingerprint.parts(database(), ROWS, List.of(V1, V2, V3), OPTIONS,
                ACTIONS));
        assertOnlyChanged(Part.MIGRATIONS, Fingerprint.parts(database(), ROWS,
                List.of(V1, V2, V3, VIEWS, versioned("4", "more")), OPTIONS, ACTIONS));
        assertOnlyChanged(Part.MIGRATIONS, Fingerprint.parts(database(), ROWS, List.of(V2, V1, V3, VIEWS), OPTIONS,
                ACTIONS));
    }

    @Test
    void whereTheProjectIsCheckedOutDoesNotMatter() {
        List<Migration> elsewhere = FILES.stream().map(m -> new Migration(m.kind(), m.version(), m.description(),
                m.script(), Path.of("/home/ci/build/42/src/main/resources/db/migration", m.script()), m.checksum(),
                m.text(), m.missingPlaceholders())).toList();

        assertEquals(base(), Fingerprint.parts(database(), ROWS, elsewhere, OPTIONS, ACTIONS));
    }

    static Stream<Arguments> databaseChanges() {
        PlanDatabase d = database();
        return Stream.of(
                Arguments.of("name", new PlanDatabase("shop_test2", d.oid(), d.user(), d.server(), d.serverVersion(),
                        d.historyTable(), d.historyTool(), d.historyTableExists())),
                Arguments.of("oid", new PlanDatabase(d.name(), d.oid() + 1, d.user(), d.server(), d.serverVersion(),
                        d.historyTable(), d.historyTool(), d.historyTableExists())),
                Arguments.of("history table", new PlanDatabase(d.name(), d.oid(), d.user(), d.server(),
                        d.serverVersion(), "app.flyway_schema_history", d.historyTool(), d.historyTableExists())),
                Arguments.of("history tool", new PlanDatabase(d.name(), d.oid(), d.user(), d.server(),
                        d.serverVersion(), d.historyTable(), "golang-migrate", d.historyTableExists())),
                Arguments.of("history table exists", new PlanDatabase(d.name(), d.oid(), d.user(), d.server(),
                        d.serverVersion(), d.historyTable(), d.historyTool(), !d.historyTableExists())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databaseChanges")
    void theDatabaseIdentityIsInTheDatabasePart(String field, PlanDatabase changed) {
        assertOnlyChanged(Part.DATABASE, Fingerprint.parts(changed, ROWS, FILES, OPTIONS, ACTIONS));
        assertEquals(Fingerprint.parts(changed, ROWS, FILES, OPTIONS, ACTIONS).database(),
                Fingerprint.database(changed));
    }

    @Test
    void theUserServerAddressAndVersionAreNotPartOfIt() {
        PlanDatabase d = database();
        PlanDatabase viaPooler = new PlanDatabase(d.name(), d.oid(), "reconciler", "10.9.9.9:6432", "16.3",
                d.historyTable(), d.historyTool(), d.historyTableExists());

        assertEquals(base(), Fingerprint.parts(viaPooler, ROWS, FILES, OPTIONS, ACTIONS));
    }

    @Test
    void theOptionsAreInTheActionsPart() {
        assertOnlyChanged(Part.ACTIONS, Fingerprint.parts(database(), ROWS, FILES, new PlanOptions(true,
                List.of("3")), ACTIONS));
        assertOnlyChanged(Part.ACTIONS, Fingerprint.parts(database(), ROWS, FILES, new PlanOptions(false,
                List.of()), ACTIONS));
        assertOnlyChanged(Part.ACTIONS, Fingerprint.parts(database(), ROWS, FILES, new PlanOptions(false,
                List.of("3", "4")), ACTIONS));
    }

    private static PlannedAction replace(PlannedAction a, ActionType type, String migration, String script,
                                         List<RowImage> remove, RowImage write) {
        return new PlannedAction(type, migration, script, a.evidence(), remove, write, a.note());
    }

    static Stream<Arguments> actionChanges() {
        PlannedAction removal = ACTIONS.get(0);
        PlannedAction insert = ACTIONS.get(1);
        RowImage r = removal.remove().get(0);
        RowImage w = insert.write();
        return Stream.of(
                Arguments.of("type", List.of(replace(removal, ActionType.REMOVE_PHANTOM, "2", removal.script(),
                        removal.remove(), null), insert)),
                Arguments.of("migration", List.of(replace(removal, removal.type(), "2.0", removal.script(),
                        removal.remove(), null), insert)),
                Arguments.of("script", List.of(replace(removal, removal.type(), "2", "V2__orders2.sql",
                        removal.remove(), null), insert)),
                Arguments.of("removed row", List.of(replace(removal, removal.type(), "2", removal.script(),
                        List.of(new RowImage(r.installedRank(), r.version(), r.description(), r.type(), r.script(),
                                r.checksum(), r.installedBy(), r.installedOn(), r.executionTime() + 1,
                                r.success())), null), insert)),
                Arguments.of("no removed row", List.of(replace(removal, removal.type(), "2", removal.script(),
                        List.of(), null), insert)),
                Arguments.of("written rank", List.of(removal, replace(insert, insert.type(), "3", insert.script(),
                        List.of(), new RowImage(4, w.version(), w.description(), w.type(), w.script(),
                                w.checksum(), w.installedBy(), w.installedOn(), w.executionTime(), w.success())))),
                Arguments.of("written checksum", List.of(removal, replace(insert, insert.type(), "3",
                        insert.script(), List.of(), new RowImage(w.installedRank(), w.version(), w.description(),
                                w.type(), w.script(), w.checksum() + 1, w.installedBy(), w.installedOn(),
                                w.executionTime(), w.success())))),
                Arguments.of("written row moved to remove", List.of(removal, replace(insert, insert.type(), "3",
                        insert.script(), List.of(w), null))),
                Arguments.of("order", List.of(insert, removal)),
                Arguments.of("one action fewer", List.of(removal)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actionChanges")
    void theActionsAreInTheActionsPart(String change, List<PlannedAction> actions) {
        assertOnlyChanged(Part.ACTIONS, Fingerprint.parts(database(), ROWS, FILES, OPTIONS, actions));
        assertEquals(Fingerprint.parts(database(), ROWS, FILES, OPTIONS, actions).actions(),
                Fingerprint.actions(OPTIONS, actions));
    }

    @Test
    void theSameInputsGiveTheSameParts() {
        assertEquals(base(), Fingerprint.parts(database(), List.copyOf(ROWS), List.copyOf(FILES),
                new PlanOptions(false, List.of("3")), List.copyOf(ACTIONS)));
        assertEquals(Fingerprint.of(base()), Fingerprint.of(base()));
    }

    @Test
    void everyPartAndTheWholeAreSha256InLowercaseHex() {
        FingerprintParts parts = base();
        for (String hash : List.of(parts.database(), parts.history(), parts.migrations(), parts.actions(),
                Fingerprint.of(parts))) {
            assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        }
        FingerprintParts empty = Fingerprint.parts(database(), List.of(), List.of(), PlanOptions.DEFAULT, List.of());
        assertTrue(Fingerprint.of(empty).matches("[0-9a-f]{64}"));
        assertNotEquals(empty.history(), empty.migrations(), "each part is labelled, so empty parts differ");
    }

    @Test
    void theWholeDependsOnWhichPartIsWhich() {
        FingerprintParts p = base();

        assertNotEquals(Fingerprint.of(p), Fingerprint.of(new FingerprintParts(p.history(), p.database(),
                p.migrations(), p.actions())));
    }

    @Test
    void fieldsWritesLengthColonValueAndADashForNull() {
        assertEquals("2:ab;-;0:;", Fingerprint.fields("ab", null, ""));
        assertEquals("", Fingerprint.fields());
        assertEquals("7:ünïcødé;", Fingerprint.fields("ünïcødé"));
    }

    @Test
    void fieldsIsUnambiguous() {
        assertNotEquals(Fingerprint.fields("a;b", "c"), Fingerprint.fields("a", "b;c"));
        assertNotEquals(Fingerprint.fields((String) null), Fingerprint.fields("-"));
        assertNotEquals(Fingerprint.fields((String) null), Fingerprint.fields("-;"));
        assertNotEquals(Fingerprint.fields(""), Fingerprint.fields((String) null));
        assertNotEquals(Fingerprint.fields("a", ""), Fingerprint.fields("a"));
        assertNotEquals(Fingerprint.fields("a;", "b"), Fingerprint.fields("a", ";b"));
        assertNotEquals(Fingerprint.fields("1:a;"), Fingerprint.fields("a"));
        assertNotEquals(Fingerprint.fields("1:a;1:b;"), Fingerprint.fields("a", "b"));
        assertNotEquals(Fingerprint.fields("ab", "c"), Fingerprint.fields("a", "bc"));
    }

    @Test
    void rowsWhoseFieldsOnlyShiftASeparatorHaveDifferentFingerprints() {
        HistoryRow left = new HistoryRow(1, "1", "a;b", "c", "V1__x.sql", 1, USER, FIRST_RUN, 0, true);
        HistoryRow right = new HistoryRow(1, "1", "a", "b;c", "V1__x.sql", 1, USER, FIRST_RUN, 0, true);
        HistoryRow dash = new HistoryRow(1, "1", "-", "SQL", "V1__x.sql", 1, USER, FIRST_RUN, 0, true);
        HistoryRow none = new HistoryRow(1, "1", null, "SQL", "V1__x.sql", 1, USER, FIRST_RUN, 0, true);
        HistoryRow newline = new HistoryRow(1, "1", "x\n- 1:y;", "SQL", "V1__x.sql", 1, USER, FIRST_RUN, 0, true);

        assertNotEquals(historyOf(left), historyOf(right));
        assertNotEquals(historyOf(dash), historyOf(none));
        assertNotEquals(historyOf(newline), historyOf(new HistoryRow(1, "1", "x", "SQL", "V1__x.sql", 1, USER,
                FIRST_RUN, 0, true)));
    }

    private static String historyOf(HistoryRow row) {
        return Fingerprint.parts(database(), List.of(row), FILES, OPTIONS, ACTIONS).history();
    }
}
