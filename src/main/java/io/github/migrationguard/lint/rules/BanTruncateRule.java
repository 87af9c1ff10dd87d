package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.Rule;
import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.lint.RuleInfo;
import io.github.migrationguard.sql.analysis.OperationType;

/** Flags every TRUNCATE, wherever it appears. */
@RuleInfo(id = BanTruncateRule.ID,
        summary = "TRUNCATE empties whole tables at once, with no WHERE clause and no row-level triggers.",
        category = "destructive",
        safeAlternative = "Copy the rows aside or do the cleanup in a reviewed script outside the migrations, or"
                + " acknowledge it with -- migration-guard:allow ban-truncate reason=\"...\".")
public final class BanTruncateRule implements Rule {

    static final String ID = "ban-truncate";

    @Override
    public void check(RuleContext context) {
        Messages.forEach(context, OperationType.TRUNCATE, (statement, op) -> context.report(op.start(),
                Messages.end(context, op.start(), op.end()),
                Messages.detail(op, "TRUNCATE") + " empties the whole table (and with CASCADE every table that"
                        + " references it) on every database this migration runs on.",
                "Keep the rows: copy them to a backup table first (CREATE TABLE ..._backup_<yyyymmdd> AS TABLE ...)"
                        + " or do the cleanup in a reviewed script outside the migrations; if emptying the table is"
                        + " intended, acknowledge it with " + Messages.acknowledge(ID) + "."));
    }
}
