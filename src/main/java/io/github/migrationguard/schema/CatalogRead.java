package io.github.migrationguard.schema;

import io.github.migrationguard.history.HistoryTable;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of reading a catalog.
 *
 * @param model          what was found
 * @param queryCount     number of SQL queries run: a constant, whatever the size of the database
 * @param elapsed        wall-clock time
 * @param excludedTables migration-tool tables that were left out of the model
 */
public record CatalogRead(SchemaModel model, int queryCount, Duration elapsed, List<HistoryTable> excludedTables) {

    public CatalogRead {
        excludedTables = List.copyOf(excludedTables);
    }
}
