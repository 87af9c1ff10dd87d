package io.github.migrationguard.reconcile;

import java.util.List;

/**
 * What reconcile would change, and what it leaves to a person; reconcile-plan.json renders this object and an apply
 * with {@code migrationGuard.plan} reads it back.
 *
 * @param format            version of the plan format ({@link #FORMAT})
 * @param fingerprint       SHA-256 over the database identity, every history row, every migration file, the options
 *                          and the actions: an apply refuses the plan when any of them changed
 * @param parts             the fingerprints of those four parts, so a refusal can say which one changed
 * @param database          the database it was made for
 * @param options           the options it was made with
 * @param createdAt         when (UTC, ISO-8601); not part of the fingerprint
 * @param pluginVersion     plugin version that made it; not part of the fingerprint
 * @param actions           the changes, in the order they are applied
 * @param manual            findings reconcile does not fix, with what to do
 */
public record ReconcilePlan(int format, String fingerprint, FingerprintParts parts, PlanDatabase database,
                            PlanOptions options, String createdAt, String pluginVersion, List<PlannedAction> actions,
                            List<ManualStep> manual) {

    /** The current plan format. */
    public static final int FORMAT = 1;

    public ReconcilePlan {
        actions = List.copyOf(actions);
        manual = List.copyOf(manual);
    }

    /**
     * Fingerprints of the parts of a plan.
     *
     * @param database   name and oid of the database, the history table
     * @param history    every history row
     * @param migrations every migration file (script and checksum)
     * @param actions    the options and the actions
     */
    public record FingerprintParts(String database, String history, String migrations, String actions) {
    }

    /** True when the plan changes nothing. */
    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
