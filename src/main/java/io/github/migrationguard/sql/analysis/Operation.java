package io.github.migrationguard.sql.analysis;

/**
 * One thing a statement does, located in the analysed text.
 *
 * @param type   what it is
 * @param start  offset of the keyword (or construct) that does it, e.g. the {@code DROP} of {@code ALTER TABLE t DROP c}
 * @param end    offset just past the construct (at least past the keyword)
 * @param detail short description for messages, e.g. {@code DROP TABLE users}, {@code DELETE FROM audit (in a CTE)},
 *               {@code EXECUTE of a concatenated string in a DO block}
 */
public record Operation(OperationType type, int start, int end, String detail) {
}
