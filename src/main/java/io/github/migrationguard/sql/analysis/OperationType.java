package io.github.migrationguard.sql.analysis;

/** What a statement does that a rule may care about. */
public enum OperationType {
    /** DROP of any object, including {@code ALTER ... DROP COLUMN / CONSTRAINT} and {@code DROP OWNED}. */
    DROP,
    /** DELETE in any form: plain, in a CTE, in a rule action, in MERGE, in COPY (query). */
    DELETE,
    /** TRUNCATE in any form. */
    TRUNCATE,
    /** UPDATE with no WHERE clause. */
    UPDATE_WITHOUT_WHERE,
    /**
     * SQL built or run at execution time that cannot be proven harmless: EXECUTE of a non-constant string, a
     * {@code format()} with {@code %s}, a concatenation with a variable, a function body in a language we cannot
     * read, a call to a function that runs SQL text (dblink_exec, ...).
     */
    DYNAMIC_SQL,
    /** A statement that neither JSqlParser nor our classifier could prove harmless. */
    UNRECOGNIZED
}
