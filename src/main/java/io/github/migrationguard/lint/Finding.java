package io.github.migrationguard.lint;

/**
 * One reported problem, ready to render.
 *
 * @param file            path relative to the project base directory, {@code /} separators
 * @param line            1-based line in the original file
 * @param column          1-based column (UTF-16 chars)
 * @param endLine         1-based line of the end of the span
 * @param endColumn       1-based column just past the span
 * @param ruleId          stable rule id
 * @param severity        effective severity after configuration
 * @param message         what is wrong
 * @param safeAlternative what to do instead
 * @param docsUrl         where the rule is explained
 * @param acknowledged    true when an inline acknowledgement with a reason covers it
 * @param reason          the acknowledgement's reason, or null
 */
public record Finding(String file, int line, int column, int endLine, int endColumn, String ruleId,
                      Severity severity, String message, String safeAlternative, String docsUrl,
                      boolean acknowledged, String reason) {

    public Finding acknowledge(String why) {
        return new Finding(file, line, column, endLine, endColumn, ruleId, severity, message, safeAlternative,
                docsUrl, true, why);
    }
}
