package io.github.migrationguard.maven;

import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.DatabaseAccessException.Reason;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.maven.DetectDriftConfig.ServerCredentials;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What the goals that connect to a database share: the connection (url, user, password, settings.xml server,
 * {@code DATABASE_URL}), the migration files and the detect-drift options, parsed once into a
 * {@link DetectDriftConfig}.
 */
public abstract class AbstractDatabaseMojo extends AbstractMigrationGuardMojo {

    /** Skips the goal: no connection, no reports. */
    @Parameter(property = "migrationGuard.skip", defaultValue = "false")
    boolean skip;

    /**
     * Migration directories, relative to the project base directory or absolute; a comma-separated list as a user
     * property. Default {@code src/main/resources/db/migration}.
     */
    @Parameter(property = "migrationGuard.locations")
    List<String> locations;

    /** Glob patterns (relative to a location) of the migration files. Default {@code **}{@code /*.sql}. */
    @Parameter(property = "migrationGuard.includes")
    List<String> includes;

    /** Glob patterns (relative to a location) of files to leave out. */
    @Parameter(property = "migrationGuard.excludes")
    List<String> excludes;

    /** Flyway-style {@code ${name}} placeholder values, replaced before checksums and replay. */
    @Parameter
    Map<String, String> placeholders;

    /**
     * The database to inspect: {@code jdbc:postgresql://host:port/db}, a libpq URI
     * ({@code postgresql://user@host:port/db?sslmode=require}) or libpq {@code key=value} pairs. When not set, the
     * {@code DATABASE_URL} environment variable is used.
     */
    @Parameter(property = "migrationGuard.url")
    String url;

    /** User name; overrides one in the URL or in the settings.xml server entry. */
    @Parameter(property = "migrationGuard.user")
    String user;

    /** Password; overrides one in the URL or in the settings.xml server entry. Prefer {@code serverId}. */
    @Parameter(property = "migrationGuard.password")
    String password;

    /** Id of a {@code <server>} in settings.xml whose username and (encrypted) password are used. */
    @Parameter(property = "migrationGuard.serverId")
    String serverId;

    /** Schemas to inspect; a comma-separated list as a user property. Default: every non-system schema. */
    @Parameter(property = "migrationGuard.schemas")
    List<String> schemas;

    /** The history table, {@code [schema.]table}. Default: detected (Flyway's {@code flyway_schema_history} first). */
    @Parameter(property = "migrationGuard.historyTable")
    String historyTable;

    /**
     * A PostgreSQL server on which a throw-away database is created to build the expected schema by applying the
     * migrations; when not set, the expected schema comes from replaying the migrations' DDL. Never the target.
     */
    @Parameter(property = "migrationGuard.shadowUrl")
    String shadowUrl;

    /**
     * Regular expressions (found anywhere in the name) over object display names, e.g. {@code table public\.tmp_.*}:
     * matching objects are left out of the schema comparison.
     */
    @Parameter(property = "migrationGuard.ignore")
    List<String> ignore;

    /**
     * Flyway's {@code sqlMigrationSuffixes}: file suffixes of SQL migrations; a comma-separated list as a user
     * property. Default {@code .sql}. When {@code includes} is not set, files with these suffixes are read.
     */
    @Parameter(property = "migrationGuard.sqlMigrationSuffixes")
    List<String> sqlMigrationSuffixes;

    /** Flyway's {@code placeholderReplacement}: whether {@code ${name}} placeholders are replaced (a per-script
     * {@code .conf} still overrides it). */
    @Parameter(property = "migrationGuard.placeholderReplacement", defaultValue = "true")
    boolean placeholderReplacement = true;

    /** Flyway's {@code encoding} of the migration files (a per-script {@code .conf} still overrides it). */
    @Parameter(property = "migrationGuard.encoding", defaultValue = "UTF-8")
    String encoding;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    private final SettingsDecrypter settingsDecrypter;

    protected AbstractDatabaseMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    /** The typed configuration; package-private for tests. */
    DetectDriftConfig configure(boolean failOnDrift) throws MojoExecutionException {
        DetectDriftConfig.Raw raw = new DetectDriftConfig.Raw(locations, includes, excludes, placeholders, url, user,
                password, serverId, schemas, historyTable, shadowUrl, ignore, failOnDrift, sqlMigrationSuffixes,
                placeholderReplacement, encoding);
        return DetectDriftConfig.parse(raw, basePath(), this::env, this::server);
    }

    /** A settings.xml server entry with its password decrypted the way Maven decrypts it, or null. */
    private ServerCredentials server(String id) {
        Server server = settings == null ? null : settings.getServer(id);
        if (server == null) {
            return null;
        }
        if (settingsDecrypter == null) {
            return new ServerCredentials(server.getUsername(), null, "no settings decrypter is available");
        }
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        List<String> problems = new ArrayList<>();
        for (SettingsProblem p : result.getProblems()) {
            if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
                problems.add(p.getMessage());
            }
        }
        Server decrypted = result.getServer() != null ? result.getServer() : server;
        if (!problems.isEmpty()) {
            return new ServerCredentials(decrypted.getUsername(), null, String.join("; ", problems));
        }
        return new ServerCredentials(decrypted.getUsername(), decrypted.getPassword(), null);
    }

    /** A cause whose whole chain is masked, so a stack trace printed with {@code -e} shows no password either. */
    static DatabaseAccessException masked(Exception e, Masking masking) {
        Reason reason = e instanceof DatabaseAccessException d ? d.reason() : Reason.OTHER;
        String state = e instanceof DatabaseAccessException d ? d.sqlState() : null;
        Throwable cause = e instanceof DatabaseAccessException ? e.getCause() : e;
        return new DatabaseAccessException(reason, e.getMessage(), state, cause, masking);
    }

    static String describe(Exception e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String msg = t.getMessage();
        String kind = t.getClass().getSimpleName();
        return msg == null ? kind : kind + ": " + msg;
    }
}
