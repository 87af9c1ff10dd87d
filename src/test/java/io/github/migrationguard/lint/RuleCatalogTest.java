package io.github.migrationguard.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Adding a rule means one class, one services line, one test class and one docs page; this test fails when any of
 * them is missing, and keeps the docs index in step with the rules and engine diagnostics.
 */
class RuleCatalogTest {

    private static final String RULES_PACKAGE = "io.github.migrationguard.lint.rules";
    private static final Path DOCS = Path.of("docs", "rules");
    private static final Path SERVICES = Path.of("src", "main", "resources", "META-INF", "services",
            Rule.class.getName());

    private final RuleRegistry registry = RuleRegistry.load(RuleCatalogTest.class.getClassLoader());

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void everyRuleAndEngineDiagnosticHasADocsPageTitledWithItsId() throws IOException {
        List<String> problems = new ArrayList<>();
        for (RuleDescriptor d : registry.descriptors()) {
            Path page = DOCS.resolve(d.id() + ".md");
            if (!Files.isRegularFile(page)) {
                problems.add("missing " + page);
                continue;
            }
            String text = read(page);
            if (!text.startsWith("# " + d.id() + "\n")) {
                problems.add(page + " does not start with '# " + d.id() + "'");
            }
            if (!text.contains(d.severity().sarifLevel())) {
                problems.add(page + " does not state the severity " + d.severity().sarifLevel());
            }
            boolean engine = d.category().equals("engine");
            if (engine && !text.contains("cannot be acknowledged")) {
                problems.add(page + " does not say that an engine diagnostic cannot be acknowledged");
            }
            if (!engine && !text.contains("-- migration-guard:allow " + d.id() + " reason=\"")
                    && !text.contains("-- migration-guard:allow-file " + d.id() + " reason=\"")) {
                problems.add(page + " does not show how to acknowledge the rule");
            }
            if (!text.contains("```sql")) {
                problems.add(page + " has no SQL example");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDocsPageBelongsToAKnownId() throws IOException {
        Set<String> ids = registry.descriptors().stream().map(RuleDescriptor::id).collect(Collectors.toSet());
        try (Stream<Path> pages = Files.list(DOCS)) {
            List<String> orphans = pages.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md") && !n.equals("README.md"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .filter(id -> !ids.contains(id))
                    .sorted()
                    .toList();
            assertEquals(List.of(), orphans, "docs pages without a rule or engine diagnostic");
        }
    }

    @Test
    void theIndexListsEveryIdWithSeverityAndSummary() throws IOException {
        String index = read(DOCS.resolve("README.md"));
        List<String> problems = new ArrayList<>();
        for (RuleDescriptor d : registry.descriptors()) {
            String row = index.lines().filter(l -> l.startsWith("| [" + d.id() + "](" + d.id() + ".md) |"))
                    .findFirst().orElse(null);
            if (row == null) {
                problems.add("no index row for " + d.id());
            } else if (!row.contains("| " + d.severity().sarifLevel() + " |") || !row.contains(d.summary())) {
                problems.add("index row for " + d.id() + " does not show its severity and summary: " + row);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRuleHasATestClass() {
        List<String> missing = new ArrayList<>();
        for (Rule rule : registry.rules()) {
            String test = RULES_PACKAGE + "." + rule.getClass().getSimpleName() + "Test";
            try {
                Class.forName(test, false, RuleCatalogTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(test);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyServicesLineIsAnAnnotatedRule() throws IOException {
        List<String> lines = serviceLines();
        assertTrue(lines.size() >= 9, "services file lists " + lines);
        List<String> problems = new ArrayList<>();
        for (String name : lines) {
            try {
                Class<?> c = Class.forName(name, false, RuleCatalogTest.class.getClassLoader());
                if (!Rule.class.isAssignableFrom(c)) {
                    problems.add(name + " does not implement Rule");
                } else if (c.getAnnotation(RuleInfo.class) == null) {
                    problems.add(name + " has no @RuleInfo");
                }
            } catch (ClassNotFoundException e) {
                problems.add(name + " does not exist");
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(new TreeSet<>(lines).size(), lines.size(), "duplicate services lines: " + lines);
    }

    @Test
    void everyRuleClassInTheRulesPackageIsRegistered() throws IOException, URISyntaxException {
        // the main classes only: the test classes have a rules package too
        URL classes = Rule.class.getProtectionDomain().getCodeSource().getLocation();
        Path dir = Path.of(classes.toURI()).resolve(RULES_PACKAGE.replace('.', '/'));
        assertTrue(Files.isDirectory(dir), "rules package not found in " + classes);
        Set<String> registered = new TreeSet<>(serviceLines());
        Set<String> unregistered = new TreeSet<>();
        int rules = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class") || file.contains("$")) {
                    continue;
                }
                String name = RULES_PACKAGE + "." + file.substring(0, file.length() - ".class".length());
                Class<?> c;
                try {
                    c = Class.forName(name, false, Rule.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    fail("cannot load " + name);
                    return;
                }
                if (Rule.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                    rules++;
                    if (!registered.contains(name)) {
                        unregistered.add(name);
                    }
                }
            }
        }
        assertEquals(Set.of(), unregistered, "rule classes missing from " + SERVICES);
        assertEquals(registered.size(), rules, "services lines vs rule classes in " + RULES_PACKAGE);
    }

    private static List<String> serviceLines() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : read(SERVICES).lines().toList()) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
