package io.github.migrationguard.lint;

/**
 * Per-file statistics.
 *
 * @param path       path relative to the project base directory
 * @param statements number of statements (meta-commands included)
 * @param bytes      size on disk
 * @param fromCache  true when the result came from the warm-run cache instead of a fresh parse
 */
public record FileResult(String path, int statements, long bytes, boolean fromCache) {
}
