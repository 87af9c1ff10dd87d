package io.github.migrationguard.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MaskingTest {

    /** Passwords with every character that is special somewhere: URL, query, conninfo, JSON, regex. */
    private static final List<String> NASTY = List.of(
            "p@ss:w/rd?&=%x y",
            "a b c d",
            "100%real",
            "::@@//??",
            "pa&ss=word;x",
            "quote'n\"back\\slash",
            "ünïcødé-€-密码",
            "$1\\0.*+[regex]");

    @Test
    void userInfoPasswordIsMaskedAndTheRestKept() {
        assertEquals("postgresql://alice:***@db.example.com:5432/app?sslmode=require",
                Masking.mask("postgresql://alice:s3cr3t@db.example.com:5432/app?sslmode=require"));
        assertEquals("jdbc:postgresql://alice:***@db/app", Masking.mask("jdbc:postgresql://alice:hunter2@db/app"));
    }

    @Test
    void unencodedSpecialCharactersInUserInfoAreMaskedUpToTheLastAt() {
        assertEquals("postgresql://alice:***@db/app", Masking.mask("postgresql://alice:p@ss@db/app"));
        assertEquals("postgresql://alice:***@db/app", Masking.mask("postgresql://alice:pa:ss@db/app"));
        assertEquals("postgresql://alice:***@db/app", Masking.mask("postgresql://alice:pa/ss@db/app"));
        assertEquals("postgresql://alice:***@db/app", Masking.mask("postgresql://alice:pa?s&s=x@db/app"));
        assertEquals("postgresql://alice:***@db/app", Masking.mask("postgresql://alice:100%real@db/app"));
        assertEquals("postgresql://alice:***@db/app", Masking.mask("postgresql://alice:p%40ss%3Aw%2Frd@db/app"));
    }

    @Test
    void aPasswordWithASpaceInUserInfoIsMaskedToItsAt() {
        assertEquals("connecting to postgresql://alice:***@db/app failed",
                Masking.mask("connecting to postgresql://alice:pa ss word@db/app failed"));
    }

    @Test
    void twoUrlsOnOneLineAreMaskedIndependently() {
        assertEquals("postgresql://a:***@h1/x and postgresql://b:***@h2/y",
                Masking.mask("postgresql://a:pw1@h1/x and postgresql://b:pw2@h2/y"));
    }

    @Test
    void queryParameterPasswordsAreMasked() {
        assertEquals("jdbc:postgresql://db/app?user=alice&password=***&sslmode=require",
                Masking.mask("jdbc:postgresql://db/app?user=alice&password=s3cr3t&sslmode=require"));
        assertEquals("postgresql://db/app?password=***",
                Masking.mask("postgresql://db/app?password=p%40ss%26w"));
        // an unencoded '&' inside the value: masked up to the next real key=value
        assertEquals("jdbc:postgresql://db/app?password=***&sslmode=require",
                Masking.mask("jdbc:postgresql://db/app?password=a&b&sslmode=require"));
        assertEquals("jdbc:postgresql://db/app?sslpassword=***",
                Masking.mask("jdbc:postgresql://db/app?sslpassword=keyfile-secret"));
        assertEquals("jdbc:postgresql://db/app;password=***;user=x",
                Masking.mask("jdbc:postgresql://db/app;password=abc;user=x"));
    }

    @Test
    void keyValueAndEnvironmentStylePasswordsAreMasked() {
        assertEquals("host=db password=*** user=alice", Masking.mask("host=db password=hunter22 user=alice"));
        assertEquals("host=db password='***' user=alice",
                Masking.mask("host=db password='s3 cr\\'et' user=alice"));
        assertEquals("PGPASSWORD=*** psql", Masking.mask("PGPASSWORD=hunter22 psql"));
        assertEquals("export DB_PASSWORD=***", Masking.mask("export DB_PASSWORD=x"));
        assertEquals("{\"user\": \"a\", \"password\": \"***\"}",
                Masking.mask("{\"user\": \"a\", \"password\": \"x \\\" y\"}"));
        assertEquals("password: ***", Masking.mask("password: hunter22"));
        assertEquals("Password = ***", Masking.mask("Password = hunter22"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "FATAL: password authentication failed for user \"alice\"",
        "jdbc:postgresql://localhost:5432/app?user=alice&sslmode=require",
        "postgresql://db.example.com:5432/app",
        "postgresql://alice@db.example.com/app",
        "Connection to localhost:5432 refused. Check that the hostname and port are correct",
        "mail admin@example.com about host:5432/db",
        "the password is required",
        ""
    })
    void textWithoutSecretsIsUnchanged(String text) {
        assertEquals(text, Masking.mask(text));
    }

    @Test
    void nullStaysNull() {
        assertNull(Masking.mask(null));
        assertNull(Masking.of(List.of("secret")).apply(null));
    }

    @Test
    void knownSecretsAreMaskedInEverySpelling() {
        for (String secret : NASTY) {
            Masking m = Masking.of(List.of(secret));
            String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            String text = "raw[" + secret + "] pct[" + percentEncodeAll(secret) + "] form[" + form + "] esc["
                    + secret.replace("\\", "\\\\").replace("'", "\\'") + "] end";
            String masked = m.apply(text);
            assertFalse(masked.contains(secret), () -> secret + " leaked: " + masked);
            assertFalse(masked.contains(percentEncodeAll(secret)), () -> secret + " leaked: " + masked);
            assertFalse(masked.contains(form), () -> secret + " leaked: " + masked);
            assertTrue(masked.startsWith("raw[***] pct[***] form[***] esc[***]"), masked);
            assertTrue(masked.endsWith(" end"), masked);
        }
    }

    @Test
    void knownSecretsAreMaskedWhereNoPatternWouldFindThem() {
        for (String secret : NASTY) {
            String text = "postgresql://alice:" + secret + "@db/app said: " + secret;
            String masked = Masking.of(List.of(secret)).apply(text);
            assertFalse(masked.contains(secret), () -> secret + " leaked: " + masked);
            assertTrue(masked.contains("alice") && masked.contains("db/app"), masked);
        }
    }

    @Test
    void patternsAloneHideNastyPasswordsInTypicalPlaces() {
        for (String secret : NASTY) {
            String encoded = percentEncodeAll(secret);
            for (String text : List.of(
                    "postgresql://alice:" + encoded + "@db/app",
                    "jdbc:postgresql://db/app?user=alice&password=" + encoded + "&sslmode=require",
                    "host=db password='" + secret.replace("\\", "\\\\").replace("'", "\\'") + "' user=alice")) {
                String masked = Masking.mask(text);
                assertFalse(masked.contains(encoded), () -> "leaked: " + masked);
                assertFalse(masked.contains(secret), () -> "leaked: " + masked);
                assertTrue(masked.contains("alice"), masked);
            }
        }
    }

    @Test
    void shortSecretsAreLeftToThePatterns() {
        Masking m = Masking.of(List.of("ab"));
        assertEquals("about tab", m.apply("about tab"));
        assertEquals("postgresql://u:***@h/d", m.apply("postgresql://u:ab@h/d"));
    }

    @Test
    void exceptionMessagesAndTheWholeCauseChainAreMasked() {
        String secret = "Tr0ub4dor&3 x";
        SQLException root = new SQLException("driver says password=" + secret + " for postgresql://u:" + secret
                + "@h/d", "08001");
        RuntimeException wrapper = new RuntimeException("wrapped " + secret, root);
        DatabaseAccessException e = new DatabaseAccessException(DatabaseAccessException.Reason.OTHER,
                "failed with " + secret, "08001", wrapper, Masking.of(List.of(secret)));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(secret), trace::toString);
        assertFalse(trace.toString().contains("Tr0ub4dor"), trace::toString);
        assertTrue(trace.toString().contains("java.sql.SQLException"), "original class names are kept");
        assertTrue(trace.toString().contains("08001"), "SQLState is kept");
        DatabaseAccessException.MaskedCause cause = (DatabaseAccessException.MaskedCause) e.getCause();
        assertEquals(RuntimeException.class.getName(), cause.originalClass());
        assertEquals("08001", ((DatabaseAccessException.MaskedCause) cause.getCause()).sqlState());
    }

    private static String percentEncodeAll(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            sb.append('%').append(String.format("%02X", b & 0xFF));
        }
        return sb.toString();
    }
}
