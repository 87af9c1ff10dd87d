package io.github.migrationguard.reconcile;

import java.util.List;

/**
 * One change to the history table.
 *
 * @param type      what it does
 * @param migration the migration, as Flyway names it (version, or the description of a repeatable)
 * @param script    the migration's script
 * @param evidence  why it is safe, one fact per line (objects present or absent, checks passed)
 * @param remove    rows it deletes (or, for {@link ActionType#REALIGN_CHECKSUM}, the row it changes), as they are now
 * @param write     the row it inserts or the changed row, as it will be; null when it only deletes
 * @param note      what the user should know or do afterwards (e.g. run {@code flyway migrate} with out-of-order
 *                  migrations allowed), or null
 */
public record PlannedAction(ActionType type, String migration, String script, List<String> evidence,
                            List<RowImage> remove, RowImage write, String note) {

    public PlannedAction {
        evidence = List.copyOf(evidence);
        remove = List.copyOf(remove);
    }
}
