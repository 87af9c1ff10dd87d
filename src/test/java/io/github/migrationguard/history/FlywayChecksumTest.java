package io.github.migrationguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.filesystem.FileSystemResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlywayChecksumTest {

    @TempDir
    Path dir;

    private static int crcOf(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** Flyway's checksum of a file, computed by Flyway's own code (the oracle). */
    private int flyway(Path file, Charset charset) {
        FileSystemResource resource = new FileSystemResource(new Location("filesystem:" + dir), file.toString(),
                charset, false);
        return ChecksumCalculator.calculate(resource);
    }

    private Path write(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    @Test
    void isCrc32OverTheLinesWithoutTerminators() {
        assertEquals(crcOf("create table a (id int);insert into a values (1);"),
                FlywayChecksum.ofText("create table a (id int);\ninsert into a values (1);\n"));
        assertEquals(0, FlywayChecksum.ofText(""));
    }

    @Test
    void lineEndingsBlankLinesAndTheTrailingNewlineDoNotMatter() {
        int lf = FlywayChecksum.ofText("a\nb\n");
        assertEquals(lf, FlywayChecksum.ofText("a\r\nb\r\n"));
        assertEquals(lf, FlywayChecksum.ofText("a\rb"));
        assertEquals(lf, FlywayChecksum.ofText("a\n\n\nb\n\n"));
        assertNotEquals(lf, FlywayChecksum.ofText("a \nb"));
    }

    @Test
    void onlyALeadingByteOrderMarkIsRemoved() {
        int plain = FlywayChecksum.ofText("a\nb");
        assertEquals(plain, FlywayChecksum.ofText("\uFEFFa\nb"));
        assertNotEquals(plain, FlywayChecksum.ofText("a\n\uFEFFb"));
        assertNotEquals(plain, FlywayChecksum.ofText("\uFEFF\uFEFFa\nb"));
        assertEquals(0, FlywayChecksum.ofText("\uFEFF"));
    }

    @Test
    void malformedInputIsAnErrorLikeInFlyway() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(CharacterCodingException.class, () -> FlywayChecksum.of(latin1));
        assertEquals(FlywayChecksum.ofText("caf\u00e9"), assertDoesNotThrow(latin1));
    }

    private static int assertDoesNotThrow(byte[] latin1) {
        try {
            return FlywayChecksum.of(latin1, StandardCharsets.ISO_8859_1);
        } catch (CharacterCodingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void agreesWithFlywaysOwnCalculationOnTrickyFiles() throws Exception {
        List<String> contents = List.of(
                "", "\n", "\r\n", "\uFEFF", "\uFEFFselect 1;", "select 1;", "select 1;\n", "select 1;\r\n\r\n",
                "-- ünïcødé €\r\ncreate table \"Grüße\" (id int);\r\n",
                "line1\rline2\rline3", "a\n\uFEFFb", "\uFEFF\uFEFFx", "tab\there\n  indented\n\n\n",
                "emoji 🐘 ok;\nsurrogates 𝄞\n", "\u2028not a line break for BufferedReader\u2029\n",
                "x".repeat(10000) + "\n" + "y".repeat(5000));
        int i = 0;
        for (String content : contents) {
            Path file = write("f" + i++ + ".sql", content.getBytes(StandardCharsets.UTF_8));
            assertEquals(flyway(file, StandardCharsets.UTF_8), FlywayChecksum.of(file), () -> "content " + content);
        }
        Path latin = write("latin.sql", "select 'caf\u00e9';\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(flyway(latin, StandardCharsets.ISO_8859_1), FlywayChecksum.of(latin, StandardCharsets.ISO_8859_1));
    }

    @Test
    void agreesWithFlywayOnRandomContent() throws Exception {
        Random random = new Random(42);
        String pieces = "ab \t;'\"$\\\n\r\u00e9\u20ac\uFEFF";
        for (int n = 0; n < 300; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(200);
            for (int k = 0; k < len; k++) {
                sb.append(pieces.charAt(random.nextInt(pieces.length())));
            }
            if (random.nextInt(4) == 0) {
                sb.append("🐘");
            }
            Path file = write("r" + n + ".sql", sb.toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(flyway(file, StandardCharsets.UTF_8), FlywayChecksum.of(file), "random file " + n);
        }
    }
}
