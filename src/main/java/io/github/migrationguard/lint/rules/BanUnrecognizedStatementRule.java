package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.Rule;
import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.lint.RuleInfo;
import io.github.migrationguard.sql.analysis.OperationType;

/** Fail-closed: a statement that could not be parsed or classified is never treated as safe. */
@RuleInfo(id = BanUnrecognizedStatementRule.ID,
        summary = "A statement migration-guard cannot parse or classify is never assumed to be safe.",
        category = "fail-closed",
        safeAlternative = "Fix the syntax, or rewrite the statement in plain PostgreSQL; if it is correct and safe,"
                + " acknowledge it with -- migration-guard:allow ban-unrecognized-statement reason=\"...\".")
public final class BanUnrecognizedStatementRule implements Rule {

    static final String ID = "ban-unrecognized-statement";

    @Override
    public void check(RuleContext context) {
        Messages.forEach(context, OperationType.UNRECOGNIZED, (statement, op) -> {
            String detail = Messages.detail(op, statement.kind());
            StringBuilder message = new StringBuilder("Statement not recognised, so it cannot be called safe: ")
                    .append(detail);
            String parser = statement.parseError();
            if (parser != null && !parser.isBlank()) {
                String first = Messages.oneLine(parser.lines().findFirst().orElse(parser));
                if (!detail.contains(first)) {
                    message.append(" (parser: ").append(first).append(')');
                }
            }
            context.report(op.start(), Messages.end(context, op.start(), op.end()),
                    Messages.sentence(message.toString()));
        });
    }
}
