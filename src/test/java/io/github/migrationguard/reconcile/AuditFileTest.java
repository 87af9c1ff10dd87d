package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFileTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RUN_ID = "3f2b9c1e-7a4d-4e8b-9c0f-1a2b3c4d5e6f";

    private static final RowImage FAILED_ROW = new RowImage(3, "3", "add orders", "SQL", "V3__add_orders.sql",
            -1187401344, "deployer", "2024-03-01 10:15:30.123456", 42, false);
    private static final RowImage MARKED_ROW = new RowImage(7, "3", "add orders", "SQL", "V3__add_orders.sql",
            -1187401344, "release_eng", "2024-05-02 08:00:01.000001", 0, true);
    private static final RowImage PHANTOM_ROW = new RowImage(4, null, "refresh views \u00fc \uD83D\uDE80", "SQL",
            "R__refresh_views.sql", null, "deployer", "2024-03-01 10:16:00.000000", 5, true);
    private static final RowImage EDITED_ROW = new RowImage(5, "5", "add index", "SQL", "V5__add_index.sql",
            12345, "deployer", "2024-03-02 11:00:00.000000", 17, true);
    private static final RowImage REALIGNED_ROW = new RowImage(5, "5", "add index", "SQL", "V5__add_index.sql",
            67890, "deployer", "2024-03-02 11:00:00.000000", 17, true);

    private static AuditRecord prepared() {
        Map<String, String> ci = new LinkedHashMap<>();
        ci.put("GITHUB_RUN_ID", "8812345");
        ci.put("CI", "true");
        ci.put("GITHUB_ACTOR", "octocat");
        List<AuditRecord.Entry> entries = List.of(
                new AuditRecord.Entry(1, ActionType.MARK_APPLIED, "3", "V3__add_orders.sql",
                        List.of("table public.orders exists", "column public.orders.total exists"),
                        List.of(FAILED_ROW), MARKED_ROW),
                new AuditRecord.Entry(2, ActionType.REMOVE_PHANTOM, "refresh views", "R__refresh_views.sql",
                        List.of("view public.order_totals is missing"), List.of(PHANTOM_ROW), null),
                new AuditRecord.Entry(3, ActionType.REALIGN_CHECKSUM, "5", "V5__add_index.sql", List.of(),
                        List.of(EDITED_ROW), REALIGNED_ROW));
        PlanDatabase db = new PlanDatabase("shop", 16384L, "release_eng", "10.1.2.3:5432",
                "16.2 (Debian 16.2-1.pgdg120+2)", "public.flyway_schema_history", "flyway", true);
        return new AuditRecord(RUN_ID, AuditRecord.PREPARED, null, "2024-05-02T08:00:00.5Z", null,
                "sha256:9a0b1c", "0.1.0", db, "release_eng", "alice", ci, "public.migration_guard_audit", entries);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertRow(RowImage expected, JsonNode row) {
        assertEquals(List.of("installedRank", "version", "description", "type", "script", "checksum", "installedBy",
                "installedOn", "executionTime", "success"), fieldNames(row));
        assertEquals(expected.installedRank(), row.get("installedRank").intValue());
        assertNullableText(expected.version(), row.get("version"));
        assertEquals(expected.description(), row.get("description").textValue());
        assertEquals(expected.type(), row.get("type").textValue());
        assertEquals(expected.script(), row.get("script").textValue());
        if (expected.checksum() == null) {
            assertTrue(row.get("checksum").isNull());
        } else {
            assertTrue(row.get("checksum").isInt());
            assertEquals(expected.checksum().intValue(), row.get("checksum").intValue());
        }
        assertNullableText(expected.installedBy(), row.get("installedBy"));
        assertNullableText(expected.installedOn(), row.get("installedOn"));
        assertEquals(expected.executionTime(), row.get("executionTime").intValue());
        assertTrue(row.get("success").isBoolean());
        assertEquals(expected.success(), row.get("success").booleanValue());
    }

    private static void assertNullableText(String expected, JsonNode node) {
        if (expected == null) {
            assertTrue(node.isNull(), "expected null, got " + node);
        } else {
            assertEquals(expected, node.textValue());
        }
    }

    @Test
    void everyFieldInRecordOrder() throws Exception {
        JsonNode json = MAPPER.readTree(AuditFile.render(prepared()));
        assertEquals(List.of("runId", "outcome", "failure", "startedAt", "finishedAt", "planFingerprint",
                "pluginVersion", "database", "databaseUser", "osUser", "ci", "auditTable", "entries"),
                fieldNames(json));
        assertEquals(RUN_ID, json.get("runId").textValue());
        assertEquals("prepared", json.get("outcome").textValue());
        assertTrue(json.get("failure").isNull());
        assertEquals("2024-05-02T08:00:00.5Z", json.get("startedAt").textValue());
        assertTrue(json.get("finishedAt").isNull());
        assertEquals("sha256:9a0b1c", json.get("planFingerprint").textValue());
        assertEquals("0.1.0", json.get("pluginVersion").textValue());

        JsonNode db = json.get("database");
        assertEquals(List.of("name", "oid", "user", "server", "serverVersion", "historyTable", "historyTool",
                "historyTableExists"), fieldNames(db));
        assertEquals("shop", db.get("name").textValue());
        assertEquals(16384L, db.get("oid").longValue());
        assertEquals("release_eng", db.get("user").textValue());
        assertEquals("10.1.2.3:5432", db.get("server").textValue());
        assertEquals("16.2 (Debian 16.2-1.pgdg120+2)", db.get("serverVersion").textValue());
        assertEquals("public.flyway_schema_history", db.get("historyTable").textValue());
        assertEquals("flyway", db.get("historyTool").textValue());
        assertTrue(db.get("historyTableExists").booleanValue());

        assertEquals("release_eng", json.get("databaseUser").textValue());
        assertEquals("alice", json.get("osUser").textValue());
        assertEquals(List.of("CI", "GITHUB_ACTOR", "GITHUB_RUN_ID"), fieldNames(json.get("ci")), "sorted");
        assertEquals("octocat", json.at("/ci/GITHUB_ACTOR").textValue());
        assertEquals("8812345", json.at("/ci/GITHUB_RUN_ID").textValue());
        assertEquals("true", json.at("/ci/CI").textValue());
        assertEquals("public.migration_guard_audit", json.get("auditTable").textValue());

        JsonNode entries = json.get("entries");
        assertEquals(3, entries.size());
        JsonNode mark = entries.get(0);
        assertEquals(List.of("actionNo", "type", "migration", "script", "evidence", "before", "after"),
                fieldNames(mark));
        assertEquals(1, mark.get("actionNo").intValue());
        assertEquals("MARK_APPLIED", mark.get("type").textValue());
        assertEquals("3", mark.get("migration").textValue());
        assertEquals("V3__add_orders.sql", mark.get("script").textValue());
        assertEquals(List.of("table public.orders exists", "column public.orders.total exists"),
                MAPPER.convertValue(mark.get("evidence"), List.class));
        assertEquals(1, mark.get("before").size());
        assertRow(FAILED_ROW, mark.get("before").get(0));
        assertRow(MARKED_ROW, mark.get("after"));

        JsonNode phantom = entries.get(1);
        assertEquals(2, phantom.get("actionNo").intValue());
        assertEquals("REMOVE_PHANTOM", phantom.get("type").textValue());
        assertRow(PHANTOM_ROW, phantom.get("before").get(0));
        assertTrue(phantom.has("after"), "a removal writes after as null, it does not leave it out");
        assertTrue(phantom.get("after").isNull());

        JsonNode realign = entries.get(2);
        assertEquals("REALIGN_CHECKSUM", realign.get("type").textValue());
        assertTrue(realign.get("evidence").isArray());
        assertEquals(0, realign.get("evidence").size());
        assertRow(EDITED_ROW, realign.get("before").get(0));
        assertRow(REALIGNED_ROW, realign.get("after"));
    }

    @Test
    void prettyPrintedWithATrailingNewLine() {
        String text = AuditFile.render(prepared());
        assertTrue(text.startsWith("{\n  \"runId\" : \"" + RUN_ID + "\","), text.substring(0, 60));
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void aRollbackWithItsFailureAndAnEmptyCiAndNoEntries() throws Exception {
        AuditRecord r = new AuditRecord(RUN_ID, AuditRecord.ROLLED_BACK, "lock not granted within 5 s",
                "2024-05-02T08:00:00Z", "2024-05-02T08:00:05Z", "sha256:9a0b1c", "0.1.0",
                prepared().database(), "release_eng", null, Map.of(), "public.migration_guard_audit", List.of());
        JsonNode json = MAPPER.readTree(AuditFile.render(r));
        assertEquals("rolled back", json.get("outcome").textValue());
        assertEquals("lock not granted within 5 s", json.get("failure").textValue());
        assertEquals("2024-05-02T08:00:05Z", json.get("finishedAt").textValue());
        assertTrue(json.get("osUser").isNull());
        assertTrue(json.get("ci").isObject());
        assertEquals(0, json.get("ci").size());
        assertTrue(json.get("entries").isArray());
        assertEquals(0, json.get("entries").size());
    }

    @Test
    void aDatabaseWithoutHistoryTableKeepsTheFalse() throws Exception {
        PlanDatabase db = new PlanDatabase("fresh", 1L, "u", "local socket", "17.0", "public.flyway_schema_history",
                "flyway", false);
        AuditRecord r = new AuditRecord(RUN_ID, AuditRecord.UNKNOWN, "connection lost during commit", "a", "b",
                "f", "v", db, "u", "o", Map.of(), "public.migration_guard_audit", List.of());
        JsonNode json = MAPPER.readTree(AuditFile.render(r));
        assertEquals("unknown", json.get("outcome").textValue());
        assertTrue(json.at("/database/historyTableExists").isBoolean());
        assertFalse(json.at("/database/historyTableExists").booleanValue());
        assertEquals("local socket", json.at("/database/server").textValue());
    }

    @Test
    void textFromHistoryRowsIsUtf8AndAnUnpairedSurrogateBecomesAReplacementCharacter() throws Exception {
        RowImage odd = new RowImage(9, "9", "broken \uD800 text", "SQL", "V9__x.sql", 1, "u", "t", 1, true);
        AuditRecord base = prepared();
        AuditRecord r = new AuditRecord(RUN_ID, base.outcome(), null, base.startedAt(), null,
                base.planFingerprint(), base.pluginVersion(), base.database(), base.databaseUser(), base.osUser(),
                base.ci(), base.auditTable(), List.of(new AuditRecord.Entry(1, ActionType.REMOVE_FAILED, "9",
                        "V9__x.sql", List.of("evidence \u00fc"), List.of(odd, PHANTOM_ROW), null)));
        byte[] bytes = AuditFile.render(r).getBytes(StandardCharsets.UTF_8);
        JsonNode json = MAPPER.readTree(bytes);
        assertEquals("broken \uFFFD text", json.at("/entries/0/before/0/description").textValue());
        assertEquals("refresh views \u00fc \uD83D\uDE80", json.at("/entries/0/before/1/description").textValue());
        assertEquals("evidence \u00fc", json.at("/entries/0/evidence/0").textValue());
    }

    @Test
    void writeUsesTheRunIdAndTheSameFileIsReplacedWhenTheOutcomeIsKnown(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("target/migration-guard");
        AuditRecord prepared = prepared();
        Path file = AuditFile.write(prepared, reports);
        assertEquals(reports.resolve("reconcile-audit-" + RUN_ID + ".json").toAbsolutePath(),
                file.toAbsolutePath());
        assertArrayEquals(AuditFile.render(prepared).getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        assertEquals("prepared", MAPPER.readTree(file.toFile()).get("outcome").textValue());

        AuditRecord committed = prepared.withOutcome(AuditRecord.COMMITTED, null, "2024-05-02T08:00:02Z");
        Path again = AuditFile.write(committed, reports);
        assertEquals(file, again);
        JsonNode json = MAPPER.readTree(again.toFile());
        assertEquals("committed", json.get("outcome").textValue());
        assertEquals("2024-05-02T08:00:02Z", json.get("finishedAt").textValue());
        assertRow(MARKED_ROW, json.at("/entries/0/after"));
        try (Stream<Path> files = Files.list(reports)) {
            assertEquals(List.of(file.getFileName()), files.map(Path::getFileName).toList(),
                    "one file per run, no temporary file left behind");
        }
    }

    @Test
    void eachRunHasItsOwnFile(@TempDir Path dir) throws Exception {
        AuditRecord first = prepared();
        String otherId = "00000000-0000-4000-8000-000000000001";
        AuditRecord second = new AuditRecord(otherId, AuditRecord.PREPARED, null, "s", null, "f", "v",
                first.database(), "u", "o", Map.of(), "public.migration_guard_audit", List.of());
        Path a = AuditFile.write(first, dir);
        Path b = AuditFile.write(second, dir);
        assertFalse(a.equals(b));
        assertEquals(RUN_ID, MAPPER.readTree(a.toFile()).get("runId").textValue());
        assertEquals(otherId, MAPPER.readTree(b.toFile()).get("runId").textValue());
    }

    @Test
    void aRunIdThatIsNotAUuidIsRejectedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        for (String bad : new String[] {"../x", "..", "", "x", "a/b", "..\\x",
                RUN_ID + "/../../evil", "../" + RUN_ID, RUN_ID + ".json", RUN_ID + "\n", " " + RUN_ID,
                "3f2b9c1e7a4d4e8b9c0f1a2b3c4d5e6f", "3f2b9c1e-7a4d-4e8b-9c0f-1a2b3c4d5e6g", null}) {
            AuditRecord base = prepared();
            AuditRecord r = new AuditRecord(bad, base.outcome(), null, base.startedAt(), null,
                    base.planFingerprint(), base.pluginVersion(), base.database(), base.databaseUser(),
                    base.osUser(), base.ci(), base.auditTable(), base.entries());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AuditFile.write(r, reports), "run id " + bad);
            assertTrue(e.getMessage().contains("must be a UUID"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
        assertFalse(Files.exists(reports), "nothing created for a rejected run id");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void fileNameAcceptsAnyCanonicalUuid() {
        String random = java.util.UUID.randomUUID().toString();
        assertEquals("reconcile-audit-" + random + ".json", AuditFile.fileName(random));
        assertEquals("reconcile-audit-3F2B9C1E-7A4D-4E8B-9C0F-1A2B3C4D5E6F.json",
                AuditFile.fileName("3F2B9C1E-7A4D-4E8B-9C0F-1A2B3C4D5E6F"));
    }
}
