package io.github.migrationguard.reconcile;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.db.SqlIdentifiers;
import io.github.migrationguard.drift.DriftDetector;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftInspection;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.history.FlywayLock;
import io.github.migrationguard.history.HistoryTool;
import io.github.migrationguard.reconcile.ReconcileRefusedException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Applies a plan in one transaction:
 * <ol>
 *   <li>reads the identity from the server and runs the {@link ProductionGuard};</li>
 *   <li>pins {@code statement_timeout}, {@code lock_timeout} and the settings detect-drift reads the catalog with;</li>
 *   <li>takes Flyway's advisory lock for the history table (waiting up to {@code lockWait}, naming the holder) and
 *       locks the history table against writers;</li>
 *   <li>runs detect-drift again under the locks and re-plans: the fingerprint must equal the plan's;</li>
 *   <li>creates Flyway's history table if the database has none, and the audit table if missing;</li>
 *   <li>per action: archives the rows it removes or changes in the audit table, then deletes, inserts or updates
 *       exactly those rows (a count other than expected aborts);</li>
 *   <li>runs detect-drift once more: what the plan fixed must no longer be reported, no new history finding may
 *       appear, and a new plan must be empty;</li>
 *   <li>writes the audit file (outcome {@code prepared}), commits, and rewrites it as {@code committed}.</li>
 * </ol>
 * Any failure rolls the transaction back: the history is exactly as before. Nothing but the history table and the
 * audit table is written.
 */
public final class ReconcileApplier {

    /** The audit table's name, in the history table's schema. */
    public static final String AUDIT_TABLE = "migration_guard_audit";

    /**
     * How to apply.
     *
     * @param guard            the production guard's inputs
     * @param lockWait         how long to wait for Flyway's lock
     * @param lockTimeout      {@code lock_timeout} of the transaction (the history table lock among others)
     * @param statementTimeout {@code statement_timeout} of the transaction
     * @param reportsDirectory where the audit file is written
     * @param pluginVersion    recorded in the audit
     * @param osUser           recorded in the audit
     * @param ci               recorded in the audit
     */
    public record Settings(ProductionGuard.Settings guard, Duration lockWait, Duration lockTimeout,
                           Duration statementTimeout, Path reportsDirectory, String pluginVersion, String osUser,
                           Map<String, String> ci) {
    }

    /** Points in the transaction where a test may interfere (e.g. end the connection). */
    public enum Stage {
        /** The locks are held and the plan is re-checked; nothing written yet. */
        LOCKED,
        /** Every action is written; not yet verified. */
        WRITTEN,
        /** Verified and the audit file written; the commit is next. */
        BEFORE_COMMIT
    }

    /** Called at each {@link Stage}. */
    public interface Hook {
        void at(Stage stage, Connection connection) throws SQLException;
    }

    /**
     * How an apply ended.
     *
     * @param plan      the plan applied (as re-made under the locks)
     * @param audit     the audit record (outcome committed), or null when there was nothing to do
     * @param auditFile the audit file, or null when there was nothing to do
     * @param after     detect-drift inside the transaction after the writes, or null when there was nothing to do
     */
    public record Result(ReconcilePlan plan, AuditRecord audit, Path auditFile, DriftInspection after) {

        public boolean nothingToDo() {
            return audit == null;
        }
    }

    /** Writes the audit file; replaceable in tests. */
    public interface AuditSink {
        Path write(AuditRecord record) throws IOException;
    }

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);

    private final DriftDetector detector;
    private final Settings settings;
    private final Masking masking;
    private final Consumer<String> log;
    private final AuditSink auditSink;
    private final Clock clock;
    private Hook hook = (stage, connection) -> { };

    public ReconcileApplier(DriftDetector detector, Settings settings, Masking masking, Consumer<String> log,
                            AuditSink auditSink, Clock clock) {
        this.detector = detector;
        this.settings = settings;
        this.masking = masking == null ? Masking.none() : masking;
        this.log = log;
        this.auditSink = auditSink;
        this.clock = clock;
    }

    /** For tests: called at each stage of the transaction. */
    public ReconcileApplier withHook(Hook newHook) {
        this.hook = newHook;
        return this;
    }

    /**
     * Applies {@code plan} on {@code connection} (not inside a transaction; left in auto-commit mode as found).
     *
     * @throws ReconcileRefusedException when the guard refuses, the plan is stale or edited, the lock is not free, or
     *                                   the verification fails: nothing was changed
     * @throws DatabaseAccessException   when the database fails; the transaction was rolled back (or, when the
     *                                   connection broke during the commit, the outcome is unknown and the audit
     *                                   file says so)
     * @throws IOException               when the migration files or the audit file cannot be read or written
     */
    public Result apply(Connection connection, ReconcilePlan plan)
            throws ReconcileRefusedException, DatabaseAccessException, IOException {
        if (!Fingerprint.of(plan.parts()).equals(plan.fingerprint())
                || !Fingerprint.actions(plan.options(), plan.actions()).equals(plan.parts().actions())
                || !Fingerprint.database(plan.database()).equals(plan.parts().database())) {
            throw new ReconcileRefusedException(Reason.EDITED_PLAN, "Refusing to apply: the plan does not match its"
                    + " fingerprint (its database, options or actions differ from the ones fingerprinted); the plan"
                    + " file was edited or damaged. Make a new plan (run reconcile"
                    + " without migrationGuard.apply) and review that.");
        }
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.rollback();
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw Connections.queryFailed(e, "starting the reconcile transaction", masking);
        }
        AuditRecord prepared = null;
        boolean committing = false;
        try {
            Result result = applyInTransaction(connection, plan);
            if (result.nothingToDo()) {
                connection.rollback();
                return result;
            }
            prepared = result.audit();
            Path file = auditSink.write(prepared);
            hook.at(Stage.BEFORE_COMMIT, connection);
            committing = true;
            connection.commit();
            committing = false;
            AuditRecord committed = prepared.withOutcome(AuditRecord.COMMITTED, null, now());
            file = auditSink.write(committed);
            return new Result(result.plan(), committed, file, result.after());
        } catch (SQLException e) {
            String what = committing ? "committing the reconcile transaction" : "applying the plan";
            DatabaseAccessException failure = Connections.queryFailed(e, what, masking);
            rollbackQuietly(connection);
            if (prepared != null) {
                recordOutcome(prepared, committing ? AuditRecord.UNKNOWN : AuditRecord.ROLLED_BACK,
                        committing ? "the connection failed during the commit (" + failure.getMessage() + "); the"
                                + " server commits only a transaction whose commit it received: run reconcile again"
                                + " without applying to see the state" : failure.getMessage());
            }
            if (committing) {
                throw new DatabaseAccessException(failure.reason(), failure.getMessage() + " The outcome of the"
                        + " commit is unknown: run reconcile again (a dry run) to see whether the history changed;"
                        + " the audit file records the attempt.", failure.sqlState(), e, masking);
            }
            throw new DatabaseAccessException(failure.reason(), failure.getMessage() + " Nothing was changed (the"
                    + " transaction was rolled back).", failure.sqlState(), e, masking);
        } catch (ReconcileRefusedException | DatabaseAccessException | IOException | RuntimeException e) {
            rollbackQuietly(connection);
            if (prepared != null) {
                recordOutcome(prepared, AuditRecord.ROLLED_BACK, e.getMessage());
            }
            throw e;
        } finally {
            try {
                if (!connection.isClosed()) {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException ignored) {
                // the connection is gone; the caller closes it
            }
        }
    }

    private void recordOutcome(AuditRecord prepared, String outcome, String failure) {
        try {
            auditSink.write(prepared.withOutcome(outcome, masking.apply(failure), now()));
        } catch (IOException | RuntimeException e) {
            log.accept("could not update the audit file for run " + prepared.runId() + ": " + e.getMessage());
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the server rolls back a transaction whose connection is gone
        }
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private Result applyInTransaction(Connection c, ReconcilePlan plan)
            throws SQLException, ReconcileRefusedException, DatabaseAccessException, IOException {
        String startedAt = now();
        // each statement must see what committed before it: the history is read again after waiting for Flyway's
        // lock, whatever default_transaction_isolation the database or role sets
        try (Statement st = c.createStatement()) {
            st.execute("set transaction isolation level read committed");
        }
        DatabaseIdentity identity = DatabaseIdentity.read(c);
        ProductionGuard.check(identity, settings.guard());
        String timeZone;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pg_catalog.current_setting('TimeZone'),"
                     + " pg_catalog.current_setting('transaction_read_only')")) {
            rs.next();
            timeZone = rs.getString(1);
            if ("on".equals(rs.getString(2))) {
                throw new ReconcileRefusedException(Reason.READ_ONLY, "Refusing to apply: the transaction on database "
                        + identity.database() + " is read-only (transaction_read_only is on).");
            }
        }
        ReadOnlySession.pin(c, new ReadOnlySession.Limits(settings.statementTimeout(), settings.lockTimeout(),
                Duration.ofMinutes(10)));

        // where the history table is (or will be), then locked, then everything read under the locks
        String[] location = detector.historyLocation(c, identity);
        String schema = location[0];
        String table = location[1];
        lockFlyway(c, schema, table);
        boolean exists = tableExists(c, schema, table);
        if (exists) {
            lockHistoryTable(c, schema, table);
        }
        DriftInspection current = detector.inspectInTransaction(c, identity);
        if (current.history() != null && current.history().tool() != HistoryTool.FLYWAY) {
            throw new ReconcileRefusedException(Reason.UNSUPPORTED_HISTORY, "Refusing to apply: the history of"
                    + " database " + identity.database() + " is a " + current.history().tool().displayName()
                    + " table; reconcile writes Flyway history rows only.");
        }
        ReconcilePlan replanned;
        try {
            replanned = ReconcilePlanner.plan(current, PlanDatabases.describe(c, identity, current), plan.options(),
                    plan.pluginVersion(), Instant.now(clock));
        } catch (IllegalArgumentException e) {
            throw new ReconcileRefusedException(Reason.STALE_PLAN, "Refusing to apply: the plan's options no longer"
                    + " hold for the database: " + e.getMessage() + ". Nothing was changed. Make a new plan.");
        }
        if (!replanned.fingerprint().equals(plan.fingerprint())) {
            throw new ReconcileRefusedException(Reason.STALE_PLAN, "Refusing to apply: the database changed since the"
                    + " plan was made (" + changed(plan, replanned) + "). Nothing was changed. A plan applies once:"
                    + " if this one was applied already, a new dry run shows what is left. Otherwise make a new plan"
                    + " (run reconcile without migrationGuard.apply), review it, and apply that.");
        }
        if (replanned.actions().isEmpty()) {
            return new Result(replanned, null, null, current);
        }
        hook.at(Stage.LOCKED, c);

        String qualified = SqlIdentifiers.qualified(current.tableSchema(), current.tableName());
        if (!replanned.database().historyTableExists()) {
            createFlywayTable(c, current.tableSchema(), current.tableName());
        }
        String audit = SqlIdentifiers.qualified(current.tableSchema(), AUDIT_TABLE);
        createAuditTable(c, audit);

        String runId = UUID.randomUUID().toString();
        String databaseUser;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select session_user::text")) {
            rs.next();
            databaseUser = rs.getString(1);
        }
        List<AuditRecord.Entry> entries = new ArrayList<>();
        int no = 0;
        for (PlannedAction action : replanned.actions()) {
            no++;
            archive(c, audit, qualified, runId, no, action, replanned, databaseUser);
            RowImage after = write(c, qualified, action, timeZone);
            if (after != null) {
                try (PreparedStatement ps = c.prepareStatement("update " + audit + " set after_row = (select"
                        + " pg_catalog.to_jsonb(h) from " + qualified + " h where h.installed_rank = ?)"
                        + " where run_id = ? and action_no = ?")) {
                    ps.setInt(1, after.installedRank());
                    ps.setString(2, runId);
                    ps.setInt(3, no);
                    ps.executeUpdate();
                }
            }
            entries.add(new AuditRecord.Entry(no, action.type(), action.migration(), action.script(),
                    action.evidence(), action.remove(), after));
        }
        hook.at(Stage.WRITTEN, c);

        DriftInspection after = detector.inspectInTransaction(c, identity);
        verify(current, after, replanned, c, identity);

        AuditRecord record = new AuditRecord(runId, AuditRecord.PREPARED, null, startedAt, null,
                replanned.fingerprint(), settings.pluginVersion(), replanned.database(), databaseUser,
                settings.osUser(), settings.ci() == null ? Map.of() : settings.ci(),
                current.tableSchema() + "." + AUDIT_TABLE, entries);
        return new Result(replanned, record, null, after);
    }

    private static String changed(ReconcilePlan planned, ReconcilePlan current) {
        ReconcilePlan.FingerprintParts was = planned.parts();
        ReconcilePlan.FingerprintParts now = current.parts();
        List<String> parts = new ArrayList<>();
        if (!was.database().equals(now.database())) {
            PlanDatabase a = planned.database();
            PlanDatabase b = current.database();
            if (a.name().equals(b.name()) && a.oid() == b.oid() && a.historyTable().equals(b.historyTable())
                    && a.historyTableExists() != b.historyTableExists()) {
                parts.add("the history table " + b.historyTable() + (b.historyTableExists() ? " was created"
                        : " was dropped"));
            } else if (!a.name().equals(b.name()) || a.oid() != b.oid()) {
                parts.add("this is another database (" + b.name() + ", oid " + b.oid() + ") than the plan's ("
                        + a.name() + ", oid " + a.oid() + "), or one dropped and created again");
            } else {
                parts.add("the history table differs: " + b.historyTable() + " (" + b.historyTool() + "), the plan"
                        + " was made for " + a.historyTable() + " (" + a.historyTool() + ")");
            }
        }
        if (!was.history().equals(now.history())) {
            parts.add("the history rows changed");
        }
        if (!was.migrations().equals(now.migrations())) {
            parts.add("the migration files changed");
        }
        if (!was.actions().equals(now.actions())) {
            parts.add("the actions a plan made now would differ");
        }
        return parts.isEmpty() ? "fingerprint differs" : String.join("; ", parts);
    }

    // ------------------------------------------------------------------ locks

    private void lockFlyway(Connection c, String schema, String table)
            throws SQLException, ReconcileRefusedException, DatabaseAccessException {
        long key = FlywayLock.key(schema, table);
        long deadline = System.nanoTime() + settings.lockWait().toNanos();
        boolean announced = false;
        while (true) {
            try (PreparedStatement ps = c.prepareStatement("select pg_catalog.pg_try_advisory_xact_lock(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
            }
            String holder = describeHolder(c, schema, table);
            if (System.nanoTime() >= deadline) {
                throw new ReconcileRefusedException(Reason.LOCKED, "Refusing to apply: another session holds"
                        + " Flyway's lock on " + schema + "." + table + " (" + holder + ") and did not release it"
                        + " within " + settings.lockWait().toSeconds() + " s (migrationGuard.lockWait): a flyway"
                        + " migrate or another reconcile is running. Nothing was changed; run reconcile again when"
                        + " it has finished.");
            }
            if (!announced) {
                log.accept("waiting up to " + settings.lockWait().toSeconds() + " s for Flyway's lock on " + schema
                        + "." + table + ", held by " + holder);
                announced = true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReconcileRefusedException(Reason.LOCKED, "Interrupted while waiting for Flyway's lock on "
                        + schema + "." + table + "; nothing was changed.");
            }
        }
    }

    private String describeHolder(Connection c, String schema, String table) throws DatabaseAccessException {
        List<FlywayLock.Holder> holders = FlywayLock.holders(c, schema, table, masking);
        for (FlywayLock.Holder h : holders) {
            if (h.granted()) {
                return "process " + h.pid() + (h.applicationName() == null || h.applicationName().isBlank() ? ""
                        : " '" + h.applicationName() + "'") + (h.user() == null ? "" : " as " + h.user())
                        + (h.clientAddress() == null ? "" : " from " + h.clientAddress())
                        + (h.transactionStart() == null ? "" : ", transaction started " + h.transactionStart());
            }
        }
        return "a session that is not visible to this user";
    }

    private static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_catalog.to_regclass(?) is not null")) {
            ps.setString(1, SqlIdentifiers.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void lockHistoryTable(Connection c, String schema, String table)
            throws SQLException, ReconcileRefusedException {
        try (Statement st = c.createStatement()) {
            // readers go on; every writer (migrate, repair, a hand-written INSERT) waits until we commit
            st.execute("lock table " + SqlIdentifiers.qualified(schema, table) + " in share row exclusive mode");
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new ReconcileRefusedException(Reason.LOCKED, "Refusing to apply: another session is using the"
                        + " history table " + schema + "." + table + " and did not release it within "
                        + settings.lockTimeout().toSeconds() + " s. Nothing was changed; run reconcile again when it"
                        + " has finished.");
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ writes

    /**
     * Flyway's history table, as Flyway creates it on PostgreSQL: the same columns, types, defaults, primary key and
     * index, so that Flyway takes it for its own.
     */
    static void createFlywayTable(Connection c, String schema, String table) throws SQLException {
        String q = SqlIdentifiers.qualified(schema, table);
        try (Statement st = c.createStatement()) {
            st.execute("create table " + q + " ("
                    + "\"installed_rank\" integer not null,"
                    + " \"version\" varchar(50),"
                    + " \"description\" varchar(200) not null,"
                    + " \"type\" varchar(20) not null,"
                    + " \"script\" varchar(1000) not null,"
                    + " \"checksum\" integer,"
                    + " \"installed_by\" varchar(100) not null,"
                    + " \"installed_on\" timestamp not null default pg_catalog.now(),"
                    + " \"execution_time\" integer not null,"
                    + " \"success\" boolean not null)");
            st.execute("alter table " + q + " add constraint " + SqlIdentifiers.quote(table + "_pk")
                    + " primary key (\"installed_rank\")");
            st.execute("create index " + SqlIdentifiers.quote(table + "_s_idx") + " on " + q + " (\"success\")");
        }
    }

    static void createAuditTable(Connection c, String audit) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("create table if not exists " + audit + " ("
                    + "run_id text not null,"
                    + " action_no integer not null,"
                    + " action text not null,"
                    + " migration text,"
                    + " script text,"
                    + " history_table text not null,"
                    + " before_rows jsonb not null,"
                    + " after_row jsonb,"
                    + " evidence jsonb not null,"
                    + " plan_fingerprint text not null,"
                    + " database_user text not null,"
                    + " os_user text,"
                    + " ci jsonb not null,"
                    + " plugin_version text not null,"
                    + " applied_at timestamptz not null default pg_catalog.now(),"
                    + " primary key (run_id, action_no))");
        }
    }

    /** Archives the rows the action removes or changes, exactly as stored, before it touches them. */
    private void archive(Connection c, String audit, String history, String runId, int no, PlannedAction action,
                         ReconcilePlan plan, String databaseUser) throws SQLException {
        String sql = "insert into " + audit + " (run_id, action_no, action, migration, script, history_table,"
                + " before_rows, evidence, plan_fingerprint, database_user, os_user, ci, plugin_version)"
                + " select ?, ?, ?, ?, ?, ?, coalesce((select pg_catalog.jsonb_agg(pg_catalog.to_jsonb(h)"
                + " order by h.installed_rank) from " + history + " h where h.installed_rank = any (?)), '[]'),"
                + " ?::jsonb, ?, ?, ?, ?::jsonb, ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            ps.setInt(2, no);
            ps.setString(3, action.type().name());
            ps.setString(4, action.migration());
            ps.setString(5, action.script());
            ps.setString(6, plan.database().historyTable());
            ps.setArray(7, ranks(c, action.remove()));
            ps.setString(8, Json.array(action.evidence()));
            ps.setString(9, plan.fingerprint());
            ps.setString(10, databaseUser);
            ps.setString(11, settings.osUser());
            ps.setString(12, Json.object(settings.ci() == null ? Map.of() : settings.ci()));
            ps.setString(13, settings.pluginVersion());
            ps.executeUpdate();
        }
    }

    private static Array ranks(Connection c, List<RowImage> rows) throws SQLException {
        Integer[] ranks = rows.stream().map(RowImage::installedRank).toArray(Integer[]::new);
        return c.createArrayOf("integer", ranks);
    }

    /** Performs one action; returns the row as written (null after a removal). */
    private RowImage write(Connection c, String history, PlannedAction action, String timeZone) throws SQLException {
        int expected = action.remove().size();
        if (action.type() != ActionType.REALIGN_CHECKSUM && expected > 0) {
            // the rows are exactly the plan's: the fingerprint was re-checked under the locks
            try (PreparedStatement ps = c.prepareStatement("delete from " + history
                    + " where installed_rank = any (?)")) {
                ps.setArray(1, ranks(c, action.remove()));
                int n = ps.executeUpdate();
                if (n != expected) {
                    throw new SQLException("expected to remove " + expected + " history rows for migration "
                            + action.migration() + ", removed " + n, "MGR01");
                }
            }
        }
        RowImage w = action.write();
        if (w == null) {
            return null;
        }
        if (action.type() == ActionType.REALIGN_CHECKSUM) {
            RowImage before = action.remove().get(0);
            try (PreparedStatement ps = c.prepareStatement("update " + history + " set checksum = ?, description = ?,"
                    + " script = ? where installed_rank = ? and checksum is not distinct from ?")) {
                ps.setInt(1, w.checksum());
                ps.setString(2, w.description());
                ps.setString(3, w.script());
                ps.setInt(4, before.installedRank());
                ps.setObject(5, before.checksum());
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("expected to change history row " + before.installedRank()
                            + " for migration "
                            + action.migration(), "MGR01");
                }
            }
        } else {
            // as Flyway writes it: installed_by the current user, installed_on the local time of the session
            try (PreparedStatement ps = c.prepareStatement("insert into " + history + " (installed_rank, version,"
                    + " description, type, script, checksum, installed_by, installed_on, execution_time, success)"
                    + " values (?, ?, ?, ?, ?, ?, current_user, pg_catalog.timezone(?, pg_catalog.now()), ?, ?)")) {
                ps.setInt(1, w.installedRank());
                ps.setString(2, w.version());
                ps.setString(3, w.description());
                ps.setString(4, w.type());
                ps.setString(5, w.script());
                ps.setObject(6, w.checksum());
                ps.setString(7, timeZone);
                ps.setInt(8, w.executionTime());
                ps.setBoolean(9, w.success());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select installed_by, installed_on::timestamp from " + history
                + " where installed_rank = ?")) {
            ps.setInt(1, w.installedRank());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                LocalDateTime on = rs.getObject(2, LocalDateTime.class);
                return new RowImage(w.installedRank(), w.version(), w.description(), w.type(), w.script(),
                        w.checksum(), rs.getString(1), on == null ? null : STORED.format(on), w.executionTime(),
                        w.success());
            }
        }
    }

    // ------------------------------------------------------------------ verification

    private static final Set<DriftKind> HISTORY_KINDS = Set.of(DriftKind.UNRECORDED, DriftKind.PHANTOM,
            DriftKind.FAILED, DriftKind.CHECKSUM_MISMATCH, DriftKind.MISSING_FILE, DriftKind.PARTIAL);

    private void verify(DriftInspection before, DriftInspection after, ReconcilePlan applied, Connection c,
                        DatabaseIdentity identity) throws ReconcileRefusedException, SQLException,
            DatabaseAccessException {
        List<String> problems = new ArrayList<>();
        Set<String> was = new HashSet<>();
        for (DriftFinding f : before.report().findings()) {
            if (HISTORY_KINDS.contains(f.kind())) {
                was.add(f.kind() + " " + f.migration());
            }
        }
        for (DriftFinding f : after.report().findings()) {
            if (HISTORY_KINDS.contains(f.kind()) && !was.contains(f.kind() + " " + f.migration())) {
                problems.add("new finding " + f.kind() + " " + f.migration() + ": " + f.detail());
            }
        }
        for (PlannedAction a : applied.actions()) {
            DriftKind fixed = switch (a.type()) {
                case MARK_APPLIED -> DriftKind.UNRECORDED;
                case REMOVE_PHANTOM -> DriftKind.PHANTOM;
                case REMOVE_FAILED -> DriftKind.FAILED;
                case REALIGN_CHECKSUM -> DriftKind.CHECKSUM_MISMATCH;
            };
            for (DriftFinding f : after.report().findings()) {
                if (f.kind() == fixed && a.migration().equals(f.migration())) {
                    problems.add(a.type() + " " + a.migration() + " left " + fixed + ": " + f.detail());
                }
            }
        }
        ReconcilePlan again = ReconcilePlanner.plan(after, PlanDatabases.describe(c, identity, after),
                applied.options(), applied.pluginVersion(), Instant.now(clock));
        for (PlannedAction a : again.actions()) {
            problems.add("a new plan would still " + a.type() + " " + a.migration());
        }
        if (!problems.isEmpty()) {
            throw new ReconcileRefusedException(Reason.VERIFICATION_FAILED, "Rolled back: after the writes,"
                    + " detect-drift does not confirm the repair: " + String.join("; ", problems)
                    + ". Nothing was changed.");
        }
    }
}
