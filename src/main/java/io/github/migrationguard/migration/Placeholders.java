package io.github.migrationguard.migration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Flyway-style {@code ${name}} substitution that remembers where every replaced span came from, so findings in the
 * substituted text are reported at their position in the original file. Shared by validate-safe (which lints the
 * substituted text) and detect-drift (which replays it and, for repeatable migrations, checksums it as Flyway does).
 */
public final class Placeholders {

    /**
     * Values Flyway provides itself, replaced by neutral stand-ins so the SQL still parses. A value passed to
     * {@link #apply} under the same name (e.g. {@code flyway:user} read from the live connection) takes precedence.
     */
    public static final Map<String, String> BUILT_IN = Map.of(
            "flyway:defaultSchema", "public",
            "flyway:user", "flyway_user",
            "flyway:database", "flyway_database",
            "flyway:timestamp", "20000101000000",
            "flyway:filename", "migration_file",
            "flyway:workingDirectory", "working_directory",
            "flyway:table", "flyway_schema_history",
            "flyway:environment", "default");

    /** A placeholder without a configured value, at its original offsets. */
    public record Missing(String name, int start, int end) {
    }

    /**
     * Substituted text plus, for replacement i, the value's span in the new text ({@code newStarts/newEnds}) and the
     * placeholder's span in the original ({@code oldStarts/oldEnds}).
     */
    public record Result(String text, int[] newStarts, int[] newEnds, int[] oldStarts, int[] oldEnds, List<Missing> missing) {

        /** Maps an offset of the substituted text to the original; offsets inside a value map to its placeholder. */
        public int toOriginal(int offset) {
            int i = Arrays.binarySearch(newStarts, offset);
            if (i < 0) {
                i = -i - 2;
            }
            if (i < 0) {
                return offset;
            }
            if (offset < newEnds[i]) {
                return oldStarts[i];
            }
            return oldEnds[i] + (offset - newEnds[i]);
        }
    }

    private Placeholders() {
    }

    /**
     * Replaces every {@code ${name}} by its configured value. Names without a value are reported as missing and
     * replaced by the identifier {@code placeholder_<name>} so the rest of the file can still be analysed.
     */
    public static Result apply(String text, Map<String, String> values) {
        if (text.indexOf("${") < 0) {
            return new Result(text, new int[0], new int[0], new int[0], new int[0], List.of());
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        List<int[]> spans = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        int pos = 0;
        int search = 0;
        while (true) {
            int open = text.indexOf("${", search);
            if (open < 0) {
                break;
            }
            int close = text.indexOf('}', open + 2);
            int lineEnd = text.indexOf('\n', open);
            if (close < 0 || (lineEnd >= 0 && close > lineEnd)) {
                search = open + 2;
                continue;
            }
            String name = text.substring(open + 2, close);
            if (name.isEmpty() || !name.matches("[A-Za-z0-9_.:\\-]+")) {
                search = open + 2;
                continue;
            }
            String value = values.get(name);
            if (value == null) {
                value = BUILT_IN.get(name);
            }
            if (value == null) {
                missing.add(new Missing(name, open, close + 1));
                value = "placeholder_" + name.replaceAll("[^A-Za-z0-9_]", "_");
            }
            out.append(text, pos, open);
            int newStart = out.length();
            out.append(value);
            spans.add(new int[] {newStart, out.length(), open, close + 1});
            pos = close + 1;
            search = pos;
        }
        out.append(text, pos, text.length());
        int n = spans.size();
        int[] ns = new int[n];
        int[] ne = new int[n];
        int[] os = new int[n];
        int[] oe = new int[n];
        for (int i = 0; i < n; i++) {
            int[] s = spans.get(i);
            ns[i] = s[0];
            ne[i] = s[1];
            os[i] = s[2];
            oe[i] = s[3];
        }
        return new Result(out.toString(), ns, ne, os, oe, List.copyOf(missing));
    }
}
