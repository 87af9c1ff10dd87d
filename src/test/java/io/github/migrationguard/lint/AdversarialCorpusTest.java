package io.github.migrationguard.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Destructive statements disguised by case, comments, quoting, nesting and dynamic SQL must be caught, and harmless
 * statements that merely contain scary words must pass: each case is linted as a whole migration file.
 */
class AdversarialCorpusTest {

    private static final Linter LINTER = new Linter(LintSettings.defaults());

    record Case(String expect, String sql) {
        @Override
        public String toString() {
            String first = sql.strip().lines().findFirst().orElse("");
            return expect + " <- " + (first.length() > 70 ? first.substring(0, 70) + "..." : first);
        }
    }

    static Stream<Case> cases() throws IOException {
        String all;
        try (InputStream in = AdversarialCorpusTest.class.getResourceAsStream(
                "/adversarial/destructive-and-harmless.sql")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        String[] parts = all.split("(?m)^#### ");
        for (int i = 1; i < parts.length; i++) {
            int nl = parts[i].indexOf('\n');
            cases.add(new Case(parts[i].substring(0, nl).trim().replace("expect=", ""), parts[i].substring(nl + 1)));
        }
        assertTrue(cases.size() > 100, "corpus should hold more than 100 cases, found " + cases.size());
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findingsAreExactlyTheExpectedRules(Case c) {
        List<Finding> findings = LINTER.lintSource("db/migration/V1__case_safe.sql",
                c.sql().getBytes(StandardCharsets.UTF_8)).findings();
        Set<String> got = findings.stream().filter(f -> !f.acknowledged()).map(Finding::ruleId)
                .collect(Collectors.toCollection(TreeSet::new));
        String detail = findings.stream().map(f -> f.line() + ":" + f.column() + " " + f.ruleId() + " " + f.message())
                .collect(Collectors.joining("\n"));
        if (c.expect().equals("any")) {
            assertFalse(got.isEmpty(), "expected at least one finding for\n" + c.sql());
        } else {
            Set<String> expected = c.expect().equals("none") ? Set.of()
                    : new TreeSet<>(Arrays.asList(c.expect().split(",")));
            assertEquals(expected, got, c.sql() + "\n" + detail);
        }
    }
}
