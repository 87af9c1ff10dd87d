package io.github.migrationguard.reconcile;

/** What one plan action does to the history table; the names are part of reconcile-plan.json. */
public enum ActionType {
    /** Inserts a success row for an unrecorded migration (replacing its failed row, if any), without running it. */
    MARK_APPLIED,
    /** Deletes the success row of a migration none of whose objects exists, so the migration tool runs it again. */
    REMOVE_PHANTOM,
    /** Deletes the failed rows of a migration whose failed run left nothing behind. */
    REMOVE_FAILED,
    /** Records the current checksum (and description) of an edited migration whose edit the live schema matches. */
    REALIGN_CHECKSUM
}
