package io.github.migrationguard.report;

import io.github.migrationguard.lint.FileResult;
import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintReport;
import io.github.migrationguard.lint.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML (the Surefire flavour CI test tabs read): one {@code <testsuite name="migration-guard.validate-safe">},
 * one {@code <testcase>} per linted file ({@code classname} = path relative to the project base directory,
 * {@code name} = file name). A file with at least one unacknowledged error or warning fails with
 * {@code <failure message="[rule-id] message" type="rule-id">} whose body lists all of that file's findings; other
 * files pass, listing their notes and acknowledged findings in {@code <system-out>}. Characters XML 1.0 does not
 * allow are removed from all text.
 */
public final class JUnitXmlReport {

    public static final String SUITE_NAME = "migration-guard.validate-safe";
    static final int MAX_MESSAGE = 500;

    private JUnitXmlReport() {
    }

    public static String render(LintReport r) {
        return new String(bytes(r), StandardCharsets.UTF_8);
    }

    public static void write(LintReport r, Path file) throws IOException {
        ReportFiles.writeAtomically(file, bytes(r));
    }

    private static byte[] bytes(LintReport r) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (FileResult fr : r.files()) {
            byFile.putIfAbsent(Text.nullToEmpty(fr.path()), new ArrayList<>());
        }
        for (Finding f : r.findings()) {
            // a finding for a file missing from the file list still gets a test case: nothing is dropped
            byFile.computeIfAbsent(Text.nullToEmpty(f.file()), k -> new ArrayList<>()).add(f);
        }
        int failures = 0;
        for (List<Finding> findings : byFile.values()) {
            if (firstBlocking(findings) != null) {
                failures++;
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", SUITE_NAME);
            w.writeAttribute("tests", Integer.toString(byFile.size()));
            w.writeAttribute("failures", Integer.toString(failures));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", "0");
            w.writeAttribute("time", seconds(r.elapsedMillis()));
            for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
                testCase(w, e.getKey(), e.getValue());
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            // the writer only fails on I/O, and this one writes to memory
            throw new IllegalStateException("cannot render the JUnit XML report: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void testCase(XMLStreamWriter w, String path, List<Finding> findings) throws XMLStreamException {
        w.writeCharacters("\n  ");
        Finding blocking = firstBlocking(findings);
        boolean empty = findings.isEmpty();
        if (empty) {
            w.writeEmptyElement("testcase");
        } else {
            w.writeStartElement("testcase");
        }
        w.writeAttribute("classname", Text.xml10(path));
        w.writeAttribute("name", Text.xml10(Text.fileName(path)));
        w.writeAttribute("time", "0");
        if (empty) {
            return;
        }
        StringBuilder text = new StringBuilder("\n");
        for (Finding f : findings) {
            text.append(describe(f)).append('\n');
        }
        // a parser would turn CR into LF anyway; do it here so the written text is what readers get
        String body = text.toString().replace("\r\n", "\n").replace('\r', '\n');
        if (blocking != null) {
            long blockingCount = findings.stream().filter(JUnitXmlReport::isBlocking).count();
            String message = "[" + Text.nullToEmpty(blocking.ruleId()) + "] " + Text.nullToEmpty(blocking.message());
            if (blockingCount > 1) {
                message += " (and " + Text.count(blockingCount - 1, "more finding", "more findings") + ")";
            }
            w.writeCharacters("\n    ");
            w.writeStartElement("failure");
            w.writeAttribute("message", Text.xml10(Text.truncate(singleLine(message), MAX_MESSAGE)));
            w.writeAttribute("type", Text.xml10(singleLine(Text.nullToEmpty(blocking.ruleId()))));
            w.writeCharacters(Text.xml10(body));
            w.writeEndElement();
        } else {
            w.writeCharacters("\n    ");
            w.writeStartElement("system-out");
            w.writeCharacters(Text.xml10(body));
            w.writeEndElement();
        }
        w.writeCharacters("\n  ");
        w.writeEndElement();
    }

    /** Unacknowledged errors and warnings fail a file's test case; notes do not. */
    static boolean isBlocking(Finding f) {
        return !f.acknowledged() && Text.severity(f) != Severity.NOTE;
    }

    private static Finding firstBlocking(List<Finding> findings) {
        for (Finding f : findings) {
            if (isBlocking(f)) {
                return f;
            }
        }
        return null;
    }

    /** {@code line:col: severity [rule-id] message}, then the safe alternative, docs and acknowledgement. */
    private static String describe(Finding f) {
        StringBuilder s = new StringBuilder();
        s.append(f.line()).append(':').append(f.column()).append(": ").append(Text.severityName(f))
                .append(" [").append(Text.nullToEmpty(f.ruleId())).append("] ")
                .append(Text.nullToEmpty(f.message()));
        if (f.acknowledged()) {
            s.append("\n    acknowledged: ").append(Text.isBlank(f.reason()) ? "no reason given" : f.reason().strip());
        }
        if (!Text.isBlank(f.safeAlternative())) {
            s.append("\n    safe alternative: ").append(f.safeAlternative().strip());
        }
        if (!Text.isBlank(f.docsUrl())) {
            s.append("\n    docs: ").append(f.docsUrl().strip());
        }
        return s.toString();
    }

    /** Attribute values lose their line breaks and tabs in any XML parser; make that explicit. */
    private static String singleLine(String s) {
        return s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
