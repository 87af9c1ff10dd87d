package io.github.migrationguard.schema;

/**
 * A schema (namespace).
 *
 * @param name  name
 * @param owner owning role
 */
public record Schema(String name, String owner) {
}
