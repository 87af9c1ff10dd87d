package io.github.migrationguard.maven;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.drift.DriftDetector;
import io.github.migrationguard.drift.DriftInspection;
import io.github.migrationguard.reconcile.AuditFile;
import io.github.migrationguard.reconcile.AuditRecord;
import io.github.migrationguard.reconcile.AuditWebhook;
import io.github.migrationguard.reconcile.PlanDatabases;
import io.github.migrationguard.reconcile.PlanOptions;
import io.github.migrationguard.reconcile.PlannedAction;
import io.github.migrationguard.reconcile.ProductionGuard;
import io.github.migrationguard.reconcile.ReconcileApplier;
import io.github.migrationguard.reconcile.ReconcilePlan;
import io.github.migrationguard.reconcile.ReconcilePlanner;
import io.github.migrationguard.reconcile.ReconcileRefusedException;
import io.github.migrationguard.reconcile.RunContext;
import io.github.migrationguard.reconcile.SuggestedMigrations;
import io.github.migrationguard.report.ReconcileConsoleReport;
import io.github.migrationguard.report.ReconcilePlanJson;
import io.github.migrationguard.report.ReconcilePlanMarkdown;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Turns what detect-drift finds into a plan of history-table changes, prints it and writes
 * {@code reconcile-plan.json} and {@code reconcile-plan.md}; changes nothing unless {@code migrationGuard.apply=true}.
 * An apply is refused on a database whose name does not look like a test database (unless
 * {@code MIGRATION_GUARD_ALLOW_NONTEST=1} and {@code migrationGuard.confirm=<database name>}), on a standby or a
 * read-only session, and when the database changed since the plan was made; it runs in one transaction under Flyway's
 * lock, archives every row it removes or changes in {@code migration_guard_audit} and a JSON file, and verifies the
 * result with detect-drift before it commits.
 */
@Mojo(name = "reconcile", threadSafe = true)
public class ReconcileMojo extends AbstractDatabaseMojo {

    /** Applies the plan. Without it, reconcile is a dry run and changes nothing. */
    @Parameter(property = "migrationGuard.apply", defaultValue = "false")
    boolean apply;

    /**
     * A reviewed {@code reconcile-plan.json} to apply exactly; the apply refuses it when the database, its history or
     * the migration files changed since it was made.
     */
    @Parameter(property = "migrationGuard.plan")
    File plan;

    /** The live database name, required (with {@code MIGRATION_GUARD_ALLOW_NONTEST=1}) to apply to a database whose
     * name does not match {@code testDatabasePattern}. */
    @Parameter(property = "migrationGuard.confirm")
    String confirm;

    /** A Java regular expression searched in the live database name: a match means a test database. */
    @Parameter(property = "migrationGuard.testDatabasePattern", defaultValue = ProductionGuard.DEFAULT_PATTERN)
    String testDatabasePattern;

    /** Plan {@code REALIGN_CHECKSUM} for edited applied migrations whose edit the live schema matches. */
    @Parameter(property = "migrationGuard.realignChecksums", defaultValue = "false")
    boolean realignChecksums;

    /**
     * Migrations (versions, or descriptions of repeatable ones) you state have run although the schema cannot show it
     * (they create nothing detect-drift can look for); a comma-separated list as a user property.
     */
    @Parameter(property = "migrationGuard.markApplied")
    List<String> markApplied;

    /** Seconds to wait for Flyway's lock on the history table before giving up. */
    @Parameter(property = "migrationGuard.lockWait", defaultValue = "30")
    int lockWait;

    /** A URL the audit record is POSTed to (as JSON) after a successful apply. */
    @Parameter(property = "migrationGuard.webhookUrl")
    String webhookUrl;

    /** Called at each stage of the apply transaction; tests use it to interfere. */
    ReconcileApplier.Hook hook;

    /** Clock of plans and audit records; replaceable in tests. */
    Clock clock = Clock.systemUTC();

    @Inject
    public ReconcileMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("migration-guard: reconcile skipped (migrationGuard.skip=true)");
            return;
        }
        DetectDriftConfig config = configure(true);
        Masking masking = config.masking();
        Pattern pattern = testPattern();
        URI webhook = webhook();
        if (plan != null && !apply) {
            throw new MojoExecutionException("migration-guard: migrationGuard.plan names a plan to apply; add"
                    + " -DmigrationGuard.apply=true to apply it, or leave migrationGuard.plan out for a new dry run.");
        }
        if (lockWait < 0) {
            throw new MojoExecutionException("migration-guard: <lockWait> (migrationGuard.lockWait) must be 0 or more"
                    + " seconds, not " + lockWait);
        }
        getLog().info(masking.apply("migration-guard: reconcile on " + config.target().displayUrl() + " (from "
                + config.target().source() + "), " + (apply ? "APPLY" : "dry run: nothing will be changed")));

        DriftDetector detector = new DriftDetector(config.settings(), masking);
        Connection connection = null;
        try {
            connection = Connections.open(config.target(), new Connections.Options(
                    Connections.Options.DEFAULT.connectTimeout(), Connections.Options.DEFAULT.socketTimeout(),
                    "migration-guard reconcile"));
            ReconcilePlan toApply;
            if (plan != null) {
                toApply = readPlan();
                getLog().info("migration-guard: applying the reviewed plan " + display(plan.toPath())
                        + " (fingerprint " + toApply.fingerprint() + ", made " + toApply.createdAt() + ")");
                if (realignChecksums || (markApplied != null && !markApplied.isEmpty())) {
                    getLog().warn("migration-guard: realignChecksums and markApplied come from the plan file;"
                            + " the values given now are ignored");
                }
                print(toApply, config);
            } else {
                toApply = makePlan(connection, detector, config);
                if (!apply) {
                    dryRunSummary(toApply);
                    return;
                }
            }
            applyPlan(connection, detector, toApply, pattern, webhook, masking);
        } catch (DatabaseAccessException e) {
            throw new MojoExecutionException("migration-guard: " + masking.apply(e.getMessage()), masked(e, masking));
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("migration-guard: " + masking.apply(describe(e)), masked(e, masking));
        } catch (SQLException e) {
            throw new MojoExecutionException("migration-guard: reconcile failed: "
                    + masking.apply(Connections.queryFailed(e, "reading the database", masking).getMessage()),
                    masked(e, masking));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("migration-guard: reconcile failed: " + masking.apply(describe(e)),
                    masked(e, masking));
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException | RuntimeException e) {
                    getLog().debug("migration-guard: closing the connection failed: " + masking.apply(e.getMessage()));
                }
            }
        }
    }

    private Pattern testPattern() throws MojoExecutionException {
        String value = testDatabasePattern == null || testDatabasePattern.isBlank() ? ProductionGuard.DEFAULT_PATTERN
                : testDatabasePattern;
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new MojoExecutionException("migration-guard: <testDatabasePattern> (migrationGuard"
                    + ".testDatabasePattern) is not a valid regular expression: " + e.getDescription() + " near index "
                    + e.getIndex() + " of '" + value + "'");
        }
    }

    private URI webhook() throws MojoExecutionException {
        if (webhookUrl == null || webhookUrl.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(webhookUrl.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new URISyntaxException(AuditWebhook.display(uri), "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new MojoExecutionException("migration-guard: <webhookUrl> (migrationGuard.webhookUrl) must be an"
                    + " http or https URL: " + e.getReason());
        }
    }

    private ReconcilePlan readPlan() throws MojoExecutionException {
        try {
            return ReconcilePlanJson.read(plan.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("migration-guard: " + e.getMessage(), e);
        }
    }

    private ReconcilePlan makePlan(Connection connection, DriftDetector detector, DetectDriftConfig config)
            throws DatabaseAccessException, IOException, SQLException, MojoExecutionException, MojoFailureException {
        DriftInspection inspection = detector.inspect(connection);
        if (inspection.report().migrationInProgress()) {
            throw new MojoFailureException("migration-guard: a migration is in progress on "
                    + inspection.report().historyTable() + " (another session holds Flyway's lock); run reconcile"
                    + " when it has finished.");
        }
        DatabaseIdentity identity = inspection.report().database();
        ReconcilePlan made;
        try {
            made = ReconcilePlanner.plan(inspection, PlanDatabases.describe(connection, identity, inspection),
                    new PlanOptions(realignChecksums, markApplied), pluginVersion(), Instant.now(clock));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("migration-guard: <markApplied> (migrationGuard.markApplied): "
                    + e.getMessage());
        }
        made = SuggestedMigrations.attach(made, inspection, reportsDirectory.toPath());
        print(made, config);
        writePlan(made);
        return made;
    }

    private void print(ReconcilePlan p, DetectDriftConfig config) {
        for (String line : ReconcileConsoleReport.lines(p)) {
            String shown = config.hideSecrets(line);
            if (line.startsWith("NEEDS A PERSON")) {
                getLog().warn(shown);
            } else {
                getLog().info(shown);
            }
        }
    }

    private void writePlan(ReconcilePlan p) throws MojoExecutionException {
        Path dir = reportsDirectory.toPath();
        try {
            Path json = ReconcilePlanJson.write(p, dir);
            Path md = ReconcilePlanMarkdown.write(p, dir);
            getLog().info("migration-guard: plan " + display(json) + " and " + display(md));
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("migration-guard: could not write the plan to " + reportsDirectory
                    + ": " + describe(e), e);
        }
        appendStepSummary(ReconcilePlanMarkdown.render(p));
    }

    private void dryRunSummary(ReconcilePlan p) {
        if (p.isEmpty()) {
            getLog().info("migration-guard: nothing to reconcile" + (p.manual().isEmpty() ? ""
                    : "; " + p.manual().size() + (p.manual().size() == 1 ? " finding needs" : " findings need")
                    + " a person (see above)") + ". Nothing was changed.");
            return;
        }
        String where = display(reportsDirectory.toPath().resolve(ReconcilePlanJson.FILE_NAME));
        getLog().info("migration-guard: dry run, nothing was changed. Review " + where + ", then apply exactly that"
                + " plan with: mvn migration-guard:reconcile -DmigrationGuard.apply=true -DmigrationGuard.plan="
                + where);
    }

    private void applyPlan(Connection connection, DriftDetector detector, ReconcilePlan toApply, Pattern pattern,
                           URI webhook, Masking masking)
            throws MojoFailureException, DatabaseAccessException, IOException {
        RunContext who = RunContext.detect(this::env, System.getProperty("user.name"));
        ReconcileApplier.Settings applySettings = new ReconcileApplier.Settings(
                new ProductionGuard.Settings(pattern, env(ProductionGuard.ALLOW_ENV), confirm),
                Duration.ofSeconds(lockWait), Duration.ofSeconds(10), Duration.ofSeconds(60),
                reportsDirectory.toPath(), pluginVersion(), who.osUser(), who.ci());
        Path dir = reportsDirectory.toPath();
        ReconcileApplier applier = new ReconcileApplier(detector, applySettings, masking,
                message -> getLog().info("migration-guard: " + message), record -> AuditFile.write(record, dir),
                clock);
        if (hook != null) {
            applier.withHook(hook);
        }
        ReconcileApplier.Result result;
        try {
            result = applier.apply(connection, toApply);
        } catch (ReconcileRefusedException e) {
            throw new MojoFailureException("migration-guard: " + masking.apply(e.getMessage()));
        }
        if (result.nothingToDo()) {
            getLog().info("migration-guard: nothing to reconcile; the history was not changed.");
            return;
        }
        AuditRecord audit = result.audit();
        Map<String, Long> counts = result.plan().actions().stream().collect(Collectors.groupingBy(
                a -> a.type().name(), java.util.LinkedHashMap::new, Collectors.counting()));
        int n = result.plan().actions().size();
        getLog().info("migration-guard: applied " + n + (n == 1 ? " action (" : " actions (")
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + ") to " + audit.database().historyTable() + " in database "
                + audit.database().name() + "; verified with detect-drift before the commit");
        for (PlannedAction a : result.plan().actions()) {
            getLog().info("migration-guard:   " + a.type() + " " + a.migration() + " (" + a.script() + ")"
                    + (a.note() == null ? "" : "; " + a.note()));
        }
        getLog().info("migration-guard: audit: table " + audit.auditTable() + " (run_id " + audit.runId()
                + ") and " + display(result.auditFile()));
        if (webhook != null) {
            AuditWebhook.Result sent = AuditWebhook.post(webhook, AuditFile.render(audit), Duration.ofSeconds(10));
            if (sent.delivered()) {
                getLog().info("migration-guard: audit record sent to " + AuditWebhook.display(webhook));
            } else {
                getLog().warn("migration-guard: the audit record was not delivered to the webhook: "
                        + sent.message() + " (the apply is committed; " + display(result.auditFile())
                        + " holds the record)");
            }
        }
    }
}
