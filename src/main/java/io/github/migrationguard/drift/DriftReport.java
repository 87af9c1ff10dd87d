package io.github.migrationguard.drift;

import io.github.migrationguard.db.DatabaseIdentity;
import java.util.List;

/**
 * Result of one detect-drift run; every output format renders this object.
 *
 * @param database            identity of the live database (never a password)
 * @param elapsedMillis       wall-clock time of the run
 * @param historyTable        the history table used, e.g. {@code public.flyway_schema_history}, or null if none
 * @param historyTool         which tool's history it is ({@code flyway}, {@code golang-migrate}, ...), or null
 * @param expectedSource      how the expected schema was built: {@code replay} or {@code shadow}
 * @param migrationInProgress true when a migration held the history tool's lock: findings are then not reported
 * @param migrations          number of migration files considered
 * @param applied             number of successful history rows
 * @param catalogQueries      number of catalog queries run against the live database
 * @param findings            ordered: history vs files, per-migration evidence, schema, references
 */
public record DriftReport(DatabaseIdentity database, long elapsedMillis, String historyTable, String historyTool,
                          String expectedSource, boolean migrationInProgress, int migrations, int applied,
                          int catalogQueries, List<DriftFinding> findings) {
}
