package io.github.migrationguard.lint;

import io.github.migrationguard.sql.LexProblem;
import io.github.migrationguard.sql.SourceText;
import io.github.migrationguard.sql.analysis.AnalyzedStatement;
import java.util.List;

/** What a rule sees of one migration file, and where it reports. */
public interface RuleContext {

    /** Path relative to the project base directory, with {@code /} separators. */
    String path();

    /** File name only, e.g. {@code V3__add_users_safe.sql}. */
    String fileName();

    /** Analysed text (placeholders already replaced); offsets of tokens and operations refer to it. */
    SourceText source();

    List<AnalyzedStatement> statements();

    /** Unterminated strings/comments and invalid chars found while splitting. */
    List<LexProblem> lexProblems();

    LintSettings settings();

    /** Reports a finding of the calling rule over {@code [start, end)} with the rule's default safe alternative. */
    void report(int start, int end, String message);

    /** Reports a finding with a specific safe alternative. */
    void report(int start, int end, String message, String safeAlternative);
}
