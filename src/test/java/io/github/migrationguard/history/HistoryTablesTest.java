package io.github.migrationguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.history.HistoryTable.Role;
import io.github.migrationguard.history.HistoryTables.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTablesTest {

    private static Candidate table(String schema, String name, String... columnsAndTypes) {
        List<String> cols = new java.util.ArrayList<>();
        List<String> types = new java.util.ArrayList<>();
        for (int i = 0; i < columnsAndTypes.length; i += 2) {
            cols.add(columnsAndTypes[i]);
            types.add(columnsAndTypes[i + 1]);
        }
        return new Candidate(schema, name, cols, types);
    }

    private static final String[] FLYWAY = {"installed_rank", "integer", "version", "character varying(50)",
        "description", "character varying(200)", "type", "character varying(20)", "script",
        "character varying(1000)", "checksum", "integer", "installed_by", "character varying(100)", "installed_on",
        "timestamp without time zone", "execution_time", "integer", "success", "boolean"};

    @Test
    void flywayIsRecognisedByItsColumnsWhateverTheName() {
        HistoryTable t = HistoryTables.classify(table("ops", "schema_version", FLYWAY), false);
        assertEquals(HistoryTool.FLYWAY, t.tool());
        assertEquals(Role.HISTORY, t.role());
        assertEquals("Flyway history ops.schema_version", t.toString());
    }

    @Test
    void schemaMigrationsDependsOnColumnsAndNeighbours() {
        assertEquals(HistoryTool.GOLANG_MIGRATE, HistoryTables.classify(table("public", "schema_migrations",
                "version", "bigint", "dirty", "boolean"), false).tool());
        assertEquals(HistoryTool.GOLANG_MIGRATE, HistoryTables.classify(table("public", "custom_migrations",
                "version", "bigint", "dirty", "boolean"), false).tool());
        assertEquals(HistoryTool.DBMATE, HistoryTables.classify(table("public", "schema_migrations",
                "version", "character varying(128)"), false).tool());
        assertEquals(HistoryTool.RAILS, HistoryTables.classify(table("public", "schema_migrations",
                "version", "character varying"), true).tool());
        assertEquals(HistoryTool.SUPABASE, HistoryTables.classify(table("supabase_migrations", "schema_migrations",
                "version", "text", "statements", "text[]", "name", "text"), false).tool());
        assertNull(HistoryTables.classify(table("public", "schema_migrations", "version", "bigint", "inserted_at",
                "timestamp(0) without time zone"), false), "Ecto's table is not one we read");
        assertNull(HistoryTables.classify(table("public", "jobs", "id", "integer", "dirty", "boolean"), false));
    }

    @Test
    void classifyAllSeesRailsMetadataInTheSameSchemaOnly() {
        List<HistoryTable> found = HistoryTables.classifyAll(List.of(
                table("a", "schema_migrations", "version", "character varying"),
                table("b", "ar_internal_metadata", "key", "character varying"),
                table("b", "schema_migrations", "version", "character varying")));
        assertEquals(List.of(HistoryTool.DBMATE, HistoryTool.RAILS, HistoryTool.RAILS),
                found.stream().map(HistoryTable::tool).toList());
    }

    @Test
    void genericVersionOrderIsNumericForDigits() {
        List<String> versions = new java.util.ArrayList<>(List.of("20240105120000", "99", "abc", "100", "020"));
        versions.sort(GenericHistory.VERSION_ORDER);
        assertEquals(List.of("020", "99", "100", "20240105120000", "abc"), versions);
        assertTrue(GenericHistory.supports(HistoryTool.DBMATE));
    }
}
