package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.drift.DriftSettings;
import io.github.migrationguard.migration.FlywayOptions;
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
 * A project whose Flyway reads {@code .pgsql} files too, does not replace placeholders, and reads its files as
 * ISO-8859-1: detect-drift and reconcile read the files as Flyway does, so a rebuilt history has Flyway's own
 * checksums.
 */
class FlywayOptionsIT extends ReconcileScenarioBaseIT {

    private static final FlywayOptions OPTIONS = new FlywayOptions(List.of(".sql", ".pgsql"), false,
            StandardCharsets.ISO_8859_1);

    @Override
    protected FluentConfiguration flyway() {
        return super.flyway().sqlMigrationSuffixes(".sql", ".pgsql").placeholderReplacement(false)
                .encoding(StandardCharsets.ISO_8859_1);
    }

    @Override
    protected DriftSettings settings() {
        DriftSettings s = super.settings();
        return new DriftSettings(s.baseDir(), s.locations(), List.of(), s.excludes(), s.placeholders(), s.schemas(),
                s.historyTable(), s.ignore(), s.shadow(), OPTIONS);
    }

    @BeforeEach
    void files() throws Exception {
        prepare("broken-reference", "flywayoptionstest");
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.write(migrations.resolve("V1__customers.sql"), ("-- Kundenstamm für die Buchhaltung\n"
                + "create table customers (id bigint primary key, name text not null);\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.write(migrations.resolve("V2__templates.pgsql"), ("create table templates (id bigint primary key,"
                + " body text not null default 'Dear ${customer_name}, your order has shipped');\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.write(migrations.resolve("V3__orders.sql"), ("create table orders (id bigint primary key,"
                + " customer_id bigint references customers);\n").getBytes(StandardCharsets.ISO_8859_1));
        migrate();
        db.execute("insert into customers values (1, 'Müller')");
    }

    @Test
    void filesAreReadAsFlywayReadsThem() throws Exception {
        assertFindings(detect());

        db.execute("DELETE FROM public.flyway_schema_history");
        ReconcilePlan plan = plan();
        assertEquals(List.of("MARK_APPLIED 1", "MARK_APPLIED 2", "MARK_APPLIED 3"), actions(plan),
                plan.manual().toString());
        apply(plan);

        ValidateResult validate = flywayValidate();
        assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages());
        assertEquals(0, flywayMigrate().migrationsExecuted);
        assertIdempotent();
    }
}
