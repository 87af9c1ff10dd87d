package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.drift.DriftSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;

/**
 * {@code ${flyway:table}} in a repeatable migration, with a custom history table that was dropped: the value is the
 * configured table name, as Flyway had it, so the rebuilt row carries Flyway's checksum.
 */
class FlywayTablePlaceholderIT extends ReconcileScenarioBaseIT {

    @Override
    protected FluentConfiguration flyway() {
        return super.flyway().table("schema_history");
    }

    @Override
    protected DriftSettings settings() {
        DriftSettings s = super.settings();
        return new DriftSettings(s.baseDir(), s.locations(), s.includes(), s.excludes(), s.placeholders(),
                s.schemas(), "public.schema_history", s.ignore(), s.shadow(), s.flyway());
    }

    @Test
    void aDroppedCustomHistoryIsRebuiltWithTheChecksumsFlywayComputed() throws Exception {
        prepare("broken-reference", "tableplaceholdertest");
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(migrations.resolve("V1__notes.sql"), "create table notes (id bigint primary key);\n",
                StandardCharsets.UTF_8);
        Files.writeString(migrations.resolve("R__history_note.sql"),
                "create or replace view history_note as select 'history kept in ${flyway:table}'::text as note;\n",
                StandardCharsets.UTF_8);
        migrate();
        shadow = true; // the view's query is compared
        db.execute("DROP TABLE public.schema_history");

        ReconcilePlan plan = plan();
        assertEquals(List.of("MARK_APPLIED 1", "MARK_APPLIED history note"), actions(plan),
                plan.manual().toString());
        apply(plan);

        ValidateResult validate = flywayValidate();
        assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages());
        assertEquals(0, flywayMigrate().migrationsExecuted, "the repeatable is not run again");
    }
}
