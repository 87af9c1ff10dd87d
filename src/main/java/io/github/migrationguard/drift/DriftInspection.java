package io.github.migrationguard.drift;

import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.history.HistoryTable;
import java.util.List;

/**
 * A detect-drift run with the facts behind its report: what reconcile plans from.
 *
 * @param report      the report detect-drift prints
 * @param history     the history table read, or null when the database has none
 * @param tableSchema schema of the history table (where Flyway keeps it, or would create it)
 * @param tableName   name of the history table (Flyway's default when there is none)
 * @param rows        every history row in Flyway's form, in installed_rank order (empty without a history table)
 * @param states      one entry per migration file, in apply order
 */
public record DriftInspection(DriftReport report, HistoryTable history, String tableSchema, String tableName,
                              List<HistoryRow> rows, List<MigrationState> states) {

    public DriftInspection {
        rows = List.copyOf(rows);
        states = List.copyOf(states);
    }
}
