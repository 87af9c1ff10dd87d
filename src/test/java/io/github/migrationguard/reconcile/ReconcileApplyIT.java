package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * reconcile against real Flyway on the shop set: the two classic incidents (tables present with history gone;
 * history present with tables gone), failed rows and edited files, each applied and then judged by real
 * {@code flyway validate} and {@code flyway migrate}, with application data unchanged and the audit complete.
 */
class ReconcileApplyIT extends ReconcileScenarioBaseIT {

    @BeforeEach
    void shop() throws Exception {
        prepareShop();
        migrate();
        seed();
    }

    @Test
    void emptiedHistoryIsMarkedAppliedAndFlywayAcceptsIt() throws Exception {
        shadow = true; // views and functions are recorded only when their definitions were compared
        String original = rowsWithoutTimes();
        db.execute("DELETE FROM public.flyway_schema_history");
        assertFalse(flywayValidate().validationSuccessful, "flyway validate fails before the repair");
        Map<String, String> data = applicationData();

        ReconcilePlan plan = plan();
        assertEquals(List.of("MARK_APPLIED 1", "MARK_APPLIED 2", "MARK_APPLIED 3", "MARK_APPLIED 4",
                "MARK_APPLIED 5", "MARK_APPLIED 6", "MARK_APPLIED 7", "MARK_APPLIED 8", "MARK_APPLIED 9",
                "MARK_APPLIED 10", "MARK_APPLIED views"), actions(plan));
        PlannedAction v3 = plan.actions().get(2);
        assertTrue(v3.evidence().contains("table app.orders is present"), v3.evidence().toString());

        ReconcileApplier.Result result = apply(plan);

        assertFalse(result.nothingToDo());
        ValidateResult validate = flywayValidate();
        assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages());
        MigrateResult migrate = flywayMigrate();
        assertEquals(0, migrate.migrationsExecuted, "flyway migrate has nothing to do");
        assertEquals(original, rowsWithoutTimes(), "the rows are the ones Flyway wrote (but for time and rank)");
        assertEquals(data, applicationData(), "application data unchanged");
        assertIdempotent();
    }

    @Test
    void droppedHistoryTableIsCreatedAsFlywayCreatesIt() throws Exception {
        shadow = true; // views and functions are recorded only when their definitions were compared
        String flywayTable = tableDefinition();
        db.execute("DROP TABLE public.flyway_schema_history");

        ReconcilePlan plan = plan();
        assertFalse(plan.database().historyTableExists());
        assertEquals(11, plan.actions().size());
        apply(plan);

        assertEquals(flywayTable, tableDefinition(), "the same columns, key and index as Flyway's own table");
        ReconcileRefusedException again = assertThrows(
                ReconcileRefusedException.class, () -> apply(plan), "a plan applies once");
        assertTrue(again.getMessage().contains("the history table public.flyway_schema_history was created"),
                again.getMessage());
        ValidateResult validate = flywayValidate();
        assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages());
        assertEquals(0, flywayMigrate().migrationsExecuted);
        assertIdempotent();
    }

    @Test
    void phantomRowsAreRemovedAndFlywayRecreatesTheTables() throws Exception {
        db.execute("DROP TABLE product_reviews, products");
        db.execute("ALTER TABLE app.orders DROP COLUMN notes, DROP COLUMN is_gift");
        Map<String, String> data = applicationData();

        ReconcilePlan plan = plan();
        assertEquals(List.of("REMOVE_PHANTOM 9", "REMOVE_PHANTOM 10"), actions(plan));
        assertEquals("flyway migrate runs V10__order_notes.sql again", plan.actions().get(1).note());

        apply(plan);
        assertEquals(data, applicationData());
        MigrateResult migrate = flywayMigrate();
        assertEquals(2, migrate.migrationsExecuted, "flyway migrate runs V9 and V10 again");
        assertTrue(tableExists("public.products"));
        DriftReport after = detect();
        assertFindings(after);
        assertIdempotent();
    }

    @Test
    void phantomBelowTheLatestVersionNeedsOutOfOrderOnceAndTheNoteSaysSo() throws Exception {
        db.execute("DROP TABLE app.shipments");

        ReconcilePlan plan = plan();
        assertEquals(List.of("REMOVE_PHANTOM 8"), actions(plan));
        assertTrue(plan.actions().get(0).note().contains("out-of-order"), plan.actions().get(0).note());

        apply(plan);
        assertEquals(1, flywayMigrateOutOfOrder().migrationsExecuted);
        assertTrue(tableExists("app.shipments"));
        assertFindings(detect());
    }

    @Test
    void tableDroppedWithCascadeIsRerunAndTheForeignKeysItTookAlongAreLeftToAPerson() throws Exception {
        db.execute("DROP TABLE app.orders CASCADE");
        Map<String, String> data = applicationData();

        ReconcilePlan plan = plan();
        assertEquals(List.of("REMOVE_PHANTOM 3", "REMOVE_PHANTOM 10"), actions(plan));
        assertTrue(plan.actions().get(0).note().contains("out-of-order"), plan.actions().get(0).note());
        assertEquals(List.of("PARTIAL views", "MISSING_OBJECT constraint Billing.Invoice.Invoice_orderid_fkey",
                "MISSING_OBJECT constraint app.order_items.fk_items_order",
                "MISSING_OBJECT constraint app.shipments.shipments_order_fk"),
                plan.manual().stream().map(m -> m.kind() + " " + (m.object() == null ? m.migration()
                        : m.kind().equals("PARTIAL") ? m.migration() : m.object())).toList());

        apply(plan);
        assertEquals(data, applicationData(), "reconcile itself changed no application data");
        assertEquals(2, flywayMigrateOutOfOrder().migrationsExecuted, "V3 and V10 run again");
        assertTrue(tableExists("app.orders"));
        // what is left is what the plan listed for a person, nothing else
        assertEquals(List.of(), actions(plan()));
        assertEquals(4, plan().manual().size());
    }

    @Test
    void auditTableAndRecordHoldTheRowsBeforeAndAfter() throws Exception {
        db.execute("DROP TABLE product_reviews, products");
        db.execute("DELETE FROM public.flyway_schema_history WHERE version = '10'");
        long rank9 = count("select installed_rank from public.flyway_schema_history where version = '9'");
        String row9 = text("select to_jsonb(h)::text from public.flyway_schema_history h where version = '9'");

        ReconcilePlan plan = plan();
        assertEquals(List.of("REMOVE_PHANTOM 9", "MARK_APPLIED 10"), actions(plan));
        ReconcileApplier.Result result = apply(plan);

        assertEquals(List.of(AuditRecord.PREPARED, AuditRecord.COMMITTED),
                audits.stream().map(AuditRecord::outcome).toList());
        AuditRecord audit = result.audit();
        assertEquals(AuditRecord.COMMITTED, audit.outcome());
        assertEquals(plan.fingerprint(), audit.planFingerprint());
        assertEquals("release-engineer", audit.osUser());
        assertEquals("octocat", audit.ci().get("GITHUB_ACTOR"));
        assertEquals(2, audit.entries().size());
        AuditRecord.Entry removed = audit.entries().get(0);
        assertEquals(ActionType.REMOVE_PHANTOM, removed.type());
        assertEquals(rank9, removed.before().get(0).installedRank());
        assertNull(removed.after());
        AuditRecord.Entry marked = audit.entries().get(1);
        assertNotNull(marked.after().installedBy(), "installed_by as written");
        assertNotNull(marked.after().installedOn(), "installed_on as written");

        assertEquals(row9, text("select before_rows->>0 from public.migration_guard_audit where action = "
                + "'REMOVE_PHANTOM'"), "the removed row, exactly as it was");
        assertEquals("[]", text("select before_rows::text from public.migration_guard_audit where action = "
                + "'MARK_APPLIED'"));
        assertEquals("10", text("select after_row->>'version' from public.migration_guard_audit where action = "
                + "'MARK_APPLIED'"));
        assertEquals(2, count("select count(*) from public.migration_guard_audit where run_id = '" + audit.runId()
                + "' and plan_fingerprint = '" + plan.fingerprint() + "' and os_user = 'release-engineer'"
                + " and ci->>'GITHUB_ACTOR' = 'octocat' and plugin_version = 'test-version'"));
        // the audit table is reconcile's own: detect-drift does not take it for drift
        assertFalse(detect().findings().stream().anyMatch(f -> f.object() != null
                && f.object().contains("migration_guard_audit")));
    }

    @Test
    void failedRowWithNothingLeftBehindIsRemovedSoTheMigrationRunsAgain() throws Exception {
        Files.writeString(migrations.resolve("V11__coupons.sql"), "create table coupons (code text primary key);\n",
                StandardCharsets.UTF_8);
        // Flyway on PostgreSQL rolls a failed migration back without a row; tools without transactional DDL leave one
        db.execute("INSERT INTO public.flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success) VALUES (12, '11', 'coupons', 'SQL',"
                + " 'V11__coupons.sql', 1, 'deploy', 5, false)");
        assertFalse(flywayValidate().validationSuccessful);

        ReconcilePlan plan = plan();
        assertEquals(List.of("REMOVE_FAILED 11"), actions(plan));
        apply(plan);

        assertEquals(1, flywayMigrate().migrationsExecuted);
        assertTrue(tableExists("public.coupons"));
        assertFindings(detect());
    }

    @Test
    void editedFileIsRealignedOnlyWhenAskedAndOnlyWhenTheSchemaMatches() throws Exception {
        Path v5 = migrations.resolve("V5__user_profile.sql");
        Files.writeString(v5, "-- reviewed\n" + Files.readString(v5, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertFalse(flywayValidate().validationSuccessful, "a changed checksum fails flyway validate");

        ReconcilePlan notAsked = plan();
        assertEquals(List.of(), actions(notAsked));
        assertTrue(notAsked.manual().stream().anyMatch(m -> m.kind().equals("CHECKSUM_MISMATCH")
                && m.migration().equals("5") && m.reason().contains("realignChecksums")), notAsked.manual().toString());

        ReconcilePlan asked = plan(new PlanOptions(true, List.of()));
        assertEquals(List.of("REALIGN_CHECKSUM 5"), actions(asked));
        apply(asked);
        ValidateResult validate = flywayValidate();
        assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages());
        assertEquals(0, flywayMigrate().migrationsExecuted);
    }

    @Test
    void editedFileWhoseChangeTheSchemaLacksIsNeverRealigned() throws Exception {
        Path v10 = migrations.resolve("V10__order_notes.sql");
        Files.writeString(v10, Files.readString(v10, StandardCharsets.UTF_8)
                + "ALTER TABLE app.orders ADD COLUMN gift_message text;\n", StandardCharsets.UTF_8);

        ReconcilePlan asked = plan(new PlanOptions(true, List.of()));
        assertEquals(List.of(), actions(asked));
        assertTrue(asked.manual().stream().anyMatch(m -> m.kind().equals("CHECKSUM_MISMATCH")
                && m.migration().equals("10") && m.reason().contains("does not match")), asked.manual().toString());
    }

    @Test
    void dataOnlyMigrationIsMarkedAppliedOnlyWhenAPersonStatesIt() throws Exception {
        shadow = true; // views and functions are recorded only when their definitions were compared
        Files.writeString(migrations.resolve("V11__default_products.sql"),
                "insert into products (sku, name, price_cents) values ('GIFT-01', 'Gift card', 1000);\n",
                StandardCharsets.UTF_8);
        assertEquals(1, flywayMigrate().migrationsExecuted);
        db.execute("DELETE FROM public.flyway_schema_history");

        ReconcilePlan plan = plan();
        assertFalse(actions(plan).contains("MARK_APPLIED 11"), "the schema cannot show that V11 ran");
        assertTrue(plan.manual().stream().anyMatch(m -> "11".equals(m.migration())
                && m.instruction().contains("-DmigrationGuard.markApplied=11")), plan.manual().toString());
        assertEquals(11, plan.actions().size());

        ReconcilePlan stated = plan(new PlanOptions(false, List.of("11")));
        assertEquals(12, stated.actions().size());
        PlannedAction v11 = stated.actions().stream().filter(a -> a.migration().equals("11")).findFirst()
                .orElseThrow();
        assertTrue(v11.evidence().stream().anyMatch(e -> e.startsWith("stated with markApplied")), v11.evidence()
                .toString());
        apply(stated);

        ValidateResult validate = flywayValidate();
        assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages());
        assertEquals(0, flywayMigrate().migrationsExecuted, "the data migration does not run twice");
        assertEquals(1, count("select count(*) from products where sku = 'GIFT-01'"));
        assertTrue(plan(new PlanOptions(false, List.of("11"))).actions().isEmpty(), "stating it again is a no-op");
    }

    @Test
    void aViewChangedByHandIsNeverRecordedAsTheMigrationsView() throws Exception {
        db.execute("CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE is_active AND id > 99");
        db.execute("DELETE FROM public.flyway_schema_history WHERE version IS NULL");

        // by replay, the query cannot be compared: a person is asked, with the way to compare it
        ReconcilePlan replayed = plan();
        assertEquals(List.of(), actions(replayed));
        assertTrue(replayed.manual().stream().anyMatch(m -> "views".equals(m.migration())
                && m.instruction().contains("-DmigrationGuard.shadowUrl=")), replayed.manual().toString());

        // with a shadow database the difference itself is named, and still nothing is recorded
        shadow = true;
        ReconcilePlan compared = plan();
        assertEquals(List.of(), actions(compared));
        assertTrue(compared.manual().stream().anyMatch(m -> m.kind().equals("CHANGED_OBJECT")
                && "view public.active_users".equals(m.object())), compared.manual().toString());
    }

    @Test
    void aStatedMigrationWhoseFileIsGoneByTheApplyMakesThePlanStale() throws Exception {
        Files.writeString(migrations.resolve("V11__default_products.sql"),
                "insert into products (sku, name, price_cents) values ('GIFT-01', 'Gift card', 1000);\n",
                StandardCharsets.UTF_8);
        assertEquals(1, flywayMigrate().migrationsExecuted);
        db.execute("DELETE FROM public.flyway_schema_history WHERE version = '11'");
        ReconcilePlan stated = plan(new PlanOptions(false, List.of("11")));
        assertEquals(List.of("MARK_APPLIED 11"), actions(stated));
        Files.delete(migrations.resolve("V11__default_products.sql"));
        String history = history();

        ReconcileRefusedException refused = assertThrows(ReconcileRefusedException.class, () -> apply(stated));

        assertEquals(ReconcileRefusedException.Reason.STALE_PLAN, refused.reason());
        assertTrue(refused.getMessage().contains("markApplied names migration 11"), refused.getMessage());
        assertEquals(history, history());
    }

    @Test
    void partialMigrationIsLeftToAPersonAndNothingIsWritten() throws Exception {
        db.execute("DROP TABLE product_reviews");
        String before = history();

        ReconcilePlan plan = plan();
        assertEquals(List.of(), actions(plan));
        assertTrue(plan.manual().stream().anyMatch(m -> m.kind().equals(DriftKind.PARTIAL.name())
                && "9".equals(m.migration())), plan.manual().toString());
        ReconcileApplier.Result result = apply(plan);
        assertTrue(result.nothingToDo());
        assertEquals(before, history());
        assertFalse(tableExists("public.migration_guard_audit"), "nothing to do: not even the audit table");
    }

    private String text(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The history rows as Flyway judges them: everything but rank, time, user and execution time. */
    private String rowsWithoutTimes() throws Exception {
        return text("select string_agg(concat_ws('|', version, description, type, script, checksum, success),"
                + " E'\\n' order by version is null, string_to_array(version, '.')::int[], description)"
                + " from public.flyway_schema_history");
    }

    /** Columns, defaults, constraints and indexes of the history table. */
    private String tableDefinition() throws Exception {
        return text("select string_agg(x, E'\\n' order by x) from ("
                + " select a.attnum || ' ' || a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)"
                + "   || ' ' || a.attnotnull || ' ' || coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '') as x"
                + "   from pg_catalog.pg_attribute a left join pg_catalog.pg_attrdef d"
                + "   on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + "   where a.attrelid = 'public.flyway_schema_history'::regclass and a.attnum > 0"
                + " union all select conname || ' ' || pg_catalog.pg_get_constraintdef(oid)"
                + "   from pg_catalog.pg_constraint"
                + "   where conrelid = 'public.flyway_schema_history'::regclass"
                + " union all select pg_catalog.pg_get_indexdef(indexrelid) from pg_catalog.pg_index"
                + "   where indrelid = 'public.flyway_schema_history'::regclass) s");
    }
}
