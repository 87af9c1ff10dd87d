package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.Rule;
import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.lint.RuleInfo;
import io.github.migrationguard.sql.analysis.OperationType;
import java.util.Locale;

/** Flags an UPDATE that has no WHERE clause, i.e. rewrites every row of its table. */
@RuleInfo(id = BanUpdateWithoutWhereRule.ID,
        summary = "UPDATE without WHERE rewrites every row of the table in one long, locking transaction.",
        category = "destructive",
        safeAlternative = "Add a WHERE clause that names the rows to change, or update in batches of bounded size.")
public final class BanUpdateWithoutWhereRule implements Rule {

    static final String ID = "ban-update-without-where";

    @Override
    public void check(RuleContext context) {
        Messages.forEach(context, OperationType.UPDATE_WITHOUT_WHERE, (statement, op) -> context.report(op.start(),
                Messages.end(context, op.start(), op.end()),
                withoutWhere(Messages.detail(op, "UPDATE")) + ": it overwrites every row of the table, locks them"
                        + " all until the migration commits and loses the previous values.",
                "Add a WHERE clause that selects exactly the rows to change (e.g. WHERE status IS NULL), or update in"
                        + " batches (WHERE id BETWEEN ... AND ...) so each transaction stays short; if every row must"
                        + " change, acknowledge it with " + Messages.acknowledge(ID) + "."));
    }

    /** The detail, saying that the WHERE is missing unless it already does. */
    static String withoutWhere(String detail) {
        return detail.toUpperCase(Locale.ROOT).contains("WHERE") ? detail : detail + " has no WHERE clause";
    }
}
