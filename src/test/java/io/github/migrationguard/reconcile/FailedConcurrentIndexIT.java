package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;

/**
 * A failed row written by real Flyway: a {@code CREATE UNIQUE INDEX CONCURRENTLY} migration runs outside a
 * transaction, fails on duplicate rows, and leaves both a {@code success = false} row and an invalid index. reconcile
 * removes the row and says what must happen before the migration can run again; after that, Flyway runs it.
 */
class FailedConcurrentIndexIT extends ReconcileScenarioBaseIT {

    @Override
    protected FluentConfiguration flyway() {
        return super.flyway().configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }

    @Test
    void failedRowAndInvalidIndexLeftByFlywayAreRepairedInTheOrderThePlanGives() throws Exception {
        prepareShop();
        migrate();
        seed();
        db.execute("insert into users (email, display_name, is_active) values ('x@example.com', 'Ada L.', true)");
        Files.writeString(migrations.resolve("V11__unique_display_names.sql"),
                "create unique index concurrently users_display_name_uidx on users (display_name);\n",
                StandardCharsets.UTF_8);
        assertThrows(FlywayException.class, this::flywayMigrate, "duplicate display names");
        assertEquals(1, count("select count(*) from public.flyway_schema_history where version = '11'"
                + " and not success"), "Flyway recorded the failed run");

        DriftReport report = detect();
        assertFindings(report, finding(DriftKind.FAILED, "11", null),
                finding(DriftKind.INVALID_INDEX, "11", "index public.users_display_name_uidx"));
        assertTrue(report.findings().get(1).detail().endsWith("V11__unique_display_names.sql creates it, and its run"
                + " did not finish"), report.findings().get(1).detail());

        ReconcilePlan plan = plan();
        assertEquals(List.of("REMOVE_FAILED 11"), actions(plan));
        PlannedAction action = plan.actions().get(0);
        assertTrue(action.evidence().contains("index public.users_display_name_uidx exists but is invalid: the failed"
                + " run left it behind, unusable (see Needs a person)"), action.evidence().toString());
        assertTrue(action.note().startsWith("before flyway migrate runs it again: fix what made it fail"),
                action.note());
        assertEquals(List.of("INVALID_INDEX"), plan.manual().stream().map(ManualStep::kind).toList());
        apply(plan);

        // what the note says, then Flyway
        db.execute("update users set display_name = 'Ada Lovelace' where email = 'x@example.com'");
        db.execute("drop index concurrently public.users_display_name_uidx");
        assertEquals(1, flywayMigrate().migrationsExecuted);
        ValidateResult validate = flywayValidate();
        assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages());
        assertFindings(detect());
    }
}
