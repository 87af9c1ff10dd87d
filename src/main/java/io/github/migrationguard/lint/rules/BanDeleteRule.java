package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.Rule;
import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.lint.RuleInfo;
import io.github.migrationguard.sql.analysis.OperationType;

/** Flags every DELETE: plain, in a CTE, in a rule action, in MERGE, in a function or DO body. */
@RuleInfo(id = BanDeleteRule.ID,
        summary = "DELETE in a migration removes rows on every database the migration reaches, without review.",
        category = "destructive",
        safeAlternative = "Do data fixes in a reviewed script outside the migrations, or acknowledge the DELETE with"
                + " -- migration-guard:allow ban-delete reason=\"...\".")
public final class BanDeleteRule implements Rule {

    static final String ID = "ban-delete";

    @Override
    public void check(RuleContext context) {
        Messages.forEach(context, OperationType.DELETE, (statement, op) -> context.report(op.start(),
                Messages.end(context, op.start(), op.end()),
                Messages.detail(op, "DELETE") + " removes rows on every database this migration runs on;"
                        + " deleted data comes back only from a backup.",
                "Do the data fix in a reviewed script run outside the migrations, or acknowledge this statement with "
                        + Messages.acknowledge(ID) + " once a reviewer agreed the rows may go."));
    }
}
