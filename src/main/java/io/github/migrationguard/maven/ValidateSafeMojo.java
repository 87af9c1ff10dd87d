package io.github.migrationguard.maven;

import io.github.migrationguard.lint.EngineDiagnostic;
import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintReport;
import io.github.migrationguard.lint.Linter;
import io.github.migrationguard.lint.RuleDescriptor;
import io.github.migrationguard.lint.RuleRegistry;
import io.github.migrationguard.lint.Severity;
import io.github.migrationguard.migration.MigrationDiscovery;
import io.github.migrationguard.report.ConsoleReport;
import io.github.migrationguard.report.GitHubAnnotations;
import io.github.migrationguard.report.LintReportWriter;
import io.github.migrationguard.report.MarkdownReport;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lints the project's SQL migrations and fails the build when a migration may destroy data, cannot be
 * understood, or breaks the {@code *_safe.sql} naming convention. Never connects to a database.
 */
@Mojo(name = "validate-safe", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateSafeMojo extends AbstractMigrationGuardMojo {

    /** Skips the goal: no linting, no reports. */
    @Parameter(property = "migrationGuard.skip", defaultValue = "false")
    boolean skip;

    /**
     * Migration directories, relative to the project base directory or absolute; a comma-separated list as a user
     * property. Default {@code src/main/resources/db/migration} (a project without it has nothing to check).
     */
    @Parameter(property = "migrationGuard.locations")
    List<String> locations;

    /** Glob patterns (relative to a location) of the files to lint. Default {@code **}{@code /*.sql}. */
    @Parameter(property = "migrationGuard.includes")
    List<String> includes;

    /** Glob patterns (relative to a location) of files to leave out. */
    @Parameter(property = "migrationGuard.excludes")
    List<String> excludes;

    /** Lowest severity of an unacknowledged finding that fails the build: {@code error}, {@code warning}, {@code never}. */
    @Parameter(property = "migrationGuard.failOn", defaultValue = "error")
    String failOn;

    /** Flyway-style {@code ${name}} placeholder values, replaced before analysis. */
    @Parameter
    Map<String, String> placeholders;

    /** Full-match regex every migration file name in scope must satisfy. */
    @Parameter(property = "migrationGuard.safeNamePattern", defaultValue = ".+_safe\\.sql")
    String safeNamePattern;

    /** Full-match regex over the path relative to its location: the files the naming convention applies to. */
    @Parameter(property = "migrationGuard.namingScope", defaultValue = ".*")
    String namingScope;

    /** Severity overrides: rule id to {@code error}, {@code warning}, {@code note} or {@code off}. */
    @Parameter
    Map<String, String> rules;

    /** Reuses results for unchanged files between runs (cache in {@code target/migration-guard/cache}). */
    @Parameter(property = "migrationGuard.cache", defaultValue = "true")
    boolean cache;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("migration-guard: validate-safe skipped (migrationGuard.skip=true)");
            return;
        }
        RuleRegistry registry = loadRules();
        ValidateSafeConfig config = ValidateSafeConfig.parse(locations, includes, excludes, failOn, placeholders,
                safeNamePattern, namingScope, rules, ruleIds(registry));

        Path base = basePath();
        List<Path> files = discover(base, config);
        if (files == null) {
            return;
        }
        if (files.isEmpty()) {
            getLog().info("migration-guard: no migrations found in " + String.join(", ", config.locations())
                    + " matching " + String.join(", ", config.includes()));
        }

        LintReport report;
        try {
            Path cacheDir = cache ? buildDirectory.toPath().resolve("migration-guard").resolve("cache") : null;
            report = new Linter(config.settings(), registry).lint(base, files, cacheDir, pluginVersion());
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("migration-guard: could not read migrations: " + describe(e), e);
        }

        List<Path> written = writeReports(report, registry);
        printFindings(report);
        getLog().info(ConsoleReport.summaryLine(report));
        for (Path p : written) {
            getLog().info("migration-guard: report " + display(p));
        }
        publishToCi(report);
        decide(report, config.failOn());
    }

    private RuleRegistry loadRules() throws MojoExecutionException {
        try {
            return RuleRegistry.load(getClass().getClassLoader());
        } catch (RuntimeException e) {
            throw new MojoExecutionException("migration-guard: could not load lint rules: " + e.getMessage(), e);
        }
    }

    static RuleIds ruleIds(RuleRegistry registry) {
        return new RuleIds() {
            @Override
            public boolean isRule(String id) {
                return registry.find(id).isPresent();
            }

            @Override
            public boolean isEngineDiagnostic(String id) {
                for (EngineDiagnostic d : EngineDiagnostic.values()) {
                    if (d.id().equals(id)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public String nearest(String id) {
                return registry.nearest(id);
            }
        };
    }

    /** The files to lint, or null when the default location does not exist (nothing to check). */
    private List<Path> discover(Path base, ValidateSafeConfig config) throws MojoExecutionException {
        try {
            return MigrationDiscovery.discover(base, config.locations(), config.includes(), config.excludes());
        } catch (NoSuchFileException e) {
            if (config.defaultLocations()) {
                getLog().info("migration-guard: no migrations found in " + ValidateSafeConfig.DEFAULT_LOCATION
                        + " (directory does not exist)");
                return null;
            }
            String missing = e.getFile() == null ? "?" : e.getFile();
            String what = e.getReason() != null ? e.getReason() : "migration location is not a directory";
            boolean exists = e.getFile() != null && Files.exists(Paths.get(e.getFile()));
            throw new MojoExecutionException("migration-guard: invalid configuration: <locations>: " + what + " ("
                    + missing + (exists ? " is not a directory" : " does not exist") + ")", e);
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("migration-guard: could not list migrations: " + describe(e), e);
        }
    }

    private List<Path> writeReports(LintReport report, RuleRegistry registry) throws MojoExecutionException {
        List<RuleDescriptor> descriptors = new ArrayList<>(registry.descriptors());
        try {
            return LintReportWriter.writeAll(report, descriptors, reportsDirectory.toPath(), pluginVersion());
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("migration-guard: could not write reports to " + reportsDirectory
                    + ": " + describe(e), e);
        }
    }

    private void printFindings(LintReport report) {
        for (Finding f : report.findings()) {
            for (String line : ConsoleReport.findingLines(f)) {
                if (f.acknowledged() || f.severity() == Severity.NOTE) {
                    getLog().info(line);
                } else if (f.severity() == Severity.ERROR) {
                    getLog().error(line);
                } else {
                    getLog().warn(line);
                }
            }
        }
    }

    private void publishToCi(LintReport report) {
        if ("true".equalsIgnoreCase(env("GITHUB_ACTIONS"))) {
            for (String line : GitHubAnnotations.lines(report, workspacePrefix())) {
                stdout.println(line);
            }
            stdout.flush();
        }
        appendStepSummary(MarkdownReport.render(report));
    }

    /**
     * The project base directory relative to the checked-out repository ({@code GITHUB_WORKSPACE}), so annotations
     * point at the right file in a repository whose Maven project is not at the root.
     */
    String workspacePrefix() {
        String workspace = env("GITHUB_WORKSPACE");
        if (workspace == null) {
            return "";
        }
        try {
            Path root = Paths.get(workspace).toAbsolutePath().normalize();
            Path base = basePath();
            return base.startsWith(root) ? root.relativize(base).toString().replace(File.separatorChar, '/') : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void decide(LintReport report, FailOn failOn) throws MojoFailureException {
        Severity threshold = failOn.threshold();
        if (threshold == null) {
            return;
        }
        long blocking = report.blocking(threshold);
        if (blocking > 0) {
            throw new MojoFailureException("migration-guard: " + blocking
                    + (blocking == 1 ? " finding blocks" : " findings block") + " the build (failOn="
                    + failOn.value() + "); fix the migrations listed above or acknowledge a finding with"
                    + " -- migration-guard:allow <rule-id> reason=\"...\"; reports in "
                    + display(reportsDirectory.toPath()));
        }
    }

    private static String describe(Exception e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String msg = t.getMessage();
        String kind = t.getClass().getSimpleName();
        return msg == null ? kind : kind + ": " + msg;
    }
}
