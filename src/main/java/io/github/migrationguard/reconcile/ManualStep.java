package io.github.migrationguard.reconcile;

/**
 * A finding reconcile does not fix: what a person must do about it.
 *
 * @param kind        the detect-drift finding kind ({@code PARTIAL}, {@code MISSING_OBJECT}, ...)
 * @param migration   the migration concerned, or null
 * @param object      the object concerned, or null
 * @param reason      why reconcile leaves it alone
 * @param instruction what to do
 * @param suggestedMigration a file written to the reports directory that adds what is missing, for review (never
 *                    into the migration locations), or null
 */
public record ManualStep(String kind, String migration, String object, String reason, String instruction,
                         String suggestedMigration) {
}
