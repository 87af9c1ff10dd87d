package io.github.migrationguard.migration;

import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.history.MigrationName;
import io.github.migrationguard.schema.replay.ReplayInput;
import java.nio.file.Path;
import java.util.List;

/**
 * One migration file as the migration tool sees it.
 *
 * @param kind                versioned (also timestamp-versioned files) or repeatable
 * @param version             the version ({@code 1.1}, {@code 20240101120000}); null for repeatable migrations
 * @param description         the description: for Flyway names the part after the separator with underscores turned
 *                            into spaces; for timestamp names the part after the first underscore, as written
 * @param script              the path relative to its location, {@code /}-separated, as Flyway writes it into the
 *                            {@code script} column ({@code V1__init.sql}, {@code sub/V2__x.sql})
 * @param file                the file on disk
 * @param checksum            Flyway's checksum: of the file as written for versioned migrations, of the text after
 *                            placeholder replacement for repeatable ones (as Flyway computes it)
 * @param text                the SQL that runs: placeholders replaced (Flyway names), a leading byte-order mark
 *                            removed, for dbmate files only the {@code -- migrate:up} section
 * @param missingPlaceholders names of {@code ${placeholders}} without a configured value (Flyway refuses to run such
 *                            a file; the checksum of a repeatable one cannot be exact then)
 */
public record Migration(Kind kind, FlywayVersion version, String description, String script, Path file,
                        int checksum, String text, List<String> missingPlaceholders) {

    /** What kind of migration. */
    public enum Kind {
        /** Runs once, in version order. */
        VERSIONED,
        /** Runs after the versioned ones whenever its checksum changes (Flyway {@code R__} files). */
        REPEATABLE
    }

    public Migration {
        missingPlaceholders = List.copyOf(missingPlaceholders);
    }

    /** True for Flyway's {@code R__} migrations. */
    public boolean isRepeatable() {
        return kind == Kind.REPEATABLE;
    }

    /**
     * How reports name the migration, as Flyway does: the version ({@code 3}, {@code 1.1}) of a versioned migration,
     * the description of a repeatable one.
     */
    public String name() {
        return version != null ? version.toString() : description;
    }

    /** The description as Flyway stores it in the history table (abbreviated beyond 200 characters). */
    public String historyDescription() {
        return MigrationName.abbreviateDescription(description);
    }

    /** The input for schema replay. */
    public ReplayInput toReplayInput() {
        return new ReplayInput(script, text);
    }
}
