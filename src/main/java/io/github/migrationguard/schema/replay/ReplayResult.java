package io.github.migrationguard.schema.replay;

import io.github.migrationguard.schema.SchemaModel;
import java.util.List;

/**
 * The expected schema after all migrations, and what each migration did.
 *
 * @param expected the schema the migrations build, in the same model the catalog reader produces
 * @param effects  one entry per input, in order
 */
public record ReplayResult(SchemaModel expected, List<MigrationEffects> effects) {
}
