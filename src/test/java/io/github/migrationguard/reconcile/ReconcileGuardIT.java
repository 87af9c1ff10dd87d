package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.history.FlywayLock;
import io.github.migrationguard.reconcile.ReconcileRefusedException.Reason;
import io.github.migrationguard.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What stops an apply, and that a stopped apply changes nothing: the production guard, stale and edited plans,
 * Flyway's lock held by another session, a read-only session, and a connection killed in the middle.
 */
class ReconcileGuardIT extends ReconcileScenarioBaseIT {

    /** The shop set in a database named like production (no "test" in it), history rows for V8-V10 deleted. */
    private void productionLike() throws Exception {
        prepare("shop", "shopprod");
        migrate();
        seed();
        db.execute("DELETE FROM public.flyway_schema_history WHERE version IN ('8', '9', '10')");
    }

    private void testDatabase() throws Exception {
        prepareShop();
        migrate();
        seed();
        db.execute("DELETE FROM public.flyway_schema_history WHERE version IN ('8', '9', '10')");
    }

    private ReconcileRefusedException refused(ReconcileApplier applier, ReconcilePlan plan) {
        return assertThrows(ReconcileRefusedException.class, () -> apply(applier, plan));
    }

    @Test
    void nonTestDatabaseIsRefusedWithoutOverrideAndWithoutConfirmationAndAcceptedWithBoth() throws Exception {
        productionLike();
        assertFalse(db.name().toLowerCase().contains("test"), db.name());
        ReconcilePlan plan = plan();
        assertEquals(3, plan.actions().size());
        String history = history();
        Map<String, String> data = applicationData();

        ReconcileRefusedException none = refused(applier(), plan);
        assertEquals(Reason.NOT_A_TEST_DATABASE, none.reason());
        assertTrue(none.getMessage().contains("does not look like a test database"), none.getMessage());
        assertTrue(none.getMessage().contains("MIGRATION_GUARD_ALLOW_NONTEST=1"), none.getMessage());
        assertTrue(none.getMessage().contains("-DmigrationGuard.confirm=" + db.name()), none.getMessage());

        ReconcileRefusedException confirmOnly = refused(applier(null, db.name(), Duration.ofSeconds(1)), plan);
        assertEquals(Reason.NOT_A_TEST_DATABASE, confirmOnly.reason(), "confirmation alone is not enough");

        ReconcileRefusedException envOnly = refused(applier("1", null, Duration.ofSeconds(1)), plan);
        assertEquals(Reason.NOT_CONFIRMED, envOnly.reason());

        ReconcileRefusedException wrong = refused(applier("1", db.name() + "_test", Duration.ofSeconds(1)), plan);
        assertEquals(Reason.NOT_CONFIRMED, wrong.reason());
        assertTrue(wrong.getMessage().contains("live database name exactly"), wrong.getMessage());

        ReconcileRefusedException caseDiffers = refused(applier("1", db.name().toUpperCase(),
                Duration.ofSeconds(1)), plan);
        assertEquals(Reason.NOT_CONFIRMED, caseDiffers.reason());

        ReconcileRefusedException envNotOne = refused(applier("true", db.name(), Duration.ofSeconds(1)), plan);
        assertEquals(Reason.NOT_A_TEST_DATABASE, envNotOne.reason(), "only the value 1 allows it");

        assertEquals(history, history(), "every refusal left the history as it was");
        assertFalse(tableExists("public.migration_guard_audit"));

        ReconcileApplier.Result result = apply(applier("1", db.name(), Duration.ofSeconds(1)), plan);
        assertFalse(result.nothingToDo());
        assertTrue(flywayValidate().validationSuccessful);
        assertEquals(data, applicationData());
    }

    @Test
    void planMadeBeforeTheHistoryChangedIsRefusedAsStale() throws Exception {
        testDatabase();
        ReconcilePlan plan = plan();
        db.execute("DELETE FROM public.flyway_schema_history WHERE version = '7'");
        String history = history();

        ReconcileRefusedException stale = refused(applier(), plan);

        assertEquals(Reason.STALE_PLAN, stale.reason());
        assertTrue(stale.getMessage().contains("the history rows changed"), stale.getMessage());
        assertEquals(history, history());
    }

    @Test
    void planForAnotherDatabaseOfTheSameShapeIsRefused() throws Exception {
        testDatabase();
        ReconcilePlan plan = plan();
        ReconcilePlan elsewhere = new ReconcilePlan(plan.format(), plan.fingerprint(), plan.parts(),
                plan.database(), plan.options(), plan.createdAt(), plan.pluginVersion(), plan.actions(),
                plan.manual());
        // another database built by the same migrations, in the same state (as a copy or a re-created one would be)
        TestDatabases.TestDatabase first = db;
        db = TestDatabases.create("reconciletest");
        try {
            migrate();
            db.execute("DELETE FROM public.flyway_schema_history WHERE version IN ('8', '9', '10')");

            ReconcileRefusedException stale = refused(applier(), elsewhere);
            assertEquals(Reason.STALE_PLAN, stale.reason());
            assertTrue(stale.getMessage().contains("this is another database"), stale.getMessage());
        } finally {
            first.close();
        }
    }

    @Test
    void editedPlanIsRefused() throws Exception {
        testDatabase();
        ReconcilePlan plan = plan();
        PlannedAction first = plan.actions().get(0);
        PlannedAction forged = new PlannedAction(ActionType.REMOVE_PHANTOM, "7", "V7__audit_trigger.sql",
                first.evidence(), List.of(), null, null);
        ReconcilePlan edited = new ReconcilePlan(plan.format(), plan.fingerprint(), plan.parts(), plan.database(),
                plan.options(), plan.createdAt(), plan.pluginVersion(), List.of(forged), plan.manual());
        String history = history();

        // the parts still give the fingerprint, but the actions listed are not the ones fingerprinted
        ReconcileRefusedException refused = refused(applier(), edited);
        assertEquals(Reason.EDITED_PLAN, refused.reason());
        assertTrue(refused.getMessage().contains("edited"), refused.getMessage());

        ReconcilePlan.FingerprintParts parts = new ReconcilePlan.FingerprintParts(plan.parts().database(),
                plan.parts().history(), plan.parts().migrations(), "0".repeat(64));
        ReconcilePlan tampered = new ReconcilePlan(plan.format(), plan.fingerprint(), parts, plan.database(),
                plan.options(), plan.createdAt(), plan.pluginVersion(), plan.actions(), plan.manual());
        assertEquals(Reason.EDITED_PLAN, refused(applier(), tampered).reason());
        assertEquals(history, history());
    }

    @Test
    void secondReconcileWhileFlywaysLockIsHeldWaitsThenRefusesNamingTheHolder() throws Exception {
        testDatabase();
        ReconcilePlan plan = plan();
        String history = history();
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("set application_name = 'Flyway by Redgate'");
            }
            try (PreparedStatement ps = holder.prepareStatement("select pg_advisory_xact_lock(?)")) {
                ps.setLong(1, FlywayLock.key("public", "flyway_schema_history"));
                ps.execute();
            }
            long start = System.nanoTime();
            ReconcileRefusedException locked = refused(applier(null, null, Duration.ofSeconds(2)), plan);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(Reason.LOCKED, locked.reason());
            assertTrue(locked.getMessage().contains("'Flyway by Redgate'"), locked.getMessage());
            assertTrue(locked.getMessage().contains("migrationGuard.lockWait"), locked.getMessage());
            assertTrue(waited >= 2000, "waited " + waited + " ms for the lock");
            holder.rollback();
        }
        assertEquals(history, history());
    }

    @Test
    void reconcileWaitingForTheLockGoesOnOnceItIsReleased() throws Exception {
        testDatabase();
        ReconcilePlan plan = plan();
        CountDownLatch locked = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try (Connection holder = db.connect()) {
                holder.setAutoCommit(false);
                try (PreparedStatement ps = holder.prepareStatement("select pg_advisory_xact_lock(?)")) {
                    ps.setLong(1, FlywayLock.key("public", "flyway_schema_history"));
                    ps.execute();
                }
                locked.countDown();
                Thread.sleep(1500);
                holder.commit();
            } catch (Exception e) {
                failure.set(e);
                locked.countDown();
            }
        });
        other.start();
        assertTrue(locked.await(10, TimeUnit.SECONDS));

        ReconcileApplier.Result result = apply(applier(null, null, Duration.ofSeconds(30)), plan);
        other.join();

        assertEquals(null, failure.get());
        assertFalse(result.nothingToDo());
        assertTrue(flywayValidate().validationSuccessful);
    }

    @Test
    void twoConcurrentAppliesOfOnePlanChangeTheHistoryOnce() throws Exception {
        testDatabase();
        ReconcilePlan plan = plan();
        AtomicReference<Object> a = new AtomicReference<>();
        AtomicReference<Object> b = new AtomicReference<>();
        Thread first = new Thread(() -> a.set(outcome(plan)));
        Thread second = new Thread(() -> b.set(outcome(plan)));
        first.start();
        second.start();
        first.join();
        second.join();

        List<Object> outcomes = List.of(a.get(), b.get());
        long applied = outcomes.stream().filter(o -> o instanceof ReconcileApplier.Result r && !r.nothingToDo())
                .count();
        assertEquals(1, applied, "exactly one applied: " + outcomes);
        Object other = outcomes.stream().filter(o -> !(o instanceof ReconcileApplier.Result r && !r.nothingToDo()))
                .findFirst().orElseThrow();
        assertTrue(other instanceof ReconcileRefusedException e && e.reason() == Reason.STALE_PLAN,
                "the other waited for the lock, then found the plan stale: " + other);
        assertEquals(3, count("select count(*) from public.flyway_schema_history where version in ('8', '9', '10')"));
        assertTrue(flywayValidate().validationSuccessful);
    }

    @Test
    void twoConcurrentAppliesAreSerialisedAlsoWhenTheDatabaseDefaultsToRepeatableRead() throws Exception {
        testDatabase();
        db.execute("ALTER DATABASE " + db.name() + " SET default_transaction_isolation = 'repeatable read'");
        ReconcilePlan plan = plan();
        AtomicReference<Object> a = new AtomicReference<>();
        AtomicReference<Object> b = new AtomicReference<>();
        Thread first = new Thread(() -> a.set(outcome(plan)));
        Thread second = new Thread(() -> b.set(outcome(plan)));
        first.start();
        second.start();
        first.join();
        second.join();

        List<Object> outcomes = List.of(a.get(), b.get());
        assertEquals(1, outcomes.stream().filter(o -> o instanceof ReconcileApplier.Result r && !r.nothingToDo())
                .count(), "exactly one applied: " + outcomes);
        assertTrue(outcomes.stream().anyMatch(o -> o instanceof ReconcileRefusedException e
                && e.reason() == Reason.STALE_PLAN), "the other saw the committed history and refused: " + outcomes);
        assertEquals(3, count("select count(*) from public.flyway_schema_history where version in ('8', '9', '10')"));
    }

    private Object outcome(ReconcilePlan plan) {
        try {
            return apply(applier(null, null, Duration.ofSeconds(30)), plan);
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void connectionKilledAfterTheWritesLeavesTheHistoryExactlyAsBefore() throws Exception {
        testDatabase();
        ReconcilePlan plan = plan();
        String history = history();
        Map<String, String> data = applicationData();
        ReconcileApplier applier = applier().withHook((stage, connection) -> {
            if (stage == ReconcileApplier.Stage.WRITTEN) {
                int pid;
                try (Statement st = connection.createStatement();
                     var rs = st.executeQuery("select pg_backend_pid()")) {
                    rs.next();
                    pid = rs.getInt(1);
                }
                try (Connection killer = db.connect(); PreparedStatement ps = killer.prepareStatement(
                        "select pg_terminate_backend(?)")) {
                    ps.setInt(1, pid);
                    ps.execute();
                }
            }
        });

        assertThrows(DatabaseAccessException.class, () -> apply(applier, plan));

        assertEquals(history, history(), "the history is exactly as before");
        assertEquals(data, applicationData());
        assertFalse(tableExists("public.migration_guard_audit"), "the audit table was created in the same"
                + " transaction, so it is gone too");
        assertEquals(3, plan().actions().size(), "the same plan is still to do");
    }

    @Test
    void connectionKilledJustBeforeTheCommitIsRecordedInTheAuditFile() throws Exception {
        testDatabase();
        ReconcilePlan plan = plan();
        String history = history();
        ReconcileApplier applier = applier().withHook((stage, connection) -> {
            if (stage == ReconcileApplier.Stage.BEFORE_COMMIT) {
                try (Statement st = connection.createStatement()) {
                    st.execute("select pg_terminate_backend(pg_backend_pid())");
                } catch (java.sql.SQLException expected) {
                    // the server ends our own session
                }
            }
        });

        assertThrows(DatabaseAccessException.class, () -> apply(applier, plan));

        assertEquals(history, history());
        assertEquals(AuditRecord.PREPARED, audits.get(0).outcome(), "the record was written before the commit");
        String last = audits.get(audits.size() - 1).outcome();
        assertTrue(last.equals(AuditRecord.UNKNOWN) || last.equals(AuditRecord.ROLLED_BACK), last);
    }

    @Test
    void readOnlySessionsAreRefused() throws Exception {
        testDatabase();
        ReconcilePlan plan = plan();
        db.execute("ALTER DATABASE " + db.name() + " SET default_transaction_read_only = on");
        String history = history();

        ReconcileRefusedException refused = refused(applier(), plan);

        assertEquals(Reason.READ_ONLY, refused.reason());
        assertEquals(history, history());
    }
}
