package io.github.migrationguard.drift;

import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.history.GenericHistory;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.history.HistoryTool;
import io.github.migrationguard.migration.Migration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a timestamp-versioned tool's history in Flyway's row form, so one judgement serves every tool. These
 * tools store no checksum (checksums are never compared) and no script name; a dirty flag is a failed row.
 */
final class GenericRows {

    private GenericRows() {
    }

    /**
     * Converts the rows. golang-migrate keeps only the latest version: every migration file below it counts as
     * applied, and the row itself stands for the file of that version (failed when dirty).
     */
    static List<HistoryRow> toHistoryRows(HistoryTool tool, List<GenericHistory.Row> rows,
                                          List<Migration> migrations) {
        List<HistoryRow> out = new ArrayList<>();
        if (tool != null && tool.storesOnlyLatestVersion()) {
            GenericHistory.Row latest = null;
            FlywayVersion latestVersion = null;
            for (GenericHistory.Row row : rows) {
                if (row.version() != null && FlywayVersion.isValid(row.version())) {
                    FlywayVersion v = FlywayVersion.parse(row.version());
                    if (latestVersion == null || v.compareTo(latestVersion) >= 0) {
                        latest = row;
                        latestVersion = v;
                    }
                }
            }
            if (latest == null) {
                return out;
            }
            for (Migration m : migrations) {
                if (!m.isRepeatable() && m.version().compareTo(latestVersion) < 0) {
                    out.add(row(out.size() + 1, m.version().toString(), m.description(), true));
                }
            }
            out.add(row(out.size() + 1, latest.version(), latest.name(), !Boolean.TRUE.equals(latest.dirty())));
            return out;
        }
        for (GenericHistory.Row row : rows) {
            out.add(row(out.size() + 1, row.version(), row.name(), !Boolean.TRUE.equals(row.dirty())));
        }
        return out;
    }

    private static HistoryRow row(int rank, String version, String description, boolean success) {
        return new HistoryRow(rank, version, description, "SQL", null, null, null, null, 0, success);
    }
}
