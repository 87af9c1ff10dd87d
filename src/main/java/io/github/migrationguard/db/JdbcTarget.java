package io.github.migrationguard.db;

import java.util.List;
import java.util.Properties;

/**
 * A resolved pgjdbc connection target: the JDBC URL plus the properties to pass with it.
 *
 * @param jdbcUrl           the URL for the driver; may contain a password if the user wrote one into a JDBC URL,
 *                          so never print it (use {@link #displayUrl()})
 * @param hosts             {@code host:port} entries, in order ({@code [v6]:port} for IPv6 literals)
 * @param database          database name, or null when the driver will choose
 * @param user              user name, or null when the driver will choose
 * @param sslMode           {@code sslmode} as configured, or null
 * @param source            where the settings came from (see {@link ConnectionSettings#source()})
 * @param ignoredParameters URL parameters that belong to other tools and were ignored (e.g. {@code pgbouncer})
 * @param masking           hides every password these settings carry
 */
public record JdbcTarget(String jdbcUrl, Properties properties, List<String> hosts, String database, String user,
                         String sslMode, String source, List<String> ignoredParameters, Masking masking) {

    public JdbcTarget {
        Properties copy = new Properties();
        if (properties != null) {
            copy.putAll(properties);
        }
        properties = copy;
        hosts = List.copyOf(hosts);
        ignoredParameters = List.copyOf(ignoredParameters);
    }

    /** A copy of the driver properties (they may contain the password). */
    @Override
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** The password that will be sent, or null. */
    public String password() {
        return properties.getProperty("password");
    }

    /** True when {@code sslmode} makes SSL mandatory. */
    public boolean sslRequired() {
        return sslMode != null && (sslMode.equals("require") || sslMode.startsWith("verify"));
    }

    /** The JDBC URL with every password masked. */
    public String displayUrl() {
        return masking.apply(jdbcUrl);
    }

    /** {@code host:port/database} for messages. */
    public String describe() {
        return String.join(",", hosts) + "/" + (database == null ? "" : database);
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + displayUrl() + ", user=" + user + ", sslmode=" + sslMode + ", source=" + source + "]";
    }
}
