package io.github.migrationguard.schema.replay;

import java.util.List;

/**
 * What one migration does to the schema, as far as replay understood it.
 *
 * @param script      the migration (ReplayInput.script)
 * @param creates     objects it creates (tables, columns added by ALTER TABLE, indexes, constraints, ...)
 * @param drops       objects it drops or renames away
 * @param references  objects it needs to exist already (ALTER TABLE targets, foreign-key targets and their columns,
 *                    CREATE INDEX tables and columns, ...)
 * @param notReplayed statements replay did not understand (text excerpt with line), so evidence from this migration is
 *                    incomplete
 */
public record MigrationEffects(String script, List<ObjectRef> creates, List<ObjectRef> drops,
                               List<ObjectRef> references, List<String> notReplayed) {
}
