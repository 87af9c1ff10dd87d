package io.github.migrationguard.migration;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The project-wide Flyway settings that decide which files are migrations and what text (and checksum) they have;
 * a per-script {@code <script>.conf} still overrides {@code placeholderReplacement} and {@code encoding}.
 *
 * @param sqlMigrationSuffixes   Flyway's {@code sqlMigrationSuffixes} ({@code .sql} by default)
 * @param placeholderReplacement Flyway's {@code placeholderReplacement} ({@code true} by default)
 * @param encoding               Flyway's {@code encoding} (UTF-8 by default)
 */
public record FlywayOptions(List<String> sqlMigrationSuffixes, boolean placeholderReplacement, Charset encoding) {

    /** Flyway's defaults. */
    public static final FlywayOptions DEFAULT = new FlywayOptions(List.of(".sql"), true, StandardCharsets.UTF_8);

    public FlywayOptions {
        sqlMigrationSuffixes = sqlMigrationSuffixes == null || sqlMigrationSuffixes.isEmpty() ? List.of(".sql")
                : List.copyOf(sqlMigrationSuffixes);
        encoding = encoding == null ? StandardCharsets.UTF_8 : encoding;
    }

    /** The include patterns that find files with these suffixes: {@code **}{@code /*.sql} for the default. */
    public List<String> defaultIncludes() {
        return sqlMigrationSuffixes.stream().map(s -> "**/*" + s).toList();
    }
}
