package io.github.migrationguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.history.GenericHistory;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.history.HistoryTool;
import io.github.migrationguard.migration.Migration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenericRowsTest {

    private static Migration m(String version, String name) {
        String script = version + "_" + name + ".up.sql";
        return new Migration(Migration.Kind.VERSIONED, FlywayVersion.parse(version), name, script, Path.of(script), 0,
                "", List.of());
    }

    private static final List<Migration> FILES = List.of(m("0001", "users"), m("0002", "orders"), m("0003", "items"));

    private static List<String> describe(List<HistoryRow> rows) {
        return rows.stream().map(r -> r.installedRank() + ":" + r.version() + ":" + r.success() + ":"
                + r.checksum()).toList();
    }

    @Test
    void golangMigrateKeepsOnlyTheLatestVersionSoEveryLowerFileIsApplied() {
        List<HistoryRow> rows = GenericRows.toHistoryRows(HistoryTool.GOLANG_MIGRATE,
                List.of(new GenericHistory.Row("2", null, false)), FILES);
        assertEquals(List.of("1:0001:true:null", "2:2:true:null"), describe(rows));
        assertEquals(FlywayVersion.parse("0002"), rows.get(1).parsedVersion(), "1 and 0001 are one version");
    }

    @Test
    void aDirtyGolangMigrateVersionIsAFailedRow() {
        List<HistoryRow> rows = GenericRows.toHistoryRows(HistoryTool.GOLANG_MIGRATE,
                List.of(new GenericHistory.Row("3", null, true)), FILES);
        assertEquals(List.of("1:0001:true:null", "2:0002:true:null", "3:3:false:null"), describe(rows));
    }

    @Test
    void anEmptyGolangMigrateTableMeansNothingApplied() {
        assertEquals(List.of(), GenericRows.toHistoryRows(HistoryTool.GOLANG_MIGRATE, List.of(), FILES));
    }

    @Test
    void oneRowPerAppliedMigrationForTheOthers() {
        List<HistoryRow> rows = GenericRows.toHistoryRows(HistoryTool.SUPABASE, List.of(
                new GenericHistory.Row("20240101120000", "create_users", null),
                new GenericHistory.Row("20240102090000", "add_email", null)), FILES);
        assertEquals(List.of("1:20240101120000:true:null", "2:20240102090000:true:null"), describe(rows));
        assertEquals("add_email", rows.get(1).description());
        assertEquals("SQL", rows.get(1).type());
    }
}
