package io.github.migrationguard.db;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes passwords from text before it reaches a log line, an exception message or a report.
 *
 * <p>Two layers:
 * <ol>
 *   <li><b>Known secrets</b> (the configured password, a password found in the URL): every literal occurrence is
 *       replaced, also in percent-encoded, form-encoded and backslash-escaped spelling. Secrets shorter than
 *       {@value #MIN_LITERAL_LENGTH} characters are only masked by the patterns below, because replacing every
 *       occurrence of one or two characters would destroy the text without protecting anything.</li>
 *   <li><b>Patterns</b>, for secrets we were never told about: the password in URL user-info
 *       ({@code scheme://user:password@host}) and the value of any {@code ...password=}, {@code ...pwd=},
 *       {@code ...passwd=} key (also with {@code :} and quoted values, e.g. {@code PGPASSWORD=...},
 *       {@code password='a b'}, {@code "password": "x"}).</li>
 * </ol>
 * Masking errs on the side of hiding a little too much: it may swallow text next to a password, never the other way
 * round.
 */
public final class Masking {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /** Shorter secrets are masked by pattern only. */
    public static final int MIN_LITERAL_LENGTH = 4;

    private static final Masking NONE = new Masking(List.of(), List.of());

    /** {@code scheme://} as in RFC 3986. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*://");

    /** A key whose value is a secret, followed by {@code =} or {@code :} (optionally after a closing quote). */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_.\\-])[A-Za-z0-9_.\\-]*(?:password|passwd|pwd)[\"']?\\s*[=:]\\s*");

    /** Start of the next {@code key=} parameter after an {@code &} or {@code ;}. */
    private static final Pattern NEXT_PARAM = Pattern.compile("[&;][A-Za-z_][A-Za-z0-9_.\\-]*=");

    private final List<String> secrets;
    private final List<String> literals;

    private Masking(List<String> secrets, List<String> literals) {
        this.secrets = secrets;
        this.literals = literals;
    }

    /** Pattern masking only. */
    public static Masking none() {
        return NONE;
    }

    /** Pattern masking plus literal masking of the given secrets (nulls and blanks are ignored). */
    public static Masking of(Collection<String> secrets) {
        Set<String> variants = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        if (secrets != null) {
            for (String secret : secrets) {
                if (secret == null || secret.length() < MIN_LITERAL_LENGTH || secret.isBlank()) {
                    continue;
                }
                kept.add(secret);
                variants.add(secret);
                variants.add(secret.replace("\\", "\\\\").replace("'", "\\'"));
                variants.add(secret.replace("\\", "\\\\").replace("\"", "\\\""));
            }
        }
        List<String> sorted = new ArrayList<>(variants);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Masking(List.copyOf(kept), List.copyOf(sorted));
    }

    /** A masking that also hides {@code secret}. */
    public Masking with(String secret) {
        List<String> all = new ArrayList<>(secrets);
        all.add(secret);
        return of(all);
    }

    /** Pattern masking of {@code text}; null stays null. */
    public static String mask(String text) {
        return NONE.apply(text);
    }

    /** Masks {@code text}, hiding also the given known secrets. */
    public static String mask(String text, String... secrets) {
        return of(List.of(secrets.clone()).stream().filter(s -> s != null).toList()).apply(text);
    }

    /** Masks {@code text}; null stays null. */
    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = literals.isEmpty() ? text : maskLiterals(text);
        out = maskUserInfo(out);
        out = maskKeyValues(out);
        return out;
    }

    /**
     * Replaces every occurrence of a known secret, whatever mix of raw characters, {@code %HH} escapes (either case)
     * and {@code +} for space spells it.
     */
    private String maskLiterals(String text) {
        List<byte[]> targets = new ArrayList<>(literals.size());
        for (String literal : literals) {
            targets.add(literal.getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < text.length()) {
            int end = -1;
            for (byte[] target : targets) {
                end = Math.max(end, matchEncoded(text, i, target, 0));
            }
            if (end > i) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, i).append(MASK);
                copied = end;
                i = end;
            } else {
                i++;
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** End of a spelling of {@code target[k..]} starting at {@code i}, or -1. */
    private static int matchEncoded(String text, int i, byte[] target, int k) {
        if (k == target.length) {
            return i;
        }
        if (i >= text.length()) {
            return -1;
        }
        char c = text.charAt(i);
        int want = target[k] & 0xFF;
        if (c == '%' && i + 2 < text.length()) {
            int hi = Character.digit(text.charAt(i + 1), 16);
            int lo = Character.digit(text.charAt(i + 2), 16);
            if (hi >= 0 && lo >= 0 && hi * 16 + lo == want) {
                int r = matchEncoded(text, i + 3, target, k + 1);
                if (r >= 0) {
                    return r;
                }
            }
        }
        if (c == '+' && want == ' ') {
            int r = matchEncoded(text, i + 1, target, k + 1);
            if (r >= 0) {
                return r;
            }
        }
        int cp = text.codePointAt(i);
        byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        if (k + enc.length > target.length) {
            return -1;
        }
        for (int j = 0; j < enc.length; j++) {
            if (enc[j] != target[k + j]) {
                return -1;
            }
        }
        return matchEncoded(text, i + Character.charCount(cp), target, k + enc.length);
    }

    private static String maskUserInfo(String text) {
        Matcher m = SCHEME.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int from = 0;
        while (m.find(from)) {
            int start = m.end();
            int tokenEnd = start;
            while (tokenEnd < text.length() && !isTokenBoundary(text.charAt(tokenEnd))) {
                tokenEnd++;
            }
            int at = text.lastIndexOf('@', tokenEnd - 1);
            if (at < start) {
                at = -1;
            }
            int colon = text.indexOf(':', start);
            int maskFrom = -1;
            int maskTo = -1;
            if (at >= 0 && colon >= 0 && colon < at) {
                maskFrom = colon + 1;
                maskTo = at;
            } else if (at < 0 && colon >= 0 && colon < tokenEnd
                    && text.substring(colon, tokenEnd).indexOf('/') < 0) {
                // "user:pass word@host": the password ran into a space; look for its '@' further on the line
                int lineEnd = lineEnd(text, tokenEnd);
                int later = text.indexOf('@', tokenEnd);
                int nextScheme = nextSchemeStart(text, tokenEnd);
                if (later >= 0 && later < lineEnd && (nextScheme < 0 || later < nextScheme)) {
                    maskFrom = colon + 1;
                    maskTo = later;
                }
            }
            if (maskFrom >= 0 && maskTo > maskFrom) {
                out.append(text, copied, maskFrom).append(MASK);
                copied = maskTo;
                from = maskTo;
            } else {
                from = Math.max(start, tokenEnd);
            }
            if (from >= text.length()) {
                break;
            }
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    private static int nextSchemeStart(String text, int from) {
        Matcher m = SCHEME.matcher(text);
        return m.find(from) ? m.start() : -1;
    }

    private static int lineEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return text.length();
    }

    private static boolean isTokenBoundary(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`';
    }

    private static String maskKeyValues(String text) {
        Matcher m = SECRET_KEY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int valueStart = m.end();
            if (valueStart >= text.length()) {
                break;
            }
            char first = text.charAt(valueStart);
            int valueEnd;
            int maskStart;
            if (first == '\'' || first == '"') {
                maskStart = valueStart + 1;
                valueEnd = closingQuote(text, maskStart, first);
            } else {
                maskStart = valueStart;
                valueEnd = unquotedEnd(text, valueStart);
            }
            if (valueEnd > maskStart) {
                out.append(text, copied, maskStart).append(MASK);
                copied = valueEnd;
            }
            from = Math.max(valueEnd, m.end());
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    private static int closingQuote(String text, int from, char quote) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return text.length();
    }

    private static int unquotedEnd(String text, int from) {
        Matcher next = NEXT_PARAM.matcher(text);
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                return i;
            }
            if ((c == '&' || c == ';') && next.find(i) && next.start() == i) {
                return i;
            }
        }
        return text.length();
    }

    /** Percent-encodes everything except RFC 3986 unreserved characters. */
    static String percentEncode(String s, boolean upperCase) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(upperCase ? "%02X" : "%02x", c));
            }
        }
        return sb.toString();
    }
}
