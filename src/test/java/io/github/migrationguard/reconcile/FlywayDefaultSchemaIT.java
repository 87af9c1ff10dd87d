package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.drift.DriftReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flyway configured with {@code schemas=inventory}: it creates the schema, keeps its history there and runs every
 * migration with that schema first in the search path, so unqualified names land in it. detect-drift must expect
 * them there (by replay and by shadow), and reconcile must repair the history in that schema.
 */
class FlywayDefaultSchemaIT extends ReconcileScenarioBaseIT {

    @Override
    protected FluentConfiguration flyway() {
        return super.flyway().schemas("inventory");
    }

    @BeforeEach
    void inventory() throws Exception {
        prepare("broken-reference", "defaultschematest");
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(migrations.resolve("V1__items.sql"), """
                create table items (id bigserial primary key, sku text not null unique, name text);
                create table stock (item_id bigint not null references items (id), quantity integer not null);
                """, StandardCharsets.UTF_8);
        Files.writeString(migrations.resolve("V2__stock_index.sql"),
                "create index stock_item_idx on stock (item_id);\n", StandardCharsets.UTF_8);
        migrate();
        db.execute("insert into inventory.items (sku, name) values ('TEA-01', 'Green tea')");
    }

    @Test
    void unqualifiedObjectsAreExpectedInFlywaysDefaultSchema() throws Exception {
        DriftReport replayed = detect();
        assertEquals("inventory.flyway_schema_history", replayed.historyTable());
        assertFindings(replayed);

        DriftReport shadow = detect(settings(testServerAsShadow()));
        assertEquals("shadow", shadow.expectedSource());
        assertFindings(shadow);
    }

    @Test
    void emptiedHistoryInTheDefaultSchemaIsRepaired() throws Exception {
        db.execute("DELETE FROM inventory.flyway_schema_history");

        ReconcilePlan plan = plan();
        assertEquals(List.of("MARK_APPLIED 1", "MARK_APPLIED 2"), actions(plan));
        assertTrue(plan.actions().get(0).evidence().contains("table inventory.items is present"),
                plan.actions().get(0).evidence().toString());
        apply(plan);

        ValidateResult validate = flywayValidate();
        assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages());
        assertEquals(0, flywayMigrate().migrationsExecuted);
        assertTrue(tableExists("inventory.migration_guard_audit"), "the audit table sits beside the history");
        assertIdempotent();
    }
}
