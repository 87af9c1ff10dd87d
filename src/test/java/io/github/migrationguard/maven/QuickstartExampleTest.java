package io.github.migrationguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The bundled example must use the plugin version this build produces, or README's commands would not work. */
class QuickstartExampleTest {

    private static final Path EXAMPLE = Paths.get("examples/quickstart");

    @Test
    void examplePomUsesThisBuildsPluginVersion() throws Exception {
        Document project = parse(Paths.get("pom.xml"));
        Element root = project.getDocumentElement();
        String groupId = childText(root, "groupId");
        String artifactId = childText(root, "artifactId");
        String version = childText(root, "version");
        assertNotNull(version);

        Document example = parse(EXAMPLE.resolve("pom.xml"));
        NodeList plugins = example.getElementsByTagName("plugin");
        String exampleVersion = null;
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (groupId.equals(childText(plugin, "groupId")) && artifactId.equals(childText(plugin, "artifactId"))) {
                exampleVersion = childText(plugin, "version");
            }
        }
        assertEquals(version, exampleVersion, "examples/quickstart/pom.xml must use " + groupId + ":" + artifactId
                + ":" + version);
        // the test also runs with surefire's view of the version when present
        String fromBuild = System.getProperty("migrationGuard.pluginVersion");
        if (fromBuild != null && !fromBuild.isBlank()) {
            assertEquals(fromBuild, exampleVersion);
        }
    }

    @Test
    void exampleHasASafeAndAnUnsafeMigration() throws Exception {
        Path migrations = EXAMPLE.resolve("src/main/resources/db/migration");
        assertTrue(Files.isRegularFile(migrations.resolve("V1__create_users_safe.sql")));
        String v2 = Files.readString(migrations.resolve("V2__cleanup_safe.sql"));
        assertTrue(v2.contains("DROP TABLE legacy_sessions;"), v2);
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String childText(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && n.getNodeName().equals(name)) {
                return n.getTextContent().trim();
            }
        }
        return null;
    }
}
