package io.github.migrationguard.report;

import static io.github.migrationguard.report.ReportFixtures.CLEAN;
import static io.github.migrationguard.report.ReportFixtures.CLEANUP;
import static io.github.migrationguard.report.ReportFixtures.DROP;
import static io.github.migrationguard.report.ReportFixtures.REASON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.Severity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class JUnitXmlReportTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> testCases(Document doc) {
        NodeList nodes = doc.getDocumentElement().getElementsByTagName("testcase");
        List<Element> cases = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            cases.add((Element) nodes.item(i));
        }
        return cases;
    }

    private static Element child(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    @Test
    void oneSuiteOneCasePerFileAndCountsMatch() throws Exception {
        Document doc = parse(JUnitXmlReport.render(ReportFixtures.report()));
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("migration-guard.validate-safe", suite.getAttribute("name"));
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("0.410", suite.getAttribute("time"));
        List<Element> cases = testCases(doc);
        assertEquals(3, cases.size());
        assertEquals(CLEAN, cases.get(0).getAttribute("classname"));
        assertEquals("V1__create_safe.sql", cases.get(0).getAttribute("name"));
        assertEquals(DROP, cases.get(1).getAttribute("classname"));
        assertEquals("V2__drop users.sql", cases.get(1).getAttribute("name"));
        assertEquals(0, cases.get(0).getChildNodes().getLength(), "a clean file passes with nothing to say");
    }

    @Test
    void failureNamesTheFirstRuleAndListsAllFindingsOfTheFile() throws Exception {
        Element failing = testCases(parse(JUnitXmlReport.render(ReportFixtures.report()))).get(1);
        Element failure = child(failing, "failure");
        assertEquals("ban-drop-table", failure.getAttribute("type"));
        // quotes, markup and % survive; CRLF becomes a space; the BEL (illegal in XML 1.0) is gone
        assertEquals("[ban-drop-table] DROP TABLE \"users\" <b>&</b> | `x` 100% sure, second line: "
                + "\u00e9\u6f22\ud83d\ude00 bell (and 1 more finding)", failure.getAttribute("message"));
        String body = failure.getTextContent();
        assertTrue(body.contains("3:5: error [ban-drop-table] DROP TABLE \"users\" <b>&</b> | `x` 100% sure,\n"
                + "second line: \u00e9\u6f22\ud83d\ude00 bell"), body);
        assertTrue(body.contains("7:1: warning [prefer-robust-stmts] CREATE INDEX without IF NOT EXISTS"), body);
        assertTrue(body.contains("    safe alternative: Add IF NOT EXISTS."), body);
        assertFalse(body.contains("\u0007"));
    }

    @Test
    void acknowledgedAndNoteFindingsDoNotFailButAreListed() throws Exception {
        Element cleanup = testCases(parse(JUnitXmlReport.render(ReportFixtures.report()))).get(2);
        assertEquals(CLEANUP, cleanup.getAttribute("classname"));
        assertEquals(null, child(cleanup, "failure"));
        String out = child(cleanup, "system-out").getTextContent();
        assertTrue(out.contains("2:1: error [ban-truncate] TRUNCATE removes every row\n    acknowledged: " + REASON),
                out);
        assertTrue(out.contains("4:3: note [prefer-text-field]"), out);
    }

    @Test
    void noFindingsMeansAllPass() throws Exception {
        Document doc = parse(JUnitXmlReport.render(ReportFixtures.clean()));
        assertEquals("3", doc.getDocumentElement().getAttribute("tests"));
        assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
        assertEquals(0, doc.getElementsByTagName("failure").getLength());
    }

    @Test
    void charactersIllegalInXmlAreStripped() throws Exception {
        String evil = "nul\u0000 esc\u001B[31m fffe\uFFFE lone\ud800 ]]> </failure> &amp;";
        Finding f = ReportFixtures.finding(DROP, 1, "ban-drop-table", Severity.ERROR, evil);
        Document doc = parse(JUnitXmlReport.render(ReportFixtures.withFindings(List.of(f))));
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertEquals("[ban-drop-table] nul esc[31m fffe lone ]]> </failure> &amp;", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("nul esc[31m fffe lone ]]> </failure> &amp;"));
    }

    @Test
    void aFindingForAnUnlistedFileStillGetsATestCase() throws Exception {
        Finding stray = ReportFixtures.finding("db/other/V9__x.sql", 1, "require-valid-utf8", Severity.ERROR, "bad");
        Document doc = parse(JUnitXmlReport.render(ReportFixtures.withFindings(List.of(stray))));
        assertEquals("4", doc.getDocumentElement().getAttribute("tests"));
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
        Element last = testCases(doc).get(3);
        assertEquals("db/other/V9__x.sql", last.getAttribute("classname"));
        assertEquals("V9__x.sql", last.getAttribute("name"));
    }

    @Test
    void warningsFailNotesDoNot() throws Exception {
        Finding warning = ReportFixtures.finding(CLEAN, 1, "prefer-robust-stmts", Severity.WARNING, "w");
        Finding note = ReportFixtures.finding(DROP, 1, "prefer-text-field", Severity.NOTE, "n");
        Document doc = parse(JUnitXmlReport.render(ReportFixtures.withFindings(List.of(warning, note))));
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
        List<Element> cases = testCases(doc);
        assertEquals("prefer-robust-stmts", child(cases.get(0), "failure").getAttribute("type"));
        assertEquals(null, child(cases.get(1), "failure"));
    }

    @Test
    void writesUtf8File(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("TEST-x.xml");
        JUnitXmlReport.write(ReportFixtures.report(), file);
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        Node suite = parse(xml).getDocumentElement();
        assertEquals("3", ((Element) suite).getAttribute("tests"));
    }
}
