package io.github.migrationguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/**
 * The detect-drift mojo as Maven configures it: configuration errors, credentials from settings.xml decrypted by
 * Maven's own decrypter, and passwords kept out of every log line and exception. Nothing here needs a database; a
 * connection attempt goes to a port where nothing listens.
 */
@MojoTest
class DetectDriftMojoTest {

    private static final String POM = "<project>"
            + "<build><plugins><plugin>"
            + "<groupId>io.github.migrationguard</groupId>"
            + "<artifactId>migration-guard-maven-plugin</artifactId>"
            + "<configuration>"
            + "<schemas>public,audit</schemas>"
            + "<ignore><pattern>table public\\.tmp_.*</pattern></ignore>"
            + "</configuration>"
            + "</plugin></plugins></build>"
            + "</project>";
    private static final String MIGRATIONS = "src/main/resources/db/migration";
    private static final String SECRET = "Sup3r-s3cret_pw";
    /** Port 1 on the loopback interface: nothing listens there, so the connection is refused at once. */
    private static final String REFUSED = "127.0.0.1:1";

    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();
    private final String previousSecurity = System.getProperty("settings.security");

    @AfterEach
    void restoreSecurityLocation() {
        if (previousSecurity == null) {
            System.clearProperty("settings.security");
        } else {
            System.setProperty("settings.security", previousSecurity);
        }
    }

    private boolean prepared;

    private DetectDriftMojo prepare(DetectDriftMojo mojo) throws IOException {
        prepared = true;
        Files.createDirectories(project.resolve(MIGRATIONS));
        Files.writeString(project.resolve(MIGRATIONS).resolve("V1__users.sql"), "CREATE TABLE users (id int);\n");
        mojo.basedir = project.toFile();
        mojo.buildDirectory = project.resolve("target").toFile();
        mojo.reportsDirectory = project.resolve("target/migration-guard").toFile();
        mojo.setLog(log);
        mojo.environment = env::get;
        mojo.stdout = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        mojo.settings = new Settings();
        return mojo;
    }

    private MojoExecutionException configError(DetectDriftMojo mojo) throws IOException {
        prepare(mojo);
        return assertThrows(MojoExecutionException.class, mojo::execute);
    }

    /** Everything a user could see: the log, the exception and its whole chain as a stack trace prints it. */
    private String visible(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return log.all() + "\n" + trace + "\n" + stdout.toString(StandardCharsets.UTF_8);
    }

    private static void addServer(Settings settings, String id, String username, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        settings.addServer(server);
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void descriptorDefaultsAndPomConfiguration(DetectDriftMojo mojo) {
        assertTrue(mojo.failOnDrift);
        assertFalse(mojo.skip);
        assertNull(mojo.url);
        // Maven itself splits a comma list given for a List parameter
        assertEquals(List.of("public", "audit"), mojo.schemas);
        assertEquals(List.of("table public\\.tmp_.*"), mojo.ignore);
        assertTrue(mojo.reportsDirectory.toPath().endsWith(Path.of("target", "migration-guard")),
                mojo.reportsDirectory.toString());
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    void skipDoesNothing(DetectDriftMojo mojo) throws Exception {
        prepare(mojo).execute();
        assertEquals(List.of("migration-guard: detect-drift skipped (migrationGuard.skip=true)"), log.at("INFO"));
        assertFalse(Files.exists(project.resolve("target/migration-guard")));
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void missingUrlSaysWhatToSet(DetectDriftMojo mojo) throws Exception {
        MojoExecutionException e = configError(mojo);
        assertTrue(e.getMessage().startsWith("migration-guard: invalid configuration: <url>: no database to inspect;"
                + " set -DmigrationGuard.url="), e.getMessage());
        assertTrue(e.getMessage().contains("DATABASE_URL"), e.getMessage());
        assertEquals(List.of(), log.lines, "nothing is attempted with a broken configuration");
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    @MojoParameter(name = "url", value = "jdbc:mysql://localhost/shop")
    void badUrlNamesTheElement(DetectDriftMojo mojo) throws Exception {
        MojoExecutionException e = configError(mojo);
        assertTrue(e.getMessage().startsWith("migration-guard: invalid configuration: The database URL in <url>"
                + " (migrationGuard.url) is not valid: it is a JDBC URL for another database"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void badDatabaseUrlNamesTheVariable(DetectDriftMojo mojo) throws Exception {
        env.put("DATABASE_URL", "postgresql://app:" + SECRET + "@staging.example.com:notaport/shop");
        MojoExecutionException e = configError(mojo);
        assertTrue(e.getMessage().startsWith("migration-guard: invalid configuration: The database URL in the"
                + " DATABASE_URL environment variable is not valid: "), e.getMessage());
        assertFalse(visible(e).contains(SECRET), visible(e));
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    @MojoParameter(name = "url", value = "jdbc:postgresql://localhost/shop")
    @MojoParameter(name = "serverId", value = "staging-db")
    void unknownServerIdNamesTheElement(DetectDriftMojo mojo) throws Exception {
        MojoExecutionException e = configError(mojo);
        assertTrue(e.getMessage().startsWith("migration-guard: invalid configuration: <serverId>: settings.xml has no"
                + " <server> with the id 'staging-db'"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    @MojoParameter(name = "url", value = "jdbc:postgresql://db.example.com:5432/shop")
    @MojoParameter(name = "shadowUrl", value = "postgresql://db.example.com/shop")
    void shadowUrlEqualToUrlIsRefused(DetectDriftMojo mojo) throws Exception {
        MojoExecutionException e = configError(mojo);
        assertTrue(e.getMessage().startsWith("migration-guard: invalid configuration: <shadowUrl>: points at the"
                + " target database itself (db.example.com:5432/shop)"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    @MojoParameter(name = "url", value = "jdbc:postgresql://localhost/shop")
    @MojoParameter(name = "serverId", value = "staging-db")
    void encryptedServerPasswordIsDecryptedTheMavenWay(DetectDriftMojo mojo) throws Exception {
        String master = "master-passphrase-42";
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        Path security = project.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>"
                + cipher.encryptAndDecorate(master, "settings.security") + "</master></settingsSecurity>");
        System.setProperty("settings.security", security.toString());
        prepare(mojo);
        addServer(mojo.settings, "staging-db", "deployer", cipher.encryptAndDecorate(SECRET, master));

        DetectDriftConfig config = mojo.configure();
        assertEquals("deployer", config.target().user());
        assertEquals(SECRET, config.target().password());
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    @MojoParameter(name = "url", value = "jdbc:postgresql://localhost/shop")
    @MojoParameter(name = "serverId", value = "staging-db")
    void undecryptableServerPasswordNamesTheElement(DetectDriftMojo mojo) throws Exception {
        Path security = project.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>"
                + new DefaultPlexusCipher().encryptAndDecorate("one-master", "settings.security")
                + "</master></settingsSecurity>");
        System.setProperty("settings.security", security.toString());
        prepare(mojo);
        addServer(mojo.settings, "staging-db", "deployer",
                new DefaultPlexusCipher().encryptAndDecorate(SECRET, "another-master"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("migration-guard: invalid configuration: <serverId>: the password of"
                + " <server> 'staging-db' in settings.xml could not be decrypted: "), e.getMessage());
        assertFalse(visible(e).contains(SECRET), visible(e));
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    @MojoParameter(name = "url", value = "jdbc:postgresql://" + REFUSED + "/shop?user=app&password=" + SECRET)
    void passwordInAJdbcUrlNeverShows(DetectDriftMojo mojo) throws Exception {
        assertRefusedWithoutSecret(mojo, "<url> (migrationGuard.url)");
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    @MojoParameter(name = "url", value = "postgresql://app:" + SECRET + "@" + REFUSED + "/shop?sslmode=disable")
    void passwordInALibpqUriNeverShows(DetectDriftMojo mojo) throws Exception {
        assertRefusedWithoutSecret(mojo, "<url> (migrationGuard.url)");
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    @MojoParameter(name = "url", value = "jdbc:postgresql://" + REFUSED + "/shop")
    @MojoParameter(name = "user", value = "app")
    @MojoParameter(name = "password", value = SECRET)
    void explicitPasswordNeverShows(DetectDriftMojo mojo) throws Exception {
        assertRefusedWithoutSecret(mojo, "<url> (migrationGuard.url)");
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void passwordInDatabaseUrlNeverShows(DetectDriftMojo mojo) throws Exception {
        env.put("DATABASE_URL", "postgres://app:" + SECRET + "@" + REFUSED + "/shop?sslmode=prefer");
        assertRefusedWithoutSecret(mojo, "the DATABASE_URL environment variable");
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    @MojoParameter(name = "url", value = "jdbc:postgresql://" + REFUSED + "/shop")
    @MojoParameter(name = "serverId", value = "staging-db")
    void serverPasswordNeverShows(DetectDriftMojo mojo) throws Exception {
        prepare(mojo);
        addServer(mojo.settings, "staging-db", "deployer", SECRET);
        assertRefusedWithoutSecret(mojo, "<url> (migrationGuard.url)");
    }

    private void assertRefusedWithoutSecret(DetectDriftMojo mojo, String source) throws Exception {
        if (!prepared) {
            prepare(mojo);
        }
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("migration-guard: Connection refused by " + REFUSED + ":"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Check the host and port in " + source), e.getMessage());
        String visible = visible(e);
        assertFalse(visible.contains(SECRET), visible);
        assertTrue(log.all().contains("migration-guard: detect-drift on jdbc:postgresql://" + REFUSED + "/shop"),
                log.all());
        assertFalse(Files.exists(project.resolve("target/migration-guard/" + io.github.migrationguard.report.DriftJsonReport.FILE_NAME)));
    }
}
