package io.github.migrationguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.DatabaseAccessException.Reason;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mojo's decisions on a real connection: what it prints, which findings fail the build, what it writes. The
 * findings are chosen by the test (the detector itself is tested on its own), the connection and the identity are
 * real.
 */
@MojoTest
class DetectDriftMojoIT {

    private static final String POM = "<project><build><plugins><plugin>"
            + "<groupId>io.github.migrationguard</groupId>"
            + "<artifactId>migration-guard-maven-plugin</artifactId>"
            + "</plugin></plugins></build></project>";

    private static final DriftFinding EXTRA = new DriftFinding(DriftKind.EXTRA_OBJECT, null,
            "column public.customers.loyalty_tier", "present in the database, created by no migration",
            "write a migration that creates it, or drop it");
    private static final DriftFinding PENDING = new DriftFinding(DriftKind.PENDING, "3",
            "table public.invoices", "not applied yet", "none: the next migrate applies it");

    private static final String MIGRATIONS = "src/main/resources/db/migration";

    @TempDir
    Path project;

    private TestDatabase db;
    private final RecordingLog log = new RecordingLog();
    private final Map<String, String> env = new HashMap<>();
    private final AtomicBoolean sawReadOnlyTransaction = new AtomicBoolean();

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.create("mojo");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    /** The mojo on the test database with the real detector. */
    private DetectDriftMojo prepare(DetectDriftMojo mojo) throws IOException {
        Files.createDirectories(project.resolve(MIGRATIONS));
        mojo.basedir = project.toFile();
        mojo.buildDirectory = project.resolve("target").toFile();
        mojo.reportsDirectory = project.resolve("target/migration-guard").toFile();
        mojo.setLog(log);
        mojo.environment = env::get;
        mojo.url = db.url();
        mojo.user = db.user();
        mojo.password = db.password();
        return mojo;
    }

    /** The mojo on the test database with a detector that reports {@code findings} on the real identity. */
    private DetectDriftMojo prepare(DetectDriftMojo mojo, List<DriftFinding> findings, boolean inProgress)
            throws IOException {
        prepare(mojo);
        mojo.detector = (settings, masking, connection) -> {
            try (ReadOnlySession session = ReadOnlySession.begin(connection, Masking.none())) {
                sawReadOnlyTransaction.set(true);
                return new DriftReport(session.identity(), 42, "public.flyway_schema_history", "flyway", "replay",
                        inProgress, 3, 2, 14, new ArrayList<>(findings));
            }
        };
        return mojo;
    }

    private Path reports() {
        return project.resolve("target/migration-guard");
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void driftFailsTheBuildNamingCountKindsAndReport(DetectDriftMojo mojo) throws Exception {
        Path summary = project.resolve("summary.md");
        Files.writeString(summary, "# earlier step\n");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        prepare(mojo, List.of(PENDING, EXTRA), false);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("migration-guard: 1 drift finding in database " + db.name() + " (1 EXTRA_OBJECT); see the"
                + " findings above and target/migration-guard/drift-report.json", e.getMessage());
        assertTrue(sawReadOnlyTransaction.get());

        List<String> info = log.at("INFO");
        assertTrue(info.get(0).startsWith("migration-guard: detect-drift on jdbc:postgresql:"), log.all());
        assertTrue(info.contains("Connected to:"), log.all());
        assertTrue(info.contains("  database:       " + db.name()), log.all());
        assertTrue(info.contains("  history table:  public.flyway_schema_history (flyway)"), log.all());
        // the blocking finding and its action are errors; the pending migration is information
        List<String> errors = log.at("ERROR");
        assertEquals(List.of("  EXTRA_OBJECT column public.customers.loyalty_tier: present in the database, created"
                + " by no migration", "      recommended action: write a migration that creates it, or drop it"),
                errors);
        assertTrue(info.stream().anyMatch(l -> l.startsWith("  PENDING migration 3, table public.invoices")),
                log.all());
        assertTrue(info.contains("migration-guard: 1 pending migration (not applied yet, objects absent): not drift"),
                log.all());
        // the identity comes before the findings, the summary line after them
        String all = log.all();
        assertTrue(all.indexOf("Connected to:") < all.indexOf("EXTRA_OBJECT column"), all);
        assertTrue(all.indexOf("EXTRA_OBJECT column") < all.indexOf("migration-guard detect-drift: 3 migrations"),
                all);

        assertTrue(Files.isRegularFile(reports().resolve("drift-report.json")));
        assertTrue(Files.isRegularFile(reports().resolve("drift-report.md")));
        assertTrue(info.contains("migration-guard: report target/migration-guard/drift-report.json"), log.all());
        assertTrue(Files.readString(reports().resolve("drift-report.json")).contains("\"EXTRA_OBJECT\""));
        String md = Files.readString(summary);
        assertTrue(md.startsWith("# earlier step\n"), "the step summary is appended to, not replaced");
        assertTrue(md.contains("EXTRA_OBJECT"), md);
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void realDetectorPassesADatabaseBuiltByFlywayAndFailsOnAHandMadeColumn(DetectDriftMojo mojo) throws Exception {
        Path dir = project.resolve(MIGRATIONS);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("V1__create_customers.sql"), "CREATE TABLE customers (\n"
                + "    id bigserial PRIMARY KEY,\n"
                + "    email varchar(255) NOT NULL UNIQUE,\n"
                + "    created_at timestamptz NOT NULL DEFAULT now()\n"
                + ");\n");
        Files.writeString(dir.resolve("V2__create_orders.sql"), "CREATE TABLE orders (\n"
                + "    id bigserial PRIMARY KEY,\n"
                + "    customer_id bigint NOT NULL REFERENCES customers (id),\n"
                + "    total numeric(12,2) NOT NULL CHECK (total >= 0)\n"
                + ");\n"
                + "CREATE INDEX idx_orders_customer_id ON orders (customer_id);\n");
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("filesystem:" + dir)
                .load().migrate();

        prepare(mojo).execute();
        assertEquals(List.of(), log.at("ERROR"), log.all());
        assertTrue(log.at("INFO").stream().anyMatch(l -> l.startsWith("migration-guard detect-drift: 2 migrations,"
                + " 2 applied, 0 findings")), log.all());
        assertTrue(log.at("INFO").contains("  history table:  public.flyway_schema_history (flyway)"), log.all());

        db.execute("ALTER TABLE public.customers ADD COLUMN loyalty_tier text");
        log.lines.clear();
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("migration-guard: 1 drift finding in database " + db.name() + " (1 EXTRA_OBJECT); see the"
                + " findings above and target/migration-guard/drift-report.json", e.getMessage());
        assertTrue(log.at("ERROR").get(0).startsWith("  EXTRA_OBJECT"), log.all());
        assertTrue(log.at("ERROR").get(0).contains("column public.customers.loyalty_tier"), log.all());
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void failOnDriftFalseReportsAndContinues(DetectDriftMojo mojo) throws Exception {
        prepare(mojo, List.of(EXTRA), false).failOnDrift = false;
        mojo.execute();
        assertEquals(List.of(), log.at("ERROR"));
        List<String> warnings = log.at("WARNING");
        assertTrue(warnings.get(0).startsWith("  EXTRA_OBJECT column public.customers.loyalty_tier"), log.all());
        assertEquals("migration-guard: 1 drift finding (failOnDrift=false, the build continues); report"
                + " target/migration-guard/drift-report.json", warnings.get(warnings.size() - 1));
        assertTrue(Files.isRegularFile(reports().resolve("drift-report.json")));
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void pendingMigrationsAloneAreNotDrift(DetectDriftMojo mojo) throws Exception {
        prepare(mojo, List.of(PENDING), false).execute();
        assertEquals(List.of(), log.at("ERROR"));
        assertEquals(List.of(), log.at("WARNING"));
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void pendingOutOfOrderIsAWarningButNotDrift(DetectDriftMojo mojo) throws Exception {
        DriftFinding outOfOrder = new DriftFinding(DriftKind.PENDING, "1.5", null, "V1.5__x.sql is not applied and"
                + " its version is below the latest applied version 2", "run flyway migrate with out-of-order"
                + " migrations allowed, or give V1.5__x.sql a version above 2");
        prepare(mojo, List.of(outOfOrder), false).execute();
        assertEquals(List.of(), log.at("ERROR"));
        assertEquals(List.of("  PENDING migration 1.5: V1.5__x.sql is not applied and its version is below the latest"
                + " applied version 2", "      recommended action: run flyway migrate with out-of-order migrations"
                + " allowed, or give V1.5__x.sql a version above 2"), log.at("WARNING"));
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void noFindingsPasses(DetectDriftMojo mojo) throws Exception {
        Path summary = project.resolve("summary.md");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        prepare(mojo, List.of(), false).execute();
        assertEquals(List.of(), log.at("ERROR"));
        assertTrue(log.at("INFO").stream().anyMatch(l -> l.startsWith("migration-guard detect-drift: 3 migrations,"
                + " 2 applied, 0 findings")), log.all());
        assertTrue(Files.isRegularFile(summary), "the step summary is written when there is no drift too");
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void migrationInProgressIsSaidAndDoesNotFail(DetectDriftMojo mojo) throws Exception {
        prepare(mojo, List.of(EXTRA), true).execute();
        assertEquals(List.of(), log.at("ERROR"));
        List<String> warnings = log.at("WARNING");
        assertEquals(1, warnings.size(), log.all());
        assertTrue(warnings.get(0).startsWith("Migration in progress: another session holds the migration lock on"
                + " public.flyway_schema_history."), log.all());
        assertFalse(log.all().contains("EXTRA_OBJECT column"), "half-applied state is not reported as drift");
        assertTrue(Files.isRegularFile(reports().resolve("drift-report.json")));
    }

    @Test
    @InjectMojo(goal = "detect-drift", pom = POM)
    void aFailureWhileReadingIsABuildErrorWithoutThePassword(DetectDriftMojo mojo) throws Exception {
        prepare(mojo, List.of(), false);
        String secret = "leaked-Secret-42";
        mojo.url = db.url() + (db.url().contains("?") ? "&" : "?") + "sslpassword=" + secret;
        mojo.detector = (settings, masking, connection) -> {
            throw new DatabaseAccessException(Reason.PERMISSION_DENIED, "Permission denied while reading the"
                    + " history table (connection sslpassword=" + secret + ")", Masking.none());
        };
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("migration-guard: Permission denied while reading the history table"),
                e.getMessage());
        assertFalse(e.getMessage().contains(secret), e.getMessage());
        assertFalse(log.all().contains(secret), log.all());
        assertFalse(Files.exists(reports().resolve("drift-report.json")));
    }
}
