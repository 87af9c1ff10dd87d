package io.github.migrationguard.report;

import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.Severity;
import java.util.Locale;

/**
 * Text clean-up shared by the renderers. Finding texts come from migration files, so they may hold anything:
 * line breaks, control characters (a terminal escape sequence), bidirectional overrides, unpaired surrogates.
 */
public final class Text {

    static final char REPLACEMENT = '\uFFFD';

    private Text() {
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Severity of a finding, ERROR when it has none (something we cannot classify is never harmless). */
    static Severity severity(Finding f) {
        return f.severity() == null ? Severity.ERROR : f.severity();
    }

    /** Lower-case severity name: {@code error}, {@code warning}, {@code note}. */
    static String severityName(Finding f) {
        return severity(f).name().toLowerCase(Locale.ROOT);
    }

    /** Replaces unpaired surrogates with U+FFFD so that the text can be encoded as UTF-8. */
    public static String wellFormed(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                if (!bad) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(bad ? REPLACEMENT : c);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * Removes every character XML 1.0 does not allow ({@code #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
     * [#x10000-#x10FFFF]}), unpaired surrogates included.
     */
    static String xml10(String s) {
        String in = nullToEmpty(s);
        StringBuilder out = new StringBuilder(in.length());
        int i = 0;
        while (i < in.length()) {
            int cp = in.codePointAt(i);
            i += Character.charCount(cp);
            if (isXmlChar(cp)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /**
     * Text that is safe to show in a terminal or a log: control characters and bidirectional-override characters
     * become visible {@code \}{@code uXXXX} escapes, unpaired surrogates become U+FFFD, tabs become a space. Line
     * breaks ({@code \r\n}, {@code \r}, {@code \n}, U+0085, U+2028, U+2029) become {@code \n} when
     * {@code keepLineBreaks}, otherwise one space.
     */
    static String visible(String s, boolean keepLineBreaks) {
        String in = wellFormed(nullToEmpty(s));
        StringBuilder out = new StringBuilder(in.length());
        int i = 0;
        while (i < in.length()) {
            int cp = in.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r' || cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
                if (cp == '\r' && i < in.length() && in.charAt(i) == '\n') {
                    i++;
                }
                out.append(keepLineBreaks ? '\n' : ' ');
            } else if (cp == '\t') {
                out.append(' ');
            } else if (Character.getType(cp) == Character.CONTROL || isBidiControl(cp)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** {@link #visible(String, boolean)} on one line. */
    static String oneLine(String s) {
        return visible(s, false);
    }

    /** Characters that reorder how text is displayed (they can make a line read differently from what it is). */
    static boolean isBidiControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** At most {@code max} code points; a cut text ends with an ellipsis. */
    static String truncate(String s, int max) {
        String in = nullToEmpty(s);
        if (in.codePointCount(0, in.length()) <= max) {
            return in;
        }
        int end = in.offsetByCodePoints(0, Math.max(0, max - 1));
        return in.substring(0, end) + '\u2026';
    }

    /** {@code 410} → {@code 0.41 s}. */
    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    /** {@code 1 file}, {@code 2 files}. */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** File name part of a {@code /}-separated path (a {@code \} counts as a separator too). */
    static String fileName(String path) {
        String p = nullToEmpty(path);
        int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        return p.substring(slash + 1);
    }
}
