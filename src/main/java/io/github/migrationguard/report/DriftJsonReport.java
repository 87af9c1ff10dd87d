package io.github.migrationguard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code drift-report.json}: the detect-drift report for scripts and CI.
 *
 * <pre>
 * {
 *   "database": {"name", "user", "host", "port", "serverVersion"},
 *   "elapsedMillis": 812,
 *   "historyTable": "public.flyway_schema_history", "historyTool": "flyway", "expectedSource": "replay",
 *   "migrationInProgress": false,
 *   "counts": {"migrations", "applied", "catalogQueries", "findings", "byKind": {"PHANTOM": 1, ...}},
 *   "findings": [{"kind", "migration", "object", "detail", "recommendedAction"}]
 * }
 * </pre>
 * {@code host} is the server address the connection reached ({@code null} over a Unix-domain socket), never the URL;
 * there is no password anywhere. {@code migration}, {@code object} and {@code recommendedAction} are {@code null} when
 * a finding has none.
 */
public final class DriftJsonReport {

    /** The file name in the reports directory. */
    public static final String FILE_NAME = "drift-report.json";

    private DriftJsonReport() {
    }

    public static ObjectNode toJson(DriftReport r) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        ObjectNode db = root.putObject("database");
        DatabaseIdentity id = r.database();
        db.put("name", id == null ? null : Text.wellFormed(id.database()));
        db.put("user", id == null ? null : Text.wellFormed(id.user()));
        db.put("host", id == null ? null : Text.wellFormed(id.serverAddress()));
        if (id == null || id.serverPort() == null) {
            db.putNull("port");
        } else {
            db.put("port", id.serverPort().intValue());
        }
        db.put("serverVersion", id == null ? null : Text.wellFormed(id.serverVersion()));
        root.put("elapsedMillis", r.elapsedMillis());
        root.put("historyTable", Text.wellFormed(r.historyTable()));
        root.put("historyTool", Text.wellFormed(r.historyTool()));
        root.put("expectedSource", Text.wellFormed(r.expectedSource()));
        root.put("migrationInProgress", r.migrationInProgress());
        ObjectNode counts = root.putObject("counts");
        counts.put("migrations", r.migrations());
        counts.put("applied", r.applied());
        counts.put("catalogQueries", r.catalogQueries());
        counts.put("findings", r.findings().size());
        ObjectNode byKind = counts.putObject("byKind");
        for (Map.Entry<DriftKind, Integer> e : DriftSections.countByKind(r.findings()).entrySet()) {
            byKind.put(e.getKey().name(), e.getValue());
        }
        ArrayNode findings = root.putArray("findings");
        for (DriftFinding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("kind", DriftSections.kindName(f));
            n.put("migration", Text.wellFormed(f.migration()));
            n.put("object", Text.wellFormed(f.object()));
            n.put("detail", Text.wellFormed(f.detail()));
            n.put("recommendedAction", Text.wellFormed(f.recommendedAction()));
        }
        return root;
    }

    public static String render(DriftReport r) {
        try {
            return JsonReport.MAPPER.writeValueAsString(toJson(r)) + '\n';
        } catch (JsonProcessingException e) {
            // a tree of plain values always serialises
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code drift-report.json} (atomically) into {@code reportsDirectory}; returns the file. */
    public static Path write(DriftReport r, Path reportsDirectory) throws IOException {
        Path file = reportsDirectory.resolve(FILE_NAME);
        ReportFiles.writeAtomically(file, render(r));
        return file;
    }
}
