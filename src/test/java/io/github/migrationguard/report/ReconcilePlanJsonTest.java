package io.github.migrationguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.migrationguard.reconcile.ReconcilePlan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilePlanJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROW_FIELDS = "installedRank, version, description, type, script, checksum,"
            + " installedBy, installedOn, executionTime, success";

    @TempDir
    Path dir;

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The full plan's JSON as a tree, changed by {@code edit}, as text. */
    private static String edited(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(ReconcilePlanJson.render(ReconcileFixtures.plan()));
        edit.accept(root);
        return MAPPER.writeValueAsString(root);
    }

    private static ObjectNode firstRemovedRow(ObjectNode root) {
        return (ObjectNode) root.at("/actions/0/remove/0");
    }

    /** Writes {@code content} as a plan file, reads it, and returns what the error says is wrong. */
    private String problem(String content) throws IOException {
        Path file = dir.resolve(ReconcilePlanJson.FILE_NAME);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return problemOf(file);
    }

    private static String problemOf(Path file) {
        PlanFileException e = assertThrows(PlanFileException.class, () -> ReconcilePlanJson.read(file));
        assertEquals(file, e.file());
        assertEquals("reconcile plan " + file + ": " + e.problem(), e.getMessage(), "the message names the file");
        return e.problem();
    }

    // --- round trip ---------------------------------------------------------------------------------------------

    @Test
    void everyActionTypeNullsAndUnicodeComeBackExactly() throws Exception {
        ReconcilePlan plan = ReconcileFixtures.plan();
        Path file = ReconcilePlanJson.write(plan, dir.resolve("target/migration-guard"));
        assertEquals(dir.resolve("target/migration-guard/reconcile-plan.json"), file);
        ReconcilePlan back = ReconcilePlanJson.read(file);
        assertEquals(plan, back);
        // the parts that equality alone would not make obvious
        assertEquals(ReconcileFixtures.UNICODE_DESCRIPTION, back.actions().get(3).remove().get(0).description());
        assertEquals(null, back.actions().get(3).remove().get(0).checksum());
        assertEquals(Integer.MIN_VALUE, back.actions().get(3).remove().get(1).checksum());
        assertEquals(null, back.actions().get(0).write().installedBy());
        assertEquals(null, back.actions().get(2).write());
        assertEquals(ReconcileFixtures.MARK_APPLIED.evidence(), back.actions().get(0).evidence(), "evidence order");
        assertEquals(ReconcileFixtures.PARTS, back.parts());
        assertEquals(16_384L, back.database().oid());
    }

    @Test
    void anEmptyPlanWithNullsAndTextThatBreaksEverythingComeBackExactly() throws Exception {
        for (ReconcilePlan plan : List.of(ReconcileFixtures.emptyWithNulls(), ReconcileFixtures.nasty())) {
            assertEquals(plan, ReconcilePlanJson.read(ReconcilePlanJson.write(plan, dir)));
        }
    }

    @Test
    void anUnpairedSurrogateIsEscapedSoTheFileStaysUtf8AndTheTextStaysExact() throws Exception {
        Path file = ReconcilePlanJson.write(ReconcileFixtures.nasty(), dir);
        byte[] bytes = Files.readAllBytes(file);
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("\\ud800"), "the unpaired surrogate as an escape");
        assertTrue(text.contains("\\ud83d\\udc18"), "every surrogate is escaped, paired ones too");
        assertTrue(text.contains("\\u001B"), "control characters are escaped as JSON requires");
        assertEquals(ReconcileFixtures.nasty().manual().get(0).reason(),
                ReconcilePlanJson.read(file).manual().get(0).reason());
    }

    // --- shape ----------------------------------------------------------------------------------------------------

    @Test
    void keysInTheDocumentedOrder() throws Exception {
        JsonNode json = MAPPER.readTree(ReconcilePlanJson.render(ReconcileFixtures.plan()));
        assertEquals(List.of("format", "fingerprint", "fingerprintParts", "database", "options", "createdAt",
                "pluginVersion", "actions", "manual"), fieldNames(json));
        assertEquals(List.of("database", "history", "migrations", "actions"), fieldNames(json.get("fingerprintParts")));
        assertEquals(List.of("name", "oid", "user", "server", "serverVersion", "historyTable", "historyTool",
                "historyTableExists"), fieldNames(json.get("database")));
        assertEquals(List.of("realignChecksums", "markApplied"), fieldNames(json.get("options")));
        assertEquals(List.of("type", "migration", "script", "evidence", "remove", "write", "note"),
                fieldNames(json.at("/actions/0")));
        assertEquals(List.of(ROW_FIELDS.split(", ")), fieldNames(json.at("/actions/0/remove/0")));
        assertEquals(List.of(ROW_FIELDS.split(", ")), fieldNames(json.at("/actions/0/write")));
        assertEquals(List.of("kind", "migration", "object", "reason", "instruction", "suggestedMigration"),
                fieldNames(json.at("/manual/0")));

        assertEquals(List.of("MARK_APPLIED", "MARK_APPLIED", "REMOVE_PHANTOM", "REMOVE_FAILED", "REALIGN_CHECKSUM"),
                json.get("actions").findValuesAsText("type").stream().filter(t -> !t.equals("SQL")).toList());
        assertTrue(json.at("/actions/2/write").isNull(), "null is written, not left out");
        assertTrue(json.at("/actions/0/note").isNull());
        assertTrue(json.at("/actions/1/write/version").isNull());
        assertTrue(json.at("/actions/3/remove/0/checksum").isNull());
        assertTrue(json.at("/manual/1/migration").isNull());
        assertEquals(16_384, json.at("/database/oid").asLong());
        assertTrue(json.at("/database/historyTableExists").isBoolean());
        assertEquals(ReconcilePlan.FORMAT, json.get("format").intValue());
    }

    @Test
    void prettyPrintedWithLineFeedsAndATrailingNewline() {
        assertEquals("""
                {
                  "format": 1,
                  "fingerprint": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                  "fingerprintParts": {
                    "database": "1111111111111111111111111111111111111111111111111111111111111111",
                    "history": "2222222222222222222222222222222222222222222222222222222222222222",
                    "migrations": "3333333333333333333333333333333333333333333333333333333333333333",
                    "actions": "44444444444444444444444444444444444444444444444444444444444444ff"
                  },
                  "database": {
                    "name": "fresh",
                    "oid": 1,
                    "user": null,
                    "server": null,
                    "serverVersion": null,
                    "historyTable": "public.flyway_schema_history",
                    "historyTool": "flyway",
                    "historyTableExists": false
                  },
                  "options": {
                    "realignChecksums": false,
                    "markApplied": []
                  },
                  "createdAt": null,
                  "pluginVersion": null,
                  "actions": [],
                  "manual": []
                }
                """, ReconcilePlanJson.render(ReconcileFixtures.emptyWithNulls()));
        String full = ReconcilePlanJson.render(ReconcileFixtures.plan());
        assertFalse(full.contains("\r"));
        assertTrue(full.contains("\"evidence\": [\n        \"history row 7 records a failed run; it is replaced\",\n"),
                "one evidence line per line");
        assertTrue(full.contains("Bestellpositionen \\\"ÄÖÜ\\\" – 注文 \\ud83d\\udc18 C:\\\\tmp\\nsecond line"),
                "text as it is, JSON escapes where JSON needs them");
    }

    @Test
    void writesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Files.writeString(dir.resolve(ReconcilePlanJson.FILE_NAME), "an older plan");
        Path file = ReconcilePlanJson.write(ReconcileFixtures.plan(), dir);
        assertEquals(ReconcilePlanJson.render(ReconcileFixtures.plan()), Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    // --- reading what is not a plan -------------------------------------------------------------------------------

    @Test
    void aMissingFileSaysSoAndHowToMakeOne() {
        Path file = dir.resolve("nowhere/reconcile-plan.json");
        PlanFileException e = assertThrows(PlanFileException.class, () -> ReconcilePlanJson.read(file));
        assertEquals("reconcile plan " + file + ": the file does not exist; make a plan first with"
                + " mvn migration-guard:reconcile (a dry run writes reconcile-plan.json)", e.getMessage());
        assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertInstanceOf(IOException.class, e, "a plan file problem is an I/O problem for the mojo");
    }

    @Test
    void aDirectoryIsNotAPlan() {
        assertEquals("this is a directory, not a plan file", problemOf(dir));
    }

    @Test
    void anEmptyFile() throws Exception {
        assertEquals("the file is empty", problem(""));
        assertEquals("the file is empty", problem(" \n\t\n"));
    }

    @Test
    void notJson() throws Exception {
        assertEquals("the file is not valid JSON at line 1, column 6: Unrecognized token 'hello': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", problem("hello"));
        String problem = problem("{\"format\": 1,\n \"fingerprint\": tru}");
        assertTrue(problem.startsWith("the file is not valid JSON at line 2, column 21: Unrecognized token 'tru'"),
                problem);
    }

    @Test
    void truncatedJson() throws Exception {
        String full = ReconcilePlanJson.render(ReconcileFixtures.plan());
        String problem = problem(full.substring(0, full.length() / 2));
        assertTrue(problem.startsWith("the JSON ends early at line "), problem);
        assertTrue(problem.endsWith(": the file is truncated"), problem);
        assertTrue(problem("{\"format\": 1, \"fingerprint\": \"0123").endsWith(": the file is truncated"),
                "ends inside a string");
    }

    @Test
    void somethingAfterThePlan() throws Exception {
        String full = ReconcilePlanJson.render(ReconcileFixtures.plan());
        assertTrue(problem(full + "{}").startsWith("the file is not valid JSON at line "));
        assertTrue(problem(full + "x").startsWith("the file is not valid JSON at line "));
    }

    @Test
    void aDuplicateField() throws Exception {
        assertEquals("a field appears twice at line 1, column 23 (Duplicate field 'format')",
                problem("{\"format\": 1, \"format\": 1}"));
    }

    @Test
    void wrongTopLevelType() throws Exception {
        assertEquals("a plan is a JSON object, but the file holds an array", problem("[]"));
        assertEquals("a plan is a JSON object, but the file holds the string \"plan\"", problem("\"plan\""));
        assertEquals("a plan is a JSON object, but the file holds null", problem("null"));
    }

    @Test
    void anotherFormat() throws Exception {
        assertEquals("the plan has format 2, but this plugin reads plans of format 1 only; make the plan again with"
                + " this version of the plugin", problem(edited(r -> r.put("format", 2))));
        assertEquals("format must be a whole number, not the string \"1\"",
                problem(edited(r -> r.put("format", "1"))));
        assertEquals("format is missing; is this a reconcile plan (reconcile-plan.json)?",
                problem(edited(r -> r.remove("format"))));
        assertEquals("format is missing; is this a reconcile plan (reconcile-plan.json)?",
                problem("{\"database\": {}, \"findings\": []}"), "e.g. drift-report.json");
    }

    @Test
    void theFormatIsCheckedBeforeTheFieldsOfAPlanOfAnotherFormat() throws Exception {
        assertEquals("the plan has format 3, but this plugin reads plans of format 1 only; make the plan again with"
                + " this version of the plugin", problem("{\"format\": 3, \"steps\": []}"));
    }

    @Test
    void missingRequiredFields() throws Exception {
        assertEquals("fingerprint is missing", problem(edited(r -> r.remove("fingerprint"))));
        assertEquals("database is missing", problem(edited(r -> r.remove("database"))));
        assertEquals("actions is missing", problem(edited(r -> r.remove("actions"))));
        assertEquals("manual is missing", problem(edited(r -> r.remove("manual"))));
        assertEquals("fingerprintParts.history is missing",
                problem(edited(r -> ((ObjectNode) r.get("fingerprintParts")).remove("history"))));
        assertEquals("database.oid is missing", problem(edited(r -> ((ObjectNode) r.get("database")).remove("oid"))));
        assertEquals("actions[1].evidence is missing",
                problem(edited(r -> ((ObjectNode) r.at("/actions/1")).remove("evidence"))));
        assertEquals("actions[0].note is missing",
                problem(edited(r -> ((ObjectNode) r.at("/actions/0")).remove("note"))),
                "a null is written, so a field left out is an edit");
        assertEquals("manual[1].instruction is missing",
                problem(edited(r -> ((ObjectNode) r.at("/manual/1")).remove("instruction"))));
    }

    @Test
    void aRowImageWithoutInstalledRank() throws Exception {
        assertEquals("actions[0].remove[0].installedRank is missing",
                problem(edited(r -> firstRemovedRow(r).remove("installedRank"))));
        assertEquals("actions[4].write.installedRank is missing",
                problem(edited(r -> ((ObjectNode) r.at("/actions/4/write")).remove("installedRank"))));
        assertEquals("actions[0].remove[0].installedRank must be a whole number from -2147483648 to 2147483647, not"
                + " null", problem(edited(r -> firstRemovedRow(r).putNull("installedRank"))));
    }

    @Test
    void anUnknownActionTypeNamesTheValidOnes() throws Exception {
        assertEquals("actions[2].type is \"REMOVE_EVERYTHING\", not an action type; the action types are"
                        + " MARK_APPLIED, REMOVE_PHANTOM, REMOVE_FAILED, REALIGN_CHECKSUM",
                problem(edited(r -> ((ObjectNode) r.at("/actions/2")).put("type", "REMOVE_EVERYTHING"))));
        assertEquals("actions[2].type is \"mark_applied\", not an action type; the action types are"
                        + " MARK_APPLIED, REMOVE_PHANTOM, REMOVE_FAILED, REALIGN_CHECKSUM",
                problem(edited(r -> ((ObjectNode) r.at("/actions/2")).put("type", "mark_applied"))),
                "names are case-sensitive");
        assertEquals("actions[0].type is null, not an action type; the action types are"
                        + " MARK_APPLIED, REMOVE_PHANTOM, REMOVE_FAILED, REALIGN_CHECKSUM",
                problem(edited(r -> ((ObjectNode) r.at("/actions/0")).putNull("type"))));
    }

    @Test
    void aFingerprintThatIsNotASha256() throws Exception {
        String upper = ReconcileFixtures.FINGERPRINT.toUpperCase(java.util.Locale.ROOT);
        assertEquals("fingerprint must be a SHA-256 in 64 lowercase hexadecimal digits, not the string \"" + upper
                + "\"", problem(edited(r -> r.put("fingerprint", upper))));
        assertEquals("fingerprint must be a SHA-256 in 64 lowercase hexadecimal digits, not the string \"abc\"",
                problem(edited(r -> r.put("fingerprint", "abc"))));
        assertEquals("fingerprint must be a SHA-256 in 64 lowercase hexadecimal digits, not null",
                problem(edited(r -> r.putNull("fingerprint"))));
        assertEquals("fingerprint must be a SHA-256 in 64 lowercase hexadecimal digits, not the string \""
                        + ReconcileFixtures.FINGERPRINT + "0\"",
                problem(edited(r -> r.put("fingerprint", ReconcileFixtures.FINGERPRINT + "0"))));
        assertTrue(problem(edited(r -> ((ObjectNode) r.get("fingerprintParts")).put("actions", "g".repeat(64))))
                .startsWith("fingerprintParts.actions must be a SHA-256 in 64 lowercase hexadecimal digits, not the"
                        + " string \"gggg"));
    }

    @Test
    void unknownFieldsAreNamed() throws Exception {
        assertEquals("unknown field approvedBy; a plan has only format, fingerprint, fingerprintParts, database,"
                        + " options, createdAt, pluginVersion, actions, manual (a plan is not edited by hand: make a"
                        + " new one)",
                problem(edited(r -> r.put("approvedBy", "me"))));
        assertEquals("unknown field database.port; database has only name, oid, user, server, serverVersion,"
                        + " historyTable, historyTool, historyTableExists (a plan is not edited by hand: make a new"
                        + " one)",
                problem(edited(r -> ((ObjectNode) r.get("database")).put("port", 5432))));
        assertEquals("unknown field actions[0].remove[0].installed_rank; actions[0].remove[0] has only "
                        + ROW_FIELDS + " (a plan is not edited by hand: make a new one)",
                problem(edited(r -> firstRemovedRow(r).put("installed_rank", 7))),
                "an unknown field is named before the field it may stand for is missing");
        assertTrue(problem(edited(r -> ((ObjectNode) r.at("/manual/0")).put("done", true)))
                .startsWith("unknown field manual[0].done; manual[0] has only kind, migration, object, reason,"));
    }

    @Test
    void valuesOfTheWrongType() throws Exception {
        assertEquals("database.oid must be a whole number, not the string \"16384\"",
                problem(edited(r -> ((ObjectNode) r.get("database")).put("oid", "16384"))));
        assertEquals("database.historyTableExists must be true or false, not the string \"yes\"",
                problem(edited(r -> ((ObjectNode) r.get("database")).put("historyTableExists", "yes"))));
        assertEquals("database.name must be a string or null, not the number 7",
                problem(edited(r -> ((ObjectNode) r.get("database")).put("name", 7))));
        assertEquals("actions[0].remove[0].executionTime must be a whole number from -2147483648 to 2147483647,"
                + " not the number 1.5", problem(edited(r -> firstRemovedRow(r).put("executionTime", 1.5))));
        assertEquals("actions[0].remove[0].checksum must be a whole number from -2147483648 to 2147483647, not the"
                + " number 4294967296", problem(edited(r -> firstRemovedRow(r).put("checksum", 4_294_967_296L))));
        assertEquals("actions[0].evidence[1] must be a string, not null",
                problem(edited(r -> ((ArrayNode) r.at("/actions/0/evidence")).set(1, MAPPER.nullNode()))));
        assertEquals("actions[0].remove must be an array, not an object",
                problem(edited(r -> ((ObjectNode) r.at("/actions/0")).putObject("remove"))));
        assertEquals("actions[2].write must be an object, not the string \"none\"",
                problem(edited(r -> ((ObjectNode) r.at("/actions/2")).put("write", "none"))));
        assertEquals("options.markApplied must be an array, not null",
                problem(edited(r -> ((ObjectNode) r.get("options")).putNull("markApplied"))));
        assertEquals("actions[1] must be an object, not the string \"MARK_APPLIED 3\"",
                problem(edited(r -> ((ArrayNode) r.get("actions")).set(1, MAPPER.getNodeFactory()
                        .textNode("MARK_APPLIED 3")))));
        assertEquals("database must be an object, not null", problem(edited(r -> r.putNull("database"))));
    }

    @Test
    void aLongValueIsShortenedInTheMessage() throws Exception {
        String problem = problem(edited(r -> ((ObjectNode) r.get("database")).put("oid", "x".repeat(500))));
        assertTrue(problem.length() < 150, problem);
        assertTrue(problem.endsWith("x\u2026"), problem);
    }
}
