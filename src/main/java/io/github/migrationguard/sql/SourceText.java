package io.github.migrationguard.sql;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The decoded text of one migration file and the mapping from offsets to 1-based line and column.
 *
 * <p>A leading UTF-8 byte order mark is removed from {@link #text()} (it is not part of the SQL and editors do not
 * count it as a column). Line breaks are {@code \n}, {@code \r\n} and a lone {@code \r}; columns count UTF-16
 * chars, as SARIF's default {@code columnKind} does.
 */
public final class SourceText {

    private final String text;
    private final int[] lineStarts;

    private SourceText(String text) {
        this.text = text;
        this.lineStarts = computeLineStarts(text);
    }

    public static SourceText of(String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return new SourceText(text);
    }

    /**
     * Decodes strict UTF-8.
     *
     * @throws MalformedUtf8Exception with the 1-based line/column of the first byte that is not valid UTF-8
     */
    public static SourceText decode(byte[] bytes) throws MalformedUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return of(decoder.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            int bad = firstInvalidByte(bytes);
            // decode the valid prefix to locate the bad byte in lines/columns
            String prefix = new String(bytes, 0, bad, StandardCharsets.UTF_8);
            SourceText partial = of(prefix);
            int line = partial.lineStarts.length;
            int column = partial.text.length() - partial.lineStarts[line - 1] + 1;
            throw new MalformedUtf8Exception(bad, line, column);
        }
    }

    private static int firstInvalidByte(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int n;
            if (c < 0x80) {
                n = 1;
            } else if (c >= 0xC2 && c <= 0xDF) {
                n = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 4;
            } else {
                return i;
            }
            if (i + n > b.length) {
                return i;
            }
            for (int k = 1; k < n; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            if (n == 3) {
                int c1 = b[i + 1] & 0xFF;
                if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) {
                    return i; // overlong or surrogate
                }
            } else if (n == 4) {
                int c1 = b[i + 1] & 0xFF;
                if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
                    return i;
                }
            }
            i += n;
        }
        return b.length;
    }

    private static int[] computeLineStarts(String text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** 1-based line of {@code offset}. */
    public int line(int offset) {
        int idx = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
        return idx >= 0 ? idx + 1 : -idx - 1;
    }

    /** 1-based column of {@code offset}. */
    public int column(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        return clamped - lineStarts[line(clamped) - 1] + 1;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** The text of 1-based {@code line} without its line break. */
    public String lineText(int line) {
        int s = lineStarts[line - 1];
        int e = line < lineStarts.length ? lineStarts[line] : text.length();
        while (e > s && (text.charAt(e - 1) == '\n' || text.charAt(e - 1) == '\r')) {
            e--;
        }
        return text.substring(s, e);
    }

    /** Thrown when a file is not valid UTF-8. */
    public static final class MalformedUtf8Exception extends Exception {
        private final int byteOffset;
        private final int line;
        private final int column;

        public MalformedUtf8Exception(int byteOffset, int line, int column) {
            super("not valid UTF-8 at byte " + byteOffset + " (line " + line + ", column " + column + ")");
            this.byteOffset = byteOffset;
            this.line = line;
            this.column = column;
        }

        public int byteOffset() {
            return byteOffset;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }
}
