package io.github.migrationguard.reconcile;

/** Reconcile refused to apply, and changed nothing; the message says why and how to proceed. */
public class ReconcileRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, for callers and tests that react differently. */
    public enum Reason {
        /** The database name does not match testDatabasePattern and no override was given. */
        NOT_A_TEST_DATABASE,
        /** The override was given, but without (or with the wrong) confirmation. */
        NOT_CONFIRMED,
        /** The server is a hot standby. */
        STANDBY,
        /** The session is read-only. */
        READ_ONLY,
        /** The database changed since the plan was made. */
        STALE_PLAN,
        /** The plan file does not match its own fingerprint. */
        EDITED_PLAN,
        /** Another session holds Flyway's lock or writes the history table. */
        LOCKED,
        /** After the writes, detect-drift still reports what the plan was to fix. */
        VERIFICATION_FAILED,
        /** The history belongs to a tool whose rows reconcile does not write. */
        UNSUPPORTED_HISTORY
    }

    private final Reason reason;

    public ReconcileRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
