package io.github.migrationguard.drift;

import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.migration.Migration;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.replay.MigrationEffects;
import io.github.migrationguard.schema.replay.ObjectRef;
import io.github.migrationguard.schema.replay.ObjectRef.Kind;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The judgement of detect-drift, free of any database access: history vs files, per-migration evidence, which
 * migrations the expected schema is built from, which schema differences to keep, and broken references.
 *
 * <p>Evidence: for each migration, the objects it creates ({@link MigrationEffects#creates()}) that should still exist
 * after all migrations (present in the replayed schema and not dropped or renamed by a later migration), inside the
 * inspected schemas and not ignored, are looked up in the live schema. What counts are the migration's own top-level
 * objects: the parts of a table the same migration creates (its columns, constraints, indexes, triggers, policies,
 * serial sequences) stand and fall with that table, and when only such a part is missing, that is a schema
 * difference ({@link DriftKind#MISSING_OBJECT}), not evidence about the migration. With a successful history row and
 * all of them absent the migration is {@link DriftKind#PHANTOM}; without a row and all present
 * {@link DriftKind#UNRECORDED}; some present and some absent {@link DriftKind#PARTIAL}; without a row and all absent
 * {@link DriftKind#PENDING}. A migration that creates nothing checkable (only data changes or grants) is judged by
 * its history row alone. An invalid index is no evidence that its migration ran.
 */
final class DriftAnalysis {

    /** History row types that mark something other than a migration run. */
    private static final Set<String> MARKERS = Set.of("SCHEMA", "BASELINE", "INIT");
    /** Row types of SQL files (Java, script and custom migrations have no .sql file to find). */
    private static final Set<String> FILE_TYPES = Set.of("SQL", "SQL_BASELINE");
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "pg_toast");
    private static final Set<String> SYSTEM_COLUMNS = Set.of("ctid", "xmin", "xmax", "cmin", "cmax", "tableoid",
            "oid");
    private static final DateTimeFormatter INSTALLED_ON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
            Locale.ROOT);
    /** Objects named in one detail before "and N more". */
    private static final int MAX_LISTED = 8;

    /**
     * How findings name the migration tool and its command.
     *
     * @param name           e.g. {@code Flyway}
     * @param migrateCommand the command that applies pending migrations, e.g. {@code flyway migrate}
     */
    record Tool(String name, String migrateCommand) {
        static final Tool FLYWAY = new Tool("Flyway", "flyway migrate");
    }

    /**
     * What the analysis works from.
     *
     * @param migrations   the migrations in apply order
     * @param otherScripts scripts of files under the locations that are not migrations (baseline scripts among them)
     * @param rows         history rows in Flyway's form, in installed_rank order (empty without a history table)
     * @param live         the live schema
     * @param effects      one entry per migration, same order (replay of all migrations)
     * @param replayedAll  the schema after replaying all migrations
     * @param schemas      the inspected schemas; empty means every non-system schema
     * @param ignore       patterns of objects left out of the comparison (matched against display names)
     * @param tool         the migration tool
     * @param toolTables   bookkeeping tables of migration tools the catalog reader left out of the live schema: no
     *                     evidence either way
     */
    record Inputs(List<Migration> migrations, Set<String> otherScripts, List<HistoryRow> rows, SchemaModel live,
                  List<MigrationEffects> effects, SchemaModel replayedAll, Set<String> schemas, List<Pattern> ignore,
                  Tool tool, Set<ObjectRef> toolTables) {

        Inputs(List<Migration> migrations, Set<String> otherScripts, List<HistoryRow> rows, SchemaModel live,
               List<MigrationEffects> effects, SchemaModel replayedAll, Set<String> schemas, List<Pattern> ignore,
               Tool tool) {
            this(migrations, otherScripts, rows, live, effects, replayedAll, schemas, ignore, tool, Set.of());
        }
    }

    /** Where a migration stands according to the history. */
    enum Status {
        /** A successful row (for a repeatable: with the file's current checksum). */
        APPLIED,
        /** A repeatable migration that ran, but its file changed since: the tool runs it again. */
        OUTDATED,
        /** The latest row records a failure. */
        FAILED,
        /** No row, but at or below the baseline version: the tool never runs it. */
        BELOW_BASELINE,
        /** No row. */
        NOT_APPLIED
    }

    /**
     * The verdict on one migration.
     *
     * @param kind    the evidence finding, or null when history and schema agree
     * @param present checkable objects found in the live schema
     * @param absent  checkable objects not found
     */
    record Verdict(Migration migration, Status status, HistoryRow row, DriftKind kind, List<ObjectRef> present,
                   List<ObjectRef> absent) {
    }

    private final Inputs in;
    private final ModelObjects live;
    private final ModelObjects replayed;
    private final List<Verdict> verdicts = new ArrayList<>();
    private final List<DriftFinding> historyFindings = new ArrayList<>();
    private final List<DriftFinding> evidenceFindings = new ArrayList<>();
    private final Map<ObjectRef, Integer> lastDrop = new HashMap<>();
    private FlywayVersion baseline;
    /** {@code ranFrom[i]}: migration i or a later one has a successful row or left objects in the database. */
    private boolean[] ranFrom = new boolean[0];
    /** Per migration, the objects it creates that can be looked up in the live schema. */
    private List<List<ObjectRef>> checkables = List.of();
    /** Per migration with change evidence: display names of the objects it changes, as the live schema has them. */
    private final Map<Integer, List<String>> changed = new HashMap<>();
    private FlywayVersion latestApplied;
    private int appliedRows;

    DriftAnalysis(Inputs inputs) {
        this.in = inputs;
        if (inputs.effects().size() != inputs.migrations().size()) {
            throw new IllegalStateException("replay returned " + inputs.effects().size() + " results for "
                    + inputs.migrations().size() + " migrations");
        }
        for (int i = 0; i < inputs.migrations().size(); i++) {
            String script = inputs.migrations().get(i).script();
            if (!script.equals(inputs.effects().get(i).script())) {
                throw new IllegalStateException("replay results are out of order: expected " + script + ", got "
                        + inputs.effects().get(i).script());
            }
            for (ObjectRef d : inputs.effects().get(i).drops()) {
                lastDrop.merge(ModelObjects.normalized(d), i, Math::max);
            }
        }
        this.live = new ModelObjects(inputs.live());
        this.replayed = new ModelObjects(inputs.replayedAll());
        judgeHistory();
        judgeEvidence();
    }

    // ------------------------------------------------------------------ history vs files

    private static String type(HistoryRow row) {
        return row.type() == null ? "SQL" : row.type().toUpperCase(Locale.ROOT);
    }

    /** A row that takes back the runs before it (Flyway's repair marks deleted migrations, undo runs). */
    private static boolean cancels(HistoryRow row) {
        String t = type(row);
        return t.equals("DELETE") || t.startsWith("UNDO");
    }

    /** The row that counts for one migration: the latest run, unless a later delete/undo marker took it back. */
    private static HistoryRow effective(List<HistoryRow> rows) {
        if (rows == null) {
            return null;
        }
        HistoryRow current = null;
        for (HistoryRow row : rows) {
            current = cancels(row) ? null : row;
        }
        return current;
    }

    private void judgeHistory() {
        Map<FlywayVersion, List<HistoryRow>> byVersion = new TreeMap<>();
        Map<String, List<HistoryRow>> byDescription = new LinkedHashMap<>();
        List<HistoryRow> rows = new ArrayList<>(in.rows());
        rows.sort(Comparator.comparingInt(HistoryRow::installedRank));
        for (HistoryRow row : rows) {
            String t = type(row);
            if (MARKERS.contains(t) || t.equals("SQL_BASELINE")) {
                if (!t.equals("SCHEMA") && row.success() && row.parsedVersion() != null
                        && (baseline == null || row.parsedVersion().compareTo(baseline) > 0)) {
                    baseline = row.parsedVersion();
                }
                if (!t.equals("SQL_BASELINE")) {
                    continue;
                }
            }
            FlywayVersion v = row.parsedVersion();
            if (v != null) {
                byVersion.computeIfAbsent(v, k -> new ArrayList<>()).add(row);
            } else if (row.description() != null) {
                byDescription.computeIfAbsent(row.description(), k -> new ArrayList<>()).add(row);
            }
        }
        for (List<HistoryRow> list : byVersion.values()) {
            HistoryRow row = effective(list);
            appliedRows += row != null && row.success() ? 1 : 0;
        }
        for (List<HistoryRow> list : byDescription.values()) {
            HistoryRow row = effective(list);
            appliedRows += row != null && row.success() ? 1 : 0;
        }
        Set<FlywayVersion> matchedVersions = new HashSet<>();
        Set<String> matchedDescriptions = new HashSet<>();
        for (Migration m : in.migrations()) {
            Status status;
            HistoryRow row;
            if (m.isRepeatable()) {
                matchedDescriptions.add(m.historyDescription());
                row = effective(byDescription.get(m.historyDescription()));
                if (row == null) {
                    status = Status.NOT_APPLIED;
                } else if (!row.success()) {
                    status = Status.FAILED;
                } else {
                    status = row.checksum() != null && row.checksum() != m.checksum() ? Status.OUTDATED
                            : Status.APPLIED;
                }
            } else {
                matchedVersions.add(m.version());
                row = effective(byVersion.get(m.version()));
                if (row != null && type(row).equals("SQL_BASELINE")) {
                    row = null; // a baseline script's row, not this file's
                }
                if (row != null) {
                    status = row.success() ? Status.APPLIED : Status.FAILED;
                } else if (baseline != null && m.version().compareTo(baseline) <= 0) {
                    status = Status.BELOW_BASELINE;
                } else {
                    status = Status.NOT_APPLIED;
                }
                if (status == Status.APPLIED && (latestApplied == null || m.version().compareTo(latestApplied) > 0)) {
                    latestApplied = m.version();
                }
            }
            verdicts.add(new Verdict(m, status, row, null, List.of(), List.of()));
        }

        for (Verdict v : verdicts) {
            Migration m = v.migration();
            if (!m.isRepeatable() && v.status() == Status.APPLIED && v.row().checksum() != null
                    && v.row().checksum() != m.checksum()) {
                historyFindings.add(new DriftFinding(DriftKind.CHECKSUM_MISMATCH, m.name(), null,
                        m.script() + " changed after it was applied: file checksum " + m.checksum()
                                + ", history checksum " + v.row().checksum() + " (" + in.tool().name()
                                + " validation fails)",
                        "REALIGN_CHECKSUM: if the edit is intended and changes nothing in the database (comments,"
                                + " formatting), record the new checksum; otherwise restore " + m.script()
                                + " as it was applied and put the change in a new migration"));
            }
        }

        List<HistoryRow> unmatched = new ArrayList<>();
        for (Map.Entry<FlywayVersion, List<HistoryRow>> e : byVersion.entrySet()) {
            HistoryRow row = effective(e.getValue());
            if (row != null && (!matchedVersions.contains(e.getKey()) || type(row).equals("SQL_BASELINE"))) {
                unmatched.add(row);
            }
        }
        for (Map.Entry<String, List<HistoryRow>> e : byDescription.entrySet()) {
            HistoryRow row = effective(e.getValue());
            if (row != null && !matchedDescriptions.contains(e.getKey())) {
                unmatched.add(row);
            }
        }
        unmatched.sort(Comparator.comparingInt(HistoryRow::installedRank));
        for (HistoryRow row : unmatched) {
            if (!row.success() || !FILE_TYPES.contains(type(row))) {
                continue;
            }
            if (type(row).equals("SQL_BASELINE") && row.script() != null
                    && in.otherScripts().contains(row.script())) {
                continue;
            }
            String script = row.script() == null ? "version " + rowName(row) : row.script();
            FlywayVersion latestFile = in.migrations().stream().filter(m -> !m.isRepeatable())
                    .map(Migration::version).max(Comparator.naturalOrder()).orElse(null);
            boolean future = row.parsedVersion() != null
                    && (latestFile == null || row.parsedVersion().compareTo(latestFile) > 0);
            historyFindings.add(new DriftFinding(DriftKind.MISSING_FILE, rowName(row), null,
                    "the history records " + script + " as applied" + when(row)
                            + ", but no such migration file exists under the configured locations"
                            + (future ? " (it is newer than every migration file: the database was migrated from a"
                            + " newer version of the project, or the file was deleted)" : ""),
                    "restore " + script + " from version control (" + in.tool().name()
                            + " validation fails without it); if it was removed on purpose, mark it deleted in the"
                            + " history (flyway repair)"));
        }

        List<HistoryRow> failed = new ArrayList<>();
        byVersion.values().forEach(list -> addIfFailed(effective(list), failed));
        byDescription.values().forEach(list -> addIfFailed(effective(list), failed));
        failed.sort(Comparator.comparingInt(HistoryRow::installedRank));
        for (HistoryRow row : failed) {
            String script = row.script() == null ? "migration " + rowName(row) : row.script();
            historyFindings.add(new DriftFinding(DriftKind.FAILED, rowName(row), null,
                    "the history records a failed run of " + script + when(row) + "; " + in.tool().migrateCommand()
                            + " refuses to continue until the failed row is removed",
                    "REMOVE_FAILED: remove the failed row, clean up what the failed run left behind, then run "
                            + in.tool().migrateCommand() + " again"));
        }
    }

    private static void addIfFailed(HistoryRow row, List<HistoryRow> out) {
        if (row != null && !row.success()) {
            out.add(row);
        }
    }

    private static String rowName(HistoryRow row) {
        return row.version() != null ? row.version() : row.description();
    }

    private static String when(HistoryRow row) {
        return row.installedOn() == null ? "" : " (" + INSTALLED_ON.format(row.installedOn()) + ")";
    }

    // ------------------------------------------------------------------ per-migration evidence

    private boolean inScope(String schema) {
        if (schema == null) {
            return true;
        }
        if (SYSTEM_SCHEMAS.contains(schema) || schema.startsWith("pg_temp") || schema.startsWith("pg_toast")) {
            return false;
        }
        return in.schemas() == null || in.schemas().isEmpty() || in.schemas().contains(schema);
    }

    private boolean inScope(ObjectRef ref) {
        return ref.kind() == Kind.SCHEMA ? inScope(ref.name()) : inScope(ref.schema());
    }

    private boolean ignored(ObjectRef ref) {
        if (in.ignore() == null || in.ignore().isEmpty()) {
            return false;
        }
        List<String> names = new ArrayList<>(2);
        names.add(ref.display());
        if (ref.member() != null) {
            names.add(new ObjectRef(Kind.TABLE, ref.schema(), ref.name(), null).display());
        }
        for (Pattern p : in.ignore()) {
            for (String name : names) {
                if (p.matcher(name).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True for a migration tool's own table (and its parts), which the live schema leaves out. */
    private boolean toolTable(ObjectRef ref) {
        if (in.toolTables() == null || in.toolTables().isEmpty()) {
            return false;
        }
        ObjectRef table = ref.kind() == Kind.TABLE ? ref : replayed.ownerTable(ref);
        return table != null && in.toolTables().contains(table);
    }

    private boolean droppedAfter(ObjectRef ref, int index) {
        if (lastDrop.getOrDefault(ref, -1) > index) {
            return true;
        }
        if (ref.member() != null) {
            ObjectRef table = new ObjectRef(Kind.TABLE, ref.schema(), ref.name(), null);
            if (lastDrop.getOrDefault(table, -1) > index) {
                return true;
            }
        }
        String schema = ref.kind() == Kind.SCHEMA ? null : ref.schema();
        return schema != null && lastDrop.getOrDefault(new ObjectRef(Kind.SCHEMA, null, schema, null), -1) > index;
    }

    /**
     * The top-level objects of migration {@code index} that should exist now, in the order the migration creates
     * them (parts of a table it creates itself are left out).
     */
    List<ObjectRef> checkable(int index) {
        Set<ObjectRef> tablesCreatedHere = new HashSet<>();
        for (ObjectRef created : in.effects().get(index).creates()) {
            if (created.kind() == Kind.TABLE) {
                tablesCreatedHere.add(created);
            }
        }
        Set<ObjectRef> out = new LinkedHashSet<>();
        for (ObjectRef created : in.effects().get(index).creates()) {
            ObjectRef ref = ModelObjects.normalized(created);
            ObjectRef owner = replayed.ownerTable(ref);
            if (owner != null && tablesCreatedHere.contains(owner)) {
                continue;
            }
            if (inScope(ref) && !ignored(created) && !toolTable(ref) && replayed.contains(ref)
                    && !droppedAfter(ref, index)) {
                out.add(created); // as replay names it (a function with its arguments), like the schema diff
            }
        }
        return List.copyOf(out);
    }

    private void judgeEvidence() {
        int n = verdicts.size();
        checkables = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            checkables.add(checkable(i));
        }
        ranFrom = new boolean[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            Status st = verdicts.get(i).status();
            ranFrom[i] = ranFrom[i + 1] || st == Status.APPLIED || st == Status.OUTDATED
                    || checkables.get(i).stream().anyMatch(live::contains);
        }
        for (int i = 0; i < n; i++) {
            Verdict v = verdicts.get(i);
            Migration m = v.migration();
            List<ObjectRef> checkable = checkables.get(i);
            List<ObjectRef> present = new ArrayList<>();
            List<ObjectRef> absent = new ArrayList<>();
            for (ObjectRef ref : checkable) {
                (live.contains(ref) ? present : absent).add(ref);
            }
            DriftKind kind = null;
            String detail = null;
            String action = null;
            String object = null;
            String incomplete = in.effects().get(i).notReplayed().isEmpty() ? ""
                    : " (replay did not understand " + in.effects().get(i).notReplayed().size() + " of its statements,"
                            + " so this evidence is incomplete)";
            switch (v.status()) {
                case APPLIED -> {
                    if (!checkable.isEmpty() && present.isEmpty()) {
                        kind = DriftKind.PHANTOM;
                        detail = "the history records " + m.script() + " as applied" + when(v.row())
                                + ", but none of the objects it creates exists: " + list(absent) + incomplete;
                        action = "REMOVE_PHANTOM: remove its history row so that " + in.tool().migrateCommand()
                                + " runs " + m.script() + " again";
                    } else if (!present.isEmpty() && !absent.isEmpty()) {
                        kind = DriftKind.PARTIAL;
                        object = absent.get(0).display();
                        detail = "the history records " + m.script() + " as applied, but only some of its objects"
                                + " exist; present: " + list(present) + "; missing: " + list(absent) + incomplete;
                        action = partialAction(m, absent);
                    }
                }
                case OUTDATED -> {
                    kind = DriftKind.PENDING;
                    detail = m.script() + " changed since it last ran (history checksum " + v.row().checksum()
                            + ", file checksum " + m.checksum() + "); " + in.tool().migrateCommand()
                            + " runs it again" + placeholderNote(m);
                    action = "none: " + in.tool().migrateCommand() + " runs it again";
                }
                case NOT_APPLIED, FAILED -> {
                    boolean failed = v.status() == Status.FAILED;
                    if (!checkable.isEmpty() && absent.isEmpty()) {
                        kind = DriftKind.UNRECORDED;
                        detail = (failed ? "the history records a failed run of " + m.script() + ", but"
                                : "no history row for " + m.script() + ", but") + " every object it creates exists: "
                                + list(present) + incomplete;
                        action = "MARK_APPLIED: record " + m.script() + " as applied (checksum " + m.checksum()
                                + ") without running it" + (failed ? ", replacing the failed row" : "");
                    } else if (!present.isEmpty() && !absent.isEmpty()) {
                        kind = DriftKind.PARTIAL;
                        object = absent.get(0).display();
                        detail = (failed ? "a failed run of " + m.script() : "no history row for " + m.script())
                                + ", and only some of its objects exist; present: " + list(present) + "; missing: "
                                + list(absent) + incomplete;
                        action = partialAction(m, absent);
                    } else if (!failed && checkable.isEmpty() && laterMigrationRan(i)) {
                        kind = DriftKind.PENDING;
                        detail = "no history row for " + m.script() + ", although later migrations ran; it creates"
                                + " nothing detect-drift can look for (data changes, grants, ...), so the schema cannot"
                                + " tell whether it ran" + placeholderNote(m);
                        action = "check by hand whether its changes are in the database: if they are, MARK_APPLIED"
                                + " (record it without running it); otherwise " + in.tool().migrateCommand()
                                + " runs it";
                    } else if (!failed) {
                        kind = DriftKind.PENDING;
                        detail = pendingDetail(m) + placeholderNote(m);
                        action = pendingAction(m);
                    }
                }
                case BELOW_BASELINE -> {
                    // the baseline stands for it: the tool never runs it
                }
            }
            verdicts.set(i, new Verdict(m, v.status(), v.row(), kind, List.copyOf(present), List.copyOf(absent)));
            if (kind != null) {
                evidenceFindings.add(new DriftFinding(kind, m.name(), object, detail, action));
            }
        }
    }

    /** True when a migration after {@code index} has a successful row or left any of its objects in the database. */
    private boolean laterMigrationRan(int index) {
        return index + 1 < ranFrom.length && ranFrom[index + 1];
    }

    private boolean outOfOrder(Migration m) {
        return !m.isRepeatable() && latestApplied != null && m.version().compareTo(latestApplied) < 0;
    }

    private String pendingDetail(Migration m) {
        if (outOfOrder(m)) {
            return m.script() + " is not applied and its version is below the latest applied version "
                    + latestApplied + ": " + in.tool().migrateCommand() + " ignores it unless out-of-order"
                    + " migrations are allowed (and validation reports it)";
        }
        return m.script() + " is not applied yet; none of its objects exists, so " + in.tool().migrateCommand()
                + " will run it";
    }

    private String pendingAction(Migration m) {
        if (outOfOrder(m)) {
            return "run " + in.tool().migrateCommand() + " with out-of-order migrations allowed, or give "
                    + m.script() + " a version above " + latestApplied;
        }
        return "none: " + in.tool().migrateCommand() + " runs it";
    }

    private static String placeholderNote(Migration m) {
        if (m.missingPlaceholders().isEmpty()) {
            return "";
        }
        return "; placeholders without a configured value: " + String.join(", ", m.missingPlaceholders())
                + " (configure them, or the tool refuses to run it)";
    }

    private static String partialAction(Migration m, List<ObjectRef> absent) {
        return "decide by hand: " + list(absent) + (absent.size() == 1 ? " is" : " are") + " missing, so "
                + m.script() + " did not (fully) take effect; create the missing objects in a new migration, or"
                + " remove the rest and let the migration run again. No reconcile action can decide this.";
    }

    static String list(List<ObjectRef> refs) {
        StringBuilder s = new StringBuilder();
        int n = Math.min(refs.size(), MAX_LISTED);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(refs.get(i).display());
        }
        if (refs.size() > n) {
            s.append(" and ").append(refs.size() - n).append(" more");
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ change evidence

    /**
     * What the live schema says about a migration that only changes or drops existing objects.
     *
     * @param changed        display names of the objects whose definition differs between the expected schema without
     *                       the migration and with it (empty: it changes nothing the schema shows, e.g. data only)
     * @param matchesWith    the live schema has every one of them as the migration leaves them
     * @param matchesWithout the live schema has every one of them as they were before the migration
     */
    record ChangeEvidence(List<String> changed, boolean matchesWith, boolean matchesWithout) {
    }

    /**
     * Migrations without a history row that create nothing detect-drift can look up (they alter or drop existing
     * objects, or change data only): the schema can still show whether they ran, by what they change.
     */
    List<Integer> changeCandidates() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            if (v.status() == Status.NOT_APPLIED && checkables.get(i).isEmpty()
                    && in.effects().get(i).notReplayed().isEmpty()) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Takes the change evidence of {@link #changeCandidates()} into the verdicts: a migration whose changes are all in
     * the live schema (and the schema before it would differ) ran unrecorded; one whose changes are all absent did
     * not run. Anything else stays as judged (the schema cannot tell).
     */
    void applyChangeEvidence(Map<Integer, ChangeEvidence> evidence) {
        for (Map.Entry<Integer, ChangeEvidence> e : evidence.entrySet()) {
            int i = e.getKey();
            ChangeEvidence ce = e.getValue();
            if (ce.changed().isEmpty() || ce.matchesWith() == ce.matchesWithout()) {
                continue;
            }
            Verdict v = verdicts.get(i);
            Migration m = v.migration();
            DriftFinding replacement;
            if (ce.matchesWith()) {
                changed.put(i, List.copyOf(ce.changed()));
                verdicts.set(i, new Verdict(m, v.status(), v.row(), DriftKind.UNRECORDED, v.present(), v.absent()));
                replacement = new DriftFinding(DriftKind.UNRECORDED, m.name(), null, "no history row for "
                        + m.script() + ", but the changes it makes are in the database: " + names(ce.changed())
                        + " as " + m.script() + " leaves them", "MARK_APPLIED: record " + m.script()
                        + " as applied (checksum " + m.checksum() + ") without running it");
            } else {
                verdicts.set(i, new Verdict(m, v.status(), v.row(), DriftKind.PENDING, v.present(), v.absent()));
                replacement = new DriftFinding(DriftKind.PENDING, m.name(), null, m.script() + " is not applied:"
                        + " the changes it makes are not in the database (" + names(ce.changed()) + " as before it)"
                        + (laterMigrationRan(i) ? ", although later migrations ran" : "") + placeholderNote(m),
                        laterMigrationRan(i) ? "run " + in.tool().migrateCommand() + " with out-of-order migrations"
                                + " allowed, so that it runs" : pendingAction(m));
            }
            boolean replaced = false;
            for (int f = 0; f < evidenceFindings.size(); f++) {
                if (m.name().equals(evidenceFindings.get(f).migration())) {
                    evidenceFindings.set(f, replacement);
                    replaced = true;
                }
            }
            if (!replaced) {
                evidenceFindings.add(replacement);
            }
        }
    }

    private static String names(List<String> names) {
        int n = Math.min(names.size(), MAX_LISTED);
        String shown = String.join(", ", names.subList(0, n));
        return names.size() > n ? shown + " and " + (names.size() - n) + " more" : shown;
    }

    // ------------------------------------------------------------------ results

    List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    List<DriftFinding> historyFindings() {
        return List.copyOf(historyFindings);
    }

    List<DriftFinding> evidenceFindings() {
        return List.copyOf(evidenceFindings);
    }

    /**
     * Migrations the history records as applied: per version (or repeatable description) whose latest row is a
     * success not taken back by a delete or undo marker; baseline and schema markers left out.
     */
    int appliedRows() {
        return appliedRows;
    }

    /**
     * The migrations the live database should reflect, in apply order: those with a successful row (a changed
     * repeatable left out until it runs again), those at or below the baseline, and those the evidence shows ran
     * without a row (unrecorded or partial).
     */
    List<Migration> inEffect() {
        List<Migration> out = new ArrayList<>();
        for (Verdict v : verdicts) {
            boolean effective = switch (v.status()) {
                case APPLIED, BELOW_BASELINE -> true;
                case OUTDATED -> false;
                case FAILED, NOT_APPLIED -> v.kind() == DriftKind.UNRECORDED || v.kind() == DriftKind.PARTIAL;
            };
            if (effective) {
                out.add(v.migration());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ schema

    /**
     * The schema differences worth reporting. A missing object that a phantom or partial finding already names is left
     * out, and so are the parts of the tables it names; differences about the objects of a changed repeatable
     * migration are left out until it has run again. Each finding is attributed to the migration that creates the
     * object (the last one, preferring migrations in effect) when the diff did not name one, and gets a recommended
     * action when it has none.
     */
    List<DriftFinding> schemaFindings(List<DriftFinding> diff, SchemaModel expected) {
        Set<ObjectRef> named = new HashSet<>();
        Set<ObjectRef> rerun = new HashSet<>();
        Map<String, String> creator = new HashMap<>();
        Map<String, String> creatorInEffect = new HashMap<>();
        Set<Migration> effective = new HashSet<>(inEffect());
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            if (v.kind() == DriftKind.PHANTOM || v.kind() == DriftKind.PARTIAL) {
                v.absent().forEach(ref -> named.add(ModelObjects.normalized(ref)));
            }
            for (ObjectRef created : in.effects().get(i).creates()) {
                ObjectRef ref = ModelObjects.normalized(created);
                for (String display : new LinkedHashSet<>(List.of(ref.display(), created.display()))) {
                    creator.put(display, v.migration().name());
                    if (effective.contains(v.migration())) {
                        creatorInEffect.put(display, v.migration().name());
                    }
                }
                if (v.status() == Status.OUTDATED) {
                    rerun.add(ref);
                }
            }
        }
        ModelObjects expectedObjects = new ModelObjects(expected);
        List<DriftFinding> out = new ArrayList<>();
        for (DriftFinding f : diff) {
            ObjectRef ref = f.object() == null ? null : parse(f.object());
            if (ref != null) {
                ObjectRef owner = expectedObjects.ownerTable(ref);
                if (f.kind() == DriftKind.MISSING_OBJECT && (named.contains(ref) || named.contains(owner))) {
                    continue;
                }
                if (f.kind() != DriftKind.INVALID_INDEX && (rerun.contains(ref) || rerun.contains(owner))) {
                    continue;
                }
            }
            String migration = f.migration();
            if (migration == null && f.object() != null) {
                migration = creatorInEffect.getOrDefault(f.object(), creator.get(f.object()));
            }
            String action = f.recommendedAction() != null && !f.recommendedAction().isBlank() ? f.recommendedAction()
                    : defaultAction(f.kind());
            String detail = f.detail();
            if (f.kind() == DriftKind.INVALID_INDEX && migration != null && detail != null
                    && detail.endsWith("; no migration creates it")) {
                // created by a migration that is not in effect: its failed or unrecorded run left the index behind
                String script = scriptOf(migration);
                detail = detail.substring(0, detail.length() - "; no migration creates it".length()) + "; "
                        + (script == null ? "migration " + migration : script) + " creates it, and its run did not"
                        + " finish";
                action = action + ", so that " + (script == null ? "the migration" : script) + " can create it"
                        + " again when it runs";
            }
            out.add(new DriftFinding(f.kind(), migration, f.object(), detail, action));
        }
        return out;
    }

    /** The script of the migration with this Flyway name, or null. */
    private String scriptOf(String name) {
        for (Verdict v : verdicts) {
            if (v.migration().name().equals(name)) {
                return v.migration().script();
            }
        }
        return null;
    }

    /** Reads a display name ({@code column public.users.email}) back into a reference; null when it is none. */
    static ObjectRef parse(String display) {
        for (Kind kind : Kind.values()) {
            String prefix = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " ";
            if (!display.startsWith(prefix)) {
                continue;
            }
            String rest = display.substring(prefix.length());
            if (kind == Kind.SCHEMA || kind == Kind.EXTENSION) {
                return new ObjectRef(kind, null, rest, null);
            }
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                return null;
            }
            String schema = rest.substring(0, dot);
            String name = rest.substring(dot + 1);
            boolean member = kind == Kind.COLUMN || kind == Kind.CONSTRAINT || kind == Kind.TRIGGER
                    || kind == Kind.POLICY;
            if (!member) {
                int paren = name.indexOf('(');
                return new ObjectRef(kind, schema, kind == Kind.FUNCTION && paren > 0 ? name.substring(0, paren) : name,
                        null);
            }
            int last = name.lastIndexOf('.');
            return last <= 0 ? null : new ObjectRef(kind, schema, name.substring(0, last), name.substring(last + 1));
        }
        return null;
    }

    static String defaultAction(DriftKind kind) {
        return switch (kind) {
            case MISSING_OBJECT -> "write a migration that creates it again (the migrations expect it), or one that"
                    + " drops it on purpose";
            case EXTRA_OBJECT -> "if it is meant to stay, write a migration that creates it (IF NOT EXISTS) so the"
                    + " migrations describe it; otherwise drop it";
            case CHANGED_OBJECT -> "write a migration that makes the definition official, or one that restores the"
                    + " definition the migrations give it";
            case INVALID_INDEX -> "drop the invalid index and build it again (CREATE INDEX CONCURRENTLY) in a new"
                    + " migration";
            default -> "see the detail";
        };
    }

    // ------------------------------------------------------------------ states for reconcile

    private static final Set<DriftKind> SCHEMA_KINDS = Set.of(DriftKind.MISSING_OBJECT, DriftKind.CHANGED_OBJECT,
            DriftKind.EXTRA_OBJECT, DriftKind.INVALID_INDEX);

    /**
     * Every migration's standing, with the schema findings that concern it: those attributed to it, and those about an
     * object it creates or about a part of a table it creates or adds to (an extra column on its table counts).
     *
     * @param schemaFindings what {@link #schemaFindings} returned
     * @param expected       the expected schema the findings were computed against
     */
    List<MigrationState> states(List<DriftFinding> schemaFindings, SchemaModel expected) {
        ModelObjects expectedObjects = new ModelObjects(expected);
        List<MigrationState> out = new ArrayList<>(verdicts.size());
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            Set<ObjectRef> creates = new HashSet<>();
            Set<ObjectRef> tables = new HashSet<>();
            for (ObjectRef c : in.effects().get(i).creates()) {
                ObjectRef ref = ModelObjects.normalized(c);
                creates.add(ref);
                ObjectRef owner = ref.kind() == Kind.TABLE ? ref : replayed.ownerTable(ref);
                if (owner != null) {
                    tables.add(owner);
                }
            }
            List<DriftFinding> concerning = new ArrayList<>();
            for (DriftFinding f : schemaFindings) {
                if (!SCHEMA_KINDS.contains(f.kind())) {
                    continue;
                }
                ObjectRef ref = f.object() == null ? null : parse(f.object());
                boolean about = v.migration().name().equals(f.migration());
                if (!about && ref != null) {
                    ObjectRef n = ModelObjects.normalized(ref);
                    ObjectRef owner = n.kind() == Kind.TABLE ? n : expectedObjects.ownerTable(n);
                    if (owner == null) {
                        owner = live.ownerTable(n);
                    }
                    about = creates.contains(n) || (owner != null && tables.contains(owner));
                }
                if (about) {
                    concerning.add(f);
                }
            }
            out.add(new MigrationState(v.migration(), MigrationState.MigrationStatus.valueOf(v.status().name()),
                    v.row(), v.kind(), v.present().stream().map(ObjectRef::display).toList(),
                    v.absent().stream().map(ObjectRef::display).toList(), in.effects().get(i).notReplayed(),
                    concerning, changed.getOrDefault(i, List.of())));
        }
        return out;
    }

    // ------------------------------------------------------------------ references

    /**
     * References to tables and columns that no migration up to the referencing one creates and the live database
     * does not have, e.g. a foreign key to {@code user} when the table is {@code users}.
     */
    List<DriftFinding> referenceFindings() {
        List<DriftFinding> out = new ArrayList<>();
        Set<ObjectRef> created = new HashSet<>();
        int notUnderstood = 0;
        for (int i = 0; i < verdicts.size(); i++) {
            Migration m = verdicts.get(i).migration();
            MigrationEffects e = in.effects().get(i);
            for (ObjectRef c : e.creates()) {
                created.add(ModelObjects.normalized(c));
            }
            Set<ObjectRef> refs = new LinkedHashSet<>(e.references());
            Set<ObjectRef> reported = new HashSet<>();
            for (ObjectRef ref : refs) {
                if ((ref.kind() != Kind.TABLE && ref.kind() != Kind.COLUMN) || ref.schema() == null
                        || !inScope(ref) || ignored(ref) || toolTable(ref)) {
                    continue;
                }
                ObjectRef missing = null;
                if (!relationExists(created, ref.schema(), ref.name())) {
                    ObjectRef table = new ObjectRef(Kind.TABLE, ref.schema(), ref.name(), null);
                    missing = ref.kind() == Kind.TABLE || !refs.contains(table) ? table : null;
                } else if (ref.kind() == Kind.COLUMN && !columnExists(created, ref)) {
                    missing = ref;
                }
                if (missing != null && reported.add(missing)) {
                    out.add(broken(verdicts.get(i), missing, created, notUnderstood));
                }
            }
            notUnderstood += e.notReplayed().size();
        }
        return out;
    }

    private boolean relationExists(Set<ObjectRef> created, String schema, String name) {
        return created.contains(new ObjectRef(Kind.TABLE, schema, name, null))
                || created.contains(new ObjectRef(Kind.VIEW, schema, name, null))
                || created.contains(new ObjectRef(Kind.MATERIALIZED_VIEW, schema, name, null))
                || live.containsRelation(schema, name);
    }

    private boolean columnExists(Set<ObjectRef> created, ObjectRef column) {
        if (SYSTEM_COLUMNS.contains(column.member()) || created.contains(column) || live.contains(column)
                || replayed.contains(column)) {
            return true;
        }
        // columns of views are not in the model: do not judge them
        ObjectRef table = new ObjectRef(Kind.TABLE, column.schema(), column.name(), null);
        return !created.contains(table) && !live.contains(table) && !replayed.contains(table);
    }

    private DriftFinding broken(Verdict v, ObjectRef missing, Set<ObjectRef> created, int notUnderstood) {
        Migration m = v.migration();
        String suggestion = suggest(missing, created);
        String detail = m.script() + " references " + missing.display() + ", which no migration up to it creates and"
                + " the database does not have" + (suggestion == null ? "" : " (did you mean " + suggestion + "?)")
                + (notUnderstood == 0 ? "" : "; replay did not understand " + notUnderstood + " statements of earlier"
                + " migrations: if one of them creates it, this is a false alarm");
        boolean ran = v.status() == Status.APPLIED || v.status() == Status.OUTDATED
                || v.kind() == DriftKind.UNRECORDED || v.kind() == DriftKind.PARTIAL;
        String action = ran
                ? "create " + missing.display() + " in a new migration, or correct the reference (" + m.script()
                        + " is already applied: correct it through a new migration)"
                : "correct the reference in " + m.script() + " before it runs: as written it fails";
        return new DriftFinding(DriftKind.BROKEN_REFERENCE, m.name(), missing.display(), detail, action);
    }

    /** The closest existing name of the same kind in the same schema (and table), when one is close. */
    private String suggest(ObjectRef missing, Set<ObjectRef> created) {
        Set<ObjectRef> candidates = new HashSet<>(created);
        candidates.addAll(live.all());
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String wanted = missing.kind() == Kind.TABLE ? missing.name() : missing.member();
        for (ObjectRef c : candidates) {
            if (c.kind() != missing.kind() || !c.schema().equals(missing.schema())) {
                continue;
            }
            if (missing.kind() == Kind.COLUMN && !c.name().equals(missing.name())) {
                continue;
            }
            String name = missing.kind() == Kind.TABLE ? c.name() : c.member();
            int d = distance(wanted, name);
            int limit = Math.max(1, Math.min(3, wanted.length() / 3));
            String display = missing.kind() == Kind.TABLE ? c.schema() + "." + c.name()
                    : c.schema() + "." + c.name() + "." + c.member();
            if (d <= limit && (d < bestDistance || (d == bestDistance && display.compareTo(best) < 0))) {
                best = display;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance, case-insensitive. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] prev = new int[y.length() + 1];
        int[] cur = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length()];
    }
}
