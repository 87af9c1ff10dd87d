package io.github.migrationguard.history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A migration version compared exactly the way Flyway compares them.
 *
 * <ul>
 *   <li>Underscores are dots: {@code 1_1} is {@code 1.1}.</li>
 *   <li>The text is split at every dot that is followed by an ASCII digit; each part is read as a
 *       {@link BigInteger}, so leading zeros do not matter ({@code 1.01 == 1.1}, {@code 001 == 1}) and there is no
 *       size limit ({@code 20240101120000} works).</li>
 *   <li>Trailing zero parts do not matter: {@code 1 == 1.0 == 1.0.0}.</li>
 *   <li>Parts compare numerically from the left; a missing part counts as zero ({@code 1.10 > 1.9},
 *       {@code 1.2 > 1.1.9}).</li>
 *   <li>Anything else is invalid ({@code 1.}, {@code .1}, {@code 1..2}, {@code 1a}, spaces). Like Flyway we accept
 *       what {@link BigInteger} accepts in a part, including a leading sign.</li>
 * </ul>
 * Flyway's symbolic versions ({@code current}, {@code latest}, {@code next}) are not migration versions and are
 * rejected here. {@link #equals} agrees with {@link #compareTo}.
 */
public final class FlywayVersion implements Comparable<FlywayVersion> {

    private static final Pattern SPLIT = Pattern.compile("\\.(?=\\d)");

    private final String text;
    private final List<BigInteger> parts;

    private FlywayVersion(String text, List<BigInteger> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Parses a version as written in a file name or the history table.
     *
     * @throws IllegalArgumentException naming the version when it is not one
     */
    public static FlywayVersion parse(String version) {
        if (version == null) {
            throw new IllegalArgumentException("a version must not be null");
        }
        String normalized = version.replace('_', '.');
        List<BigInteger> parts = new ArrayList<>();
        for (String part : SPLIT.split(normalized)) {
            try {
                parts.add(new BigInteger(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid version '" + normalized
                        + "': a version may only contain digits separated by single dots or underscores");
            }
        }
        int size = parts.size();
        while (size > 1 && parts.get(size - 1).signum() == 0) {
            size--;
        }
        return new FlywayVersion(normalized, Collections.unmodifiableList(new ArrayList<>(parts.subList(0, size))));
    }

    /** True when {@link #parse} accepts the text. */
    public static boolean isValid(String version) {
        try {
            parse(version);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The numeric parts, trailing zeros removed (at least one part). */
    public List<BigInteger> parts() {
        return parts;
    }

    @Override
    public int compareTo(FlywayVersion other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlywayVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** The version as Flyway displays and stores it: the original text with underscores turned into dots. */
    @Override
    public String toString() {
        return text;
    }
}
