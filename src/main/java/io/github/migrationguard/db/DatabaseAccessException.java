package io.github.migrationguard.db;

import java.sql.SQLException;

/**
 * A database could not be reached or read. The message says what happened and which setting to fix; it never
 * contains a password (messages and the whole cause chain are masked on construction).
 */
public class DatabaseAccessException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (e.g. a test that skips an unreachable shadow). */
    public enum Reason {
        /** The URL or another connection setting cannot be understood. */
        INVALID_SETTINGS,
        /** Nothing listens on the host and port. */
        CONNECTION_REFUSED,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** The network has no route to the host. */
        UNREACHABLE,
        /** Connecting or reading took longer than the configured timeout. */
        TIMEOUT,
        /** Wrong password (SQLState 28P01). */
        BAD_CREDENTIALS,
        /** The server refused this user/database/host/SSL combination (SQLState 28000). */
        AUTHORIZATION_REJECTED,
        /** The server asked for a password but none is configured. */
        PASSWORD_REQUIRED,
        /** SSL was required by the settings but the server refuses it, or the negotiation failed. */
        SSL_FAILED,
        /** The database does not exist (SQLState 3D000). */
        UNKNOWN_DATABASE,
        /** The user lacks a privilege (SQLState 42501). */
        PERMISSION_DENIED,
        /** The server has no free connection slot (SQLState 53300). */
        TOO_MANY_CONNECTIONS,
        /** The server is starting up or shutting down (SQLState 57P03). */
        SERVER_NOT_READY,
        /** The connection broke while in use. */
        CONNECTION_LOST,
        /** A statement_timeout or lock_timeout cancelled a query. */
        QUERY_CANCELLED,
        /** A table or other object the query needs does not exist. */
        OBJECT_MISSING,
        /** The session could not be made read-only as required. */
        NOT_READ_ONLY,
        /** Anything else. */
        OTHER
    }

    private final Reason reason;
    private final String sqlState;

    /**
     * @param message what happened and what to do; masked here
     * @param cause   the original failure; replaced by a masked copy of its chain
     */
    public DatabaseAccessException(Reason reason, String message, String sqlState, Throwable cause,
                                   Masking masking) {
        super(masking.apply(message), MaskedCause.copyOf(cause, masking));
        this.reason = reason;
        this.sqlState = sqlState;
    }

    public DatabaseAccessException(Reason reason, String message, Masking masking) {
        this(reason, message, null, null, masking);
    }

    public Reason reason() {
        return reason;
    }

    /** The SQLState of the underlying failure, when there was one. */
    public String sqlState() {
        return sqlState;
    }

    /**
     * A stand-in for a throwable of the original chain: same class name, SQLState and stack trace, masked message.
     * Keeping the original would let a printed stack trace show an unmasked driver message.
     */
    public static final class MaskedCause extends Exception {

        private static final long serialVersionUID = 1L;

        private final String originalClass;
        private final String sqlState;

        private MaskedCause(String originalClass, String message, String sqlState) {
            super(message);
            this.originalClass = originalClass;
            this.sqlState = sqlState;
        }

        static MaskedCause copyOf(Throwable t, Masking masking) {
            return copyOf(t, masking, 0);
        }

        private static MaskedCause copyOf(Throwable t, Masking masking, int depth) {
            if (t == null || depth > 20) {
                return null;
            }
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            MaskedCause copy = new MaskedCause(t.getClass().getName(), masking.apply(t.getMessage()), state);
            copy.setStackTrace(t.getStackTrace());
            Throwable next = t.getCause();
            if (next == t) {
                next = null;
            }
            MaskedCause nextCopy = copyOf(next, masking, depth + 1);
            if (nextCopy != null) {
                copy.initCause(nextCopy);
            }
            return copy;
        }

        /** Fully qualified class name of the throwable this stands for. */
        public String originalClass() {
            return originalClass;
        }

        public String sqlState() {
            return sqlState;
        }

        @Override
        public String toString() {
            String msg = getMessage();
            String state = sqlState == null ? "" : " [SQLState " + sqlState + "]";
            return originalClass + (msg == null ? "" : ": " + msg) + state;
        }
    }
}
