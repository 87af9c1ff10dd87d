package io.github.migrationguard.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of an SQL migration, so that our verdict on an edited file agrees with {@code flyway validate}.
 *
 * <p>Flyway decodes the file with its configured encoding (UTF-8 by default, malformed input is an error), reads it
 * line by line, removes one leading byte-order mark (U+FEFF) from the first line, and feeds the UTF-8 bytes of each
 * line, without its terminator, into one CRC32; the checksum is the CRC's low 32 bits as a signed int. Line
 * terminators are {@code \n}, {@code \r} and {@code \r\n}, so the result does not depend on line endings, and since
 * the lines are concatenated, empty lines (including a trailing newline) change nothing.
 *
 * <p>For versioned migrations the checksum covers the file as written. For repeatable migrations with placeholder
 * replacement on (the default), Flyway checksums the text after replacing placeholders; callers must replace them
 * first and pass the resulting text to {@link #ofText}.
 */
public final class FlywayChecksum {

    private static final char BOM = '\uFEFF';

    private FlywayChecksum() {
    }

    /** Checksum of a UTF-8 file. */
    public static int of(Path file) throws IOException {
        return of(file, StandardCharsets.UTF_8);
    }

    /**
     * Checksum of a file in the given encoding.
     *
     * @throws CharacterCodingException when the file is not valid in that encoding (Flyway fails too)
     */
    public static int of(Path file, Charset charset) throws IOException {
        return of(Files.readAllBytes(file), charset);
    }

    /** Checksum of UTF-8 content. */
    public static int of(byte[] content) throws CharacterCodingException {
        return of(content, StandardCharsets.UTF_8);
    }

    /** Checksum of content in the given encoding; malformed or unmappable input is an error, as in Flyway. */
    public static int of(byte[] content, Charset charset) throws CharacterCodingException {
        String text = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(content))
                .toString();
        return ofText(text);
    }

    /** Checksum of already decoded text. */
    public static int ofText(String text) {
        CRC32 crc = new CRC32();
        int lineStart = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
        int i = lineStart;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                crc.update(text.substring(lineStart, i).getBytes(StandardCharsets.UTF_8));
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                lineStart = i;
            } else {
                i++;
            }
        }
        crc.update(text.substring(lineStart).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
