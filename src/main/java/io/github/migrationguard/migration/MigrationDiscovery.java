package io.github.migrationguard.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.codehaus.plexus.util.DirectoryScanner;

/** Finds migration files under the configured locations. */
public final class MigrationDiscovery {

    private MigrationDiscovery() {
    }

    /**
     * Resolves a location as users write it: a path relative to {@code baseDir}, an absolute path,
     * {@code filesystem:<path>} or {@code classpath:<path>} (Flyway's notation, mapped to
     * {@code src/main/resources/<path>}).
     */
    public static Path resolveLocation(Path baseDir, String location) {
        String loc = location.trim();
        if (loc.startsWith("filesystem:")) {
            loc = loc.substring("filesystem:".length());
        } else if (loc.startsWith("classpath:")) {
            loc = "src/main/resources/" + loc.substring("classpath:".length()).replaceFirst("^/+", "");
        }
        Path p = Path.of(loc);
        return (p.isAbsolute() ? p : baseDir.resolve(p)).normalize();
    }

    /**
     * Lists the files matching {@code includes} (default {@code **}{@code /*.sql}) minus {@code excludes} under every
     * location, sorted and without duplicates.
     *
     * @throws NoSuchFileException naming the first location that does not exist or is not a directory
     */
    public static List<Path> discover(Path baseDir, List<String> locations, List<String> includes,
                                      List<String> excludes) throws IOException {
        TreeSet<Path> found = new TreeSet<>();
        for (String location : locations) {
            if (location == null || location.isBlank()) {
                continue;
            }
            Path dir = resolveLocation(baseDir, location);
            if (!Files.isDirectory(dir)) {
                throw new NoSuchFileException(dir.toString(), null,
                        "migration location '" + location + "' is not a directory");
            }
            DirectoryScanner scanner = new DirectoryScanner();
            scanner.setBasedir(dir.toFile());
            scanner.setIncludes(includes == null || includes.isEmpty()
                    ? new String[] {"**/*.sql"} : includes.toArray(String[]::new));
            if (excludes != null && !excludes.isEmpty()) {
                scanner.setExcludes(excludes.toArray(String[]::new));
            }
            scanner.addDefaultExcludes();
            scanner.setFollowSymlinks(false);
            scanner.scan();
            for (String rel : scanner.getIncludedFiles()) {
                found.add(dir.resolve(rel).normalize());
            }
        }
        return new ArrayList<>(found);
    }
}
