package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.Rule;
import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.lint.RuleInfo;
import io.github.migrationguard.sql.analysis.OperationType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Flags every DROP: of tables, columns, constraints, indexes, schemas and any other object. */
@RuleInfo(id = BanDropRule.ID,
        summary = "DROP destroys objects and their data; code still deployed may depend on them.",
        category = "destructive",
        safeAlternative = "Stop using the object in application code first and deploy that; then drop it in a"
                + " separate, reviewed migration acknowledged with -- migration-guard:allow ban-drop reason=\"...\".")
public final class BanDropRule implements Rule {

    static final String ID = "ban-drop";

    private static final Pattern DROP_TABLE = Pattern.compile(
            "\\bDROP\\s+(?:FOREIGN\\s+)?TABLE\\s+(?:IF\\s+EXISTS\\s+)?([^\\s,;()]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "\\bDROP\\s+COLUMN\\b|\\bALTER\\s+(?:FOREIGN\\s+)?TABLE\\b.*\\bDROP\\s+"
                    + "(?!CONSTRAINT\\b|DEFAULT\\b|NOT\\b|IDENTITY\\b|EXPRESSION\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_CONSTRAINT = Pattern.compile("\\bDROP\\s+CONSTRAINT\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_INDEX = Pattern.compile("\\bDROP\\s+INDEX\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public void check(RuleContext context) {
        Messages.forEach(context, OperationType.DROP, (statement, op) -> {
            String what = Messages.detail(op, "DROP");
            context.report(op.start(), Messages.end(context, op.start(), op.end()),
                    what + " removes an object and everything stored in it; application code that is still deployed"
                            + " may depend on it, and the data comes back only from a backup.",
                    safeAlternative(what));
        });
    }

    /** The safe way to get rid of what {@code detail} drops. */
    static String safeAlternative(String detail) {
        Matcher table = DROP_TABLE.matcher(detail);
        if (table.find()) {
            String name = table.group(1);
            return "Rename the table aside instead (ALTER TABLE " + name + " RENAME TO "
                    + unqualified(name) + "_deprecated_<yyyymmdd>), deploy, and drop the renamed table later in a"
                    + " separate reviewed migration acknowledged with " + Messages.acknowledge(ID) + ".";
        }
        if (DROP_CONSTRAINT.matcher(detail).find()) {
            return "Make sure no code relies on the constraint, then drop it in its own reviewed migration"
                    + " acknowledged with " + Messages.acknowledge(ID) + ".";
        }
        if (DROP_INDEX.matcher(detail).find()) {
            return "Check that no query plan still uses the index, then drop it with DROP INDEX CONCURRENTLY in its"
                    + " own reviewed migration acknowledged with " + Messages.acknowledge(ID) + ".";
        }
        if (DROP_COLUMN.matcher(detail).find()) {
            return "Stop reading and writing the column in application code first and deploy that; then drop it in a"
                    + " separate reviewed migration acknowledged with " + Messages.acknowledge(ID) + ".";
        }
        return "Stop using the object in application code first and deploy that; then drop it in a separate reviewed"
                + " migration acknowledged with " + Messages.acknowledge(ID) + ".";
    }

    private static String unqualified(String name) {
        String n = name.replace("\"", "");
        int dot = n.lastIndexOf('.');
        return (dot >= 0 ? n.substring(dot + 1) : n).toLowerCase(Locale.ROOT);
    }
}
