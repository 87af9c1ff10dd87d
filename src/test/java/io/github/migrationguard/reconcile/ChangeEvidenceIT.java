package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migrations that create nothing but alter or drop what earlier ones created: what they change is their evidence.
 * With the history gone, one whose changes are in the database ran; one whose changes are not did not; a column
 * changed again by hand leaves the question open, and nothing is recorded on a guess.
 */
class ChangeEvidenceIT extends ReconcileScenarioBaseIT {

    @BeforeEach
    void files() throws Exception {
        prepare("broken-reference", "changeevidencetest");
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        write("V1__accounts.sql", """
                create table accounts (id bigint primary key, code varchar(20) not null, note text,
                    legacy_flag boolean default false);
                create index accounts_note_idx on accounts (note);
                """);
        write("V2__wider_code.sql", "alter table accounts alter column code type varchar(40);\n");
        write("V3__drop_legacy.sql", "alter table accounts drop column legacy_flag;\ndrop index accounts_note_idx;\n");
        write("V4__ledger.sql",
                "create table ledger (id bigint primary key, account_id bigint references accounts);\n");
    }

    private void write(String name, String sql) throws Exception {
        Files.writeString(migrations.resolve(name), sql, StandardCharsets.UTF_8);
    }

    private static DriftFinding about(DriftReport report, String migration) {
        return report.findings().stream().filter(f -> migration.equals(f.migration())).findFirst().orElseThrow(
                () -> new AssertionError("no finding for " + migration + ":\n" + describe(report)));
    }

    @Test
    void alterOnlyMigrationsWhoseChangesArePresentAreRecordedWithThemAsEvidence() throws Exception {
        migrate();
        db.execute("insert into accounts (id, code) values (1, 'A-1')");
        db.execute("DELETE FROM public.flyway_schema_history");

        DriftReport report = detect();
        assertEquals(DriftKind.UNRECORDED, about(report, "2").kind(), describe(report));
        assertTrue(about(report, "2").detail().contains("column public.accounts.code"), about(report, "2").detail());
        assertEquals(DriftKind.UNRECORDED, about(report, "3").kind());

        ReconcilePlan plan = plan();
        assertEquals(List.of("MARK_APPLIED 1", "MARK_APPLIED 2", "MARK_APPLIED 3", "MARK_APPLIED 4"), actions(plan),
                plan.manual().toString());
        assertTrue(plan.actions().get(1).evidence().contains("column public.accounts.code is as V2__wider_code.sql"
                + " leaves it, not as it was before"), plan.actions().get(1).evidence().toString());
        assertTrue(plan.actions().get(2).evidence().stream().anyMatch(e -> e.startsWith(
                "column public.accounts.legacy_flag is as V3__drop_legacy.sql leaves it")),
                plan.actions().get(2).evidence().toString());
        apply(plan);

        ValidateResult validate = flywayValidate();
        assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages());
        assertEquals(0, flywayMigrate().migrationsExecuted);
        assertIdempotent();
    }

    @Test
    void alterOnlyMigrationWhoseChangesAreAbsentDidNotRun() throws Exception {
        flyway().target("1").load().migrate();

        DriftReport report = detect();
        DriftFinding v2 = about(report, "2");
        assertEquals(DriftKind.PENDING, v2.kind());
        assertTrue(v2.detail().contains("the changes it makes are not in the database"), v2.detail());
        assertTrue(v2.recommendedAction().startsWith("none:"), v2.recommendedAction());
        assertTrue(report.findings().stream().allMatch(f -> f.kind() == DriftKind.PENDING), describe(report));
        assertEquals(List.of(), actions(plan()));
    }

    @Test
    void aColumnChangedAgainByHandLeavesTheQuestionOpenAndNothingIsGuessed() throws Exception {
        migrate();
        db.execute("alter table accounts alter column code type varchar(64)");
        db.execute("DELETE FROM public.flyway_schema_history");

        DriftReport report = detect();
        assertEquals(DriftKind.PENDING, about(report, "2").kind(), describe(report));

        ReconcilePlan plan = plan();
        assertFalse(actions(plan).contains("MARK_APPLIED 1"), "V1's column differs from every migration's shape");
        assertFalse(actions(plan).contains("MARK_APPLIED 2"));
        assertTrue(plan.manual().stream().anyMatch(m -> "2".equals(m.migration())
                && m.instruction().contains("-DmigrationGuard.markApplied=2")), plan.manual().toString());
    }
}
