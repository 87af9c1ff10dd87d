package io.github.migrationguard.drift;

/**
 * One named mismatch.
 *
 * @param kind              what kind of drift
 * @param migration         the migration concerned, as Flyway names it (version, e.g. {@code 3}, or the description
 *                          of a repeatable), or null when it concerns no single migration
 * @param object            the object concerned, e.g. {@code table public.users}, {@code column public.users.email},
 *                          {@code index public.idx_users_email}; null for pure history findings
 * @param detail            what exactly differs (expected vs found), one line, no secrets
 * @param recommendedAction what fixes it: the reconcile action ({@code MARK_APPLIED}, {@code REMOVE_PHANTOM},
 *                          {@code REMOVE_FAILED}, {@code REALIGN_CHECKSUM}) or the migration to write
 */
public record DriftFinding(DriftKind kind, String migration, String object, String detail, String recommendedAction) {
}
