package io.github.migrationguard.sql;

import io.github.migrationguard.sql.analysis.OperationType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What JSqlParser made of one statement.
 *
 * @param parsed         true only when JSqlParser consumed the whole text into exactly one statement of a supported
 *                       type (never for its {@code UnsupportedStatement} catch-all, never when it stopped early)
 * @param statementType  simple class name of JSqlParser's statement ({@code CreateTable}, {@code Alter}, {@code Drop},
 *                       {@code Delete}, {@code PlainSelect}, ...) when parsed; null otherwise
 * @param error          one short line saying why it did not parse (null when parsed)
 * @param treeOperations what the parsed tree does that rules care about: {@link OperationType#DROP},
 *                       {@link OperationType#DELETE}, {@link OperationType#TRUNCATE},
 *                       {@link OperationType#UPDATE_WITHOUT_WHERE}, found anywhere in the tree (CTEs, subqueries,
 *                       MERGE actions); empty when not parsed. Immutable; iterates in {@link OperationType}
 *                       declaration order.
 */
public record ParseOutcome(boolean parsed, String statementType, String error, Set<OperationType> treeOperations) {

    public ParseOutcome {
        treeOperations = treeOperations == null || treeOperations.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(treeOperations)); // immutable, in declaration order
    }

    /** A statement JSqlParser understood. */
    public static ParseOutcome success(String statementType, Set<OperationType> treeOperations) {
        return new ParseOutcome(true, statementType, null, treeOperations);
    }

    /** A statement JSqlParser did not understand, with the reason in one line. */
    public static ParseOutcome failure(String error) {
        return new ParseOutcome(false, null, error, Set.of());
    }

    /** True when the parsed tree contains {@code type}. */
    public boolean has(OperationType type) {
        return treeOperations.contains(type);
    }
}
