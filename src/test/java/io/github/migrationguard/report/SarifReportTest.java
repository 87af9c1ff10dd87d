package io.github.migrationguard.report;

import static io.github.migrationguard.report.ReportFixtures.DROP;
import static io.github.migrationguard.report.ReportFixtures.NASTY;
import static io.github.migrationguard.report.ReportFixtures.REASON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintReport;
import io.github.migrationguard.lint.RuleDescriptor;
import io.github.migrationguard.lint.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SarifReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode parse(LintReport r, List<RuleDescriptor> rules) throws Exception {
        return MAPPER.readTree(SarifReport.render(r, rules, "1.2.3"));
    }

    @Test
    void reportWithNastyTextIsValidSarif() throws Exception {
        JsonNode sarif = parse(ReportFixtures.report(), ReportFixtures.rules());
        assertEquals(Set.of(), SarifSchema.errors(sarif));
    }

    @Test
    void reportWithoutFindingsIsValidSarif() throws Exception {
        JsonNode sarif = parse(ReportFixtures.clean(), ReportFixtures.rules());
        assertEquals(Set.of(), SarifSchema.errors(sarif));
        assertEquals(0, sarif.at("/runs/0/results").size());
        assertTrue(sarif.at("/runs/0/tool/driver/rules").size() > 0, "the rule table is there even when clean");
    }

    @Test
    void reportWithoutRulesOrVersionIsValidSarif() throws Exception {
        JsonNode sarif = MAPPER.readTree(SarifReport.render(ReportFixtures.report(), null, null));
        assertEquals(Set.of(), SarifSchema.errors(sarif));
        assertTrue(sarif.at("/runs/0/tool/driver/version").isMissingNode());
        assertEquals(4, sarif.at("/runs/0/results").size());
    }

    @Test
    void schemaValidationRejectsBrokenSarif() throws Exception {
        // the validator is not vacuous: a wrong level and a missing version are reported
        ObjectNode sarif = (ObjectNode) parse(ReportFixtures.report(), ReportFixtures.rules());
        ((ObjectNode) sarif.at("/runs/0/results/0")).put("level", "fatal");
        sarif.remove("version");
        Set<String> errors = SarifSchema.errors(sarif);
        assertTrue(errors.stream().anyMatch(e -> e.contains("version")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("level")), errors.toString());
    }

    @Test
    void schemaValidationNeverFetchesRemoteSchemas() {
        String remote = "{\"$schema\": \"http://json-schema.org/draft-07/schema#\","
                + " \"$ref\": \"https://example.com/never-fetched.json\"}";
        RuntimeException e = assertThrows(RuntimeException.class, () -> SarifSchema.FACTORY.getSchema(remote)
                .validate(MAPPER.readTree("{}")));
        Throwable cause = e;
        while (cause != null && !(cause instanceof SarifSchema.RemoteFetchRefused)) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof SarifSchema.RemoteFetchRefused, "unexpected: " + e);
    }

    @Test
    void headerToolAndInvocation() throws Exception {
        JsonNode sarif = parse(ReportFixtures.report(), ReportFixtures.rules());
        assertEquals("2.1.0", sarif.get("version").asText());
        assertEquals("https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json",
                sarif.get("$schema").asText());
        assertEquals(1, sarif.get("runs").size());
        JsonNode driver = sarif.at("/runs/0/tool/driver");
        assertEquals("migration-guard", driver.get("name").asText());
        assertEquals("1.2.3", driver.get("version").asText());
        assertEquals("https://github.com/migrationguard/migration-guard-maven-plugin",
                driver.get("informationUri").asText());
        assertTrue(sarif.at("/runs/0/invocations/0/executionSuccessful").asBoolean());
    }

    @Test
    void rulesCarryDescriptionsHelpAndDefaultLevel() throws Exception {
        JsonNode rules = parse(ReportFixtures.report(), ReportFixtures.rules()).at("/runs/0/tool/driver/rules");
        JsonNode robust = rules.get(1);
        assertEquals("prefer-robust-stmts", robust.get("id").asText());
        assertEquals("PreferRobustStmts", robust.get("name").asText());
        assertEquals("Statements should be safe to re-run.", robust.at("/shortDescription/text").asText());
        assertEquals("Statements should be safe to re-run. Safe alternative: Add IF NOT EXISTS.",
                robust.at("/fullDescription/text").asText());
        assertEquals("Safe alternative: Add IF NOT EXISTS.\nDocs: " + RuleDescriptor.docsUrlFor("prefer-robust-stmts"),
                robust.at("/help/text").asText());
        assertEquals(RuleDescriptor.docsUrlFor("prefer-robust-stmts"), robust.get("helpUri").asText());
        assertEquals("warning", robust.at("/defaultConfiguration/level").asText());
        assertEquals("robustness", robust.at("/properties/category").asText());
        // given rules first, in order, then one for a rule id only the findings know
        assertEquals("ban-drop-table", rules.get(0).get("id").asText());
        assertEquals("ban-truncate", rules.get(2).get("id").asText());
        JsonNode last = rules.get(rules.size() - 1);
        assertEquals("prefer-text-field", last.get("id").asText());
        assertEquals(RuleDescriptor.docsUrlFor("prefer-text-field"), last.get("helpUri").asText());
        assertEquals("note", last.at("/defaultConfiguration/level").asText());
    }

    @Test
    void everyResultPointsAtItsRule() throws Exception {
        JsonNode run = parse(ReportFixtures.report(), ReportFixtures.rules()).at("/runs/0");
        JsonNode rules = run.at("/tool/driver/rules");
        Set<String> ids = new HashSet<>();
        for (JsonNode rule : rules) {
            assertTrue(ids.add(rule.get("id").asText()), "rule ids are unique");
        }
        assertEquals(4, run.get("results").size());
        for (JsonNode result : run.get("results")) {
            int index = result.get("ruleIndex").asInt();
            assertEquals(result.get("ruleId").asText(), rules.get(index).get("id").asText());
        }
    }

    @Test
    void resultLevelMessageLocationAndRegion() throws Exception {
        JsonNode results = parse(ReportFixtures.report(), ReportFixtures.rules()).at("/runs/0/results");
        JsonNode drop = results.get(0);
        assertEquals("ban-drop-table", drop.get("ruleId").asText());
        assertEquals("error", drop.get("level").asText());
        assertEquals(NASTY, drop.at("/message/text").asText());
        JsonNode location = drop.at("/locations/0/physicalLocation");
        assertEquals("db/migration/V2__drop%20users.sql", location.at("/artifactLocation/uri").asText());
        assertEquals("%SRCROOT%", location.at("/artifactLocation/uriBaseId").asText());
        assertEquals(3, location.at("/region/startLine").asInt());
        assertEquals(5, location.at("/region/startColumn").asInt());
        assertEquals(3, location.at("/region/endLine").asInt());
        assertEquals(20, location.at("/region/endColumn").asInt());
        assertTrue(drop.path("suppressions").isMissingNode());

        assertEquals("warning", results.get(1).get("level").asText());
        assertEquals(9, results.get(1).at("/locations/0/physicalLocation/region/endLine").asInt());
        assertEquals("note", results.get(3).get("level").asText());
    }

    @Test
    void acknowledgedFindingIsSuppressedInSource() throws Exception {
        JsonNode truncate = parse(ReportFixtures.report(), ReportFixtures.rules()).at("/runs/0/results/2");
        assertEquals("ban-truncate", truncate.get("ruleId").asText());
        assertEquals("error", truncate.get("level").asText(), "the level stays; the suppression says why");
        assertEquals(1, truncate.get("suppressions").size());
        assertEquals("inSource", truncate.at("/suppressions/0/kind").asText());
        assertEquals(REASON, truncate.at("/suppressions/0/justification").asText());
    }

    @Test
    void findingSpecificSafeAlternativeJoinsTheMessage() throws Exception {
        Finding special = new Finding(DROP, 1, 1, 1, 5, "ban-drop-table", Severity.ERROR, "DROP TABLE t",
                "Archive t into t_old first.", RuleDescriptor.docsUrlFor("ban-drop-table"), false, null);
        JsonNode result = parse(ReportFixtures.withFindings(List.of(special)), ReportFixtures.rules())
                .at("/runs/0/results/0");
        assertEquals("DROP TABLE t\nSafe alternative: Archive t into t_old first.",
                result.at("/message/text").asText());
        assertEquals("Archive t into t_old first.", result.at("/properties/safeAlternative").asText());
    }

    @Test
    void pathsArePercentEncodedUriReferences() throws Exception {
        assertEquals("db/V2__%C3%BCn%C3%AFcode%20100%25_safe.sql",
                SarifReport.uriReference("db/V2__\u00fcn\u00efcode 100%_safe.sql"));
        assertEquals("a%3Ab/c%23d%3Fe.sql", SarifReport.uriReference("a:b/c#d?e.sql"));
        assertEquals("sub/dir/x.sql", SarifReport.uriReference("sub\\dir\\x.sql"));

        Finding odd = ReportFixtures.finding("db/\u00fcber 100%#1:x.sql", 1, "ban-drop-table", Severity.ERROR, "x");
        JsonNode sarif = parse(ReportFixtures.withFindings(List.of(odd)), ReportFixtures.rules());
        assertEquals(Set.of(), SarifSchema.errors(sarif));
        assertEquals("db/%C3%BCber%20100%25%231%3Ax.sql",
                sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
    }

    @Test
    void schemaChecksUriFormatsSoUnencodedPathsWouldFail() throws Exception {
        ObjectNode sarif = (ObjectNode) parse(ReportFixtures.report(), ReportFixtures.rules());
        ((ObjectNode) sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation"))
                .put("uri", "db/V2__drop users 100%.sql");
        Set<String> errors = SarifSchema.errors(sarif);
        assertTrue(errors.stream().anyMatch(e -> e.contains("uri")), errors.toString());
    }

    @Test
    void impossibleRegionsAreClampedToValidOnes() throws Exception {
        Finding backwards = new Finding(DROP, 0, 0, 0, 0, "ban-drop-table", Severity.ERROR, "", null, "not a uri",
                false, null);
        JsonNode sarif = parse(ReportFixtures.withFindings(List.of(backwards)), List.of());
        assertEquals(Set.of(), SarifSchema.errors(sarif));
        JsonNode region = sarif.at("/runs/0/results/0/locations/0/physicalLocation/region");
        assertEquals(1, region.get("startLine").asInt());
        assertEquals(1, region.get("startColumn").asInt());
        assertEquals(1, region.get("endLine").asInt());
        assertEquals(1, region.get("endColumn").asInt());
        assertEquals("ban-drop-table", sarif.at("/runs/0/results/0/message/text").asText(),
                "an empty message is replaced by the rule id");
        assertFalse(sarif.at("/runs/0/tool/driver/rules/0").has("helpUri"), "a relative docs link is no helpUri");
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() throws Exception {
        Finding broken = ReportFixtures.finding(DROP, 1, "ban-drop-table", Severity.ERROR, "cut \ud83d here");
        JsonNode sarif = parse(ReportFixtures.withFindings(List.of(broken)), ReportFixtures.rules());
        assertEquals("cut \uFFFD here\nSafe alternative: Do the safe thing.",
                sarif.at("/runs/0/results/0/message/text").asText());
    }
}
