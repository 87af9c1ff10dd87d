package io.github.migrationguard.schema.replay;

/**
 * One migration to replay, in apply order.
 *
 * @param script what the history table calls it (Flyway's {@code script} column: the path relative to the location)
 * @param sql    its text, placeholders already substituted
 */
public record ReplayInput(String script, String sql) {
}
