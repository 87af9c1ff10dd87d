package io.github.migrationguard.report;

import static io.github.migrationguard.report.ReportFixtures.CLEANUP;
import static io.github.migrationguard.report.ReportFixtures.DROP;
import static io.github.migrationguard.report.ReportFixtures.NASTY;
import static io.github.migrationguard.report.ReportFixtures.REASON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.RuleDescriptor;
import io.github.migrationguard.lint.Severity;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void totalsAndFileResults() throws Exception {
        JsonNode json = MAPPER.readTree(JsonReport.render(ReportFixtures.report(), "1.2.3"));
        assertEquals(3, json.get("files").asInt(), "files is a count");
        assertEquals(17, json.get("statements").asInt());
        assertEquals(519, json.get("bytes").asLong());
        assertEquals(410, json.get("elapsedMillis").asLong());
        assertEquals("migration-guard", json.at("/tool/name").asText());
        assertEquals("1.2.3", json.at("/tool/version").asText());
        JsonNode files = json.get("fileResults");
        assertEquals(3, files.size());
        assertEquals(DROP, files.get(1).get("path").asText());
        assertEquals(8, files.get(1).get("statements").asInt());
        assertEquals(300, files.get(1).get("bytes").asLong());
        assertTrue(files.get(1).get("fromCache").asBoolean());
        assertFalse(files.get(0).get("fromCache").asBoolean());
    }

    @Test
    void findingWithNastyTextRoundTrips() throws Exception {
        JsonNode f = MAPPER.readTree(JsonReport.render(ReportFixtures.report(), "1.2.3")).at("/findings/0");
        assertEquals(DROP, f.get("file").asText());
        assertEquals(3, f.get("line").asInt());
        assertEquals(5, f.get("column").asInt());
        assertEquals(3, f.get("endLine").asInt());
        assertEquals(20, f.get("endColumn").asInt());
        assertEquals("ban-drop-table", f.get("ruleId").asText());
        assertEquals("error", f.get("severity").asText());
        assertEquals(NASTY, f.get("message").asText());
        assertEquals("Rename the table first; drop it in a later release.", f.get("safeAlternative").asText());
        assertEquals(RuleDescriptor.docsUrlFor("ban-drop-table"), f.get("docsUrl").asText());
        assertFalse(f.get("acknowledged").asBoolean());
        assertTrue(f.has("reason") && f.get("reason").isNull(), "reason is present and null");
    }

    @Test
    void acknowledgedFindingCarriesItsReason() throws Exception {
        JsonNode findings = MAPPER.readTree(JsonReport.render(ReportFixtures.report(), "1.2.3")).get("findings");
        assertEquals(4, findings.size());
        JsonNode f = findings.get(2);
        assertEquals(CLEANUP, f.get("file").asText());
        assertEquals("ban-truncate", f.get("ruleId").asText());
        assertTrue(f.get("acknowledged").asBoolean());
        assertEquals(REASON, f.get("reason").asText());
        assertEquals("warning", findings.get(1).get("severity").asText());
        assertEquals("note", findings.get(3).get("severity").asText());
    }

    @Test
    void noFindingsIsAnEmptyArray() throws Exception {
        JsonNode json = MAPPER.readTree(JsonReport.render(ReportFixtures.clean(), null));
        assertTrue(json.get("findings").isArray());
        assertEquals(0, json.get("findings").size());
        assertEquals(3, json.get("files").asInt());
        assertTrue(json.at("/tool/version").isNull());
    }

    @Test
    void writtenFileIsStrictUtf8EvenWithUnpairedSurrogates(@TempDir Path dir) throws Exception {
        Finding broken = ReportFixtures.finding(DROP, 1, "ban-drop-table", Severity.ERROR, "cut \ud83d here \u00e9");
        Path file = dir.resolve("out/validate-safe.json");
        JsonReport.write(ReportFixtures.withFindings(List.of(broken)), "1", file);
        byte[] bytes = Files.readAllBytes(file);
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        assertEquals("cut \uFFFD here \u00e9", MAPPER.readTree(text).at("/findings/0/message").asText());
    }
}
