package io.github.migrationguard.drift;

import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.history.FlywayHistory;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.history.HistoryTable;
import io.github.migrationguard.history.HistoryTool;
import io.github.migrationguard.migration.Migration;
import io.github.migrationguard.migration.MigrationSet;
import io.github.migrationguard.migration.MigrationSet.Naming;
import io.github.migrationguard.migration.MigrationSet.OtherFile;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.replay.ObjectRef;
import io.github.migrationguard.schema.replay.ReplayInput;
import io.github.migrationguard.schema.replay.ReplayResult;
import io.github.migrationguard.schema.replay.SchemaReplayer;
import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * detect-drift: compares the migration files, the history table and the live schema of one database, read-only.
 *
 * <ol>
 *   <li>Reads, in one read-only snapshot ({@link LiveInspection}): the identity (before the session settings are
 *       pinned), the history table (configured, else detected; without one every migration is judged by evidence
 *       alone), whether a migration holds Flyway's lock (then the report says so and names nothing else), the history
 *       rows and the live schema.</li>
 *   <li>Loads the migration files ({@link MigrationSet}) with Flyway's built-in placeholders taken from the live
 *       connection, and replays all of them ({@link SchemaReplayer}) for what each one creates, drops and needs.</li>
 *   <li>Judges history vs files and the evidence per migration ({@link DriftAnalysis}), builds the expected schema
 *       of the migrations in effect (by replay, or by applying them to a shadow database when configured), compares
 *       it with the live one ({@link SchemaDiff}) and checks references.</li>
 * </ol>
 * Findings come in that order: history vs files, per-migration evidence, schema, references. The detector decides
 * nothing about the build.
 */
public final class DriftDetector {

    private final DriftSettings settings;
    private final Masking masking;

    public DriftDetector(DriftSettings settings) {
        this(settings, Masking.none());
    }

    /**
     * @param masking hides the configured password in every error message (the connection's own settings)
     */
    public DriftDetector(DriftSettings settings, Masking masking) {
        this.settings = settings;
        this.masking = masking == null ? Masking.none() : masking;
    }

    /**
     * Runs detect-drift against {@code target}, which must not be inside a transaction; the connection is left as it
     * was (the read-only transaction is rolled back).
     *
     * @throws DatabaseAccessException when the target (or the shadow) cannot be read, or the history table setting is
     *                                 wrong; the message names what to fix and holds no password
     * @throws IOException             when the migration files cannot be read or contradict each other
     */
    public DriftReport detect(Connection target) throws DatabaseAccessException, IOException {
        return inspect(target).report();
    }

    /**
     * Like {@link #detect}, with the facts behind the report (history rows, each migration's standing).
     */
    public DriftInspection inspect(Connection target) throws DatabaseAccessException, IOException {
        long start = System.nanoTime();
        return inspect(LiveInspection.read(target, settings, masking), start);
    }

    /**
     * Runs detect-drift on a connection already inside a (writable) transaction, e.g. to re-check the database under
     * the locks of a reconcile: the transaction's settings must be pinned with
     * {@link io.github.migrationguard.db.ReadOnlySession#pin}, and it is left open.
     *
     * @param identity read in that transaction before the settings were pinned
     */
    public DriftInspection inspectInTransaction(Connection connection, DatabaseIdentity identity)
            throws DatabaseAccessException, IOException {
        long start = System.nanoTime();
        return inspect(LiveInspection.readIn(connection, identity, settings, masking), start);
    }

    /**
     * Where the history table is, or where Flyway would create it: {@code {schema, table}}, read on a connection inside
     * a transaction whose settings are pinned (as for {@link #inspectInTransaction}), without reading the catalog.
     */
    public String[] historyLocation(Connection connection, DatabaseIdentity identity)
            throws DatabaseAccessException {
        return LiveInspection.locate(connection, identity, settings, masking);
    }

    private DriftInspection inspect(LiveInspection live, long start) throws DatabaseAccessException, IOException {
        HistoryTable history = live.history();
        String historyTable = history == null ? null : history.qualifiedName();
        String tool = history == null ? null : toolName(history.tool());
        if (live.migrationInProgress()) {
            return new DriftInspection(new DriftReport(live.identity(), millisSince(start),
                    historyTable != null ? historyTable : live.lockSchema() + "." + live.lockTable(),
                    tool != null ? tool : "flyway", null, true, 0, 0, 0, List.of()), history, live.lockSchema(),
                    live.lockTable(), List.of(), List.of());
        }

        boolean flyway = history == null || history.tool() == HistoryTool.FLYWAY;
        Naming naming = history == null ? Naming.AUTO : flyway ? Naming.FLYWAY : Naming.TIMESTAMP;
        MigrationSet set = MigrationSet.load(settings, naming, builtIns(live));
        List<Migration> migrations = set.migrations();
        List<HistoryRow> rows = history == null ? List.of()
                : flyway ? live.flywayRows() : GenericRows.toHistoryRows(history.tool(), live.genericRows(), migrations);

        List<ReplayInput> all = inputs(migrations);
        String defaultSchema = flyway ? flywayDefaultSchema(live) : null;
        ReplayResult replayed = new SchemaReplayer(false, null, defaultSchema).replay(all);
        List<Pattern> ignore = settings.ignore() == null ? List.of() : settings.ignore();
        SchemaModel liveModel = live.catalog().model();
        DriftAnalysis analysis = new DriftAnalysis(new DriftAnalysis.Inputs(migrations,
                set.others().stream().map(OtherFile::script).collect(Collectors.toSet()), rows, liveModel,
                replayed.effects(), replayed.expected(), settings.schemas(), ignore,
                tool(history, set.naming()), toolTables(live)));

        List<Integer> candidates = analysis.changeCandidates();
        if (!candidates.isEmpty()) {
            analysis.applyChangeEvidence(changeEvidence(migrations, analysis.inEffect(), candidates, liveModel,
                    ignore, defaultSchema, replayed));
        }

        List<Migration> inEffect = analysis.inEffect();
        SchemaModel expected;
        String source;
        if (settings.shadow() != null) {
            expected = ShadowDatabase.build(settings.shadow(), live.identity(), inputs(inEffect), schemas(),
                    defaultSchema);
            source = "shadow";
        } else {
            expected = inEffect.equals(migrations) ? replayed.expected()
                    : new SchemaReplayer(false, null, defaultSchema).replay(inputs(inEffect)).expected();
            source = "replay";
        }
        expected = ModelScope.restrict(expected, settings.schemas());
        List<DriftFinding> diff = SchemaDiff.diff(expected, liveModel, ignore);

        List<DriftFinding> findings = new ArrayList<>(analysis.historyFindings());
        findings.addAll(analysis.evidenceFindings());
        List<DriftFinding> schemaFindings = analysis.schemaFindings(diff, expected);
        findings.addAll(schemaFindings);
        findings.addAll(analysis.referenceFindings());
        DriftReport report = new DriftReport(live.identity(), millisSince(start), historyTable, tool, source, false,
                migrations.size(), analysis.appliedRows(), live.catalog().queryCount(), List.copyOf(findings));
        return new DriftInspection(report, history, live.lockSchema(), live.lockTable(), rows,
                analysis.states(schemaFindings, expected));
    }

    /**
     * For migrations without a history row that only alter or drop existing objects: the objects whose definition
     * differs between the expected schema with all such migrations and the one without this migration, and whether the
     * live schema has them as with it or as without it. One replay for "with", one per candidate for "without".
     */
    private Map<Integer, DriftAnalysis.ChangeEvidence> changeEvidence(List<Migration> migrations,
                                                                      List<Migration> inEffect,
                                                                      List<Integer> candidates, SchemaModel live,
                                                                      List<Pattern> ignore, String defaultSchema,
                                                                      ReplayResult replayedAll) {
        Set<Migration> base = new HashSet<>(inEffect);
        for (int i : candidates) {
            base.add(migrations.get(i));
        }
        List<Migration> withAll = migrations.stream().filter(base::contains).toList();
        SchemaReplayer replayer = new SchemaReplayer(false, null, defaultSchema);
        // with every migration in effect (the usual case when a history is gone) the replay of all of them serves
        SchemaModel with = ModelScope.restrict(withAll.equals(migrations) ? replayedAll.expected()
                : replayer.replay(inputs(withAll)).expected(), settings.schemas());
        Set<String> liveVsWith = objects(SchemaDiff.diff(with, live, ignore));
        // one replay per candidate, independent of each other: spread over the cores
        Map<Integer, DriftAnalysis.ChangeEvidence> out = new ConcurrentHashMap<>();
        candidates.parallelStream().forEach(i -> {
            Migration m = migrations.get(i);
            List<Migration> without = withAll.stream().filter(x -> x != m).toList();
            SchemaModel before = ModelScope.restrict(replayer.replay(inputs(without)).expected(),
                    settings.schemas());
            List<String> changed = new ArrayList<>(new LinkedHashSet<>(
                    objectList(SchemaDiff.diff(before, with, ignore))));
            if (changed.isEmpty()) {
                out.put(i, new DriftAnalysis.ChangeEvidence(List.of(), false, false));
                return;
            }
            Set<String> liveVsBefore = objects(SchemaDiff.diff(before, live, ignore));
            boolean matchesWith = changed.stream().noneMatch(liveVsWith::contains);
            boolean matchesWithout = changed.stream().noneMatch(liveVsBefore::contains);
            out.put(i, new DriftAnalysis.ChangeEvidence(changed, matchesWith, matchesWithout));
        });
        return new TreeMap<>(out);
    }

    private static Set<String> objects(List<DriftFinding> findings) {
        return new HashSet<>(objectList(findings));
    }

    private static List<String> objectList(List<DriftFinding> findings) {
        return findings.stream().map(DriftFinding::object).filter(o -> o != null).toList();
    }

    /**
     * Flyway's default schema when it is not the session's current schema: Flyway keeps its history table there,
     * creates it before the first migration and puts it first in the search path while migrating, so unqualified
     * names in the migrations resolve to it. Null when it is the current schema (nothing changes then).
     */
    static String flywayDefaultSchema(LiveInspection live) {
        String schema = live.history() != null ? live.history().schema() : live.lockSchema();
        String current = live.identity().currentSchema() == null ? "public" : live.identity().currentSchema();
        return schema == null || schema.equals(current) ? null : schema;
    }

    private static Set<ObjectRef> toolTables(LiveInspection live) {
        return live.catalog().excludedTables().stream()
                .map(t -> new ObjectRef(ObjectRef.Kind.TABLE, t.schema(), t.table(), null))
                .collect(Collectors.toSet());
    }

    private Set<String> schemas() {
        return settings.schemas() == null ? Set.of() : settings.schemas();
    }

    private static List<ReplayInput> inputs(List<Migration> migrations) {
        return migrations.stream().map(Migration::toReplayInput).toList();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * Values of Flyway's built-in placeholders as the migrations saw them when Flyway ran them against this database.
     * ({@code flyway:timestamp} changes on every run, so a repeatable migration using it is always run again, by
     * Flyway too.)
     */
    private Map<String, String> builtIns(LiveInspection live) {
        Map<String, String> values = new HashMap<>();
        String schema = live.history() != null ? live.history().schema() : live.lockSchema();
        values.put("flyway:defaultSchema", schema);
        values.put("flyway:user", live.identity().user());
        values.put("flyway:database", live.identity().database());
        // the table Flyway uses: the one found, else the configured one (live.lockTable() is either, or the default)
        values.put("flyway:table", live.history() != null ? live.history().table()
                : live.lockTable() != null ? live.lockTable() : FlywayHistory.DEFAULT_TABLE);
        if (settings.baseDir() != null) {
            values.put("flyway:workingDirectory", settings.baseDir().toAbsolutePath().toString());
        }
        values.values().removeIf(v -> v == null);
        return values;
    }

    /** The name drift-report.json gives the tool: {@code flyway}, {@code golang-migrate}, {@code dbmate}, ... */
    static String toolName(HistoryTool tool) {
        return switch (tool) {
            case SUPABASE -> "supabase";
            default -> tool.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    private static DriftAnalysis.Tool tool(HistoryTable history, Naming naming) {
        if (history == null) {
            return naming == Naming.TIMESTAMP ? new DriftAnalysis.Tool("the migration tool", "the migration tool")
                    : DriftAnalysis.Tool.FLYWAY;
        }
        return switch (history.tool()) {
            case GOLANG_MIGRATE -> new DriftAnalysis.Tool("golang-migrate", "migrate up");
            case DBMATE -> new DriftAnalysis.Tool("dbmate", "dbmate up");
            case SUPABASE -> new DriftAnalysis.Tool("the Supabase CLI", "supabase migration up");
            default -> DriftAnalysis.Tool.FLYWAY;
        };
    }
}
