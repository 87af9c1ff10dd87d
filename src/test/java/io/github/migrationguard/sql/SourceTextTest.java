package io.github.migrationguard.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceTextTest {

    @Test
    void linesAndColumnsForEveryKindOfLineBreak() {
        SourceText s = SourceText.of("ab\ncd\r\nef\rgh");
        assertEquals(4, s.lineCount());
        assertEquals(1, s.line(0));
        assertEquals(1, s.column(0));
        assertEquals(1, s.line(2));
        assertEquals(3, s.column(2)); // the \n itself belongs to line 1
        assertEquals(2, s.line(3));
        assertEquals(1, s.column(3));
        assertEquals(2, s.line(6)); // the \n of \r\n
        assertEquals(3, s.line(7));
        assertEquals(1, s.column(7));
        assertEquals(4, s.line(10));
        assertEquals(1, s.column(10));
        assertEquals(2, s.column(11));
        assertEquals("cd", s.lineText(2));
        assertEquals("ef", s.lineText(3));
        assertEquals("gh", s.lineText(4));
    }

    @Test
    void offsetsOutsideTheTextAreClamped() {
        SourceText s = SourceText.of("a\nb");
        assertEquals(1, s.line(-5));
        assertEquals(2, s.line(99));
        assertEquals(2, s.column(99));
    }

    @Test
    void byteOrderMarkIsRemovedSoLineOneStartsAtColumnOne() throws Exception {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 's', 'e', 'l', '\n', 'x'};
        SourceText s = SourceText.decode(bytes);
        assertEquals("sel\nx", s.text());
        assertEquals(1, s.column(0));
        assertEquals(2, s.line(4));
    }

    @Test
    void decodesValidMultiByteText() throws Exception {
        String text = "é \uD83D\uDE00 ok";
        SourceText s = SourceText.decode(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(text, s.text());
        assertEquals(6, s.column(5)); // the emoji counts as two UTF-16 chars
    }

    private static byte[] bytes(String prefix, int... tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        for (int b : tail) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private static SourceText.MalformedUtf8Exception rejects(byte[] b) {
        return assertThrows(SourceText.MalformedUtf8Exception.class, () -> SourceText.decode(b));
    }

    @Test
    void rejectsAnOverlongEncoding() {
        SourceText.MalformedUtf8Exception e = rejects(bytes("select 1;\nab", 0xC0, 0xAF));
        assertEquals(12, e.byteOffset());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        SourceText.MalformedUtf8Exception three = rejects(bytes("x", 0xE0, 0x80, 0xAF));
        assertEquals(1, three.byteOffset());
        assertEquals(2, three.column());
    }

    @Test
    void rejectsALoneContinuationByte() {
        SourceText.MalformedUtf8Exception e = rejects(bytes("a\r\nb\rcd", 0x80, 'x'));
        assertEquals(7, e.byteOffset());
        assertEquals(3, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void rejectsATruncatedSequence() {
        SourceText.MalformedUtf8Exception atEnd = rejects(bytes("é\n\uD83D\uDE00", 0xE2, 0x82));
        assertEquals(7, atEnd.byteOffset());
        assertEquals(2, atEnd.line());
        assertEquals(3, atEnd.column()); // after a 4-byte emoji, which is two UTF-16 chars
        SourceText.MalformedUtf8Exception cut = rejects(bytes("ab", 0xF0, 0x9F, 0x98, 'z'));
        assertEquals(2, cut.byteOffset());
        assertEquals(1, cut.line());
        assertEquals(3, cut.column());
    }

    @Test
    void rejectsEncodedSurrogates() {
        SourceText.MalformedUtf8Exception e = rejects(bytes("\n\n--", 0xED, 0xA0, 0x80));
        assertEquals(4, e.byteOffset());
        assertEquals(3, e.line());
        assertEquals(3, e.column());
        assertEquals("not valid UTF-8 at byte 4 (line 3, column 3)", e.getMessage());
    }

    @Test
    void rejectsCodePointsAboveTheUnicodeRange() {
        SourceText.MalformedUtf8Exception e = rejects(bytes("", 0xF4, 0x90, 0x80, 0x80));
        assertEquals(0, e.byteOffset());
        assertEquals(1, e.line());
        assertEquals(1, e.column());
    }
}
