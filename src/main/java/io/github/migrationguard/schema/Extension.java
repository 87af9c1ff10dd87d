package io.github.migrationguard.schema;

/**
 * An installed extension.
 *
 * @param name    name
 * @param schema  schema its objects live in
 * @param version installed version
 */
public record Extension(String name, String schema, String version) {
}
