package io.github.migrationguard.sql.analysis;

import io.github.migrationguard.sql.SqlStatement;
import java.util.List;

/**
 * A statement after parsing and analysis: what rules look at.
 *
 * @param statement   the statement as split from the file
 * @param kind        short upper-case kind, e.g. {@code CREATE TABLE}, {@code ALTER TABLE}, {@code DO}, {@code UNKNOWN}
 * @param parsed      true when JSqlParser consumed the whole statement into a supported statement type
 * @param parseError  JSqlParser's complaint when {@code parsed} is false (null otherwise)
 * @param operations  everything the statement does that rules may flag, with exact offsets
 */
public record AnalyzedStatement(SqlStatement statement, String kind, boolean parsed, String parseError,
                                List<Operation> operations) {

    public boolean has(OperationType type) {
        return operations.stream().anyMatch(o -> o.type() == type);
    }
}
