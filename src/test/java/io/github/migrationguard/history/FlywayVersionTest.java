package io.github.migrationguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlywayVersionTest {

    private static FlywayVersion v(String s) {
        return FlywayVersion.parse(s);
    }

    @Test
    void numericPartsCompareNumerically() {
        assertTrue(v("1.10").compareTo(v("1.9")) > 0);
        assertTrue(v("2").compareTo(v("1.999")) > 0);
        assertTrue(v("1.2").compareTo(v("1.1.9")) > 0);
        assertTrue(v("20240101120000").compareTo(v("9")) > 0);
        assertTrue(v("99999999999999999999999.1").compareTo(v("99999999999999999999999")) > 0);
    }

    @Test
    void leadingZerosTrailingZerosAndUnderscoresDoNotMatter() {
        assertEquals(v("1.1"), v("1.01"));
        assertEquals(v("1"), v("001"));
        assertEquals(v("1"), v("1.0"));
        assertEquals(v("1"), v("1.0.0"));
        assertEquals(v("1.1"), v("1_1"));
        assertEquals(v("1.1").hashCode(), v("1_01").hashCode());
        assertNotEquals(v("1.1"), v("1.10"));
        assertNotEquals(v("1.0.1"), v("1.1"));
    }

    @Test
    void textIsKeptWithUnderscoresAsDots() {
        assertEquals("1.1", v("1_1").toString());
        assertEquals("1.01", v("1.01").toString());
        assertEquals("2024.01.05", v("2024_01_05").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.", ".1", "1..2", "1__2", "1_", "1a", "a", " 1", "1 ", "1.-1", "1,2", "v1"})
    void invalidVersionsAreRejected(String text) {
        assertFalse(FlywayVersion.isValid(text));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlywayVersion.parse(text));
        assertTrue(e.getMessage().contains("Invalid version"), e.getMessage());
    }

    /** Flyway itself is the oracle: same validity, same display text, same order, same equality. */
    @Test
    void agreesWithFlywayOnAFixedCorpusAndOnRandomStrings() {
        List<String> corpus = new ArrayList<>(List.of("1", "1.0", "1.01", "1_1", "1.1", "1.10", "1.9", "01", "0",
                "0.0", "0.0.1", "2.0.0.0", "1.2.3", "20240101120000", "20240101120000.1", "-1", "+1", "1.-1", "1.+2",
                "١", "1.١", "1.", "..", "1..2", "1_", "_1", "1a", "", "3.141592653589793238462643383279"));
        Random random = new Random(20240521L);
        String alphabet = "0123456789000111._._-+ a";
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + random.nextInt(9);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            corpus.add(sb.toString());
        }
        List<String> valid = new ArrayList<>();
        for (String s : corpus) {
            boolean flywayValid;
            MigrationVersion fw = null;
            try {
                fw = MigrationVersion.fromVersion(s);
                flywayValid = true;
            } catch (RuntimeException e) {
                flywayValid = false;
            }
            assertEquals(flywayValid, FlywayVersion.isValid(s), () -> "validity of '" + s + "'");
            if (flywayValid) {
                assertEquals(fw.toString(), v(s).toString(), () -> "text of '" + s + "'");
                valid.add(s);
            }
        }
        assertTrue(valid.size() > 1000, "the random corpus must exercise many valid versions: " + valid.size());
        for (int i = 0; i < 20000; i++) {
            String a = valid.get(random.nextInt(valid.size()));
            String b = valid.get(random.nextInt(valid.size()));
            int expected = Integer.signum(MigrationVersion.fromVersion(a).compareTo(MigrationVersion.fromVersion(b)));
            assertEquals(expected, Integer.signum(v(a).compareTo(v(b))), () -> a + " vs " + b);
            assertEquals(MigrationVersion.fromVersion(a).equals(MigrationVersion.fromVersion(b)), v(a).equals(v(b)));
        }
        List<String> byFlyway = new ArrayList<>(valid);
        byFlyway.sort(Comparator.comparing(MigrationVersion::fromVersion));
        List<String> byUs = new ArrayList<>(valid);
        byUs.sort(Comparator.comparing(FlywayVersion::parse));
        for (int i = 0; i < byFlyway.size(); i++) {
            assertEquals(0, v(byFlyway.get(i)).compareTo(v(byUs.get(i))), "sorted position " + i);
        }
    }
}
