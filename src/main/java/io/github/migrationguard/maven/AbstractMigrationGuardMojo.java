package io.github.migrationguard.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;

/** What every migration-guard goal shares: the project directories, the plugin version and the environment. */
public abstract class AbstractMigrationGuardMojo extends AbstractMojo {

    /** The project base directory; relative locations are resolved against it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File basedir;

    /** The project build directory (the warm-run cache lives below it). */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    protected File buildDirectory;

    /** Where report files are written. */
    @Parameter(property = "migrationGuard.reportsDirectory",
            defaultValue = "${project.build.directory}/migration-guard")
    protected File reportsDirectory;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    protected PluginDescriptor plugin;

    /** Environment lookup; replaceable in tests. */
    Function<String, String> environment = System::getenv;

    /** Where CI annotations are printed; replaceable in tests. */
    PrintStream stdout = System.out;

    /** The version of this plugin, part of cache keys and reports. */
    protected String pluginVersion() {
        if (plugin != null && plugin.getVersion() != null) {
            return plugin.getVersion();
        }
        String fromManifest = getClass().getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
    }

    protected Path basePath() {
        return basedir.toPath().toAbsolutePath().normalize();
    }

    /** {@code path} relative to the project base directory when it lies below it, for messages. */
    protected String display(Path path) {
        Path base = basePath();
        Path abs = path.toAbsolutePath().normalize();
        String shown = abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
        return shown.replace(File.separatorChar, '/');
    }

    /**
     * Appends Markdown to the file named by {@code GITHUB_STEP_SUMMARY} (GitHub Actions' job summary), when set; a
     * failure is a warning, never a build failure.
     */
    protected void appendStepSummary(String markdown) {
        String summary = env("GITHUB_STEP_SUMMARY");
        if (summary == null) {
            return;
        }
        try {
            Files.writeString(Paths.get(summary), markdown, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage();
            getLog().warn("migration-guard: could not append the summary to GITHUB_STEP_SUMMARY (" + summary + "): "
                    + e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg));
        }
    }

    protected String env(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value;
    }
}
