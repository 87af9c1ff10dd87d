package io.github.migrationguard.testsupport;

import io.github.migrationguard.db.ConnectionSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.postgresql.Driver;

/**
 * PostgreSQL for integration tests. Every test gets its own freshly created, uniquely named database and drops it
 * afterwards, so no test depends on what another one left behind.
 *
 * <p>Where the server comes from, in order:
 * <ol>
 *   <li>the environment variable {@value #ENV} (or the system property {@value #PROPERTY}): a JDBC URL of a
 *       server where the user may {@code CREATE DATABASE}, e.g.
 *       {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres};</li>
 *   <li>otherwise Testcontainers starts {@code postgres:15-alpine} once per test JVM;</li>
 *   <li>otherwise every test that needs a database fails with a message saying how to provide one. Tests never
 *       skip silently.</li>
 * </ol>
 */
public final class TestDatabases {

    public static final String ENV = "MIGRATION_GUARD_TEST_JDBC_URL";
    public static final String PROPERTY = "migrationGuard.testJdbcUrl";

    private static final String HOW_TO = "Integration tests need PostgreSQL. Set the environment variable " + ENV
            + " to a JDBC URL of a server where the user may CREATE DATABASE, e.g. " + ENV
            + "=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres , or start a Docker engine so Testcontainers "
            + "can run postgres:15-alpine.";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Driver DRIVER = new Driver();

    private static Server server;
    private static RuntimeException unavailable;

    private TestDatabases() {
    }

    /** The server every test database is created on: admin URL (no credentials in it) and credentials. */
    public record Server(String url, String user, String password, String origin) {
        Properties properties() {
            Properties p = new Properties();
            if (user != null) {
                p.setProperty("user", user);
            }
            if (password != null) {
                p.setProperty("password", password);
            }
            return p;
        }

        Connection connect() throws SQLException {
            return DRIVER.connect(url, properties());
        }
    }

    /** Creates a fresh database; close it to drop it. */
    public static TestDatabase create() {
        return create("it");
    }

    /** Creates a fresh database whose name starts with {@code mg_<prefix>_}. */
    public static TestDatabase create(String prefix) {
        Server s = server();
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (clean.length() > 20) {
            clean = clean.substring(0, 20);
        }
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        String name = "mg_" + clean + "_" + HexFormat.of().formatHex(random) + "_" + COUNTER.incrementAndGet();
        try (Connection c = s.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + quote(name));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on " + s.origin() + ": "
                    + e.getMessage() + ". " + HOW_TO, e);
        }
        return new TestDatabase(s, name, withDatabase(s.url(), name));
    }

    /** The server, resolved once per JVM; fails (never skips) when none is available. */
    public static synchronized Server server() {
        if (server != null) {
            return server;
        }
        if (unavailable != null) {
            throw unavailable;
        }
        try {
            server = resolve(System.getenv(ENV), System.getProperty(PROPERTY), TestDatabases::startContainer);
            return server;
        } catch (IllegalStateException e) {
            unavailable = e;
            throw e;
        }
    }

    /**
     * Picks the server: the environment value, else the system property, else the container; checks it answers.
     *
     * @throws IllegalStateException saying how to provide a database when none works
     */
    static Server resolve(String envValue, String propertyValue, Supplier<Server> container) {
        String url = usable(envValue) ? envValue.strip() : usable(propertyValue) ? propertyValue.strip() : null;
        String origin = usable(envValue) ? "environment variable " + ENV
                : usable(propertyValue) ? "system property " + PROPERTY : "Testcontainers";
        try {
            Server s = url != null ? fromJdbcUrl(url, origin) : container.get();
            try (Connection c = s.connect(); Statement st = c.createStatement()) {
                st.execute("select 1");
            }
            return s;
        } catch (SQLException | RuntimeException | LinkageError e) {
            throw new IllegalStateException(HOW_TO + " (Tried " + origin + ": " + e + ")", e);
        }
    }

    private static boolean usable(String value) {
        return value != null && !value.isBlank() && !value.startsWith("${");
    }

    private static Server fromJdbcUrl(String url, String origin) {
        Properties parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            throw new IllegalArgumentException(origin + " is not a jdbc:postgresql: URL");
        }
        String user = parsed.getProperty("user");
        String password = parsed.getProperty("password");
        String base = url;
        for (String key : new String[] {"user", "password"}) {
            base = withoutParameter(base, key);
        }
        return new Server(base, user, password, origin);
    }

    private static Server startContainer() {
        if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("no Docker engine is available to Testcontainers");
        }
        org.testcontainers.containers.PostgreSQLContainer<?> container =
                new org.testcontainers.containers.PostgreSQLContainer<>("postgres:15-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers " + container.getDockerImageName());
    }

    /** Replaces the database of a JDBC URL, keeping hosts and parameters. */
    static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql:";
        String rest = url.substring(prefix.length());
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q);
        String path = q < 0 ? rest : rest.substring(0, q);
        if (path.startsWith("//")) {
            int slash = path.indexOf('/', 2);
            String hosts = slash < 0 ? path : path.substring(0, slash);
            return prefix + hosts + "/" + database + query;
        }
        return prefix + database + query;
    }

    private static String withoutParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder kept = new StringBuilder();
        for (String part : url.substring(q + 1).split("&")) {
            if (part.isEmpty() || part.startsWith(name + "=") || part.equals(name)) {
                continue;
            }
            kept.append(kept.length() == 0 ? "?" : "&").append(part);
        }
        return url.substring(0, q) + kept;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A database that exists for one test. */
    public static final class TestDatabase implements AutoCloseable {
        private final Server server;
        private final String name;
        private final String url;
        private boolean dropped;

        TestDatabase(Server server, String name, String url) {
            this.server = server;
            this.name = name;
            this.url = url;
        }

        public String name() {
            return name;
        }

        /** JDBC URL of this database, without credentials. */
        public String url() {
            return url;
        }

        public String user() {
            return server.user();
        }

        public String password() {
            return server.password();
        }

        /** Connection settings as a user would configure them. */
        public ConnectionSettings settings() {
            return new ConnectionSettings(url, server.user(), server.password(), "the test database");
        }

        /** A plain connection (auto-commit on) for setting up fixtures. */
        public Connection connect() throws SQLException {
            return DRIVER.connect(url, server.properties());
        }

        /** Runs SQL (several statements allowed) in auto-commit mode. */
        public void execute(String sql) throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }

        /** Terminates leftover connections and drops the database. */
        @Override
        public void close() {
            if (dropped) {
                return;
            }
            try (Connection c = server.connect()) {
                try (PreparedStatement ps = c.prepareStatement("select pg_catalog.pg_terminate_backend(pid) "
                        + "from pg_catalog.pg_stat_activity where datname = ? and pid <> pg_catalog.pg_backend_pid()")) {
                    ps.setString(1, name);
                    ps.execute();
                }
                boolean force = c.getMetaData().getDatabaseMajorVersion() >= 13;
                try (Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + quote(name) + (force ? " WITH (FORCE)" : ""));
                }
                dropped = true;
            } catch (SQLException e) {
                throw new IllegalStateException("Could not drop test database " + name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return name + " on " + server.origin();
        }
    }
}
