package io.github.migrationguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftJsonReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theDocumentedShape() throws Exception {
        JsonNode json = MAPPER.readTree(DriftJsonReport.render(DriftReportFixtures.report()));
        assertEquals(List.of("name", "user", "host", "port", "serverVersion"), fieldNames(json.get("database")));
        assertEquals("shop", json.at("/database/name").asText());
        assertEquals("deployer", json.at("/database/user").asText());
        assertEquals("10.1.2.3", json.at("/database/host").asText());
        assertEquals(5433, json.at("/database/port").asInt());
        assertEquals("15.4 (Debian 15.4-1.pgdg120+1)", json.at("/database/serverVersion").asText());
        assertEquals(812, json.get("elapsedMillis").asLong());
        assertEquals("app.flyway_schema_history", json.get("historyTable").asText());
        assertEquals("flyway", json.get("historyTool").asText());
        assertEquals("replay", json.get("expectedSource").asText());
        assertFalse(json.get("migrationInProgress").asBoolean());
        assertEquals(5, json.at("/counts/migrations").asInt());
        assertEquals(4, json.at("/counts/applied").asInt());
        assertEquals(14, json.at("/counts/catalogQueries").asInt());
        assertEquals(5, json.at("/counts/findings").asInt());
        assertEquals(List.of("CHECKSUM_MISMATCH", "PHANTOM", "EXTRA_OBJECT", "CHANGED_OBJECT", "BROKEN_REFERENCE"),
                fieldNames(json.at("/counts/byKind")), "in section order");
        assertEquals(1, json.at("/counts/byKind/PHANTOM").asInt());

        JsonNode findings = json.get("findings");
        assertEquals(5, findings.size());
        JsonNode phantom = findings.get(1);
        assertEquals(List.of("kind", "migration", "object", "detail", "recommendedAction"), fieldNames(phantom));
        assertEquals("PHANTOM", phantom.get("kind").asText());
        assertEquals("2", phantom.get("migration").asText());
        assertEquals("table public.orders", phantom.get("object").asText());
        assertEquals("history says applied, but none of its objects exists", phantom.get("detail").asText());
        assertEquals("REMOVE_PHANTOM", phantom.get("recommendedAction").asText());
        JsonNode checksum = findings.get(0);
        assertTrue(checksum.get("object").isNull(), "a history finding has no object");
        assertTrue(findings.get(2).get("migration").isNull());
    }

    @Test
    void nastyTextRoundTripsExceptTheUnpairedSurrogate() throws Exception {
        JsonNode f = MAPPER.readTree(DriftJsonReport.render(DriftReportFixtures.report())).at("/findings/3");
        String expected = DriftReportFixtures.NASTY.replace('\ud800', '\uFFFD');
        assertEquals(expected, f.get("detail").asText());
        assertEquals(expected, f.get("recommendedAction").asText());
        assertEquals("5 " + expected, f.get("migration").asText());
        assertEquals("column public.\"we|ird\".x", f.get("object").asText());
    }

    @Test
    void aSocketConnectionHasNoHostOrPortAndTheInProgressFlagIsKept() throws Exception {
        JsonNode json = MAPPER.readTree(DriftJsonReport.render(DriftReportFixtures.inProgress()));
        assertTrue(json.at("/database/host").isNull());
        assertTrue(json.at("/database/port").isNull());
        assertTrue(json.get("migrationInProgress").asBoolean());
        assertTrue(json.get("expectedSource").isNull());
        assertEquals(0, json.get("findings").size());
        assertEquals(0, json.at("/counts/byKind").size());
    }

    @Test
    void writesStrictUtf8AtomicallyIntoTheReportsDirectory(@TempDir Path dir) throws Exception {
        Path file = DriftJsonReport.write(DriftReportFixtures.report(), dir.resolve("target/migration-guard"));
        assertEquals(dir.resolve("target/migration-guard/drift-report.json"), file);
        byte[] bytes = Files.readAllBytes(file);
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        assertEquals(DriftJsonReport.render(DriftReportFixtures.report()), new String(bytes, StandardCharsets.UTF_8));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }
}
