package io.github.migrationguard.reconcile;

import java.util.List;
import java.util.Map;

/**
 * What one apply changed, who ran it and how it ended: written to the audit table (one row per action) and, as this
 * whole object, to a JSON file in the reports directory, and optionally posted to a webhook.
 *
 * @param runId           unique id of the apply (a UUID)
 * @param outcome         {@link #PREPARED} (written before the commit), {@link #COMMITTED}, {@link #ROLLED_BACK} or
 *                        {@link #UNKNOWN} (the connection broke during the commit)
 * @param failure         why it was rolled back or is unknown; null otherwise
 * @param startedAt       UTC, ISO-8601
 * @param finishedAt      UTC, ISO-8601; null while prepared
 * @param planFingerprint the fingerprint of the plan applied
 * @param pluginVersion   the plugin version that applied it
 * @param database        the database
 * @param databaseUser    {@code session_user} of the apply (the user that connected)
 * @param osUser          the operating-system user running Maven
 * @param ci              who and what ran it in CI (e.g. {@code GITHUB_ACTOR}, {@code GITHUB_RUN_ID}); empty outside
 *                        CI
 * @param auditTable      the audit table, {@code schema.migration_guard_audit}
 * @param entries         one per action, with the rows before and after
 */
public record AuditRecord(String runId, String outcome, String failure, String startedAt, String finishedAt,
                          String planFingerprint, String pluginVersion, PlanDatabase database, String databaseUser,
                          String osUser, Map<String, String> ci, String auditTable, List<Entry> entries) {

    public static final String PREPARED = "prepared";
    public static final String COMMITTED = "committed";
    public static final String ROLLED_BACK = "rolled back";
    public static final String UNKNOWN = "unknown";

    public AuditRecord {
        ci = Map.copyOf(ci);
        entries = List.copyOf(entries);
    }

    /**
     * One action as applied.
     *
     * @param actionNo  1-based position in the plan
     * @param type      the action
     * @param migration the migration
     * @param script    its script
     * @param evidence  the plan's evidence
     * @param before    the rows removed or changed, exactly as they were (read under the lock)
     * @param after     the row as written (with installed_by and installed_on as stored), or null after a removal
     */
    public record Entry(int actionNo, ActionType type, String migration, String script, List<String> evidence,
                        List<RowImage> before, RowImage after) {

        public Entry {
            evidence = List.copyOf(evidence);
            before = List.copyOf(before);
        }
    }

    /** The same record with another outcome. */
    public AuditRecord withOutcome(String newOutcome, String newFailure, String newFinishedAt) {
        return new AuditRecord(runId, newOutcome, newFailure, startedAt, newFinishedAt, planFingerprint,
                pluginVersion, database, databaseUser, osUser, ci, auditTable, entries);
    }
}
