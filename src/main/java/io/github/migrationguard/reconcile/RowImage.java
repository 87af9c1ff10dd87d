package io.github.migrationguard.reconcile;

import io.github.migrationguard.history.HistoryRow;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A Flyway history row as a plan and an audit record show it: before it is removed or changed, or as it will be
 * written.
 *
 * @param installedRank order of application (Flyway's primary key)
 * @param version       version, null for repeatable migrations
 * @param description   description as Flyway stores it
 * @param type          {@code SQL} for a SQL migration
 * @param script        script name relative to its location
 * @param checksum      Flyway's checksum
 * @param installedBy   database user; null in a row still to be written (the applying user is recorded)
 * @param installedOn   {@code yyyy-MM-dd HH:mm:ss.SSSSSS} as stored; null in a row still to be written (the time of
 *                      the apply)
 * @param executionTime milliseconds
 * @param success       whether the run succeeded
 */
public record RowImage(int installedRank, String version, String description, String type, String script,
                       Integer checksum, String installedBy, String installedOn, int executionTime, boolean success) {

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);

    /** The image of a row as read. */
    public static RowImage of(HistoryRow row) {
        return new RowImage(row.installedRank(), row.version(), row.description(), row.type(), row.script(),
                row.checksum(), row.installedBy(),
                row.installedOn() == null ? null : STORED.format(row.installedOn()), row.executionTime(),
                row.success());
    }

    /** One line for fingerprints: every field, unambiguously separated. */
    String canonical() {
        return Fingerprint.fields(String.valueOf(installedRank), version, description, type, script,
                checksum == null ? null : String.valueOf(checksum), installedBy, installedOn,
                String.valueOf(executionTime), String.valueOf(success));
    }
}
