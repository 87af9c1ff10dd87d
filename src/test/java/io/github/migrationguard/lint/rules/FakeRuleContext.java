package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.lint.Rule;
import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.lint.RuleInfo;
import io.github.migrationguard.sql.LexProblem;
import io.github.migrationguard.sql.SourceText;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.analysis.AnalyzedStatement;
import io.github.migrationguard.sql.analysis.Operation;
import io.github.migrationguard.sql.analysis.OperationType;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-built {@link RuleContext} for testing one rule on its own: statements, operations and lexer problems are
 * given explicitly, so the test does not depend on how the splitter or the analysis find them.
 */
final class FakeRuleContext implements RuleContext {

    /** One {@code report} call. */
    record Reported(int start, int end, String message, String safeAlternative) {
    }

    private final String path;
    private final SourceText source;
    private final LintSettings settings;
    private final List<AnalyzedStatement> statements = new ArrayList<>();
    private final List<LexProblem> problems = new ArrayList<>();
    private final List<Reported> reports = new ArrayList<>();
    private String defaultAlternative = "";

    private FakeRuleContext(String path, String text, LintSettings settings) {
        this.path = path;
        this.source = SourceText.of(text);
        this.settings = settings;
    }

    static FakeRuleContext of(String text) {
        return new FakeRuleContext("src/main/resources/db/migration/V1__test_safe.sql", text, LintSettings.defaults());
    }

    static FakeRuleContext file(String path, LintSettings settings) {
        return new FakeRuleContext(path, "SELECT 1;\n", settings);
    }

    /** Adds the whole text as one statement with one operation starting at the first occurrence of {@code at}. */
    FakeRuleContext operation(OperationType type, String at, String detail) {
        String text = source.text();
        int start = text.indexOf(at);
        if (start < 0) {
            throw new IllegalArgumentException(at + " not in " + text);
        }
        SqlStatement st = new SqlStatement(0, text.length(), text, List.of(), false);
        statements.add(new AnalyzedStatement(st, "TEST", false, "Encountered unexpected token: \"frob\"\nWas expecting"
                + " one of: ...", List.of(new Operation(type, start, start + at.length(), detail))));
        return this;
    }

    /** Adds a statement {@code [start, end)} of the text, flagged as a psql meta-command or not. */
    FakeRuleContext statement(int start, int end, boolean meta) {
        SqlStatement st = new SqlStatement(start, end, source.text().substring(start, end), List.of(), meta);
        statements.add(new AnalyzedStatement(st, meta ? "META" : "SELECT", !meta, null, List.of()));
        return this;
    }

    FakeRuleContext problem(LexProblem.Kind kind, int start, String detail) {
        problems.add(new LexProblem(kind, start, source.length(), detail));
        return this;
    }

    /** Runs {@code rule} and returns what it reported. */
    List<Reported> run(Rule rule) {
        RuleInfo info = rule.getClass().getAnnotation(RuleInfo.class);
        defaultAlternative = info.safeAlternative();
        rule.check(this);
        return List.copyOf(reports);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public SourceText source() {
        return source;
    }

    @Override
    public List<AnalyzedStatement> statements() {
        return statements;
    }

    @Override
    public List<LexProblem> lexProblems() {
        return problems;
    }

    @Override
    public LintSettings settings() {
        return settings;
    }

    @Override
    public void report(int start, int end, String message) {
        report(start, end, message, defaultAlternative);
    }

    @Override
    public void report(int start, int end, String message, String safeAlternative) {
        reports.add(new Reported(start, end, message, safeAlternative));
    }
}
