package io.github.migrationguard.drift;

import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.migration.Migration;
import java.util.List;

/**
 * Where one migration file stands, as detect-drift judged it: the facts reconcile plans from.
 *
 * @param migration        the file
 * @param status           what the history says
 * @param row              the history row that counts for it (the latest run not taken back), or null
 * @param kind             the evidence finding about it ({@code UNRECORDED}, {@code PHANTOM}, {@code PARTIAL},
 *                         {@code PENDING}), or null when history and schema agree
 * @param present          display names of the objects it creates that the live database has
 * @param absent           display names of the objects it creates that the live database lacks
 * @param notReplayed      statements of it that replay did not understand (its evidence is incomplete when any)
 * @param schemaFindings   schema differences ({@code MISSING_OBJECT}, {@code CHANGED_OBJECT}, {@code EXTRA_OBJECT},
 *                         {@code INVALID_INDEX}) about objects it creates or about the tables it creates or alters
 * @param changed          for a migration that only alters or drops existing objects and has no history row: the
 *                         objects it changes, which the live schema has as it leaves them (its evidence of having
 *                         run); empty otherwise
 */
public record MigrationState(Migration migration, MigrationStatus status, HistoryRow row, DriftKind kind,
                             List<String> present, List<String> absent, List<String> notReplayed,
                             List<DriftFinding> schemaFindings, List<String> changed) {

    public MigrationState {
        present = List.copyOf(present);
        absent = List.copyOf(absent);
        notReplayed = List.copyOf(notReplayed);
        schemaFindings = List.copyOf(schemaFindings);
        changed = changed == null ? List.of() : List.copyOf(changed);
    }

    /** A state without change evidence. */
    public MigrationState(Migration migration, MigrationStatus status, HistoryRow row, DriftKind kind,
                          List<String> present, List<String> absent, List<String> notReplayed,
                          List<DriftFinding> schemaFindings) {
        this(migration, status, row, kind, present, absent, notReplayed, schemaFindings, List.of());
    }

    /** What the history says about a migration file. */
    public enum MigrationStatus {
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
}
