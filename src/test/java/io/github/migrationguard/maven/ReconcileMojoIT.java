package io.github.migrationguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile goal as a user runs it: a dry run that writes the plan and changes nothing, an apply of the reviewed
 * plan file, the refusals a user meets (production name, stale plan, plan without apply, a broken plan file), and
 * the webhook. The planning and the transaction themselves are tested in {@code reconcile/}.
 */
@MojoTest
class ReconcileMojoIT {

    private static final String POM = "<project><build><plugins><plugin>"
            + "<groupId>io.github.migrationguard</groupId>"
            + "<artifactId>migration-guard-maven-plugin</artifactId>"
            + "</plugin></plugins></build></project>";

    private static final String MIGRATIONS = "src/main/resources/db/migration";
    private static final Map<String, String> PLACEHOLDERS = Map.of("default_currency", "EUR");

    @TempDir
    Path project;

    private TestDatabase db;
    private final RecordingLog log = new RecordingLog();
    private final Map<String, String> env = new HashMap<>();

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    /** The shop set migrated by real Flyway into a database named {@code mg_<prefix>_...}, history emptied. */
    private void shopWithEmptiedHistory(String prefix) throws Exception {
        shop(prefix);
        db.execute("DELETE FROM public.flyway_schema_history");
    }

    /** The shop set migrated by real Flyway into a database named {@code mg_<prefix>_...}. */
    private void shop(String prefix) throws Exception {
        db = TestDatabases.create(prefix);
        Path dir = project.resolve(MIGRATIONS);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(resource("drift-scenarios/shop"))) {
            for (Path f : files.sorted().toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        flyway().load().migrate();
        db.execute("INSERT INTO users (email, display_name, is_active) VALUES ('ada@example.com', 'Ada', true)");
    }

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + project.resolve(MIGRATIONS)).placeholders(PLACEHOLDERS)
                .cleanDisabled(true);
    }

    private static Path resource(String name) throws URISyntaxException {
        URL url = ReconcileMojoIT.class.getClassLoader().getResource(name);
        return Path.of(url.toURI());
    }

    private ReconcileMojo prepare(ReconcileMojo mojo) {
        mojo.basedir = project.toFile();
        mojo.buildDirectory = project.resolve("target").toFile();
        mojo.reportsDirectory = project.resolve("target/migration-guard").toFile();
        mojo.setLog(log);
        mojo.environment = env::get;
        mojo.url = db.url();
        mojo.user = db.user();
        mojo.password = db.password();
        mojo.placeholders = PLACEHOLDERS;
        mojo.testDatabasePattern = "(?i)test";
        mojo.lockWait = 5;
        // as the runbook advises: view queries and function bodies compared in a throw-away database
        mojo.shadowUrl = TestDatabases.server().url();
        return mojo;
    }

    private Path reports() {
        return project.resolve("target/migration-guard");
    }

    private long historyRows() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from public.flyway_schema_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @InjectMojo(goal = "reconcile", pom = POM)
    void dryRunWritesThePlanAndChangesNothingThenTheReviewedPlanIsApplied(ReconcileMojo mojo) throws Exception {
        shopWithEmptiedHistory("reconciletest");
        Path summary = project.resolve("summary.md");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("GITHUB_ACTOR", "octocat");
        env.put("AWS_SECRET_ACCESS_KEY", "must-not-leak");
        prepare(mojo).execute();

        assertEquals(0, historyRows(), "a dry run changes nothing");
        Path planFile = reports().resolve("reconcile-plan.json");
        JsonNode plan = new ObjectMapper().readTree(planFile.toFile());
        assertEquals(11, plan.get("actions").size());
        assertEquals("MARK_APPLIED", plan.get("actions").get(0).get("type").asText());
        assertEquals(db.name(), plan.get("database").get("name").asText());
        assertTrue(Files.readString(reports().resolve("reconcile-plan.md")).contains("MARK_APPLIED"));
        assertTrue(Files.readString(summary).contains("MARK_APPLIED"), "the plan is in the step summary");
        String all = log.all();
        assertTrue(all.contains("dry run: nothing will be changed"), all);
        assertTrue(all.contains("-DmigrationGuard.apply=true -DmigrationGuard.plan=target/migration-guard/"
                + "reconcile-plan.json"), all);

        // the reviewed plan, kept outside target/
        Path reviewed = project.resolve("reviewed-plan.json");
        Files.copy(planFile, reviewed);
        ReconcileMojo applying = prepare(new ReconcileMojo(null));
        applying.apply = true;
        applying.plan = reviewed.toFile();
        applying.execute();

        assertEquals(11, historyRows());
        assertTrue(flyway().load().validateWithResult().validationSuccessful);
        List<Path> audits;
        try (Stream<Path> files = Files.list(reports())) {
            audits = files.filter(p -> p.getFileName().toString().startsWith("reconcile-audit-")).toList();
        }
        assertEquals(1, audits.size());
        JsonNode audit = new ObjectMapper().readTree(audits.get(0).toFile());
        assertEquals("committed", audit.get("outcome").asText());
        assertEquals(plan.get("fingerprint").asText(), audit.get("planFingerprint").asText());
        assertEquals("octocat", audit.get("ci").get("GITHUB_ACTOR").asText());
        assertFalse(audit.toString().contains("must-not-leak"));
        assertEquals(11, audit.get("entries").size());
        assertTrue(log.all().contains("applied 11 actions (11 MARK_APPLIED)"), log.all());

        // applying the same plan again: the history changed since it was made
        ReconcileMojo again = prepare(new ReconcileMojo(null));
        again.apply = true;
        again.plan = reviewed.toFile();
        MojoFailureException stale = assertThrows(MojoFailureException.class, again::execute);
        assertTrue(stale.getMessage().contains("the database changed since the plan was made"), stale.getMessage());
        assertTrue(stale.getMessage().contains("the history rows changed"), stale.getMessage());

        // and a new dry run has nothing to do
        ReconcileMojo dry = prepare(new ReconcileMojo(null));
        dry.execute();
        assertTrue(log.all().contains("migration-guard: nothing to reconcile"), log.all());
        assertEquals(0, new ObjectMapper().readTree(planFile.toFile()).get("actions").size());
    }

    @Test
    @InjectMojo(goal = "reconcile", pom = POM)
    void applyToADatabaseNamedLikeProductionNeedsTheEnvironmentAndTheConfirmation(ReconcileMojo mojo)
            throws Exception {
        shopWithEmptiedHistory("shopprod");
        prepare(mojo).apply = true;

        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().startsWith("migration-guard: Refusing to apply: database " + db.name()
                + " does not look like a test database"), refused.getMessage());
        assertEquals(0, historyRows());

        env.put("MIGRATION_GUARD_ALLOW_NONTEST", "1");
        ReconcileMojo unconfirmed = prepare(new ReconcileMojo(null));
        unconfirmed.apply = true;
        unconfirmed.confirm = "shop";
        MojoFailureException wrong = assertThrows(MojoFailureException.class, unconfirmed::execute);
        assertTrue(wrong.getMessage().contains("migrationGuard.confirm is 'shop'"), wrong.getMessage());
        assertEquals(0, historyRows());

        ReconcileMojo confirmed = prepare(new ReconcileMojo(null));
        confirmed.apply = true;
        confirmed.confirm = db.name();
        confirmed.execute();
        assertEquals(11, historyRows());
    }

    @Test
    @InjectMojo(goal = "reconcile", pom = POM)
    void theAuditRecordIsPostedToTheWebhook(ReconcileMojo mojo) throws Exception {
        shopWithEmptiedHistory("reconciletest");
        AtomicReference<String> received = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/audit", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            prepare(mojo).apply = true;
            mojo.webhookUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/audit?token=s3cret";
            mojo.execute();
        } finally {
            server.stop(0);
        }
        JsonNode posted = new ObjectMapper().readTree(received.get());
        assertEquals("committed", posted.get("outcome").asText());
        assertEquals(11, posted.get("entries").size());
        assertFalse(log.all().contains("s3cret"), log.all());
        assertTrue(log.all().contains("audit record sent to http://127.0.0.1:"), log.all());
    }

    @Test
    @InjectMojo(goal = "reconcile", pom = POM)
    void mistakesInTheInvocationAreClearErrorsBeforeAnythingIsWritten(ReconcileMojo mojo) throws Exception {
        shopWithEmptiedHistory("reconciletest");
        Path plan = project.resolve("plan.json");
        Files.writeString(plan, "{\"format\": 1, \"fingerprint\": ", StandardCharsets.UTF_8);

        prepare(mojo).plan = plan.toFile();
        MojoExecutionException noApply = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(noApply.getMessage().contains("add -DmigrationGuard.apply=true"), noApply.getMessage());

        ReconcileMojo broken = prepare(new ReconcileMojo(null));
        broken.apply = true;
        broken.plan = plan.toFile();
        MojoExecutionException unreadable = assertThrows(MojoExecutionException.class, broken::execute);
        assertTrue(unreadable.getMessage().contains("plan.json"), unreadable.getMessage());

        ReconcileMojo badPattern = prepare(new ReconcileMojo(null));
        badPattern.testDatabasePattern = "(test";
        MojoExecutionException pattern = assertThrows(MojoExecutionException.class, badPattern::execute);
        assertTrue(pattern.getMessage().contains("<testDatabasePattern>"), pattern.getMessage());

        ReconcileMojo badHook = prepare(new ReconcileMojo(null));
        badHook.webhookUrl = "ftp://example.com/x";
        MojoExecutionException hook = assertThrows(MojoExecutionException.class, badHook::execute);
        assertTrue(hook.getMessage().contains("<webhookUrl>"), hook.getMessage());

        ReconcileMojo unknown = prepare(new ReconcileMojo(null));
        unknown.markApplied = List.of("99");
        MojoExecutionException mark = assertThrows(MojoExecutionException.class, unknown::execute);
        assertTrue(mark.getMessage().contains("markApplied names migration 99"), mark.getMessage());

        assertEquals(0, historyRows());
    }

    @Test
    @InjectMojo(goal = "reconcile", pom = POM)
    void partialMigrationGetsASuggestedMigrationThatFlywayCanApply(ReconcileMojo mojo) throws Exception {
        shop("reconciletest");
        db.execute("DROP TABLE product_reviews");
        prepare(mojo).execute();

        JsonNode plan = new ObjectMapper().readTree(reports().resolve("reconcile-plan.json").toFile());
        assertEquals(0, plan.get("actions").size());
        JsonNode partial = null;
        for (JsonNode step : plan.get("manual")) {
            if (step.get("kind").asText().equals("PARTIAL")) {
                partial = step;
            }
        }
        assertTrue(partial != null, plan.toString());
        assertEquals("9", partial.get("migration").asText());
        String name = partial.get("suggestedMigration").asText();
        assertTrue(name.startsWith("suggested-migrations/V11__complete_") && name.endsWith("_safe.sql"), name);
        Path suggested = reports().resolve(name);
        String sql = Files.readString(suggested);
        assertTrue(sql.toLowerCase().contains("create table if not exists product_reviews"), sql);
        assertFalse(Files.exists(project.resolve(MIGRATIONS).resolve(suggested.getFileName())),
                "never written into the migration locations");

        // reviewed and copied into the migrations by a person: Flyway applies it and the drift is gone
        Files.copy(suggested, project.resolve(MIGRATIONS).resolve(suggested.getFileName()));
        assertEquals(1, flyway().load().migrate().migrationsExecuted);
        ReconcileMojo again = prepare(new ReconcileMojo(null));
        again.execute();
        JsonNode after = new ObjectMapper().readTree(reports().resolve("reconcile-plan.json").toFile());
        assertEquals(0, after.get("actions").size());
        assertEquals(0, after.get("manual").size(), after.toString());
    }

    @Test
    @InjectMojo(goal = "reconcile", pom = POM)
    void aHandEditedPlanFileIsRefusedWhateverWasChanged(ReconcileMojo mojo) throws Exception {
        shopWithEmptiedHistory("reconciletest");
        prepare(mojo).execute();
        Path planFile = reports().resolve("reconcile-plan.json");
        ObjectMapper json = new ObjectMapper();
        // each edit keeps the file well-formed; the fingerprint must catch every one of them
        List<Consumer<ObjectNode>> edits = List.of(
                p -> ((ObjectNode) p.get("actions").get(0).get("write"))
                        .put("installedRank", 99),
                p -> ((ObjectNode) p.get("actions").get(0).get("write"))
                        .put("checksum", 12345),
                p -> ((ObjectNode) p.get("actions").get(0))
                        .put("migration", "2"),
                p -> ((ArrayNode) p.get("actions")).remove(10),
                p -> ((ObjectNode) p.get("options")).put("realignChecksums", true),
                p -> ((ObjectNode) p.get("database")).put("oid", 1),
                p -> ((ArrayNode) p.get("actions").get(0).get("evidence"))
                        .add("looks fine to me"));
        int n = 0;
        for (Consumer<ObjectNode> edit : edits) {
            ObjectNode plan = (ObjectNode) json.readTree(planFile.toFile());
            edit.accept(plan);
            Path edited = project.resolve("edited-" + (++n) + ".json");
            json.writerWithDefaultPrettyPrinter().writeValue(edited.toFile(), plan);
            ReconcileMojo applying = prepare(new ReconcileMojo(null));
            applying.apply = true;
            applying.plan = edited.toFile();
            MojoFailureException refused = assertThrows(MojoFailureException.class, applying::execute,
                    "edit " + n);
            assertTrue(refused.getMessage().contains("edited or damaged"), "edit " + n + ": " + refused.getMessage());
            assertEquals(0, historyRows(), "edit " + n + " wrote nothing");
        }
    }

    @Test
    @InjectMojo(goal = "reconcile", pom = POM)
    void skipDoesNothing(ReconcileMojo mojo) throws Exception {
        mojo.skip = true;
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("migration-guard: reconcile skipped (migrationGuard.skip=true)"), log.at("INFO"));
    }
}
