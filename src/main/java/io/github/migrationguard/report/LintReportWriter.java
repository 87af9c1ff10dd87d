package io.github.migrationguard.report;

import io.github.migrationguard.lint.LintReport;
import io.github.migrationguard.lint.RuleDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** Writes every report file of {@code validate-safe} into the reports directory. */
public final class LintReportWriter {

    /** SARIF 2.1.0, for code scanning. */
    public static final String SARIF_FILE = "validate-safe.sarif";
    /** Plain JSON, for scripts. */
    public static final String JSON_FILE = "validate-safe.json";
    /**
     * JUnit XML, for CI test tabs. Named after Surefire's {@code TEST-<suite>.xml} convention so the usual
     * {@code **}{@code /TEST-*.xml} patterns find it.
     */
    public static final String JUNIT_FILE = "TEST-" + JUnitXmlReport.SUITE_NAME + ".xml";
    /** Markdown, for pull-request comments and {@code $GITHUB_STEP_SUMMARY}. */
    public static final String MARKDOWN_FILE = "validate-safe.md";

    private LintReportWriter() {
    }

    /**
     * Writes {@value #SARIF_FILE}, {@value #JSON_FILE}, {@code TEST-migration-guard.validate-safe.xml} and
     * {@value #MARKDOWN_FILE} into {@code dir} (created when missing), each replaced in one step, and returns their
     * paths in that order.
     *
     * @param rules       every rule and engine diagnostic that could have reported (the SARIF rule table)
     * @param toolVersion the plugin version, shown in SARIF and JSON; may be null
     */
    public static List<Path> writeAll(LintReport report, Collection<RuleDescriptor> rules, Path dir,
                                      String toolVersion) throws IOException {
        Files.createDirectories(dir);
        Path sarif = dir.resolve(SARIF_FILE);
        Path json = dir.resolve(JSON_FILE);
        Path junit = dir.resolve(JUNIT_FILE);
        Path markdown = dir.resolve(MARKDOWN_FILE);
        SarifReport.write(report, rules, toolVersion, sarif);
        JsonReport.write(report, toolVersion, json);
        JUnitXmlReport.write(report, junit);
        ReportFiles.writeAtomically(markdown, MarkdownReport.render(report));
        return List.of(sarif, json, junit, markdown);
    }
}
