package io.github.migrationguard.report;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.migrationguard.reconcile.ActionType;
import io.github.migrationguard.reconcile.ManualStep;
import io.github.migrationguard.reconcile.PlanDatabase;
import io.github.migrationguard.reconcile.PlanOptions;
import io.github.migrationguard.reconcile.PlannedAction;
import io.github.migrationguard.reconcile.ReconcilePlan;
import io.github.migrationguard.reconcile.RowImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code reconcile-plan.json}: the reconcile plan as the dry run writes it for review, and as an apply with
 * {@code migrationGuard.plan} reads it back.
 *
 * <pre>
 * {
 *   "format": 1,
 *   "fingerprint": "64 lowercase hex digits",
 *   "fingerprintParts": {"database", "history", "migrations", "actions"},
 *   "database": {"name", "oid", "user", "server", "serverVersion", "historyTable", "historyTool",
 *                "historyTableExists"},
 *   "options": {"realignChecksums", "markApplied": []},
 *   "createdAt": "2024-05-01T10:00:00Z", "pluginVersion": "...",
 *   "actions": [{"type", "migration", "script", "evidence": [], "remove": [row...], "write": row or null, "note"}],
 *   "manual": [{"kind", "migration", "object", "reason", "instruction", "suggestedMigration"}]
 * }
 * row: {"installedRank", "version", "description", "type", "script", "checksum", "installedBy", "installedOn",
 *       "executionTime", "success"}
 * </pre>
 *
 * <p>Every field is always written ({@code null} where the plan has none), so reading gives back exactly the plan that
 * was written: {@code read(write(plan, dir)).equals(plan)}. Text is written as it is (UTF-8), except that UTF-16
 * surrogates are written as {@code \}{@code uXXXX} escapes, so that even text with an unpaired surrogate comes back
 * unchanged.
 *
 * <p>Reading is strict, because an apply acts on what it reads: a missing, unknown or duplicate field, a value of the
 * wrong type, an unknown action type, another {@code format} or a malformed fingerprint is a
 * {@link PlanFileException} naming the file and the field ({@code actions[2].remove[0].installedRank}). Whether the
 * plan still fits the database is not decided here: the apply compares fingerprints.
 */
public final class ReconcilePlanJson {

    /** The file name in the reports directory. */
    public static final String FILE_NAME = "reconcile-plan.json";

    private static final List<String> PLAN_FIELDS = List.of("format", "fingerprint", "fingerprintParts", "database",
            "options", "createdAt", "pluginVersion", "actions", "manual");
    private static final List<String> PARTS_FIELDS = List.of("database", "history", "migrations", "actions");
    private static final List<String> DATABASE_FIELDS = List.of("name", "oid", "user", "server", "serverVersion",
            "historyTable", "historyTool", "historyTableExists");
    private static final List<String> OPTIONS_FIELDS = List.of("realignChecksums", "markApplied");
    private static final List<String> ACTION_FIELDS = List.of("type", "migration", "script", "evidence", "remove",
            "write", "note");
    private static final List<String> ROW_FIELDS = List.of("installedRank", "version", "description", "type",
            "script", "checksum", "installedBy", "installedOn", "executionTime", "success");
    private static final List<String> MANUAL_FIELDS = List.of("kind", "migration", "object", "reason",
            "instruction", "suggestedMigration");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String ACTION_TYPES = Arrays.stream(ActionType.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .characterEscapes(new SurrogateEscapes())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Two-space indentation, {@code "key": value}, one array element per line, {@code \n} on every platform. */
    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        WRITER = MAPPER.writer(new DefaultPrettyPrinter(separators).withObjectIndenter(indenter)
                .withArrayIndenter(indenter));
    }

    private ReconcilePlanJson() {
    }

    public static ObjectNode toJson(ReconcilePlan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", plan.format());
        root.put("fingerprint", plan.fingerprint());
        ReconcilePlan.FingerprintParts p = plan.parts();
        if (p == null) {
            root.putNull("fingerprintParts");
        } else {
            ObjectNode parts = root.putObject("fingerprintParts");
            parts.put("database", p.database());
            parts.put("history", p.history());
            parts.put("migrations", p.migrations());
            parts.put("actions", p.actions());
        }
        PlanDatabase d = plan.database();
        if (d == null) {
            root.putNull("database");
        } else {
            ObjectNode db = root.putObject("database");
            db.put("name", d.name());
            db.put("oid", d.oid());
            db.put("user", d.user());
            db.put("server", d.server());
            db.put("serverVersion", d.serverVersion());
            db.put("historyTable", d.historyTable());
            db.put("historyTool", d.historyTool());
            db.put("historyTableExists", d.historyTableExists());
        }
        PlanOptions o = plan.options();
        if (o == null) {
            root.putNull("options");
        } else {
            ObjectNode options = root.putObject("options");
            options.put("realignChecksums", o.realignChecksums());
            ArrayNode markApplied = options.putArray("markApplied");
            o.markApplied().forEach(markApplied::add);
        }
        root.put("createdAt", plan.createdAt());
        root.put("pluginVersion", plan.pluginVersion());
        ArrayNode actions = root.putArray("actions");
        for (PlannedAction a : plan.actions()) {
            ObjectNode n = actions.addObject();
            n.put("type", a.type() == null ? null : a.type().name());
            n.put("migration", a.migration());
            n.put("script", a.script());
            ArrayNode evidence = n.putArray("evidence");
            a.evidence().forEach(evidence::add);
            ArrayNode remove = n.putArray("remove");
            for (RowImage r : a.remove()) {
                row(remove.addObject(), r);
            }
            if (a.write() == null) {
                n.putNull("write");
            } else {
                row(n.putObject("write"), a.write());
            }
            n.put("note", a.note());
        }
        ArrayNode manual = root.putArray("manual");
        for (ManualStep m : plan.manual()) {
            ObjectNode n = manual.addObject();
            n.put("kind", m.kind());
            n.put("migration", m.migration());
            n.put("object", m.object());
            n.put("reason", m.reason());
            n.put("instruction", m.instruction());
            n.put("suggestedMigration", m.suggestedMigration());
        }
        return root;
    }

    private static void row(ObjectNode n, RowImage r) {
        n.put("installedRank", r.installedRank());
        n.put("version", r.version());
        n.put("description", r.description());
        n.put("type", r.type());
        n.put("script", r.script());
        n.put("checksum", r.checksum());
        n.put("installedBy", r.installedBy());
        n.put("installedOn", r.installedOn());
        n.put("executionTime", r.executionTime());
        n.put("success", r.success());
    }

    /** The plan as pretty-printed JSON with a trailing line break. */
    public static String render(ReconcilePlan plan) {
        try {
            return WRITER.writeValueAsString(toJson(plan)) + '\n';
        } catch (JsonProcessingException e) {
            // a tree of plain values always serialises
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code reconcile-plan.json} (atomically) into {@code reportsDirectory}; returns the file. */
    public static Path write(ReconcilePlan plan, Path reportsDirectory) throws IOException {
        Path file = reportsDirectory.resolve(FILE_NAME);
        ReportFiles.writeAtomically(file, render(plan));
        return file;
    }

    /**
     * Reads a plan file back.
     *
     * @throws PlanFileException when the file is missing or unreadable, or is not a plan of this plugin's format as
     *                           {@link #write} writes it; the message names the file and what is wrong
     */
    public static ReconcilePlan read(Path file) throws PlanFileException {
        if (Files.isDirectory(file)) {
            throw new PlanFileException(file, "this is a directory, not a plan file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PlanFileException(file, "the file does not exist; make a plan first with"
                    + " mvn migration-guard:reconcile (a dry run writes " + FILE_NAME + ")", e);
        } catch (AccessDeniedException e) {
            throw new PlanFileException(file, "the file cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new PlanFileException(file, "the file cannot be read: " + e, e);
        }
        return parse(bytes, file);
    }

    private static ReconcilePlan parse(byte[] bytes, Path file) throws PlanFileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonEOFException e) {
            throw new PlanFileException(file, "the JSON ends early" + at(e.getLocation())
                    + ": the file is truncated", e);
        } catch (JsonProcessingException e) {
            String what = firstLine(e.getOriginalMessage());
            if (what.startsWith("Duplicate field")) {
                throw new PlanFileException(file, "a field appears twice" + at(e.getLocation()) + " (" + what + ")",
                        e);
            }
            throw new PlanFileException(file, "the file is not valid JSON" + at(e.getLocation()) + ": " + what, e);
        } catch (IOException e) {
            throw new PlanFileException(file, "the file is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new PlanFileException(file, "the file is empty");
        }
        if (!root.isObject()) {
            throw new PlanFileException(file, "a plan is a JSON object, but the file holds " + describe(root));
        }
        return new PlanReader(file).plan((ObjectNode) root);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int eol = s.indexOf('\n');
        return eol < 0 ? s : s.substring(0, eol);
    }

    /** A JSON value as a message shows it: its kind and, for a scalar, the value itself (shortened). */
    private static String describe(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            case BOOLEAN -> n.asText();
            case STRING -> "the string " + shown(n);
            case NUMBER -> "the number " + shown(n);
            default -> shown(n);
        };
    }

    private static String shown(JsonNode n) {
        return Text.oneLine(Text.truncate(n.toString(), 70));
    }

    /** Reads the tree field by field; every problem names the JSON path of the field. */
    private static final class PlanReader {

        private final Path file;

        PlanReader(Path file) {
            this.file = file;
        }

        private PlanFileException fail(String problem) {
            return new PlanFileException(file, problem);
        }

        ReconcilePlan plan(ObjectNode root) throws PlanFileException {
            // the format first: a plan of another format may have other fields
            JsonNode format = root.get("format");
            if (format == null) {
                throw fail("format is missing; is this a reconcile plan (" + FILE_NAME + ")?");
            }
            if (!format.isIntegralNumber() || !format.canConvertToInt()) {
                throw fail("format must be a whole number, not " + describe(format));
            }
            if (format.intValue() != ReconcilePlan.FORMAT) {
                throw fail("the plan has format " + format.asText() + ", but this plugin reads plans of format "
                        + ReconcilePlan.FORMAT + " only; make the plan again with this version of the plugin");
            }
            fields(root, "", PLAN_FIELDS);
            String fingerprint = sha256(root, "", "fingerprint");

            String partsPath = "fingerprintParts";
            ObjectNode p = object(root.get(partsPath), partsPath, PARTS_FIELDS);
            ReconcilePlan.FingerprintParts parts = new ReconcilePlan.FingerprintParts(
                    sha256(p, partsPath, "database"), sha256(p, partsPath, "history"),
                    sha256(p, partsPath, "migrations"), sha256(p, partsPath, "actions"));

            ObjectNode d = object(root.get("database"), "database", DATABASE_FIELDS);
            PlanDatabase database = new PlanDatabase(string(d, "database", "name"),
                    longValue(d, "database", "oid"), string(d, "database", "user"),
                    string(d, "database", "server"), string(d, "database", "serverVersion"),
                    string(d, "database", "historyTable"), string(d, "database", "historyTool"),
                    bool(d, "database", "historyTableExists"));

            ObjectNode o = object(root.get("options"), "options", OPTIONS_FIELDS);
            PlanOptions options = new PlanOptions(bool(o, "options", "realignChecksums"),
                    strings(o, "options", "markApplied"));

            List<PlannedAction> actions = new ArrayList<>();
            ArrayNode actionNodes = array(root, "", "actions");
            for (int i = 0; i < actionNodes.size(); i++) {
                actions.add(action(actionNodes.get(i), "actions[" + i + "]"));
            }
            List<ManualStep> manual = new ArrayList<>();
            ArrayNode manualNodes = array(root, "", "manual");
            for (int i = 0; i < manualNodes.size(); i++) {
                String path = "manual[" + i + "]";
                ObjectNode m = object(manualNodes.get(i), path, MANUAL_FIELDS);
                manual.add(new ManualStep(string(m, path, "kind"), string(m, path, "migration"),
                        string(m, path, "object"), string(m, path, "reason"), string(m, path, "instruction"),
                        string(m, path, "suggestedMigration")));
            }
            return new ReconcilePlan(format.intValue(), fingerprint, parts, database, options,
                    string(root, "", "createdAt"), string(root, "", "pluginVersion"), actions, manual);
        }

        private PlannedAction action(JsonNode node, String path) throws PlanFileException {
            ObjectNode a = object(node, path, ACTION_FIELDS);
            JsonNode typeNode = a.get("type");
            ActionType type = null;
            if (typeNode.isTextual()) {
                for (ActionType t : ActionType.values()) {
                    if (t.name().equals(typeNode.textValue())) {
                        type = t;
                    }
                }
            }
            if (type == null) {
                throw fail(path + ".type is " + (typeNode.isTextual() ? shown(typeNode) : describe(typeNode))
                        + ", not an action type; the action types are " + ACTION_TYPES);
            }
            List<RowImage> remove = new ArrayList<>();
            ArrayNode rows = array(a, path, "remove");
            for (int i = 0; i < rows.size(); i++) {
                remove.add(row(rows.get(i), path + ".remove[" + i + "]"));
            }
            JsonNode writeNode = a.get("write");
            RowImage write = writeNode.isNull() ? null : row(writeNode, path + ".write");
            return new PlannedAction(type, string(a, path, "migration"), string(a, path, "script"),
                    strings(a, path, "evidence"), remove, write, string(a, path, "note"));
        }

        private RowImage row(JsonNode node, String path) throws PlanFileException {
            ObjectNode r = object(node, path, ROW_FIELDS);
            return new RowImage(integer(r, path, "installedRank"), string(r, path, "version"),
                    string(r, path, "description"), string(r, path, "type"), string(r, path, "script"),
                    nullableInteger(r, path, "checksum"), string(r, path, "installedBy"),
                    string(r, path, "installedOn"), integer(r, path, "executionTime"), bool(r, path, "success"));
        }

        /** The node as an object holding exactly {@code names}. */
        private ObjectNode object(JsonNode node, String path, List<String> names) throws PlanFileException {
            if (node == null || !node.isObject()) {
                throw fail(path + " must be an object, not " + (node == null ? "missing" : describe(node)));
            }
            ObjectNode o = (ObjectNode) node;
            fields(o, path, names);
            return o;
        }

        /** No field but {@code names}, and every one of them. */
        private void fields(ObjectNode o, String path, List<String> names) throws PlanFileException {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!names.contains(name)) {
                    throw fail("unknown field " + Text.oneLine(join(path, name)) + "; "
                            + (path.isEmpty() ? "a plan" : path) + " has only " + String.join(", ", names)
                            + " (a plan is not edited by hand: make a new one)");
                }
            }
            for (String name : names) {
                if (!o.has(name)) {
                    throw fail(join(path, name) + " is missing");
                }
            }
        }

        private static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        private String string(ObjectNode o, String path, String name) throws PlanFileException {
            JsonNode v = o.get(name);
            if (v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw fail(join(path, name) + " must be a string or null, not " + describe(v));
            }
            return v.textValue();
        }

        private String sha256(ObjectNode o, String path, String name) throws PlanFileException {
            JsonNode v = o.get(name);
            if (!v.isTextual() || !SHA256.matcher(v.textValue()).matches()) {
                throw fail(join(path, name) + " must be a SHA-256 in 64 lowercase hexadecimal digits, not "
                        + describe(v));
            }
            return v.textValue();
        }

        private int integer(ObjectNode o, String path, String name) throws PlanFileException {
            JsonNode v = o.get(name);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw fail(join(path, name) + " must be a whole number from " + Integer.MIN_VALUE + " to "
                        + Integer.MAX_VALUE + ", not " + describe(v));
            }
            return v.intValue();
        }

        private Integer nullableInteger(ObjectNode o, String path, String name) throws PlanFileException {
            return o.get(name).isNull() ? null : integer(o, path, name);
        }

        private long longValue(ObjectNode o, String path, String name) throws PlanFileException {
            JsonNode v = o.get(name);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw fail(join(path, name) + " must be a whole number, not " + describe(v));
            }
            return v.longValue();
        }

        private boolean bool(ObjectNode o, String path, String name) throws PlanFileException {
            JsonNode v = o.get(name);
            if (!v.isBoolean()) {
                throw fail(join(path, name) + " must be true or false, not " + describe(v));
            }
            return v.booleanValue();
        }

        private ArrayNode array(ObjectNode o, String path, String name) throws PlanFileException {
            JsonNode v = o.get(name);
            if (!v.isArray()) {
                throw fail(join(path, name) + " must be an array, not " + describe(v));
            }
            return (ArrayNode) v;
        }

        private List<String> strings(ObjectNode o, String path, String name) throws PlanFileException {
            ArrayNode a = array(o, path, name);
            List<String> values = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (!v.isTextual()) {
                    throw fail(join(path, name) + "[" + i + "] must be a string, not " + describe(v));
                }
                values.add(v.textValue());
            }
            return values;
        }
    }

    /** Writes every UTF-16 surrogate as a {@code \}{@code uXXXX} escape; all other text as it is. */
    private static final class SurrogateEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Character.isSurrogate((char) ch)
                    ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch)) : null;
        }
    }
}
