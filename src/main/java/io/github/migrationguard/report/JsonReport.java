package io.github.migrationguard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.migrationguard.lint.FileResult;
import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code validate-safe.json}: the report as plain JSON for scripts.
 *
 * <pre>
 * {
 *   "tool": {"name": "migration-guard", "version": "..."},
 *   "files": 12, "statements": 340, "bytes": 48213, "elapsedMillis": 410,
 *   "findings": [{"file", "line", "column", "endLine", "endColumn", "ruleId", "severity",
 *                 "message", "safeAlternative", "docsUrl", "acknowledged", "reason"}],
 *   "fileResults": [{"path", "statements", "bytes", "fromCache"}]
 * }
 * </pre>
 * {@code files} is a count; {@code severity} is {@code error}, {@code warning} or {@code note}; {@code reason} is
 * null unless the finding is acknowledged; positions are 1-based and {@code endColumn} is just past the span.
 */
public final class JsonReport {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static ObjectNode toJson(LintReport r, String toolVersion) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode tool = root.putObject("tool");
        tool.put("name", SarifReport.TOOL_NAME);
        tool.put("version", Text.wellFormed(toolVersion));
        root.put("files", r.files().size());
        root.put("statements", r.statements());
        root.put("bytes", r.bytes());
        root.put("elapsedMillis", r.elapsedMillis());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("file", Text.wellFormed(f.file()));
            n.put("line", f.line());
            n.put("column", f.column());
            n.put("endLine", f.endLine());
            n.put("endColumn", f.endColumn());
            n.put("ruleId", Text.wellFormed(f.ruleId()));
            n.put("severity", Text.severityName(f));
            n.put("message", Text.wellFormed(f.message()));
            n.put("safeAlternative", Text.wellFormed(f.safeAlternative()));
            n.put("docsUrl", Text.wellFormed(f.docsUrl()));
            n.put("acknowledged", f.acknowledged());
            n.put("reason", f.acknowledged() ? Text.wellFormed(f.reason()) : null);
        }
        ArrayNode files = root.putArray("fileResults");
        for (FileResult fr : r.files()) {
            ObjectNode n = files.addObject();
            n.put("path", Text.wellFormed(fr.path()));
            n.put("statements", fr.statements());
            n.put("bytes", fr.bytes());
            n.put("fromCache", fr.fromCache());
        }
        return root;
    }

    public static String render(LintReport r, String toolVersion) {
        try {
            return MAPPER.writeValueAsString(toJson(r, toolVersion)) + '\n';
        } catch (JsonProcessingException e) {
            // a tree of plain values always serialises
            throw new UncheckedIOException(e);
        }
    }

    public static void write(LintReport r, String toolVersion, Path file) throws IOException {
        ReportFiles.writeAtomically(file, render(r, toolVersion));
    }
}
