package io.github.migrationguard.reconcile;

import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftInspection;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import io.github.migrationguard.drift.MigrationState;
import io.github.migrationguard.drift.MigrationState.MigrationStatus;
import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.history.HistoryTool;
import io.github.migrationguard.history.MigrationName;
import io.github.migrationguard.migration.Migration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a detect-drift inspection into a plan: the history changes the evidence proves safe, and for every other
 * finding what a person must do. Free of database access, so the same inspection always gives the same plan.
 *
 * <ul>
 *   <li>{@code MARK_APPLIED} for an {@code UNRECORDED} migration only when replay understood all of it and no schema
 *       difference concerns its objects (a missing part, a changed definition, an invalid index): the objects are
 *       present with the expected shape. An extra object on one of its tables does not prevent it (the migration
 *       ran; the extra object is a hand-made change listed separately). With {@code markApplied} a user may state
 *       that a migration ran whose objects the schema cannot show, never one whose objects are missing.</li>
 *   <li>{@code REMOVE_PHANTOM} for a success row none of whose objects exists, again only when replay understood all
 *       of the migration.</li>
 *   <li>{@code REMOVE_FAILED} for the failed rows of a migration none of whose objects exists (a failed run that
 *       left something behind is {@code PARTIAL}: a person cleans up first).</li>
 *   <li>{@code REALIGN_CHECKSUM} only with {@code realignChecksums}, only for a versioned migration whose objects
 *       are all present, replay understood all of it, and no schema difference (not even an extra object) concerns
 *       its objects or tables: the live schema matches the edited file.</li>
 * </ul>
 * The history rows are Flyway's; for other tools' histories the plan has no actions, only manual steps.
 */
public final class ReconcilePlanner {

    private ReconcilePlanner() {
    }

    /**
     * Makes the plan.
     *
     * @param inspection    a detect-drift inspection (not one taken while a migration held the lock)
     * @param database      the identity of the database it was taken from
     * @param options       what the user asked for beyond the evidence
     * @param pluginVersion recorded in the plan
     * @param now           recorded in the plan
     * @throws IllegalStateException when a migration was in progress during the inspection
     */
    public static ReconcilePlan plan(DriftInspection inspection, PlanDatabase database, PlanOptions options,
                                     String pluginVersion, Instant now) {
        DriftReport report = inspection.report();
        if (report.migrationInProgress()) {
            throw new IllegalStateException("a migration held the history lock during the inspection");
        }
        Builder b = new Builder(inspection, options, database);
        b.build();
        List<Migration> files = inspection.states().stream().map(MigrationState::migration).toList();
        ReconcilePlan.FingerprintParts parts = Fingerprint.parts(database, inspection.rows(), files, options,
                b.actions);
        return new ReconcilePlan(ReconcilePlan.FORMAT, Fingerprint.of(parts), parts, database, options,
                now.truncatedTo(ChronoUnit.SECONDS).toString(), pluginVersion, b.actions, b.manual);
    }

    /** The state of the migration with this Flyway name, or null. */
    static MigrationState state(DriftInspection inspection, String name) {
        for (MigrationState s : inspection.states()) {
            if (s.migration().name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private static final class Builder {
        private final DriftInspection in;
        private final PlanOptions options;
        private final PlanDatabase database;
        private final boolean flyway;
        private final List<PlannedAction> actions = new ArrayList<>();
        private final List<ManualStep> manual = new ArrayList<>();
        /** Migrations an action or manual step already covers, so their findings are not listed twice. */
        private final Set<String> covered = new HashSet<>();
        /** Migrations the user stated have run ({@code markApplied}). */
        private final Set<String> asserted;
        private int nextRank;

        Builder(DriftInspection in, PlanOptions options, PlanDatabase database) {
            this.in = in;
            this.options = options;
            this.database = database;
            this.flyway = in.history() == null || in.history().tool() == HistoryTool.FLYWAY;
            this.nextRank = in.rows().stream().mapToInt(HistoryRow::installedRank).max().orElse(0) + 1;
            this.asserted = new LinkedHashSet<>(options.markApplied());
        }

        void build() {
            if (!flyway) {
                manual.add(new ManualStep("UNSUPPORTED_HISTORY", null, database.historyTable(),
                        "reconcile writes Flyway history rows only; this database's history belongs to "
                                + in.history().tool().displayName(),
                        "fix the findings below with " + in.history().tool().displayName() + "'s own commands",
                        null));
            }
            Set<String> known = new HashSet<>();
            for (MigrationState s : in.states()) {
                known.add(s.migration().name());
            }
            for (String name : asserted) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("markApplied names migration " + name
                            + ", but no migration file has that version (or repeatable description)");
                }
            }
            // removals first, then inserts (ranks after every existing row), then checksum changes
            for (MigrationState s : in.states()) {
                removal(s);
            }
            removeFailedWithoutFile();
            for (MigrationState s : in.states()) {
                markApplied(s, asserted.contains(s.migration().name()));
            }
            for (MigrationState s : in.states()) {
                realign(s);
            }
            remainingFindings();
        }

        private void removal(MigrationState s) {
            Migration m = s.migration();
            if (s.status() == MigrationStatus.APPLIED && s.kind() == DriftKind.PHANTOM) {
                if (!s.notReplayed().isEmpty()) {
                    manualIncomplete(s, DriftKind.PHANTOM, "removing its history row");
                    return;
                }
                if (!flyway) {
                    return;
                }
                List<String> evidence = new ArrayList<>();
                evidence.add("history row " + s.row().installedRank() + " records " + m.script() + " as applied");
                for (String absent : s.absent()) {
                    evidence.add(absent + " is absent");
                }
                evidence.add("every object " + m.script() + " creates is absent, so running it again is what makes"
                        + " the database match");
                actions.add(new PlannedAction(ActionType.REMOVE_PHANTOM, m.name(), m.script(), evidence,
                        List.of(RowImage.of(s.row())), null, rerunNote(m)));
                covered.add(m.name());
            } else if (s.status() == MigrationStatus.FAILED && s.kind() != DriftKind.UNRECORDED
                    && s.kind() != DriftKind.PARTIAL) {
                if (!flyway || (asserted.contains(m.name()) && s.absent().isEmpty())) {
                    return; // a stated migration: MARK_APPLIED replaces the failed row
                }
                if (!s.notReplayed().isEmpty()) {
                    manualIncomplete(s, DriftKind.FAILED, "removing its failed row");
                    return;
                }
                List<HistoryRow> failed = failedRows(m.version() != null ? m.version().toString() : null,
                        m.isRepeatable() ? m.historyDescription() : null);
                List<String> evidence = new ArrayList<>();
                for (HistoryRow r : failed) {
                    evidence.add("history row " + r.installedRank() + " records a failed run of " + m.script());
                }
                List<String> invalid = s.schemaFindings().stream()
                        .filter(f -> f.kind() == DriftKind.INVALID_INDEX && f.object() != null)
                        .map(DriftFinding::object).toList();
                if (s.absent().isEmpty() && s.present().isEmpty()) {
                    evidence.add(m.script() + " creates nothing detect-drift can look for; the failed run is"
                            + " assumed to have left nothing behind (it runs again)");
                } else {
                    for (String absent : s.absent()) {
                        evidence.add(invalid.contains(absent) ? absent + " exists but is invalid: the failed run"
                                + " left it behind, unusable (see Needs a person)" : absent + " is absent");
                    }
                }
                String note = rerunNote(m);
                if (!invalid.isEmpty()) {
                    note = "before flyway migrate runs it again: fix what made it fail (for a unique index, the"
                            + " duplicate rows) and drop the invalid " + String.join(", ", invalid)
                            + " (DROP INDEX CONCURRENTLY); then " + note;
                }
                actions.add(new PlannedAction(ActionType.REMOVE_FAILED, m.name(), m.script(), evidence,
                        failed.stream().map(RowImage::of).toList(), null, note));
                covered.add(m.name());
            }
        }

        /** Failed rows whose file is gone: removed too (the file cannot run again, but Flyway refuses to go on). */
        private void removeFailedWithoutFile() {
            if (!flyway) {
                return;
            }
            for (DriftFinding f : in.report().findings()) {
                if (f.kind() != DriftKind.FAILED || f.migration() == null || hasFile(f.migration())) {
                    continue;
                }
                boolean versioned = FlywayVersion.isValid(f.migration());
                List<HistoryRow> failed = versioned ? failedRows(f.migration(), null) : failedRows(null, f.migration());
                if (failed.isEmpty()) {
                    continue;
                }
                List<String> evidence = new ArrayList<>();
                for (HistoryRow r : failed) {
                    evidence.add("history row " + r.installedRank() + " records a failed run of " + r.script());
                }
                evidence.add("no migration file has this " + (versioned ? "version" : "description")
                        + ": nothing will run again");
                actions.add(new PlannedAction(ActionType.REMOVE_FAILED, f.migration(), failed.get(0).script(),
                        evidence, failed.stream().map(RowImage::of).toList(), null,
                        "check by hand whether the failed run left objects behind"));
                covered.add(f.migration());
            }
        }

        /** True when a migration file has this name: the same version by Flyway's rules ({@code 2.0} is {@code 2}),
         * or the description of a repeatable. */
        private boolean hasFile(String name) {
            FlywayVersion v = FlywayVersion.isValid(name) ? FlywayVersion.parse(name) : null;
            for (MigrationState s : in.states()) {
                Migration m = s.migration();
                if (v != null ? v.equals(m.version()) : m.isRepeatable() && m.name().equals(name)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The failed rows of one migration that count: those after its last successful row (and after the last
         * delete or undo marker that took its runs back), in rank order.
         */
        private List<HistoryRow> failedRows(String version, String description) {
            List<HistoryRow> rows = new ArrayList<>();
            FlywayVersion v = version == null ? null : FlywayVersion.parse(version);
            for (HistoryRow r : in.rows()) {
                boolean same = v != null ? v.equals(r.parsedVersion())
                        : r.version() == null && description.equals(r.description());
                if (!same) {
                    continue;
                }
                String type = r.type() == null ? "SQL" : r.type().toUpperCase(Locale.ROOT);
                if (r.success() || type.equals("DELETE") || type.startsWith("UNDO")) {
                    rows.clear();
                } else {
                    rows.add(r);
                }
            }
            rows.sort(Comparator.comparingInt(HistoryRow::installedRank));
            return rows;
        }

        private void markApplied(MigrationState s, boolean asserted) {
            Migration m = s.migration();
            boolean notRecorded = s.status() == MigrationStatus.NOT_APPLIED || s.status() == MigrationStatus.FAILED;
            if (!notRecorded || covered.contains(m.name())) {
                if (asserted && s.status() != MigrationStatus.APPLIED
                        && s.status() != MigrationStatus.BELOW_BASELINE) {
                    throw new IllegalArgumentException("markApplied names migration " + m.name() + ", but the"
                            + " history already " + (s.status() == MigrationStatus.APPLIED ? "records it as applied"
                            : "accounts for it (" + s.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + ")"));
                }
                return;
            }
            List<DriftFinding> shape = s.schemaFindings().stream()
                    .filter(f -> f.kind() != DriftKind.EXTRA_OBJECT).toList();
            List<String> evidence = new ArrayList<>();
            List<String> unchecked = uncheckedDefinitions(s);
            if (s.kind() == DriftKind.UNRECORDED && s.notReplayed().isEmpty() && shape.isEmpty()
                    && unchecked.isEmpty()) {
                for (String present : s.present()) {
                    evidence.add(present + " is present");
                }
                for (String changed : s.changed()) {
                    evidence.add(changed + " is as " + m.script() + " leaves it, not as it was before");
                }
                evidence.add(s.changed().isEmpty() ? "no schema difference concerns these objects: they have the"
                        + " shape " + m.script() + " gives them" : m.script() + " creates nothing; it only changes"
                        + " existing objects, and every change is in the database");
            } else if (asserted && s.absent().isEmpty() && shape.isEmpty()) {
                for (String present : s.present()) {
                    evidence.add(present + " is present");
                }
                evidence.add("stated with markApplied: " + (s.present().isEmpty()
                        ? m.script() + " creates nothing detect-drift can look for"
                        : !s.notReplayed().isEmpty() ? "replay did not understand " + s.notReplayed().size()
                        + " of its statements" : "the definitions of " + String.join(", ", unchecked)
                        + " were checked by hand"));
            } else {
                if (asserted) {
                    throw new IllegalArgumentException("markApplied names migration " + m.name() + ", but "
                            + (s.absent().isEmpty() ? "its objects differ from what " + m.script()
                            + " creates: " + describe(shape)
                            : "objects it creates are missing: " + String.join(", ", s.absent()))
                            + "; it cannot be recorded as applied");
                }
                if (s.kind() == DriftKind.UNRECORDED) {
                    if (!s.notReplayed().isEmpty()) {
                        manualIncomplete(s, DriftKind.UNRECORDED, "recording it as applied");
                    } else if (shape.isEmpty() && !unchecked.isEmpty()) {
                        manual.add(new ManualStep(DriftKind.UNRECORDED.name(), m.name(), null,
                                String.join(", ", unchecked) + (unchecked.size() == 1 ? " is" : " are")
                                        + " present, but without a shadow database only " + (unchecked.size() == 1
                                        ? "its presence" : "their presence") + " is compared, not the query or body"
                                        + " " + m.script() + " gives " + (unchecked.size() == 1 ? "it" : "them"),
                                "run reconcile with -DmigrationGuard.shadowUrl=<a server where a throw-away"
                                        + " database may be created> so that the definitions are compared; or compare"
                                        + " them by hand and state it with -DmigrationGuard.markApplied="
                                        + markAppliedList(m.name()), null));
                        covered.add(m.name());
                    } else {
                        manual.add(new ManualStep(DriftKind.UNRECORDED.name(), m.name(), null,
                                "its objects are present but not with the shape " + m.script() + " gives them: "
                                        + describe(shape),
                                "make the objects match " + m.script() + " (or record the difference in a new"
                                        + " migration), then run reconcile again", null));
                        covered.add(m.name());
                    }
                }
                return;
            }
            if (!flyway) {
                return;
            }
            List<RowImage> remove = s.status() == MigrationStatus.FAILED
                    ? failedRows(m.version() != null ? m.version().toString() : null,
                    m.isRepeatable() ? m.historyDescription() : null).stream().map(RowImage::of).toList()
                    : List.of();
            for (RowImage r : remove) {
                evidence.add(0, "history row " + r.installedRank() + " records a failed run; it is replaced");
            }
            RowImage write = new RowImage(nextRank++, m.isRepeatable() ? null : m.version().toString(),
                    m.historyDescription(), "SQL", MigrationName.abbreviateScript(m.script()), m.checksum(), null,
                    null, 0, true);
            actions.add(new PlannedAction(ActionType.MARK_APPLIED, m.name(), m.script(), evidence, remove, write,
                    null));
            covered.add(m.name());
        }

        private void realign(MigrationState s) {
            Migration m = s.migration();
            HistoryRow row = s.row();
            if (m.isRepeatable() || s.status() != MigrationStatus.APPLIED || row == null || row.checksum() == null
                    || row.checksum() == m.checksum() || covered.contains(m.name())) {
                return;
            }
            String why = null;
            if (!options.realignChecksums()) {
                why = "the checksum is only realigned when asked for explicitly (-DmigrationGuard.realignChecksums"
                        + "=true), and only when the live schema matches the edited file";
            } else if (s.kind() != null) {
                why = "the live schema does not match the edited file: " + s.kind() + " ("
                        + (s.absent().isEmpty() ? "" : "missing: " + String.join(", ", s.absent())) + ")";
            } else if (!s.notReplayed().isEmpty()) {
                why = "replay did not understand " + s.notReplayed().size() + " of its statements, so the live schema"
                        + " cannot be shown to match the edited file";
            } else if (!s.schemaFindings().isEmpty()) {
                why = "the live schema does not match the edited file: " + describe(s.schemaFindings());
            } else if (s.present().isEmpty()) {
                why = m.script() + " creates nothing detect-drift can look for, so the live schema cannot be shown"
                        + " to match the edited file";
            } else if (!uncheckedDefinitions(s).isEmpty()) {
                why = "without a shadow database the definitions of " + String.join(", ", uncheckedDefinitions(s))
                        + " are not compared, so the live schema cannot be shown to match the edited file (run"
                        + " with -DmigrationGuard.shadowUrl=...)";
            }
            if (why != null) {
                manual.add(new ManualStep(DriftKind.CHECKSUM_MISMATCH.name(), m.name(), null, why,
                        "restore " + m.script() + " as it was applied and put the change in a new migration; or, if"
                                + " the edit changes nothing in the database, realign the checksum", null));
                covered.add(m.name());
                return;
            }
            if (!flyway) {
                return;
            }
            List<String> evidence = new ArrayList<>();
            evidence.add("history row " + row.installedRank() + " has checksum " + row.checksum() + "; "
                    + m.script() + " now has " + m.checksum());
            for (String present : s.present()) {
                evidence.add(present + " is present");
            }
            evidence.add("no schema difference concerns its objects or tables: the live schema matches the edited"
                    + " file");
            evidence.add("asked for with realignChecksums");
            RowImage before = RowImage.of(row);
            RowImage after = new RowImage(row.installedRank(), row.version(), m.historyDescription(), row.type(),
                    MigrationName.abbreviateScript(m.script()), m.checksum(), row.installedBy(),
                    before.installedOn(), row.executionTime(), row.success());
            actions.add(new PlannedAction(ActionType.REALIGN_CHECKSUM, m.name(), m.script(), evidence,
                    List.of(before), after, null));
            covered.add(m.name());
        }

        /** Every finding no action or earlier step covers, with what a person must do. */
        private void remainingFindings() {
            boolean rebuilding = actions.stream().anyMatch(a -> a.type() == ActionType.MARK_APPLIED);
            for (DriftFinding f : in.report().findings()) {
                if (f.kind() == DriftKind.PENDING && (f.recommendedAction() == null
                        || f.recommendedAction().startsWith("none"))) {
                    MigrationState s = f.migration() == null ? null : state(in, f.migration());
                    if (rebuilding && flyway && s != null && !unjudgeable(s) && belowRecorded(s)
                            && !covered.contains(f.migration())) {
                        // it did not run; once the later ones are recorded, Flyway skips it unless told otherwise
                        manual.add(new ManualStep(f.kind().name(), f.migration(), null, s.migration().script()
                                + " did not run (" + f.detail() + "), but later migrations are recorded or will be"
                                + " by this plan: Flyway then takes it for an out-of-order migration",
                                "after the apply, run flyway migrate once with out-of-order migrations allowed"
                                        + " (-outOfOrder=true, or spring.flyway.out-of-order=true) so that it runs; a"
                                        + " plain flyway migrate stops with \"Detected resolved migration not applied"
                                        + " to database\"", null));
                    } else if (rebuilding && flyway && s != null && unjudgeable(s)
                            && !covered.contains(f.migration())) {
                        // the history is being rebuilt: whether this one ran is as unknown as for the others
                        manual.add(new ManualStep(f.kind().name(), f.migration(), null, s.migration().script()
                                + (s.notReplayed().isEmpty() ? " creates nothing detect-drift can look for (data"
                                + " changes, grants, ...)" : " has statements replay did not understand")
                                + ", and the history is being rebuilt: the schema cannot tell whether it ran",
                                "check by hand whether its changes are in the database. If they are, plan again with"
                                        + " -DmigrationGuard.markApplied=" + markAppliedList(s.migration().name())
                                        + " to record it as applied without running it. If they are not, leave it:"
                                        + " flyway migrate runs it", null));
                    }
                    continue; // otherwise what the next migrate applies: not drift
                }
                boolean historyKind = f.kind() == DriftKind.UNRECORDED || f.kind() == DriftKind.PHANTOM
                        || f.kind() == DriftKind.FAILED || f.kind() == DriftKind.CHECKSUM_MISMATCH
                        || f.kind() == DriftKind.PENDING;
                if (historyKind && f.migration() != null && covered.contains(f.migration())) {
                    continue;
                }
                if (f.kind() == DriftKind.FAILED && f.migration() != null && coveredByAction(f.migration())) {
                    continue;
                }
                String reason = switch (f.kind()) {
                    case PARTIAL -> "some of its objects exist and some do not: only a person can tell whether to"
                            + " add what is missing or remove the rest";
                    case MISSING_OBJECT, EXTRA_OBJECT, CHANGED_OBJECT, INVALID_INDEX, BROKEN_REFERENCE ->
                            "schema drift: reconcile changes history rows only, never the schema";
                    case MISSING_FILE -> "the history records a migration whose file is gone";
                    case PENDING -> "the migration tool will not simply apply it";
                    default -> flyway ? "the evidence does not allow an automatic change"
                            : "reconcile writes Flyway history rows only";
                };
                String instruction = f.recommendedAction();
                MigrationState s = f.migration() == null ? null : state(in, f.migration());
                if (flyway && f.kind() == DriftKind.PENDING && s != null && s.present().isEmpty()
                        && s.absent().isEmpty() && s.status() == MigrationStatus.NOT_APPLIED) {
                    reason = s.migration().script() + " creates nothing detect-drift can look for (data changes,"
                            + " grants, ...), and later migrations ran: the schema cannot tell whether it ran";
                    instruction = "check by hand whether its changes are in the database. If they are, plan again"
                            + " with -DmigrationGuard.markApplied=" + markAppliedList(s.migration().name())
                            + " to record it as applied without running it. If they are not, leave it: flyway"
                            + " migrate runs it (with out-of-order migrations allowed, -outOfOrder=true, since later"
                            + " versions are recorded)";
                }
                manual.add(new ManualStep(f.kind().name(), f.migration(), f.object(), reason, instruction, null));
            }
        }

        /**
         * No history row, and nothing in the schema shows whether it ran: it creates and changes nothing visible, or
         * only through statements replay did not understand.
         */
        private static boolean unjudgeable(MigrationState s) {
            return s.status() == MigrationStatus.NOT_APPLIED && s.present().isEmpty() && s.absent().isEmpty()
                    && s.changed().isEmpty();
        }

        /**
         * Views, materialized views and functions among the objects present whose definition (query, body) was not
         * compared: the expected schema came from replay, which knows that they exist but not their text.
         */
        private List<String> uncheckedDefinitions(MigrationState s) {
            if ("shadow".equals(in.report().expectedSource())) {
                return List.of();
            }
            return s.present().stream().filter(p -> p.startsWith("view ") || p.startsWith("materialized view ")
                    || p.startsWith("function ")).toList();
        }

        /** A versioned migration without a row whose version is below one recorded now or by this plan. */
        private boolean belowRecorded(MigrationState s) {
            if (s.migration().isRepeatable() || s.status() != MigrationStatus.NOT_APPLIED) {
                return false;
            }
            FlywayVersion v = s.migration().version();
            for (MigrationState other : in.states()) {
                boolean recorded = other.status() == MigrationStatus.APPLIED || actions.stream().anyMatch(a ->
                        a.type() == ActionType.MARK_APPLIED && a.migration().equals(other.migration().name()));
                if (recorded && !other.migration().isRepeatable() && other.migration().version().compareTo(v) > 0) {
                    return true;
                }
            }
            return false;
        }

        /** The markApplied value with this migration added to what the user already stated. */
        private String markAppliedList(String name) {
            Set<String> names = new LinkedHashSet<>(asserted);
            names.add(name);
            return ProductionGuard.shellWord(String.join(",", names));
        }

        private boolean coveredByAction(String migration) {
            return actions.stream().anyMatch(a -> a.migration().equals(migration));
        }

        private void manualIncomplete(MigrationState s, DriftKind kind, String what) {
            Migration m = s.migration();
            manual.add(new ManualStep(kind.name(), m.name(), null,
                    "replay did not understand " + s.notReplayed().size() + " of its statements (first: "
                            + s.notReplayed().get(0) + "), so the evidence for " + what + " is incomplete",
                    kind == DriftKind.UNRECORDED
                            ? "check by hand that everything " + m.script() + " does is in the database; if it is,"
                            + " state it with -DmigrationGuard.markApplied=" + markAppliedList(m.name())
                            : "check by hand that nothing " + m.script() + " does is in the database, then remove"
                            + " the row with the migration tool's repair command", null));
            covered.add(m.name());
        }

        /** For a row removed from under later migrations: Flyway runs it again only with out-of-order allowed. */
        private String rerunNote(Migration m) {
            if (m.isRepeatable()) {
                return "flyway migrate runs " + m.script() + " again";
            }
            FlywayVersion latest = null;
            for (MigrationState s : in.states()) {
                if (s.status() == MigrationStatus.APPLIED && !s.migration().isRepeatable()
                        && !(s.kind() == DriftKind.PHANTOM && s.notReplayed().isEmpty())
                        && (latest == null || s.migration().version().compareTo(latest) > 0)) {
                    latest = s.migration().version();
                }
            }
            if (latest != null && m.version().compareTo(latest) < 0) {
                return "version " + m.version() + " is below the latest applied version " + latest + ": run flyway"
                        + " migrate with out-of-order migrations allowed (-outOfOrder=true, or spring.flyway"
                        + ".out-of-order=true) once, so it runs again";
            }
            return "flyway migrate runs " + m.script() + " again";
        }

        private static String describe(List<DriftFinding> findings) {
            StringBuilder s = new StringBuilder();
            for (DriftFinding f : findings) {
                if (!s.isEmpty()) {
                    s.append("; ");
                }
                s.append(f.kind()).append(' ').append(f.object() == null ? "" : f.object() + ": ")
                        .append(f.detail());
            }
            return s.toString();
        }
    }
}
