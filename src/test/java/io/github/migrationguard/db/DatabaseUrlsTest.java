package io.github.migrationguard.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.Driver;

class DatabaseUrlsTest {

    private static JdbcTarget resolve(String url) throws DatabaseAccessException {
        return DatabaseUrls.resolve(ConnectionSettings.fromDatabaseUrl(url));
    }

    /** What pgjdbc itself reads from the URL we built: the independent check of our encoding. */
    private static Properties driverView(JdbcTarget t) {
        Properties p = Driver.parseURL(t.jdbcUrl(), t.properties());
        assertNotNull(p, () -> "pgjdbc rejects " + t.jdbcUrl());
        return p;
    }

    @Test
    void libpqUriWithCredentialsPortAndSslmode() throws Exception {
        JdbcTarget t = resolve("postgresql://alice:s3cret@db.example.com:6543/app?sslmode=require");
        assertEquals("jdbc:postgresql://db.example.com:6543/app", t.jdbcUrl());
        Properties p = driverView(t);
        assertEquals("db.example.com", p.getProperty("PGHOST"));
        assertEquals("6543", p.getProperty("PGPORT"));
        assertEquals("app", p.getProperty("PGDBNAME"));
        assertEquals("alice", p.getProperty("user"));
        assertEquals("s3cret", p.getProperty("password"));
        assertEquals("require", p.getProperty("sslmode"));
        assertEquals("require", t.sslMode());
        assertTrue(t.sslRequired());
        assertEquals(List.of("db.example.com:6543"), t.hosts());
        assertFalse(t.toString().contains("s3cret"));
    }

    @Test
    void postgresSchemeIsAnAlias() throws Exception {
        JdbcTarget t = resolve("postgres://bob@localhost/shop");
        assertEquals("jdbc:postgresql://localhost:5432/shop", t.jdbcUrl());
        assertEquals("bob", t.user());
        assertNull(t.password());
    }

    @Test
    void percentEncodedCredentialsWithEveryNastyCharacter() throws Exception {
        JdbcTarget t = resolve("postgresql://al%20ice%40corp:p%40ss%3Aw%2Frd%3F%26%3D%25%20x%23%2B@db/app");
        Properties p = driverView(t);
        assertEquals("al ice@corp", p.getProperty("user"));
        assertEquals("p@ss:w/rd?&=% x#+", p.getProperty("password"));
        assertFalse(t.displayUrl().contains("p@ss"));
        assertFalse(t.toString().contains("p%40ss"));
    }

    @Test
    void plusIsNotASpaceInLibpqUris() throws Exception {
        JdbcTarget t = resolve("postgresql://u:a+b@db/x+y");
        assertEquals("a+b", t.password());
        assertEquals("x+y", t.database());
        assertEquals("x+y", driverView(t).getProperty("PGDBNAME"));
    }

    @Test
    void databaseNamesWithSpacesPlusAndUnicodeSurviveTheJdbcUrl() throws Exception {
        JdbcTarget t = resolve("postgresql://u@db/my%20db%2Bx%2F%C3%BC");
        assertEquals("my db+x/ü", t.database());
        assertEquals("my db+x/ü", driverView(t).getProperty("PGDBNAME"));
    }

    @Test
    void ipv6HostsKeepTheirBrackets() throws Exception {
        JdbcTarget t = resolve("postgresql://u@[::1]:5433/db");
        assertEquals(List.of("[::1]:5433"), t.hosts());
        Properties p = driverView(t);
        assertEquals("[::1]", p.getProperty("PGHOST"));
        assertEquals("5433", p.getProperty("PGPORT"));
        JdbcTarget full = resolve("postgresql://u@[2001:db8::1234]/db");
        assertEquals(List.of("[2001:db8::1234]:5432"), full.hosts());
    }

    @Test
    void severalHostsBecomePgjdbcHostListsAndTargetSessionAttrsIsTranslated() throws Exception {
        JdbcTarget t = resolve("postgresql://u@h1:5432,h2:5433,[::1]/db?target_session_attrs=read-write");
        assertEquals(List.of("h1:5432", "h2:5433", "[::1]:5432"), t.hosts());
        Properties p = driverView(t);
        assertEquals("h1,h2,[::1]", p.getProperty("PGHOST"));
        assertEquals("5432,5433,5432", p.getProperty("PGPORT"));
        assertEquals("primary", p.getProperty("targetServerType"));
        assertEquals("secondary",
                resolve("postgresql://u@h1,h2/db?target_session_attrs=standby").properties()
                        .getProperty("targetServerType"));
    }

    @Test
    void defaultsFollowLibpq() throws Exception {
        JdbcTarget t = resolve("postgresql://carol@");
        assertEquals(List.of("localhost:5432"), t.hosts());
        assertEquals("carol", t.database(), "libpq's default database is the user name");
        JdbcTarget none = resolve("postgresql://");
        assertEquals(List.of("localhost:5432"), none.hosts());
        assertNull(none.database());
    }

    @Test
    void queryParametersOverrideTheAuthority() throws Exception {
        JdbcTarget t = resolve("postgresql://x@ignored:1/ignored?host=db.example.com&port=7000&user=bob&dbname=app"
                + "&password=pw%26x");
        assertEquals(List.of("db.example.com:7000"), t.hosts());
        assertEquals("app", t.database());
        assertEquals("bob", t.user());
        assertEquals("pw&x", t.password());
    }

    @Test
    void libpqParametersAreTranslatedToPgjdbcNames() throws Exception {
        JdbcTarget t = resolve("postgresql://u@db/app?options=-c%20search_path%3Dapp&application_name=deploy"
                + "&connect_timeout=7&sslrootcert=%2Fetc%2Fca.pem&keepalives=1&channel_binding=require"
                + "&gssencmode=disable");
        Properties p = driverView(t);
        assertEquals("-c search_path=app", p.getProperty("options"));
        assertEquals("deploy", p.getProperty("ApplicationName"));
        assertEquals("7", p.getProperty("connectTimeout"));
        assertEquals("/etc/ca.pem", p.getProperty("sslrootcert"));
        assertEquals("true", p.getProperty("tcpKeepAlive"));
        assertEquals("require", p.getProperty("channelBinding"));
        assertEquals("disable", p.getProperty("gssEncMode"));
    }

    @Test
    void pgjdbcPropertyNamesPassThroughAndForeignToolParametersAreIgnoredVisibly() throws Exception {
        JdbcTarget t = resolve("postgresql://u@db/app?socketTimeout=30&pgbouncer=true&connection_limit=1");
        assertEquals("30", t.properties().getProperty("socketTimeout"));
        assertEquals(List.of("pgbouncer", "connection_limit"), t.ignoredParameters());
        assertNull(t.properties().getProperty("pgbouncer"));
    }

    @Test
    void explicitCredentialsWin() throws Exception {
        JdbcTarget t = DatabaseUrls.resolve(new ConnectionSettings("postgresql://url-user:url-pw@db/app",
                "real-user", "real-pw", "migrationGuard.url"));
        assertEquals("real-user", t.user());
        assertEquals("real-pw", t.password());
        assertFalse(t.toString().contains("url-pw"));
        assertFalse(t.toString().contains("real-pw"));
    }

    @Test
    void keyValueConnectionStrings() throws Exception {
        JdbcTarget t = resolve("host=db.example.com port=6000 dbname='my app' user=u password='a b\\'c' "
                + "sslmode=verify-full");
        assertEquals("jdbc:postgresql://db.example.com:6000/my%20app", t.jdbcUrl());
        assertEquals("my app", driverView(t).getProperty("PGDBNAME"));
        assertEquals("a b'c", t.password());
        assertEquals("verify-full", t.sslMode());
        assertFalse(t.toString().contains("a b'c"));
    }

    @Test
    void jdbcUrlsAreUsedAsTheyAre() throws Exception {
        String url = "jdbc:postgresql://h:5433/db?user=u&password=pw%26x&sslmode=require";
        JdbcTarget t = resolve(url);
        assertEquals(url, t.jdbcUrl());
        assertEquals(List.of("h:5433"), t.hosts());
        assertEquals("db", t.database());
        assertEquals("u", t.user());
        assertEquals("require", t.sslMode());
        assertFalse(t.displayUrl().contains("pw%26x"), t.displayUrl());
        assertFalse(t.toString().contains("pw"), t.toString());
    }

    @Test
    void explicitCredentialsReplaceThoseInAJdbcUrl() throws Exception {
        JdbcTarget t = DatabaseUrls.resolve(new ConnectionSettings(
                "jdbc:postgresql://h/db?user=a&password=old-secret&ssl=false", "b", "new-secret", "pom"));
        assertEquals("jdbc:postgresql://h/db?ssl=false", t.jdbcUrl());
        Properties p = driverView(t);
        assertEquals("b", p.getProperty("user"));
        assertEquals("new-secret", p.getProperty("password"));
    }

    @Test
    void testcontainersUrlsPassThrough() throws Exception {
        JdbcTarget t = resolve("jdbc:tc:postgresql:15:///shadow");
        assertEquals("jdbc:tc:postgresql:15:///shadow", t.jdbcUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "postgresql://alice:p@ss-Secret1@db/app",        // unencoded @ in the password
        "postgresql://alice:Secret1%zz@db/app",          // bad escape
        "postgresql://alice:Secret1%00@db/app",          // NUL
        "postgresql://alice:Secret1@db:99999/app",       // port out of range
        "postgresql://alice:Secret1@db:port/app",        // port not a number
        "postgresql://alice:Secret1@db/app?sslmode=required",
        "postgresql://alice:Secret1@db/app?Secret1=x",   // unknown parameter named like the password
        "postgresql://alice:Secret1@db/app?frobnicate=1",
        "postgresql://alice:Secret1@db/app?a=b=c",
        "postgresql://alice:Secret1@[::1/app",
        "postgresql://alice:Secret1@h1,h2,h3/app?port=1,2",
        "postgresql://alice:Secret1@%2Fvar%2Frun%2Fpostgresql/app",
        "host=/tmp password=Secret1",
        "mysql://alice:Secret1@db/app",
        "jdbc:mysql://db/app?password=Secret1",
        "jdbc:postgresql:/ /?password=Secret1 x",
        "   "
    })
    void invalidUrlsFailWithAMessageNamingTheSettingAndNoPassword(String url) {
        DatabaseAccessException e = assertThrows(DatabaseAccessException.class, () -> resolve(url));
        assertEquals(DatabaseAccessException.Reason.INVALID_SETTINGS, e.reason());
        assertTrue(e.getMessage().contains("DATABASE_URL"), e.getMessage());
        assertFalse(e.getMessage().contains("Secret1"), e.getMessage());
        assertFalse(e.getMessage().contains("ss-Secret1"), e.getMessage());
    }

    @Test
    void messagesExplainCommonMistakes() {
        DatabaseAccessException at = assertThrows(DatabaseAccessException.class,
                () -> resolve("postgresql://alice:p@ss@db/app"));
        assertTrue(at.getMessage().contains("%40"), at.getMessage());
        DatabaseAccessException socket = assertThrows(DatabaseAccessException.class,
                () -> resolve("postgresql://u@%2Fvar%2Frun%2Fpostgresql/app"));
        assertTrue(socket.getMessage().contains("Unix-domain"), socket.getMessage());
        DatabaseAccessException param = assertThrows(DatabaseAccessException.class,
                () -> resolve("postgresql://u@db/app?frobnicate=1"));
        assertTrue(param.getMessage().contains("'frobnicate'"), param.getMessage());
        DatabaseAccessException empty = assertThrows(DatabaseAccessException.class,
                () -> DatabaseUrls.resolve(new ConnectionSettings(null, null, null, "migrationGuard.url")));
        assertTrue(empty.getMessage().contains("migrationGuard.url"), empty.getMessage());
    }

    @Test
    void embeddedSecretsAreFoundForMasking() {
        assertTrue(DatabaseUrls.embeddedSecrets("postgresql://u:p%40ss@db/x").contains("p@ss"));
        assertTrue(DatabaseUrls.embeddedSecrets("jdbc:postgresql://db/x?password=abc%26d").contains("abc&d"));
        assertTrue(DatabaseUrls.embeddedSecrets("host=db password='x y z'").contains("x y z"));
        // unparseable URLs still give up what a raw scan finds
        assertTrue(DatabaseUrls.embeddedSecrets("postgresql://u:p@ss@db/x").contains("p@ss"));
        assertTrue(DatabaseUrls.embeddedSecrets(null).isEmpty());
    }

    @Test
    void settingsToStringNeverShowsAPassword() {
        ConnectionSettings s = new ConnectionSettings("postgresql://u:url-secret@db/x", "u", "explicit-secret",
                "pom");
        assertFalse(s.toString().contains("url-secret"), s.toString());
        assertFalse(s.toString().contains("explicit-secret"), s.toString());
        assertTrue(s.toString().contains("db/x"), s.toString());
    }
}
