package io.github.migrationguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mojo as Maven configures it (parameters, defaults and expressions come from the generated plugin descriptor),
 * run against small projects in a temporary directory.
 */
@MojoTest
class ValidateSafeMojoTest {

    /** The pom the harness reads the plugin configuration from (inline, so the test needs no resource files). */
    private static final String POM = "<project>"
            + "<build><plugins><plugin>"
            + "<groupId>io.github.migrationguard</groupId>"
            + "<artifactId>migration-guard-maven-plugin</artifactId>"
            + "<configuration>"
            + "<rules><ban-truncate>warning</ban-truncate></rules>"
            + "<placeholders><schema>app</schema></placeholders>"
            + "</configuration>"
            + "</plugin></plugins></build>"
            + "</project>";
    private static final String MIGRATIONS = "src/main/resources/db/migration";

    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    /** Points the injected mojo at the temporary project and captures its output. */
    private ValidateSafeMojo prepare(ValidateSafeMojo mojo) {
        mojo.basedir = project.toFile();
        mojo.buildDirectory = project.resolve("target").toFile();
        mojo.reportsDirectory = project.resolve("target/migration-guard").toFile();
        mojo.setLog(log);
        mojo.environment = env::get;
        mojo.stdout = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        return mojo;
    }

    private void migration(String name, String sql) throws IOException {
        Path file = project.resolve(MIGRATIONS).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    private Path reports() {
        return project.resolve("target/migration-guard");
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    void descriptorDefaultsAndPomConfiguration(ValidateSafeMojo mojo) {
        assertEquals("error", mojo.failOn);
        assertEquals(".+_safe\\.sql", mojo.safeNamePattern);
        assertEquals(".*", mojo.namingScope);
        assertTrue(mojo.cache);
        assertFalse(mojo.skip);
        assertEquals(Map.of("ban-truncate", "warning"), mojo.rules);
        assertEquals(Map.of("schema", "app"), mojo.placeholders);
        assertNotNull(mojo.plugin, "${plugin} must be injected for the plugin version");
        assertEquals(System.getProperty("migrationGuard.pluginVersion", mojo.plugin.getVersion()),
                mojo.pluginVersion());
        assertTrue(mojo.reportsDirectory.toPath().endsWith(Path.of("target", "migration-guard")),
                mojo.reportsDirectory.toString());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    @MojoParameter(name = "failOn", value = "warning")
    @MojoParameter(name = "locations", value = "db/a, db/b")
    @MojoParameter(name = "cache", value = "false")
    void commaSeparatedValuesBecomeLists(ValidateSafeMojo mojo) {
        assertEquals("warning", mojo.failOn);
        assertEquals(List.of("db/a", "db/b"), ValidateSafeConfig.splitList(mojo.locations));
        assertFalse(mojo.cache);
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    void cleanMigrationsPassAndWriteAllReports(ValidateSafeMojo mojo) throws Exception {
        migration("V1__create_users_safe.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        prepare(mojo).execute();

        assertEquals(List.of(), log.at("ERROR"), log.all());
        assertTrue(log.at("INFO").stream().anyMatch(l -> l.startsWith("migration-guard: 1 file, 1 statement, 0 findings")),
                log.all());
        for (String name : List.of("validate-safe.sarif", "validate-safe.json",
                "TEST-migration-guard.validate-safe.xml", "validate-safe.md")) {
            assertTrue(Files.isRegularFile(reports().resolve(name)), name);
            assertTrue(log.at("INFO").contains("migration-guard: report target/migration-guard/" + name), log.all());
        }
        assertTrue(Files.isDirectory(project.resolve("target/migration-guard/cache")), "cache enabled by default");
        assertEquals("", stdout.toString(StandardCharsets.UTF_8), "no annotations outside GitHub Actions");
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    void namingFindingFailsTheBuildWithPosition(ValidateSafeMojo mojo) throws Exception {
        migration("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> prepare(mojo).execute());

        assertTrue(e.getMessage().startsWith("migration-guard: 1 finding blocks the build (failOn=error)"),
                e.getMessage());
        List<String> errors = log.at("ERROR");
        assertTrue(errors.get(0).startsWith(MIGRATIONS + "/V1__create_users.sql:1:1: [require-safe-filename] "),
                errors.toString());
        assertTrue(errors.stream().anyMatch(l -> l.startsWith("    safe alternative: ")), errors.toString());
        assertTrue(errors.stream().anyMatch(l -> l.startsWith("    docs: ")), errors.toString());
        assertTrue(Files.isRegularFile(reports().resolve("validate-safe.sarif")), "reports are written before failing");
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    @MojoParameter(name = "failOn", value = "never")
    void failOnNeverReportsButPasses(ValidateSafeMojo mojo) throws Exception {
        migration("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        prepare(mojo).execute();
        assertTrue(log.at("ERROR").get(0).contains("[require-safe-filename]"), log.all());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    @MojoParameter(name = "failOn", value = "warning")
    void warningsBlockWithFailOnWarning(ValidateSafeMojo mojo) throws Exception {
        migration("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        prepare(mojo).rules = Map.of("require-safe-filename", "warning");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("(failOn=warning)"), e.getMessage());
        assertTrue(log.at("WARNING").get(0).contains("[require-safe-filename]"), log.all());
        assertEquals(List.of(), log.at("ERROR"));
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    void warningsDoNotBlockByDefault(ValidateSafeMojo mojo) throws Exception {
        migration("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        prepare(mojo).rules = Map.of("require-safe-filename", "warning");
        mojo.execute();
        assertTrue(log.at("WARNING").get(0).contains("[require-safe-filename]"), log.all());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    void switchedOffRuleReportsNothing(ValidateSafeMojo mojo) throws Exception {
        migration("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        prepare(mojo).rules = Map.of("require-safe-filename", "off");
        mojo.execute();
        assertFalse(log.all().contains("[require-safe-filename]"), log.all());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    @MojoParameter(name = "namingScope", value = "versioned/.*")
    void namingScopeLimitsTheConvention(ValidateSafeMojo mojo) throws Exception {
        migration("repeatable/R__views.sql", "CREATE VIEW v AS SELECT 1 AS one;\n");
        migration("versioned/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        assertThrows(MojoFailureException.class, () -> prepare(mojo).execute());
        assertTrue(log.all().contains("versioned/V1__users.sql:1:1: [require-safe-filename]"), log.all());
        assertFalse(log.all().contains("R__views.sql:1:1: [require-safe-filename]"), log.all());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    @MojoParameter(name = "excludes", value = "**/legacy/**")
    void excludedFilesAreNotLinted(ValidateSafeMojo mojo) throws Exception {
        migration("legacy/V0__old.sql", "CREATE TABLE old (id int);\n");
        migration("V1__users_safe.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        prepare(mojo).execute();
        assertFalse(log.all().contains("V0__old.sql"), log.all());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    void skipDoesNothing(ValidateSafeMojo mojo) throws Exception {
        migration("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        prepare(mojo).execute();
        assertFalse(Files.exists(reports()), "no reports when skipped");
        assertTrue(log.at("INFO").get(0).contains("skipped"), log.all());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    void missingDefaultLocationPasses(ValidateSafeMojo mojo) throws Exception {
        prepare(mojo).execute();
        assertEquals(List.of("migration-guard: no migrations found in " + MIGRATIONS + " (directory does not exist)"),
                log.at("INFO"));
        assertFalse(Files.exists(reports()));
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    @MojoParameter(name = "locations", value = "db/missing")
    void missingConfiguredLocationIsAConfigurationError(ValidateSafeMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> prepare(mojo).execute());
        assertTrue(e.getMessage().startsWith("migration-guard: invalid configuration: <locations>: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("db/missing"), e.getMessage());
        assertTrue(e.getMessage().endsWith("does not exist)"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    @MojoParameter(name = "failOn", value = "sometimes")
    void badFailOnIsAConfigurationError(ValidateSafeMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> prepare(mojo).execute());
        assertEquals("migration-guard: invalid configuration: <failOn>: unknown value 'sometimes'; use error,"
                + " warning or never", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    void unknownRuleIdNamesTheElementAndTheNearestId(ValidateSafeMojo mojo) throws Exception {
        migration("V1__create_users_safe.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        prepare(mojo).rules = Map.of("ban-dorp", "warning");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertEquals("migration-guard: invalid configuration: <rules><ban-dorp>: unknown rule id 'ban-dorp';"
                + " did you mean 'ban-drop'?", e.getMessage());
        assertFalse(Files.exists(reports()), "nothing is linted with a broken configuration");
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    void engineDiagnosticsCannotBeReconfigured(ValidateSafeMojo mojo) {
        prepare(mojo).rules = Map.of("ban-unused-acknowledgement", "off");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().contains("<rules><ban-unused-acknowledgement>: 'ban-unused-acknowledgement' is a"
                + " check of the lint engine itself"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    @MojoParameter(name = "safeNamePattern", value = "V[0-9+__.*")
    void invalidRegexIsAConfigurationError(ValidateSafeMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> prepare(mojo).execute());
        assertTrue(e.getMessage().startsWith("migration-guard: invalid configuration: <safeNamePattern>: invalid"
                + " regular expression 'V[0-9+__.*'"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    void githubActionsGetAnnotationsAndAStepSummary(ValidateSafeMojo mojo) throws Exception {
        migration("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Path summary = project.resolve("summary.md");
        Files.writeString(summary, "# earlier step\n");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("GITHUB_WORKSPACE", project.getParent().toString());
        assertThrows(MojoFailureException.class, () -> prepare(mojo).execute());

        String annotations = stdout.toString(StandardCharsets.UTF_8);
        String expectedFile = project.getFileName() + "/" + MIGRATIONS + "/V1__create_users.sql";
        assertTrue(annotations.startsWith("::error file=" + expectedFile + ",line=1,"), annotations);
        assertTrue(annotations.contains("title=require-safe-filename::"), annotations);
        String md = Files.readString(summary);
        assertTrue(md.startsWith("# earlier step\n"), "the summary is appended, not replaced");
        assertTrue(md.contains("require-safe-filename"), md);
    }

    @Test
    @InjectMojo(goal = "validate-safe", pom = POM)
    void outsideGithubActionsNothingIsPrinted(ValidateSafeMojo mojo) throws Exception {
        migration("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        env.put("GITHUB_ACTIONS", "false");
        assertThrows(MojoFailureException.class, () -> prepare(mojo).execute());
        assertEquals("", stdout.toString(StandardCharsets.UTF_8));
    }
}
