package io.github.migrationguard.schema.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints JSON text the way {@code jsonb} outputs it: keys of an object sorted by length and then by bytes, the last
 * of duplicate keys kept, {@code ": "} and {@code ", "} as separators, numbers as {@code numeric} prints them.
 */
final class Json {

    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    /** The jsonb output of {@code text}; throws IllegalArgumentException when it is not JSON. */
    static String normalize(String text) {
        Json p = new Json(text);
        p.space();
        StringBuilder out = new StringBuilder();
        p.value(out);
        p.space();
        if (p.i != text.length()) {
            throw new IllegalArgumentException("trailing characters");
        }
        return out.toString();
    }

    private void space() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n'
                || s.charAt(i) == '\r')) {
            i++;
        }
    }

    private void value(StringBuilder out) {
        if (i >= s.length()) {
            throw new IllegalArgumentException("end of input");
        }
        char ch = s.charAt(i);
        if (ch == '{') {
            object(out);
        } else if (ch == '[') {
            array(out);
        } else if (ch == '"') {
            quote(out, string());
        } else if (s.startsWith("true", i)) {
            i += 4;
            out.append("true");
        } else if (s.startsWith("false", i)) {
            i += 5;
            out.append("false");
        } else if (s.startsWith("null", i)) {
            i += 4;
            out.append("null");
        } else {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("unexpected " + ch);
            }
            out.append(Literals.numeric(s.substring(start, i)));
        }
    }

    private void object(StringBuilder out) {
        i++;
        Map<String, String> members = new LinkedHashMap<>();
        space();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            out.append("{}");
            return;
        }
        while (true) {
            space();
            String key = string();
            space();
            expect(':');
            space();
            StringBuilder v = new StringBuilder();
            value(v);
            members.remove(key);
            members.put(key, v.toString());
            space();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            expect('}');
            break;
        }
        List<String> keys = new ArrayList<>(members.keySet());
        keys.sort((a, b) -> {
            byte[] x = a.getBytes(StandardCharsets.UTF_8);
            byte[] y = b.getBytes(StandardCharsets.UTF_8);
            if (x.length != y.length) {
                return Integer.compare(x.length, y.length);
            }
            return Arrays.compareUnsigned(x, y);
        });
        out.append('{');
        for (int k = 0; k < keys.size(); k++) {
            if (k > 0) {
                out.append(", ");
            }
            quote(out, keys.get(k));
            out.append(": ").append(members.get(keys.get(k)));
        }
        out.append('}');
    }

    private void array(StringBuilder out) {
        i++;
        out.append('[');
        space();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            out.append(']');
            return;
        }
        boolean first = true;
        while (true) {
            space();
            if (!first) {
                out.append(", ");
            }
            first = false;
            value(out);
            space();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            expect(']');
            break;
        }
        out.append(']');
    }

    private void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw new IllegalArgumentException("expected " + c);
        }
        i++;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unterminated string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
    }

    private static void quote(StringBuilder out, String v) {
        out.append('"');
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
