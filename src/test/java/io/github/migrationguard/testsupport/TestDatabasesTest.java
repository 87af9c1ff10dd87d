package io.github.migrationguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The test-database support must fail loudly, never skip, when no PostgreSQL is available. */
class TestDatabasesTest {

    @Test
    void withoutAnyDatabaseTheFailureSaysHowToProvideOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestDatabases.resolve(null, null,
                () -> {
                    throw new IllegalStateException("no Docker engine is available to Testcontainers");
                }));
        assertTrue(e.getMessage().contains("MIGRATION_GUARD_TEST_JDBC_URL=jdbc:postgresql://"), e.getMessage());
        assertTrue(e.getMessage().contains("Docker"), e.getMessage());
        assertTrue(e.getMessage().contains("Tried Testcontainers"), e.getMessage());
    }

    @Test
    void anUnreachableConfiguredServerFailsTooAndNamesTheVariable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestDatabases.resolve(url, null, () -> {
                    throw new AssertionError("the container must not be tried when a URL is configured");
                }));
        assertTrue(e.getMessage().contains("Tried environment variable MIGRATION_GUARD_TEST_JDBC_URL"),
                e.getMessage());
        IllegalStateException unresolved = assertThrows(IllegalStateException.class,
                () -> TestDatabases.resolve("${env.MIGRATION_GUARD_TEST_JDBC_URL}", url, () -> null));
        assertTrue(unresolved.getMessage().contains("system property"), unresolved.getMessage());
    }

    @Test
    void databaseIsReplacedKeepingHostsAndParameters() {
        assertEquals("jdbc:postgresql://h1:5432,h2/mg_x?ssl=false",
                TestDatabases.withDatabase("jdbc:postgresql://h1:5432,h2/postgres?ssl=false", "mg_x"));
        assertEquals("jdbc:postgresql://h/mg_x", TestDatabases.withDatabase("jdbc:postgresql://h/", "mg_x"));
        assertEquals("jdbc:postgresql://h/mg_x", TestDatabases.withDatabase("jdbc:postgresql://h", "mg_x"));
        assertEquals("jdbc:postgresql:mg_x", TestDatabases.withDatabase("jdbc:postgresql:postgres", "mg_x"));
        assertEquals("\"a\"\"b\"", TestDatabases.quote("a\"b"));
    }
}
