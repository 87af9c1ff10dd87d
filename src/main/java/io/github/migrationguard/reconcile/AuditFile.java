package io.github.migrationguard.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.migrationguard.report.ReportFiles;
import io.github.migrationguard.report.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code reconcile-audit-<runId>.json}: the {@link AuditRecord} of one apply, for people and scripts that were not
 * there when it ran.
 *
 * <pre>
 * {
 *   "runId", "outcome", "failure", "startedAt", "finishedAt", "planFingerprint", "pluginVersion",
 *   "database": {"name", "oid", "user", "server", "serverVersion", "historyTable", "historyTool",
 *                "historyTableExists"},
 *   "databaseUser", "osUser",
 *   "ci": {"GITHUB_ACTOR": "...", ...},
 *   "auditTable",
 *   "entries": [{"actionNo", "type", "migration", "script", "evidence": [...],
 *                "before": [row, ...], "after": row}]
 * }
 * </pre>
 * A row is {@code {"installedRank", "version", "description", "type", "script", "checksum", "installedBy",
 * "installedOn", "executionTime", "success"}}; {@code after} is {@code null} when the action only removed rows. Keys
 * of {@code ci} are sorted; missing values are written as {@code null}, never left out.
 *
 * <p>The file is written first with the outcome {@code prepared} and rewritten in place when the outcome is known,
 * so its name depends only on the run id.
 */
public final class AuditFile {

    /** The file name is this prefix, the run id and {@link #SUFFIX}. */
    public static final String PREFIX = "reconcile-audit-";
    public static final String SUFFIX = ".json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private AuditFile() {
    }

    /**
     * The file name of a run: {@code reconcile-audit-<runId>.json}.
     *
     * @throws IllegalArgumentException when {@code runId} is not a UUID ({@code 8-4-4-4-12} hexadecimal digits), so
     *                                  that no run id can name a file anywhere else
     */
    public static String fileName(String runId) {
        if (runId == null || !UUID.matcher(runId).matches()) {
            throw new IllegalArgumentException("the run id of an audit record must be a UUID such as "
                    + "3f2b9c1e-7a4d-4e8b-9c0f-1a2b3c4d5e6f, not "
                    + (runId == null ? "null" : '"' + printable(runId) + '"'));
        }
        return PREFIX + runId + SUFFIX;
    }

    public static ObjectNode toJson(AuditRecord r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("runId", Text.wellFormed(r.runId()));
        root.put("outcome", Text.wellFormed(r.outcome()));
        root.put("failure", Text.wellFormed(r.failure()));
        root.put("startedAt", Text.wellFormed(r.startedAt()));
        root.put("finishedAt", Text.wellFormed(r.finishedAt()));
        root.put("planFingerprint", Text.wellFormed(r.planFingerprint()));
        root.put("pluginVersion", Text.wellFormed(r.pluginVersion()));
        database(root.putObject("database"), r.database());
        root.put("databaseUser", Text.wellFormed(r.databaseUser()));
        root.put("osUser", Text.wellFormed(r.osUser()));
        ObjectNode ci = root.putObject("ci");
        for (Map.Entry<String, String> e : new TreeMap<>(r.ci()).entrySet()) {
            ci.put(Text.wellFormed(e.getKey()), Text.wellFormed(e.getValue()));
        }
        root.put("auditTable", Text.wellFormed(r.auditTable()));
        ArrayNode entries = root.putArray("entries");
        for (AuditRecord.Entry e : r.entries()) {
            ObjectNode n = entries.addObject();
            n.put("actionNo", e.actionNo());
            n.put("type", e.type() == null ? null : e.type().name());
            n.put("migration", Text.wellFormed(e.migration()));
            n.put("script", Text.wellFormed(e.script()));
            ArrayNode evidence = n.putArray("evidence");
            for (String line : e.evidence()) {
                evidence.add(Text.wellFormed(line));
            }
            ArrayNode before = n.putArray("before");
            for (RowImage row : e.before()) {
                row(before.addObject(), row);
            }
            if (e.after() == null) {
                n.putNull("after");
            } else {
                row(n.putObject("after"), e.after());
            }
        }
        return root;
    }

    public static String render(AuditRecord r) {
        try {
            return MAPPER.writeValueAsString(toJson(r)) + '\n';
        } catch (JsonProcessingException e) {
            // a tree of plain values always serialises
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes (or rewrites) {@code reconcile-audit-<runId>.json} atomically into {@code reportsDirectory}; a reader
     * sees the previous version or the new one, never half a file.
     *
     * @return the file
     * @throws IllegalArgumentException when the run id is not a UUID; nothing is written then
     */
    public static Path write(AuditRecord r, Path reportsDirectory) throws IOException {
        Path file = reportsDirectory.resolve(fileName(r.runId()));
        ReportFiles.writeAtomically(file, render(r));
        return file;
    }

    private static void database(ObjectNode n, PlanDatabase d) {
        n.put("name", d == null ? null : Text.wellFormed(d.name()));
        if (d == null) {
            n.putNull("oid");
        } else {
            n.put("oid", d.oid());
        }
        n.put("user", d == null ? null : Text.wellFormed(d.user()));
        n.put("server", d == null ? null : Text.wellFormed(d.server()));
        n.put("serverVersion", d == null ? null : Text.wellFormed(d.serverVersion()));
        n.put("historyTable", d == null ? null : Text.wellFormed(d.historyTable()));
        n.put("historyTool", d == null ? null : Text.wellFormed(d.historyTool()));
        if (d == null) {
            n.putNull("historyTableExists");
        } else {
            n.put("historyTableExists", d.historyTableExists());
        }
    }

    private static void row(ObjectNode n, RowImage row) {
        n.put("installedRank", row.installedRank());
        n.put("version", Text.wellFormed(row.version()));
        n.put("description", Text.wellFormed(row.description()));
        n.put("type", Text.wellFormed(row.type()));
        n.put("script", Text.wellFormed(row.script()));
        n.put("checksum", row.checksum());
        n.put("installedBy", Text.wellFormed(row.installedBy()));
        n.put("installedOn", Text.wellFormed(row.installedOn()));
        n.put("executionTime", row.executionTime());
        n.put("success", row.success());
    }

    /** A rejected run id as it can be shown in one line of an error message. */
    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "\u2026" : s;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || (cp <= 0xFFFF && Character.isSurrogate((char) cp))) {
                out.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
