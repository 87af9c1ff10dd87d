package io.github.migrationguard.history;

import java.time.LocalDateTime;

/**
 * One row of Flyway's history table, as stored.
 *
 * @param installedRank order of application (Flyway's primary key)
 * @param version       version as written by Flyway ({@code 1.1}), null for repeatable migrations and some markers
 * @param description   description (underscores of the file name replaced by spaces, at most 200 characters)
 * @param type          {@code SQL}, {@code JDBC}, {@code BASELINE}, {@code SCHEMA}, {@code DELETE}, {@code UNDO_SQL},
 *                      ...
 * @param script        script name relative to its location ({@code V1__init.sql}, {@code sub/V2__x.sql}) or a marker
 * @param checksum      Flyway's CRC32 checksum of the script, null for markers and some Java migrations
 * @param installedBy   database user that applied it
 * @param installedOn   when, in the time zone of the session that applied it (Flyway stores a timestamp without
 *                      time zone)
 * @param executionTime milliseconds
 * @param success       false for a failed migration Flyway recorded (only on databases without transactional DDL,
 *                      or with {@code executeInTransaction=false})
 */
public record HistoryRow(int installedRank, String version, String description, String type, String script,
                         Integer checksum, String installedBy, LocalDateTime installedOn, int executionTime,
                         boolean success) {

    /** The version parsed with Flyway's rules, or null when the row has none (or an unparseable one). */
    public FlywayVersion parsedVersion() {
        if (version == null || !FlywayVersion.isValid(version)) {
            return null;
        }
        return FlywayVersion.parse(version);
    }

    /** True for rows of repeatable migrations: a script but no version. */
    public boolean isRepeatable() {
        return version == null && ("SQL".equals(type) || "JDBC".equals(type) || "SCRIPT".equals(type));
    }
}
