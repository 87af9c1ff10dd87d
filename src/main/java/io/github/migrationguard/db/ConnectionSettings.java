package io.github.migrationguard.db;

import java.util.ArrayList;
import java.util.List;

/**
 * How to reach a database, as the user configured it.
 *
 * @param url      a {@code jdbc:postgresql:} URL, a libpq URI ({@code postgresql://} or {@code postgres://}) or a
 *                 libpq key/value string ({@code host=... dbname=...})
 * @param user     explicit user; overrides a user in the URL; may be null
 * @param password explicit password; overrides a password in the URL; may be null
 * @param source   where these settings come from, named the way the user can find and fix them, e.g.
 *                 {@code "migrationGuard.url"} or {@code "the DATABASE_URL environment variable"}
 */
public record ConnectionSettings(String url, String user, String password, String source) {

    public ConnectionSettings {
        if (source == null || source.isBlank()) {
            source = "the connection settings";
        }
    }

    /** Settings read from a {@code DATABASE_URL} environment variable. */
    public static ConnectionSettings fromDatabaseUrl(String databaseUrl) {
        return new ConnectionSettings(databaseUrl, null, null, "the DATABASE_URL environment variable");
    }

    /** The same settings with another password (e.g. decrypted from settings.xml). */
    public ConnectionSettings withCredentials(String newUser, String newPassword) {
        return new ConnectionSettings(url, newUser, newPassword, source);
    }

    /** Masks the explicit password and any password written into the URL. */
    public Masking masking() {
        List<String> secrets = new ArrayList<>();
        secrets.add(password);
        secrets.addAll(DatabaseUrls.embeddedSecrets(url));
        return Masking.of(secrets);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[url=" + masking().apply(url) + ", user=" + user
                + ", password=" + (password == null ? "<none>" : Masking.MASK) + ", source=" + source + "]";
    }
}
