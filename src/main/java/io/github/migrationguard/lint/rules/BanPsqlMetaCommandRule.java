package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.Rule;
import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.lint.RuleInfo;
import io.github.migrationguard.sql.analysis.AnalyzedStatement;
import io.github.migrationguard.sql.SqlStatement;
import java.util.Locale;
import java.util.Set;

/**
 * Fail-closed: psql backslash commands are not SQL. Flyway and JDBC cannot run them, and under psql they can include
 * other files, run query output as SQL or start shell commands, none of which this file shows.
 */
@RuleInfo(id = BanPsqlMetaCommandRule.ID,
        summary = "psql backslash commands are not SQL: migration tools cannot run them and they hide what runs.",
        category = "fail-closed",
        safeAlternative = "Write plain SQL statements; use Flyway placeholders instead of \\set and separate"
                + " migrations instead of \\i.")
public final class BanPsqlMetaCommandRule implements Rule {

    static final String ID = "ban-psql-meta-command";

    private static final Set<String> INCLUDES = Set.of("\\i", "\\ir", "\\include", "\\include_relative");
    private static final Set<String> EXECUTES = Set.of("\\gexec", "\\g", "\\gset", "\\watch", "\\crosstabview");
    private static final Set<String> SHELL = Set.of("\\!", "\\o", "\\out", "\\copy", "\\w", "\\write", "\\setenv");
    private static final Set<String> SESSION = Set.of("\\c", "\\connect", "\\set", "\\unset");

    @Override
    public void check(RuleContext context) {
        for (AnalyzedStatement analyzed : context.statements()) {
            SqlStatement s = analyzed.statement();
            if (s.metaCommand()) {
                String command = command(s.text());
                context.report(s.start(), Messages.end(context, s.start(), s.end()),
                        "psql meta-command " + command + " is not SQL: Flyway and JDBC send the file to the server,"
                                + " which rejects it" + risk(command) + ".",
                        fix(command));
            }
        }
    }

    /** The backslash word, e.g. {@code \i}; a command glued to its argument ({@code \ifoo}) stays whole. */
    static String command(String text) {
        String t = text.strip();
        int end = 1;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && t.charAt(end) != '\\') {
            end++;
        }
        if (end == 1 && t.length() > 1 && t.charAt(1) == '\\') {
            end = 2; // \\ is psql's separator between meta-commands
        }
        return t.substring(0, Math.min(end, t.length()));
    }

    private static String risk(String command) {
        String c = command.toLowerCase(Locale.ROOT);
        if (INCLUDES.contains(c)) {
            return "; under psql it runs another file whose SQL migration-guard never sees";
        }
        if (EXECUTES.contains(c)) {
            return "; under psql it runs the preceding query (or its output) in a way this file does not show";
        }
        if (SHELL.contains(c)) {
            return "; under psql it reads or writes files or runs a shell command";
        }
        if (SESSION.contains(c)) {
            return "; under psql it changes the connection or variables that later statements depend on";
        }
        return "";
    }

    private static String fix(String command) {
        String c = command.toLowerCase(Locale.ROOT);
        if (INCLUDES.contains(c)) {
            return "Put the included SQL into its own migration file (or paste it here) so it is versioned and"
                    + " checked.";
        }
        if (c.equals("\\set") || c.equals("\\unset")) {
            return "Use a Flyway placeholder (${name}, configured in the build) instead of a psql variable.";
        }
        if (EXECUTES.contains(c)) {
            return "Write out the statements the query would generate, literally, one per line.";
        }
        return "Remove the psql command and write plain SQL that a migration tool can run over JDBC.";
    }
}
