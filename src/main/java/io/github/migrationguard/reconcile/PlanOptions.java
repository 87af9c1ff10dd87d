package io.github.migrationguard.reconcile;

import java.util.List;

/**
 * What a user asked the plan to include beyond what evidence alone allows.
 *
 * @param realignChecksums record the checksum of edited applied migrations whose edit the live schema matches
 * @param markApplied      migrations (versions, or descriptions of repeatables) the user states have run although the
 *                         schema cannot show it (they create nothing detect-drift can look for, or replay did not
 *                         understand them); never one whose objects are missing
 */
public record PlanOptions(boolean realignChecksums, List<String> markApplied) {

    public static final PlanOptions DEFAULT = new PlanOptions(false, List.of());

    public PlanOptions {
        markApplied = markApplied == null ? List.of() : List.copyOf(markApplied);
    }
}
