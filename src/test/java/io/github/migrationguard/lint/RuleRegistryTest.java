package io.github.migrationguard.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;

public class RuleRegistryTest {

    // ---- test-only rules; public so that ServiceLoader can create them from the fixture services files ----

    @RuleInfo(id = "prefer-test-rule", summary = "A test rule.", category = "test", safeAlternative = "Nothing.",
            severity = Severity.NOTE, docs = "https://example.org/prefer-test-rule")
    public static final class GoodRule implements Rule {
        @Override
        public void check(RuleContext context) {
        }
    }

    @RuleInfo(id = "drop-everything", summary = "Bad id.", category = "test", safeAlternative = "Nothing.")
    public static final class NoFamilyPrefixRule implements Rule {
        @Override
        public void check(RuleContext context) {
        }
    }

    @RuleInfo(id = "ban-Drop", summary = "Bad id.", category = "test", safeAlternative = "Nothing.")
    public static final class UpperCaseIdRule implements Rule {
        @Override
        public void check(RuleContext context) {
        }
    }

    @RuleInfo(id = "ban--drop", summary = "Bad id.", category = "test", safeAlternative = "Nothing.")
    public static final class DoubleHyphenRule implements Rule {
        @Override
        public void check(RuleContext context) {
        }
    }

    public static final class NoAnnotationRule implements Rule {
        @Override
        public void check(RuleContext context) {
        }
    }

    @RuleInfo(id = "ban-blank-summary", summary = " ", category = "test", safeAlternative = "Nothing.")
    public static final class BlankSummaryRule implements Rule {
        @Override
        public void check(RuleContext context) {
        }
    }

    @RuleInfo(id = "ban-blank-alternative", summary = "Blank alternative.", category = "test", safeAlternative = "")
    public static final class BlankAlternativeRule implements Rule {
        @Override
        public void check(RuleContext context) {
        }
    }

    @RuleInfo(id = "ban-unused-acknowledgement", summary = "Clash.", category = "test", safeAlternative = "Nothing.")
    public static final class EngineIdRule implements Rule {
        @Override
        public void check(RuleContext context) {
        }
    }

    @RuleInfo(id = "prefer-test-rule", summary = "Same id again.", category = "test", safeAlternative = "Nothing.")
    public static final class DuplicateIdRule implements Rule {
        @Override
        public void check(RuleContext context) {
        }
    }

    @RuleInfo(id = "ban-stateful", summary = "Keeps state.", category = "test", safeAlternative = "Nothing.")
    public static final class MutableFieldRule implements Rule {
        private int calls;

        @Override
        public void check(RuleContext context) {
            calls++;
        }
    }

    // ---- the real registry ----

    private final RuleRegistry registry = RuleRegistry.load(RuleRegistryTest.class.getClassLoader());

    @Test
    void loadsTheBuiltInRulesOrderedById() {
        List<String> ids = new ArrayList<>();
        for (Rule rule : registry.rules()) {
            ids.add(registry.info(rule).id());
        }
        assertTrue(ids.containsAll(List.of("ban-delete", "ban-drop", "ban-dynamic-sql", "ban-psql-meta-command",
                "ban-truncate", "ban-unrecognized-statement", "ban-unterminated-sql", "ban-update-without-where",
                "require-safe-filename")), ids.toString());
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(sorted, ids);
    }

    @Test
    void descriptorsCoverRulesAndEngineDiagnosticsSortedById() {
        List<String> ids = registry.descriptors().stream().map(RuleDescriptor::id).toList();
        for (EngineDiagnostic d : EngineDiagnostic.values()) {
            assertTrue(ids.contains(d.id()), d.id());
        }
        assertEquals(registry.rules().size() + EngineDiagnostic.values().length, ids.size());
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(sorted, ids);
    }

    @Test
    void descriptorCarriesTheAnnotationAndTheDefaultDocsUrl() {
        RuleDescriptor drop = registry.find("ban-drop").orElseThrow();
        assertEquals("destructive", drop.category());
        assertEquals(Severity.ERROR, drop.severity());
        assertEquals(RuleDescriptor.DOCS_BASE + "ban-drop.md", drop.docsUrl());
        Rule rule = registry.rules().stream().filter(r -> registry.info(r).id().equals("ban-drop")).findFirst()
                .orElseThrow();
        assertEquals(drop, registry.descriptor(rule));
        assertEquals("engine", registry.find("ban-unused-acknowledgement").orElseThrow().category());
        assertTrue(registry.find("ban-nothing").isEmpty());
        assertTrue(registry.find(null).isEmpty());
    }

    @Test
    void explicitDocsUrlAndSeverityAreKept() {
        GoodRule good = new GoodRule();
        RuleRegistry r = RuleRegistry.of(List.of(good));
        assertEquals(List.of(good), r.rules());
        assertSame(good.getClass().getAnnotation(RuleInfo.class), r.info(good));
        RuleDescriptor d = r.descriptor(good);
        assertEquals("https://example.org/prefer-test-rule", d.docsUrl());
        assertEquals(Severity.NOTE, d.severity());
        assertThrows(IllegalArgumentException.class, () -> r.info(new GoodRule()));
    }

    @Test
    void nearestSuggestsTheClosestKnownId() {
        assertEquals("ban-drop", registry.nearest("ban-dorp"));
        assertEquals("ban-delete", registry.nearest("BAN-DELET"));
        assertEquals("ban-unused-acknowledgement", registry.nearest("ban-unused-acknowledgment"));
        assertEquals("require-safe-filename", registry.nearest("require-safe-file-name"));
        assertNull(registry.nearest(""));
        assertNull(registry.nearest(null));
        assertNull(registry.nearest("no-such-thing-at-all"));
    }

    @Test
    void editDistanceCountsSingleEdits() {
        assertEquals(0, RuleRegistry.editDistance("ban-drop", "ban-drop"));
        assertEquals(2, RuleRegistry.editDistance("ban-dorp", "ban-drop"));
        assertEquals(1, RuleRegistry.editDistance("ban-drp", "ban-drop"));
        assertEquals(8, RuleRegistry.editDistance("", "ban-drop"));
    }

    // ---- validation ----

    private static String invalid(Rule... rules) {
        return assertThrows(IllegalStateException.class, () -> RuleRegistry.of(List.of(rules))).getMessage();
    }

    @Test
    void idsNeedAFamilyPrefixAndKebabCase() {
        String m = invalid(new NoFamilyPrefixRule());
        assertTrue(m.contains(NoFamilyPrefixRule.class.getName()), m);
        assertTrue(m.contains("'drop-everything'"), m);
        assertTrue(m.contains("'ban-', 'require-' or 'prefer-'"), m);
        assertTrue(invalid(new UpperCaseIdRule()).contains("'ban-Drop'"));
        assertTrue(invalid(new DoubleHyphenRule()).contains("'ban--drop'"));
    }

    @Test
    void annotationIsRequired() {
        String m = invalid(new NoAnnotationRule());
        assertTrue(m.contains(NoAnnotationRule.class.getName()), m);
        assertTrue(m.contains("@RuleInfo"), m);
    }

    @Test
    void summaryAndSafeAlternativeMustNotBeBlank() {
        String s = invalid(new BlankSummaryRule());
        assertTrue(s.contains(BlankSummaryRule.class.getName()) && s.contains("blank summary"), s);
        String a = invalid(new BlankAlternativeRule());
        assertTrue(a.contains(BlankAlternativeRule.class.getName()) && a.contains("blank safeAlternative"), a);
    }

    @Test
    void idsAreUniqueAndDoNotReuseEngineIds() {
        String dup = invalid(new GoodRule(), new DuplicateIdRule());
        assertTrue(dup.contains(GoodRule.class.getName()) && dup.contains(DuplicateIdRule.class.getName()), dup);
        assertTrue(dup.contains("'prefer-test-rule'"), dup);
        String engine = invalid(new EngineIdRule());
        assertTrue(engine.contains(EngineIdRule.class.getName()) && engine.contains("reserved"), engine);
    }

    @Test
    void rulesMustBeStateless() {
        String m = invalid(new MutableFieldRule());
        assertTrue(m.contains(MutableFieldRule.class.getName()) && m.contains("'calls'"), m);
    }

    // ---- through ServiceLoader, with services files that only a custom class loader sees ----

    /** A class loader whose services files come only from {@code rule-registry/<fixture>/} in the test resources. */
    private static ClassLoader fixture(String name) {
        URL dir = RuleRegistryTest.class.getClassLoader().getResource("rule-registry/" + name + "/");
        assertNotNull(dir, "missing test fixture rule-registry/" + name);
        return new URLClassLoader(new URL[] {dir}, RuleRegistryTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String resource) throws IOException {
                return findResources(resource);
            }
        };
    }

    @Test
    void aValidThirdPartyRuleLoads() {
        RuleRegistry r = RuleRegistry.load(fixture("good"));
        assertEquals(1, r.rules().size());
        assertEquals("prefer-test-rule", r.info(r.rules().get(0)).id());
    }

    @Test
    void loadingARuleWithAnInvalidIdFailsNamingTheClass() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RuleRegistry.load(fixture("bad-id")));
        assertTrue(e.getMessage().startsWith("Rule " + NoFamilyPrefixRule.class.getName() + " has the invalid id"
                + " 'drop-everything'"), e.getMessage());
    }

    @Test
    void loadingADuplicateIdFails() {
        String m = assertThrows(IllegalStateException.class, () -> RuleRegistry.load(fixture("duplicate-id")))
                .getMessage();
        assertTrue(m.contains("both use the id 'prefer-test-rule'"), m);
    }

    @Test
    void aServicesLineThatIsNotARuleFailsClearly() {
        String m = assertThrows(IllegalStateException.class, () -> RuleRegistry.load(fixture("not-a-rule")))
                .getMessage();
        assertTrue(m.contains(RuleRegistryTest.class.getName() + " not a subtype"), m);
        assertTrue(m.startsWith("Cannot load the rules registered in META-INF/services/"), m);
    }

    @Test
    void aMissingClassFailsClearly() {
        String m = assertThrows(IllegalStateException.class, () -> RuleRegistry.load(fixture("missing-class")))
                .getMessage();
        assertTrue(m.contains("com.example.NoSuchRule"), m);
    }
}
