package io.github.migrationguard.maven;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.JdbcTarget;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.drift.DriftDetector;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import io.github.migrationguard.drift.DriftSettings;
import io.github.migrationguard.report.DriftConsoleReport;
import io.github.migrationguard.report.DriftJsonReport;
import io.github.migrationguard.report.DriftMarkdownReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Compares the migration files, the migration-history table and the live PostgreSQL schema, read-only, and fails the
 * build when they disagree. Prints what it is connected to, then every finding with the action that fixes it, and
 * writes {@code drift-report.json} and {@code drift-report.md}.
 */
@Mojo(name = "detect-drift", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class DetectDriftMojo extends AbstractDatabaseMojo {

    /** Whether drift fails the build (BUILD FAILURE). */
    @Parameter(property = "migrationGuard.failOnDrift", defaultValue = "true")
    boolean failOnDrift;

    /** Runs the detection on an open connection; replaceable in tests. */
    interface Detector {
        DriftReport detect(DriftSettings settings, Masking masking, Connection connection)
                throws DatabaseAccessException, IOException;
    }

    Detector detector = (driftSettings, masking, connection) ->
            new DriftDetector(driftSettings, masking).detect(connection);

    @Inject
    public DetectDriftMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("migration-guard: detect-drift skipped (migrationGuard.skip=true)");
            return;
        }
        DetectDriftConfig config = configure();
        Masking masking = config.masking();
        JdbcTarget target = config.target();
        getLog().info(masking.apply("migration-guard: detect-drift on " + target.displayUrl() + " (from "
                + target.source() + "), read-only"));
        if (!target.ignoredParameters().isEmpty()) {
            getLog().info("migration-guard: ignoring URL parameters meant for other tools: "
                    + String.join(", ", target.ignoredParameters()));
        }
        if (config.settings().shadow() != null) {
            getLog().info(masking.apply("migration-guard: expected schema from a shadow database on "
                    + config.settings().shadow().describe()));
        }

        DriftReport report = detect(config, masking);

        printReport(report, config);
        List<Path> written = writeReports(report);
        for (Path p : written) {
            getLog().info("migration-guard: report " + display(p));
        }
        appendStepSummary(DriftMarkdownReport.render(report));
        decide(report, config.failOnDrift());
    }

    /** The typed configuration; package-private for tests. */
    DetectDriftConfig configure() throws MojoExecutionException {
        return configure(failOnDrift);
    }

    private DriftReport detect(DetectDriftConfig config, Masking masking) throws MojoExecutionException {
        Connection connection = null;
        try {
            connection = Connections.open(config.target(), Connections.Options.DEFAULT);
            return detector.detect(config.settings(), masking, connection);
        } catch (DatabaseAccessException e) {
            // already masked with what its creator knew; mask again with every password of this configuration
            throw new MojoExecutionException("migration-guard: " + masking.apply(e.getMessage()), masked(e, masking));
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("migration-guard: could not read migrations: "
                    + masking.apply(describe(e)), masked(e, masking));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("migration-guard: detect-drift failed: " + masking.apply(describe(e)),
                    masked(e, masking));
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException | RuntimeException e) {
                    getLog().debug("migration-guard: closing the connection failed: "
                            + masking.apply(e.getMessage()));
                }
            }
        }
    }

    /** How a line of the console report is logged. */
    private enum Level { INFO, WARN, ERROR }

    /**
     * The console report in the order of {@link DriftConsoleReport#lines}: identity, the four sections, the summary.
     * Blocking findings are errors (warnings with {@code failOnDrift=false}); a pending migration that needs a look
     * (out of order, or one whose effect cannot be seen) is a warning; everything else is information.
     */
    private void printReport(DriftReport report, DetectDriftConfig config) {
        Map<String, Level> findingLevels = new HashMap<>();
        for (DriftFinding f : report.findings()) {
            Level level = blocks(f) ? (failOnDrift ? Level.ERROR : Level.WARN)
                    : needsAttention(f) ? Level.WARN : Level.INFO;
            for (String line : DriftConsoleReport.findingLines(f)) {
                findingLevels.merge(line, level, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        for (String raw : DriftConsoleReport.lines(report)) {
            // catalog and file content: only the configured passwords are hidden, a column named password stays
            String line = config.hideSecrets(raw);
            Level level = report.migrationInProgress()
                    ? (raw.startsWith("Migration in progress") ? Level.WARN : Level.INFO)
                    : findingLevels.getOrDefault(raw, Level.INFO);
            switch (level) {
                case ERROR -> getLog().error(line);
                case WARN -> getLog().warn(line);
                default -> getLog().info(line);
            }
        }
    }

    /** PENDING is what the next migrate applies, not drift; every other kind is. */
    static boolean blocks(DriftFinding f) {
        return f.kind() != DriftKind.PENDING;
    }

    /** A pending migration the migrate run will not simply apply (its recommended action is not "none: ..."). */
    private static boolean needsAttention(DriftFinding f) {
        String action = f.recommendedAction();
        return f.kind() == DriftKind.PENDING && action != null && !action.startsWith("none");
    }

    private List<Path> writeReports(DriftReport report) throws MojoExecutionException {
        Path dir = reportsDirectory.toPath();
        try {
            return List.of(DriftJsonReport.write(report, dir), DriftMarkdownReport.write(report, dir));
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("migration-guard: could not write reports to " + reportsDirectory
                    + ": " + describe(e), e);
        }
    }

    private void decide(DriftReport report, boolean fail) throws MojoFailureException {
        if (report.migrationInProgress()) {
            return;
        }
        List<DriftFinding> blocking = report.findings().stream().filter(DetectDriftMojo::blocks).toList();
        long pending = report.findings().size() - blocking.size();
        if (pending > 0) {
            getLog().info("migration-guard: " + pending + (pending == 1 ? " pending migration" : " pending migrations")
                    + " (not applied yet, objects absent): not drift");
        }
        if (blocking.isEmpty()) {
            return;
        }
        String findings = blocking.size() + (blocking.size() == 1 ? " drift finding" : " drift findings");
        String where = display(reportsDirectory.toPath().resolve(DriftJsonReport.FILE_NAME));
        if (!fail) {
            getLog().warn("migration-guard: " + findings + " (failOnDrift=false, the build continues); report "
                    + where);
            return;
        }
        String database = report.database() == null ? "(unknown)" : report.database().database();
        throw new MojoFailureException("migration-guard: " + findings + " in database " + database + " ("
                + kinds(blocking) + "); see the findings above and " + where);
    }

    /** {@code 2 EXTRA_OBJECT, 1 PHANTOM}, in the order of the report. */
    private static String kinds(List<DriftFinding> findings) {
        Map<String, Long> counts = findings.stream().collect(Collectors.groupingBy(
                f -> f.kind().name(), LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
