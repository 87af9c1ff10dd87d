package io.github.migrationguard.maven;

import io.github.migrationguard.db.ConnectionSettings;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.DatabaseUrls;
import io.github.migrationguard.db.JdbcTarget;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.drift.DriftSettings;
import io.github.migrationguard.migration.MigrationDiscovery;
import io.github.migrationguard.migration.FlywayOptions;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.maven.plugin.MojoExecutionException;
import org.postgresql.Driver;

/**
 * The {@code detect-drift} configuration as typed values, parsed once from the raw pom parameters. Every problem names
 * the pom element (or environment variable) to fix; all problems are reported together in one exception, whose text
 * never contains a password.
 *
 * @param connection  how to reach the target database (URL, credentials, and where they came from)
 * @param target      the resolved target (checked: the URL is understood)
 * @param settings    everything the detector needs
 * @param failOnDrift whether findings fail the build
 * @param masking     hides every password of the target, the server entry and the shadow, and anything that looks
 *                    like a password (for messages and URLs)
 * @param secrets     those passwords themselves, for {@link #hideSecrets}
 */
record DetectDriftConfig(ConnectionSettings connection, JdbcTarget target, DriftSettings settings,
                         boolean failOnDrift, Masking masking, List<String> secrets) {

    /** Where the connection comes from when {@code <url>} is set. */
    static final String URL_SOURCE = "<url> (migrationGuard.url)";
    /** Where the shadow connection comes from. */
    static final String SHADOW_SOURCE = "<shadowUrl> (migrationGuard.shadowUrl)";
    static final String DATABASE_URL = "DATABASE_URL";

    /**
     * The pom parameters as Maven handed them over; null means "not configured".
     *
     * @param locations    migration directories (comma lists are split)
     * @param includes     file globs
     * @param excludes     file globs to leave out
     * @param placeholders Flyway {@code ${name}} values
     * @param url          target URL (JDBC, libpq URI or key/value)
     * @param user         explicit user; overrides the URL's and the server entry's
     * @param password     explicit password; overrides the URL's and the server entry's
     * @param serverId     id of a {@code <server>} in settings.xml supplying user and password
     * @param schemas      schemas to inspect (comma lists are split)
     * @param historyTable {@code [schema.]table}
     * @param shadowUrl    server for the shadow database
     * @param ignore       regexes over object display names
     * @param failOnDrift  whether findings fail the build
     */
    record Raw(List<String> locations, List<String> includes, List<String> excludes, Map<String, String> placeholders,
               String url, String user, String password, String serverId, List<String> schemas, String historyTable,
               String shadowUrl, List<String> ignore, boolean failOnDrift, List<String> sqlMigrationSuffixes,
               boolean placeholderReplacement, String encoding) {

        /** With Flyway's default suffix, placeholder replacement and encoding. */
        Raw(List<String> locations, List<String> includes, List<String> excludes, Map<String, String> placeholders,
            String url, String user, String password, String serverId, List<String> schemas, String historyTable,
            String shadowUrl, List<String> ignore, boolean failOnDrift) {
            this(locations, includes, excludes, placeholders, url, user, password, serverId, schemas, historyTable,
                    shadowUrl, ignore, failOnDrift, null, true, null);
        }
    }

    /**
     * The user and the decrypted password of a {@code <server>} in settings.xml.
     *
     * @param user     {@code <username>}, or null
     * @param password {@code <password>}, decrypted, or null
     * @param problem  why the password could not be decrypted, or null when it could
     */
    record ServerCredentials(String user, String password, String problem) {

        @Override
        public String toString() {
            return "ServerCredentials[user=" + user + ", password=" + (password == null ? "<none>" : Masking.MASK)
                    + (problem == null ? "" : ", problem=" + problem) + "]";
        }
    }

    /** Looks up {@code <server>} entries of settings.xml. */
    interface Servers {
        /** The credentials of the server with this id, or null when settings.xml has no such server. */
        ServerCredentials find(String serverId);
    }

    /**
     * Maps the raw parameters.
     *
     * @param baseDir     project base directory
     * @param environment environment lookup (for {@code DATABASE_URL}); blank values count as unset
     * @param servers     settings.xml servers
     * @throws MojoExecutionException naming every invalid element
     */
    static DetectDriftConfig parse(Raw raw, Path baseDir, Function<String, String> environment, Servers servers)
            throws MojoExecutionException {
        List<String> problems = new ArrayList<>();
        List<String> secrets = new ArrayList<>();

        List<String> locations = ValidateSafeConfig.splitList(raw.locations());
        if (locations.isEmpty()) {
            locations = List.of(ValidateSafeConfig.DEFAULT_LOCATION);
        }
        for (String location : locations) {
            Path dir = MigrationDiscovery.resolveLocation(baseDir, location);
            if (!Files.isDirectory(dir)) {
                problems.add("<locations>: migration location " + location
                        + (Files.exists(dir) ? " is not a directory" : " does not exist (" + dir + ")")
                        + "; detect-drift compares the database with the migrations, so point <locations> at them");
            }
        }
        FlywayOptions flyway = flywayOptions(raw, problems);
        List<String> includes = ValidateSafeConfig.splitList(raw.includes());
        if (includes.isEmpty()) {
            includes = flyway.defaultIncludes();
        }
        List<String> excludes = ValidateSafeConfig.splitList(raw.excludes());
        Map<String, String> placeholders = new TreeMap<>();
        if (raw.placeholders() != null) {
            raw.placeholders().forEach((name, value) -> placeholders.put(name, value == null ? "" : value));
        }

        Set<String> schemas = new LinkedHashSet<>(ValidateSafeConfig.splitList(raw.schemas()));
        String historyTable = historyTable(raw.historyTable(), problems);
        List<Pattern> ignore = ignorePatterns(raw.ignore(), problems);

        // credentials: explicit <user>/<password> win, <serverId> fills in what is missing
        String user = blankToNull(raw.user());
        String password = raw.password() == null || raw.password().isEmpty() ? null : raw.password();
        secrets.add(password);
        String serverId = blankToNull(raw.serverId());
        if (serverId != null) {
            ServerCredentials server = servers.find(serverId);
            if (server == null) {
                problems.add("<serverId>: settings.xml has no <server> with the id '" + serverId + "'; add one with"
                        + " <username> and <password> (encrypt the password with mvn --encrypt-password) to"
                        + " ~/.m2/settings.xml or the file given with -s, or remove <serverId>");
            } else if (server.problem() != null) {
                secrets.add(server.password());
                problems.add("<serverId>: the password of <server> '" + serverId + "' in settings.xml could not be"
                        + " decrypted: " + server.problem() + " (check ~/.m2/settings-security.xml)");
            } else {
                secrets.add(server.password());
                if (user == null) {
                    user = blankToNull(server.user());
                }
                if (password == null) {
                    password = server.password();
                }
            }
        }

        ConnectionSettings connection = null;
        String url = blankToNull(raw.url());
        String databaseUrl = environment == null ? null : blankToNull(environment.apply(DATABASE_URL));
        if (url != null) {
            connection = new ConnectionSettings(url, user, password, URL_SOURCE);
        } else if (databaseUrl != null) {
            connection = new ConnectionSettings(databaseUrl, user, password,
                    ConnectionSettings.fromDatabaseUrl(databaseUrl).source());
        } else {
            problems.add("<url>: no database to inspect; set -DmigrationGuard.url=jdbc:postgresql://host:5432/db"
                    + " (or <url> in the plugin configuration), or the DATABASE_URL environment variable"
                    + " (postgresql://user@host:5432/db?sslmode=require)");
        }
        JdbcTarget target = null;
        if (connection != null) {
            secrets.addAll(maskedSecretsOf(connection));
            target = resolve(connection, problems);
        }

        JdbcTarget shadow = null;
        String shadowUrl = blankToNull(raw.shadowUrl());
        if (shadowUrl != null) {
            ConnectionSettings shadowSettings = new ConnectionSettings(shadowUrl, null, null, SHADOW_SOURCE);
            secrets.addAll(maskedSecretsOf(shadowSettings));
            shadow = resolve(shadowSettings, problems);
            if (shadow != null && target != null && sameDatabase(shadow, target)) {
                problems.add("<shadowUrl>: points at the target database itself (" + target.describe() + "); the"
                        + " shadow database is created on a separate, disposable server, e.g."
                        + " jdbc:postgresql://localhost:5432/postgres or jdbc:tc:postgresql:16:///shadow");
                shadow = null;
            }
        }

        Masking masking = Masking.of(secrets);
        if (!problems.isEmpty()) {
            throw new MojoExecutionException(masking.apply(ValidateSafeConfig.message(problems)));
        }
        DriftSettings settings = new DriftSettings(baseDir, List.copyOf(locations), List.copyOf(includes),
                List.copyOf(excludes), Collections.unmodifiableMap(placeholders),
                Collections.unmodifiableSet(schemas), historyTable, List.copyOf(ignore), shadow, flyway);
        List<String> known = secrets.stream().filter(x -> x != null && x.length() >= Masking.MIN_LITERAL_LENGTH)
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return new DetectDriftConfig(connection, target, settings, raw.failOnDrift(), masking, known);
    }

    /**
     * Replaces the configured passwords, literally, in text read from the database or the migration files (report
     * lines). Unlike {@link #masking()} it leaves {@code password: ...}-like text alone: a column named
     * {@code password} is schema, not a secret.
     */
    String hideSecrets(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, Masking.MASK);
        }
        return out;
    }

    @Override
    public String toString() {
        return "DetectDriftConfig[connection=" + connection + ", target=" + target + ", shadow=" + settings.shadow()
                + ", failOnDrift=" + failOnDrift + "]";
    }

    /** The passwords these settings carry (explicit, in the URL, in driver properties), for a combined masking. */
    private static List<String> maskedSecretsOf(ConnectionSettings settings) {
        List<String> out = new ArrayList<>();
        out.add(settings.password());
        try {
            JdbcTarget t = DatabaseUrls.resolve(settings);
            out.add(t.password());
            out.add(t.properties().getProperty("sslpassword"));
            if (t.jdbcUrl().regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length())) {
                Properties inUrl = Driver.parseURL(t.jdbcUrl(), null);
                if (inUrl != null) {
                    out.add(inUrl.getProperty("password"));
                    out.add(inUrl.getProperty("sslpassword"));
                }
            }
        } catch (DatabaseAccessException | RuntimeException e) {
            // the caller reports the invalid URL; pattern masking still applies
        }
        out.removeIf(s -> s == null || s.isEmpty());
        return out;
    }

    /** The resolved target, or null after adding the problem (whose text names the setting, e.g. {@code <url>}). */
    private static JdbcTarget resolve(ConnectionSettings settings, List<String> problems) {
        try {
            return DatabaseUrls.resolve(settings);
        } catch (DatabaseAccessException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** Same host list (case-insensitive) and same database: the same database, as far as the URLs tell. */
    static boolean sameDatabase(JdbcTarget a, JdbcTarget b) {
        List<String> ha = a.hosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        List<String> hb = b.hosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        if (ha.isEmpty() || hb.isEmpty() || !ha.equals(hb)) {
            return false;
        }
        String da = a.database() != null ? a.database() : a.user();
        String db = b.database() != null ? b.database() : b.user();
        return da != null && da.equals(db);
    }

    private static String historyTable(String value, List<String> problems) {
        String table = blankToNull(value);
        if (table == null) {
            return null;
        }
        String[] parts = table.split("\\.", -1);
        if (parts.length > 2 || Arrays.stream(parts).anyMatch(String::isBlank)) {
            problems.add("<historyTable>: '" + table + "' is not [schema.]table, e.g. public.flyway_schema_history;"
                    + " leave it out to detect the history table");
            return null;
        }
        return table;
    }

    private static List<Pattern> ignorePatterns(List<String> values, List<String> problems) {
        List<Pattern> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String value : values) {
            String source = value == null ? "" : value.trim();
            if (source.isEmpty()) {
                continue;
            }
            try {
                out.add(Pattern.compile(source));
            } catch (PatternSyntaxException e) {
                problems.add("<ignore>: invalid regular expression '" + source + "': " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }
        return out;
    }

    /** Flyway's sqlMigrationSuffixes, placeholderReplacement and encoding, as the project configures Flyway. */
    private static FlywayOptions flywayOptions(Raw raw, List<String> problems) {
        List<String> suffixes = ValidateSafeConfig.splitList(raw.sqlMigrationSuffixes());
        for (String suffix : suffixes) {
            if (!suffix.startsWith(".") || suffix.length() < 2 || suffix.contains("/") || suffix.contains("*")) {
                problems.add("<sqlMigrationSuffixes>: '" + suffix + "' is not a file suffix; write it as Flyway does,"
                        + " e.g. .sql or .pgsql");
            }
        }
        Charset charset = StandardCharsets.UTF_8;
        String encoding = blankToNull(raw.encoding());
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding.strip());
            } catch (IllegalArgumentException e) {
                problems.add("<encoding>: unknown encoding '" + encoding + "'; use the name Flyway is configured"
                        + " with, e.g. UTF-8 or ISO-8859-1");
            }
        }
        return new FlywayOptions(suffixes, raw.placeholderReplacement(), charset);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
