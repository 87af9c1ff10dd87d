package io.github.migrationguard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintReport;
import io.github.migrationguard.lint.RuleDescriptor;
import io.github.migrationguard.lint.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code validate-safe.sarif}: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * <p>One run; {@code tool.driver} names {@code migration-guard} and lists every rule (id, descriptions, help with
 * the safe alternative, help URI, default level). Each finding is a result with {@code ruleId}, {@code ruleIndex},
 * {@code level} ({@code error}/{@code warning}/{@code note}), {@code message.text} and one physical location: the
 * file path relative to the project base directory (percent-encoded as a URI reference, {@code uriBaseId}
 * {@code %SRCROOT%}) and a 1-based region whose {@code endColumn} is just past the span, columns counted in UTF-16
 * code units. An acknowledged finding carries {@code suppressions: [{kind: "inSource", justification: <reason>}]}.
 */
public final class SarifReport {

    public static final String TOOL_NAME = "migration-guard";
    public static final String INFORMATION_URI = "https://github.com/migrationguard/migration-guard-maven-plugin";
    public static final String SCHEMA_URI =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";
    public static final String SRCROOT = "%SRCROOT%";

    private SarifReport() {
    }

    public static ObjectNode toJson(LintReport r, Collection<RuleDescriptor> rules, String toolVersion) {
        Map<String, RuleDescriptor> table = ruleTable(r, rules);
        Map<String, Integer> index = new LinkedHashMap<>();

        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", TOOL_NAME);
        if (!Text.isBlank(toolVersion)) {
            driver.put("version", Text.wellFormed(toolVersion.strip()));
        }
        driver.put("informationUri", INFORMATION_URI);
        ArrayNode rulesNode = driver.putArray("rules");
        for (RuleDescriptor d : table.values()) {
            index.put(d.id(), index.size());
            rulesNode.add(rule(d));
        }

        run.putArray("invocations").addObject().put("executionSuccessful", true);
        run.put("columnKind", "utf16CodeUnits");

        ArrayNode results = run.putArray("results");
        for (Finding f : r.findings()) {
            results.add(result(f, table.get(f.ruleId()), index.get(f.ruleId())));
        }
        return root;
    }

    public static String render(LintReport r, Collection<RuleDescriptor> rules, String toolVersion) {
        try {
            return JsonReport.MAPPER.writeValueAsString(toJson(r, rules, toolVersion)) + '\n';
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(LintReport r, Collection<RuleDescriptor> rules, String toolVersion, Path file)
            throws IOException {
        ReportFiles.writeAtomically(file, render(r, rules, toolVersion));
    }

    /**
     * The rules in the order given (first descriptor wins for a repeated id), then a minimal descriptor for every
     * rule id that appears in a finding but not among {@code rules}, so each result has a rule to point at.
     */
    static Map<String, RuleDescriptor> ruleTable(LintReport r, Collection<RuleDescriptor> rules) {
        Map<String, RuleDescriptor> table = new LinkedHashMap<>();
        if (rules != null) {
            for (RuleDescriptor d : rules) {
                if (d != null && d.id() != null) {
                    table.putIfAbsent(d.id(), d);
                }
            }
        }
        for (Finding f : r.findings()) {
            String id = Text.nullToEmpty(f.ruleId());
            if (!table.containsKey(id)) {
                table.put(id, new RuleDescriptor(id, id, Text.severity(f), null, null, f.docsUrl()));
            }
        }
        return table;
    }

    private static ObjectNode rule(RuleDescriptor d) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("id", Text.wellFormed(d.id()));
        String name = pascalCase(d.id());
        if (!name.isEmpty()) {
            n.put("name", name);
        }
        String summary = Text.isBlank(d.summary()) ? d.id() : d.summary().strip();
        n.putObject("shortDescription").put("text", Text.wellFormed(summary));
        String alternative = Text.isBlank(d.safeAlternative()) ? null : d.safeAlternative().strip();
        n.putObject("fullDescription").put("text",
                Text.wellFormed(alternative == null ? summary : summary + " Safe alternative: " + alternative));
        String helpUri = absoluteUri(d.docsUrl());
        if (alternative != null || helpUri != null) {
            StringBuilder text = new StringBuilder();
            StringBuilder markdown = new StringBuilder();
            if (alternative != null) {
                text.append("Safe alternative: ").append(alternative);
                markdown.append("**Safe alternative:** ").append(MarkdownReport.cell(alternative));
            }
            if (helpUri != null) {
                text.append(text.isEmpty() ? "" : "\n").append("Docs: ").append(helpUri);
                markdown.append(markdown.isEmpty() ? "" : "\n\n")
                        .append("[Documentation](").append(MarkdownReport.linkTarget(helpUri)).append(')');
            }
            ObjectNode help = n.putObject("help");
            help.put("text", Text.wellFormed(text.toString()));
            help.put("markdown", Text.wellFormed(markdown.toString()));
        }
        if (helpUri != null) {
            n.put("helpUri", helpUri);
        }
        Severity level = d.severity() == null ? Severity.ERROR : d.severity();
        n.putObject("defaultConfiguration").put("level", level.sarifLevel());
        ObjectNode properties = n.putObject("properties");
        ArrayNode tags = properties.putArray("tags");
        tags.add(TOOL_NAME);
        if (!Text.isBlank(d.category())) {
            properties.put("category", Text.wellFormed(d.category()));
            tags.add(Text.wellFormed(d.category()));
        }
        return n;
    }

    private static ObjectNode result(Finding f, RuleDescriptor rule, Integer ruleIndex) {
        ObjectNode n = JsonReport.MAPPER.createObjectNode();
        n.put("ruleId", Text.wellFormed(Text.nullToEmpty(f.ruleId())));
        n.put("ruleIndex", ruleIndex);
        n.put("level", Text.severity(f).sarifLevel());
        String message = Text.isBlank(f.message()) ? Text.nullToEmpty(f.ruleId()) : f.message();
        String alternative = Text.isBlank(f.safeAlternative()) ? null : f.safeAlternative().strip();
        if (alternative != null && (rule == null || !alternative.equals(strip(rule.safeAlternative())))) {
            // the rule's help shows its usual alternative; a finding-specific one belongs in the message
            message = message + "\nSafe alternative: " + alternative;
        }
        n.putObject("message").put("text", Text.wellFormed(message));

        ObjectNode physical = n.putArray("locations").addObject().putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        artifact.put("uri", uriReference(f.file()));
        artifact.put("uriBaseId", SRCROOT);
        ObjectNode region = physical.putObject("region");
        int startLine = Math.max(1, f.line());
        int startColumn = Math.max(1, f.column());
        int endLine = f.endLine();
        int endColumn = f.endColumn();
        if (endLine < startLine || (endLine == startLine && endColumn < startColumn)) {
            endLine = startLine;
            endColumn = startColumn;
        }
        region.put("startLine", startLine);
        region.put("startColumn", startColumn);
        region.put("endLine", endLine);
        region.put("endColumn", Math.max(1, endColumn));

        if (f.acknowledged()) {
            ObjectNode suppression = n.putArray("suppressions").addObject();
            suppression.put("kind", "inSource");
            if (!Text.isBlank(f.reason())) {
                suppression.put("justification", Text.wellFormed(f.reason().strip()));
            }
        }
        if (alternative != null || !Text.isBlank(f.docsUrl())) {
            ObjectNode properties = n.putObject("properties");
            if (alternative != null) {
                properties.put("safeAlternative", Text.wellFormed(alternative));
            }
            if (!Text.isBlank(f.docsUrl())) {
                properties.put("docsUrl", Text.wellFormed(f.docsUrl().strip()));
            }
        }
        return n;
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    /**
     * A relative path as a URI reference: {@code \} becomes {@code /}; every byte of the UTF-8 form other than
     * unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) and {@code /} is percent-encoded, so spaces, {@code %},
     * {@code #}, {@code ?} and a {@code :} that would read as a scheme stay part of the path.
     */
    static String uriReference(String path) {
        byte[] bytes = Text.wellFormed(Text.nullToEmpty(path)).replace('\\', '/').getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /** {@code ban-drop-table} → {@code BanDropTable}; letters and digits only. */
    static String pascalCase(String id) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : Text.nullToEmpty(id).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return out.toString();
    }

    /** The URL when it is an absolute URI (SARIF requires that of {@code helpUri}), otherwise null. */
    static String absoluteUri(String url) {
        if (Text.isBlank(url)) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            return uri.isAbsolute() ? uri.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
