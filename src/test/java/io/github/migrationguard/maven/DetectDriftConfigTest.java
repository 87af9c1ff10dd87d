package io.github.migrationguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.maven.DetectDriftConfig.Raw;
import io.github.migrationguard.maven.DetectDriftConfig.ServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectDriftConfigTest {

    private static final String SECRET = "s3cr3t-Pa55word";

    @TempDir
    Path project;

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, ServerCredentials> servers = new HashMap<>();

    @BeforeEach
    void migrations() throws IOException {
        Files.createDirectories(project.resolve(ValidateSafeConfig.DEFAULT_LOCATION));
    }

    private static Raw raw(String url, String user, String password, String serverId, String shadowUrl) {
        return new Raw(null, null, null, null, url, user, password, serverId, null, null, shadowUrl, null, true);
    }

    private DetectDriftConfig parse(Raw raw) throws MojoExecutionException {
        return DetectDriftConfig.parse(raw, project, env::get, servers::get);
    }

    private String error(Raw raw) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> parse(raw));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        return e.getMessage();
    }

    private static Raw flyway(List<String> suffixes, boolean replace, String encoding) {
        return new Raw(null, null, null, null, "jdbc:postgresql://db/shop", null, null, null, null, null, null, null,
                true, suffixes, replace, encoding);
    }

    @Test
    void flywaysSuffixesPlaceholderReplacementAndEncodingAreTakenAsFlywayHasThem() throws Exception {
        DetectDriftConfig c = parse(flyway(List.of(".sql, .pgsql"), false, "ISO-8859-1"));
        assertEquals(List.of(".sql", ".pgsql"), c.settings().flyway().sqlMigrationSuffixes());
        assertEquals(List.of("**/*.sql", "**/*.pgsql"), c.settings().includes(), "includes follow the suffixes");
        assertFalse(c.settings().flyway().placeholderReplacement());
        assertEquals(java.nio.charset.StandardCharsets.ISO_8859_1, c.settings().flyway().encoding());

        DetectDriftConfig defaults = parse(raw("jdbc:postgresql://db/shop", null, null, null, null));
        assertEquals(io.github.migrationguard.migration.FlywayOptions.DEFAULT, defaults.settings().flyway());
        assertEquals(List.of("**/*.sql"), defaults.settings().includes());
    }

    @Test
    void aSuffixOrEncodingFlywayWouldNotTakeIsOneClearError() {
        String message = error(flyway(List.of("pgsql", "*.sql"), true, "latin-nine"));
        assertTrue(message.contains("<sqlMigrationSuffixes>: 'pgsql' is not a file suffix"), message);
        assertTrue(message.contains("<sqlMigrationSuffixes>: '*.sql' is not a file suffix"), message);
        assertTrue(message.contains("<encoding>: unknown encoding 'latin-nine'"), message);
    }

    @Test
    void noUrlAndNoDatabaseUrlSaysWhatToSet() {
        assertEquals("migration-guard: invalid configuration: <url>: no database to inspect; set"
                + " -DmigrationGuard.url=jdbc:postgresql://host:5432/db (or <url> in the plugin configuration), or the"
                + " DATABASE_URL environment variable (postgresql://user@host:5432/db?sslmode=require)",
                error(raw(null, null, null, null, null)));
    }

    @Test
    void blankValuesCountAsUnset() {
        env.put("DATABASE_URL", "   ");
        assertTrue(error(raw(" ", null, null, null, null)).contains("<url>: no database to inspect"));
    }

    @Test
    void urlWithExplicitCredentials() throws Exception {
        DetectDriftConfig c = parse(raw("jdbc:postgresql://db.example.com:6543/shop", "auditor", SECRET, null, null));
        assertEquals(DetectDriftConfig.URL_SOURCE, c.connection().source());
        assertEquals("auditor", c.target().user());
        assertEquals(SECRET, c.target().password());
        assertEquals(List.of("db.example.com:6543"), c.target().hosts());
        assertEquals("shop", c.target().database());
        assertTrue(c.failOnDrift());
        assertNull(c.settings().shadow());
        assertFalse(c.toString().contains(SECRET), c.toString());
        assertEquals("pw ***", c.masking().apply("pw " + SECRET));
    }

    @Test
    void reportTextLosesOnlyTheConfiguredPasswords() throws Exception {
        DetectDriftConfig c = parse(raw("jdbc:postgresql://db.example.com/shop", "auditor", SECRET, null, null));
        assertEquals("  EXTRA_OBJECT column public.users.password: no migration creates column password text",
                c.hideSecrets("  EXTRA_OBJECT column public.users.password: no migration creates column password"
                        + " text"));
        assertEquals("default '***'", c.hideSecrets("default '" + SECRET + "'"));
        assertFalse(c.toString().contains(SECRET), c.toString());
    }

    @Test
    void databaseUrlIsUsedWhenNoUrlIsConfigured() throws Exception {
        env.put("DATABASE_URL", "postgresql://app:" + SECRET + "@staging.example.com/shop?sslmode=require");
        DetectDriftConfig c = parse(raw(null, null, null, null, null));
        assertEquals("the DATABASE_URL environment variable", c.connection().source());
        assertEquals("require", c.target().sslMode());
        assertEquals("app", c.target().user());
        assertEquals("shop", c.target().database());
        assertEquals(List.of("staging.example.com:5432"), c.target().hosts());
        assertFalse(c.toString().contains(SECRET), c.toString());
    }

    @Test
    void urlWinsOverDatabaseUrl() throws Exception {
        env.put("DATABASE_URL", "postgresql://app@staging.example.com/shop");
        DetectDriftConfig c = parse(raw("jdbc:postgresql://localhost/dev", null, null, null, null));
        assertEquals("dev", c.target().database());
        assertEquals(DetectDriftConfig.URL_SOURCE, c.connection().source());
    }

    @Test
    void explicitCredentialsApplyToDatabaseUrlToo() throws Exception {
        env.put("DATABASE_URL", "postgresql://staging.example.com/shop");
        DetectDriftConfig c = parse(raw(null, "auditor", SECRET, null, null));
        assertEquals("auditor", c.target().user());
        assertEquals(SECRET, c.target().password());
    }

    @Test
    void invalidUrlNamesTheElementAndHidesThePassword() {
        String message = error(raw("jdbc:postgresql://db.example.com:5432/shop?sslmode=sometimes&password=" + SECRET, null, null,
                null, null));
        assertTrue(message.startsWith("migration-guard: invalid configuration: "), message);
        assertTrue(message.contains("<url> (migrationGuard.url)"), message);
    }

    @Test
    void unsupportedUrlIsAConfigurationError() {
        String message = error(raw("mysql://root:" + SECRET + "@localhost/shop", null, null, null, null));
        assertTrue(message.startsWith("migration-guard: invalid configuration: The database URL in <url>"
                + " (migrationGuard.url) is not valid: "), message);
    }

    @Test
    void invalidDatabaseUrlNamesTheVariable() {
        env.put("DATABASE_URL", "postgresql://app:" + SECRET + "@staging.example.com/shop?sslmode=sometimes");
        String message = error(raw(null, null, null, null, null));
        assertTrue(message.contains("DATABASE_URL environment variable"), message);
        assertTrue(message.contains("sslmode"), message);
    }

    @Test
    void unknownServerIdIsAConfigurationError() {
        String message = error(raw("jdbc:postgresql://localhost/shop", null, null, "staging-db", null));
        assertTrue(message.startsWith("migration-guard: invalid configuration: <serverId>: settings.xml has no"
                + " <server> with the id 'staging-db'"), message);
    }

    @Test
    void serverSuppliesUserAndPassword() throws Exception {
        servers.put("staging-db", new ServerCredentials("deployer", SECRET, null));
        DetectDriftConfig c = parse(raw("jdbc:postgresql://localhost/shop", null, null, "staging-db", null));
        assertEquals("deployer", c.target().user());
        assertEquals(SECRET, c.target().password());
        assertFalse(c.toString().contains(SECRET), c.toString());
    }

    @Test
    void explicitUserWinsOverTheServerEntry() throws Exception {
        servers.put("staging-db", new ServerCredentials("deployer", SECRET, null));
        DetectDriftConfig c = parse(raw("jdbc:postgresql://localhost/shop", "auditor", null, "staging-db", null));
        assertEquals("auditor", c.target().user());
        assertEquals(SECRET, c.target().password());
    }

    @Test
    void undecryptablePasswordIsAConfigurationError() {
        servers.put("staging-db", new ServerCredentials("deployer", null, "master password is not set"));
        String message = error(raw("jdbc:postgresql://localhost/shop", null, null, "staging-db", null));
        assertTrue(message.startsWith("migration-guard: invalid configuration: <serverId>: the password of <server>"
                + " 'staging-db' in settings.xml could not be decrypted: master password is not set"), message);
    }

    @Test
    void shadowUrlEqualToTheTargetIsRefused() {
        String message = error(raw("jdbc:postgresql://DB.example.com:5432/shop?user=app&password=" + SECRET, null,
                null, null, "postgresql://app:" + SECRET + "@db.example.com/shop"));
        assertTrue(message.startsWith("migration-guard: invalid configuration: <shadowUrl>: points at the target"
                + " database itself (DB.example.com:5432/shop)"), message);
    }

    @Test
    void shadowOnAnotherDatabaseIsResolved() throws Exception {
        DetectDriftConfig c = parse(raw("jdbc:postgresql://db.example.com/shop", null, null, null,
                "jdbc:postgresql://localhost:5432/postgres?user=postgres&password=" + SECRET));
        assertEquals("postgres", c.settings().shadow().database());
        assertEquals(DetectDriftConfig.SHADOW_SOURCE, c.settings().shadow().source());
        assertFalse(c.toString().contains(SECRET), c.toString());
        assertEquals("***", c.masking().apply(SECRET));
    }

    @Test
    void invalidShadowUrlNamesTheElement() {
        String message = error(raw("jdbc:postgresql://db.example.com/shop", null, null, null, "shadow-server"));
        assertTrue(message.contains("<shadowUrl> (migrationGuard.shadowUrl)"), message);
    }

    @Test
    void everyOtherSettingIsMapped() throws Exception {
        Files.createDirectories(project.resolve("db/a"));
        Files.createDirectories(project.resolve("db/b"));
        Raw raw = new Raw(List.of("db/a, db/b"), List.of("V*.sql"), List.of("**/old/**"), Map.of("schema", "app"),
                "jdbc:postgresql://localhost/shop", null, null, null, List.of("public, audit"),
                "app.flyway_schema_history", null, List.of("table public\\.tmp_.*", ".{1,3}"), false);
        DetectDriftConfig c = parse(raw);
        assertEquals(project, c.settings().baseDir());
        assertEquals(List.of("db/a", "db/b"), c.settings().locations());
        assertEquals(List.of("V*.sql"), c.settings().includes());
        assertEquals(List.of("**/old/**"), c.settings().excludes());
        assertEquals(Map.of("schema", "app"), c.settings().placeholders());
        assertEquals(Set.of("public", "audit"), c.settings().schemas());
        assertEquals("app.flyway_schema_history", c.settings().historyTable());
        assertEquals(List.of("table public\\.tmp_.*", ".{1,3}"),
                c.settings().ignore().stream().map(Pattern::pattern).toList());
        assertFalse(c.failOnDrift());
    }

    @Test
    void defaults() throws Exception {
        DetectDriftConfig c = parse(raw("jdbc:postgresql://localhost/shop", null, null, null, null));
        assertEquals(List.of(ValidateSafeConfig.DEFAULT_LOCATION), c.settings().locations());
        assertEquals(List.of(ValidateSafeConfig.DEFAULT_INCLUDE), c.settings().includes());
        assertEquals(List.of(), c.settings().excludes());
        assertEquals(Set.of(), c.settings().schemas());
        assertNull(c.settings().historyTable());
        assertEquals(List.of(), c.settings().ignore());
    }

    @Test
    void missingLocationIsAConfigurationError() throws IOException {
        Files.delete(project.resolve(ValidateSafeConfig.DEFAULT_LOCATION));
        String message = error(raw("jdbc:postgresql://localhost/shop", null, null, null, null));
        assertTrue(message.startsWith("migration-guard: invalid configuration: <locations>: migration location "
                + ValidateSafeConfig.DEFAULT_LOCATION + " does not exist"), message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Raw raw = new Raw(null, null, null, null, null, null, SECRET, null, null, "a.b.c", null,
                List.of("table ("), true);
        String message = error(raw);
        assertTrue(message.startsWith("migration-guard: 3 configuration problems:"), message);
        assertTrue(message.contains("<historyTable>: 'a.b.c' is not [schema.]table"), message);
        assertTrue(message.contains("<ignore>: invalid regular expression 'table ('"), message);
        assertTrue(message.contains("<url>: no database to inspect"), message);
    }
}
