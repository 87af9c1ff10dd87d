package io.github.migrationguard.drift;

/** Every kind of mismatch detect-drift names; the names are part of drift-report.json. */
public enum DriftKind {
    /** A migration file with no history row (and its objects absent): it will run next. */
    PENDING,
    /** No history row, but every object the migration creates is present: it ran (or was hand-applied) unrecorded. */
    UNRECORDED,
    /** A successful history row, but none of the objects the migration creates is present. */
    PHANTOM,
    /** Some of the migration's objects are present and some are not (with or without a history row). */
    PARTIAL,
    /** An applied migration whose file changed since it ran (checksum differs from the history row). */
    CHECKSUM_MISMATCH,
    /** A history row whose migration file is gone. */
    MISSING_FILE,
    /** A history row recording a failed migration. */
    FAILED,
    /** An object the migrations create that the live database lacks. */
    MISSING_OBJECT,
    /** A live object no migration creates (e.g. a hand-made hotfix column or index). */
    EXTRA_OBJECT,
    /** An object present on both sides with a different definition (type, nullability, default, definition). */
    CHANGED_OBJECT,
    /** A migration references a table or column that no earlier migration creates and the database lacks. */
    BROKEN_REFERENCE,
    /** An index left invalid, typically by a failed CREATE INDEX CONCURRENTLY. */
    INVALID_INDEX
}
