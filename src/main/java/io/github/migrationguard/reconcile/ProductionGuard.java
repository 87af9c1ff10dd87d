package io.github.migrationguard.reconcile;

import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.reconcile.ReconcileRefusedException.Reason;
import java.util.regex.Pattern;

/**
 * Decides whether reconcile may write to a database: only a primary, in a read-write session, whose name (as the
 * server reports it) looks like a test database, or, for any other name, when the environment allows it and the user
 * typed the database's name.
 */
public final class ProductionGuard {

    /** The environment variable that allows writing to a database whose name does not look like a test database. */
    public static final String ALLOW_ENV = "MIGRATION_GUARD_ALLOW_NONTEST";

    /** The default {@code testDatabasePattern}: the name contains "test" in any case. */
    public static final String DEFAULT_PATTERN = "(?i)test";

    /**
     * What the guard works from.
     *
     * @param testDatabasePattern searched (find) in the database name
     * @param allowNonTest        value of {@link #ALLOW_ENV}, or null
     * @param confirm             value of {@code migrationGuard.confirm}, or null
     */
    public record Settings(Pattern testDatabasePattern, String allowNonTest, String confirm) {
    }

    private ProductionGuard() {
    }

    /**
     * Checks {@code identity} (read from the server in the apply's own transaction).
     *
     * @throws ReconcileRefusedException naming the reason and how to proceed
     */
    public static void check(DatabaseIdentity identity, Settings settings) throws ReconcileRefusedException {
        String name = identity.database();
        if (identity.inRecovery()) {
            throw new ReconcileRefusedException(Reason.STANDBY, "Refusing to apply: database " + name + " on "
                    + identity.serverEndpoint() + " is a hot standby (pg_is_in_recovery() is true); history rows can"
                    + " only be written on the primary. Connect to the primary server.");
        }
        if (identity.defaultReadOnly()) {
            throw new ReconcileRefusedException(Reason.READ_ONLY, "Refusing to apply: sessions on database " + name
                    + " are read-only (default_transaction_read_only is on for user " + identity.user() + "); the"
                    + " setting may come from the database, the user or the connection URL. Connect with a user"
                    + " and settings that may write.");
        }
        Pattern pattern = settings.testDatabasePattern();
        if (pattern.matcher(name).find()) {
            return;
        }
        boolean allowed = "1".equals(settings.allowNonTest() == null ? null : settings.allowNonTest().strip());
        String confirm = settings.confirm();
        String notTest = "database " + name + " does not look like a test database (its name does not match"
                + " testDatabasePattern " + pattern.pattern() + ")";
        if (!allowed) {
            throw new ReconcileRefusedException(Reason.NOT_A_TEST_DATABASE, "Refusing to apply: " + notTest + ". Work"
                    + " on a test copy or branch of it first (a Neon or Supabase branch, an RDS snapshot restore,"
                    + " createdb -T " + shellWord(name) + " " + shellWord(name + "_test")
                    + "), review the plan there and check the result with"
                    + " flyway validate. To apply to " + name + " itself, set the environment variable " + ALLOW_ENV
                    + "=1 and pass -DmigrationGuard.confirm=" + shellWord(name)
                    + (confirm != null ? " (migrationGuard.confirm alone is not enough)" : "") + ".");
        }
        if (confirm == null || confirm.isBlank()) {
            throw new ReconcileRefusedException(Reason.NOT_CONFIRMED, "Refusing to apply: " + notTest + "; "
                    + ALLOW_ENV + "=1 is set, but the apply is not confirmed. Pass -DmigrationGuard.confirm="
                    + shellWord(name)
                    + " (the live database name) to apply to it.");
        }
        if (!confirm.equals(name)) {
            throw new ReconcileRefusedException(Reason.NOT_CONFIRMED, "Refusing to apply: migrationGuard.confirm is '"
                    + confirm + "', but the connection is to database " + name + ". The confirmation must be the"
                    + " live database name exactly (it is checked against the server, not the URL).");
        }
    }

    /** The name as one shell word: as is when it is plain, else in single quotes (embedded quotes escaped). */
    static String shellWord(String name) {
        if (name.matches("[A-Za-z0-9_.,:@%+=-]+")) {
            return name;
        }
        return "'" + name.replace("'", "'\\''") + "'";
    }
}
