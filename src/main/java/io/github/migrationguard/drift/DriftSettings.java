package io.github.migrationguard.drift;

import io.github.migrationguard.db.JdbcTarget;
import io.github.migrationguard.migration.FlywayOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed detect-drift configuration, parsed once at the mojo boundary.
 *
 * @param baseDir       project base directory (locations are relative to it)
 * @param locations     migration locations, as for validate-safe
 * @param includes      file patterns (default {@code **}{@code /*.sql})
 * @param excludes      file patterns to leave out
 * @param placeholders  Flyway {@code ${name}} values
 * @param schemas       schemas to inspect; empty means every non-system schema
 * @param historyTable  {@code [schema.]table} of the history; null means auto-detect
 * @param ignore        objects to leave out of the schema comparison: each pattern is matched (find) against the
 *                      object's display name, e.g. {@code table public.audit_.*}
 * @param shadow        when set, the expected schema comes from applying the migrations to a fresh database on
 *                      this server instead of from replaying their DDL
 * @param flyway        the project-wide Flyway settings that decide which files are migrations and their text
 */
public record DriftSettings(Path baseDir, List<String> locations, List<String> includes, List<String> excludes,
                            Map<String, String> placeholders, Set<String> schemas, String historyTable,
                            List<Pattern> ignore, JdbcTarget shadow, FlywayOptions flyway) {

    public DriftSettings {
        flyway = flyway == null ? FlywayOptions.DEFAULT : flyway;
    }

    /** Settings with Flyway's default naming, placeholder replacement and encoding. */
    public DriftSettings(Path baseDir, List<String> locations, List<String> includes, List<String> excludes,
                         Map<String, String> placeholders, Set<String> schemas, String historyTable,
                         List<Pattern> ignore, JdbcTarget shadow) {
        this(baseDir, locations, includes, excludes, placeholders, schemas, historyTable, ignore, shadow,
                FlywayOptions.DEFAULT);
    }
}
