package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.Rule;
import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.lint.RuleInfo;
import io.github.migrationguard.sql.analysis.OperationType;

/** Flags SQL that is built or run at execution time, which no reviewer or linter can read in the file. */
@RuleInfo(id = BanDynamicSqlRule.ID,
        summary = "SQL built at run time (EXECUTE, format(), unreadable function bodies) cannot be checked.",
        category = "dynamic-sql",
        safeAlternative = "Write the statements out literally in the migration so they can be reviewed and checked.")
public final class BanDynamicSqlRule implements Rule {

    static final String ID = "ban-dynamic-sql";

    @Override
    public void check(RuleContext context) {
        Messages.forEach(context, OperationType.DYNAMIC_SQL, (statement, op) -> context.report(op.start(),
                Messages.end(context, op.start(), op.end()),
                Messages.detail(op, "dynamic SQL") + ": the SQL it runs exists only at run time, so neither a"
                        + " reviewer nor migration-guard can see whether it drops or deletes anything.",
                "Write the statements out literally in the migration (one statement per object instead of a loop"
                        + " over EXECUTE); if the dynamic SQL is unavoidable, acknowledge it with "
                        + Messages.acknowledge(ID) + " and say what it runs."));
    }
}
