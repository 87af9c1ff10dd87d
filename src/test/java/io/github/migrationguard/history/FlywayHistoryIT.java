package io.github.migrationguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Flyway writes the history; our reader and checksum must agree with every column it wrote. */
class FlywayHistoryIT {

    @TempDir
    Path dir;

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.create("fwhist");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + dir).cleanDisabled(true);
    }

    private Path write(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private List<HistoryRow> readHistory(String schema, String table) throws Exception {
        try (Connection c = Connections.open(db.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
            return FlywayHistory.read(session.connection(), schema, table, Masking.none());
        }
    }

    @Test
    void ourChecksumEqualsTheOneFlywayWroteForTrickyFiles() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("V1__crlf.sql", "create table crlf (id int);\r\ninsert into crlf values (1);\r\n");
        files.put("V2__bom.sql", "\uFEFFcreate table bom (id int);\n");
        files.put("V3__no_trailing_newline.sql", "create table nt (id int);");
        files.put("V4__non_ascii.sql", "-- Grüße, café, 🐘\ncreate table \"Grüße\" (name text default 'café €🐘');\n");
        files.put("V5__empty_lines_at_end.sql", "create table el (id int);\n\n\n\n");
        files.put("V6__mixed_line_endings.sql", "create table mx (id int);\rinsert into mx values (1);\n\r\n");
        files.put("V7__bom_and_crlf.sql", "\uFEFF-- header\r\ncreate table bc (id int);\r\n\r\n");
        files.put("sub/V8__in_subdirectory.sql", "create table sub (id int);\n");
        files.put("V9__empty.sql", "");
        for (Map.Entry<String, String> e : files.entrySet()) {
            write(e.getKey(), e.getValue());
        }
        flyway().load().migrate();

        List<HistoryRow> rows = readHistory("public", FlywayHistory.DEFAULT_TABLE);
        Map<String, HistoryRow> byScript = new LinkedHashMap<>();
        for (HistoryRow row : rows) {
            byScript.put(row.script(), row);
        }
        for (String script : files.keySet()) {
            HistoryRow row = byScript.get(script);
            assertNotNull(row, () -> "no history row for " + script + " in " + byScript.keySet());
            assertEquals(row.checksum().intValue(), FlywayChecksum.of(dir.resolve(script)), script);
            assertTrue(row.success(), script);
            assertEquals("SQL", row.type(), script);
        }
        HistoryRow sub = byScript.get("sub/V8__in_subdirectory.sql");
        assertEquals("8", sub.version());
        assertEquals("in subdirectory", sub.description());
        assertEquals(db.user(), sub.installedBy());
        assertNotNull(sub.installedOn());
        assertEquals(FlywayVersion.parse("8"), sub.parsedVersion());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).installedRank() < rows.get(i).installedRank(), "ordered by installed_rank");
        }
        assertEquals(MigrationName.parse("V4__non_ascii.sql").historyDescription(),
                byScript.get("V4__non_ascii.sql").description());
    }

    @Test
    void flywayValidateAndOurChecksumAgreeOnEdits() throws Exception {
        Path v1 = write("V1__users.sql", "create table users (id int);\ncreate index on users (id);\n");
        flyway().load().migrate();
        int recorded = readHistory("public", FlywayHistory.DEFAULT_TABLE).get(0).checksum();

        Files.writeString(v1, "create table users (id int);\r\n\r\ncreate index on users (id);");
        assertEquals(recorded, FlywayChecksum.of(v1), "line endings and blank lines are not an edit");
        assertTrue(flyway().load().validateWithResult().validationSuccessful, "flyway validate agrees");

        Files.writeString(v1, "create table users (id bigint);\ncreate index on users (id);\n");
        assertNotEquals(recorded, FlywayChecksum.of(v1), "a real edit changes the checksum");
        assertFalse(flyway().load().validateWithResult().validationSuccessful, "flyway validate agrees");
    }

    @Test
    void repeatableMigrationsAreChecksummedAfterPlaceholderReplacement() throws Exception {
        write("V1__t.sql", "create table t (id int);\n");
        String raw = "create or replace view v as select * from ${target};\n";
        Path r = write("R__view.sql", raw);
        flyway().placeholders(Map.of("target", "t")).load().migrate();
        HistoryRow row = readHistory("public", FlywayHistory.DEFAULT_TABLE).stream()
                .filter(HistoryRow::isRepeatable).findFirst().orElseThrow();
        assertNull(row.version());
        assertEquals("R__view.sql", row.script());
        assertEquals(row.checksum().intValue(), FlywayChecksum.ofText(raw.replace("${target}", "t")));
        assertNotEquals(row.checksum().intValue(), FlywayChecksum.of(r), "the raw file differs after replacement");
    }

    @Test
    void customSchemaAndTableAndAFailedNonTransactionalMigration() throws Exception {
        write("V1__ok.sql", "create table app.ok (id int);\n");
        write("V2__fails.sql", "create table app.half (id int);\nselect 1/0;\n");
        write("V2__fails.sql.conf", "executeInTransaction=false\n");
        // with Flyway's default transactional advisory lock the failure record is rolled back with the lock's
        // transaction; a session lock keeps it, as on databases without transactional DDL
        FluentConfiguration config = flyway().schemas("app").table("deploy_history")
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
        assertThrows(RuntimeException.class, () -> config.load().migrate());

        List<HistoryRow> rows = readHistory("app", "deploy_history");
        HistoryRow failed = rows.stream().filter(r -> "2".equals(r.version())).findFirst()
                .orElseThrow(() -> new AssertionError("rows: " + rows));
        assertFalse(failed.success());
        assertEquals("fails", failed.description());
        HistoryRow ok = rows.stream().filter(r -> "1".equals(r.version())).findFirst().orElseThrow();
        assertTrue(ok.success());
        assertTrue(rows.stream().anyMatch(r -> "SCHEMA".equals(r.type())), "Flyway records that it created app");
    }

    @Test
    void aMissingTableIsAClearError() throws Exception {
        DatabaseAccessException e = assertThrows(DatabaseAccessException.class,
                () -> readHistory("public", FlywayHistory.DEFAULT_TABLE));
        assertEquals(DatabaseAccessException.Reason.OBJECT_MISSING, e.reason());
        assertTrue(e.getMessage().contains("public.flyway_schema_history"), e.getMessage());
        assertTrue(e.getMessage().contains("historyTable"), e.getMessage());
    }
}
