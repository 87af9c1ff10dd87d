package io.github.migrationguard.maven;

import io.github.migrationguard.lint.Severity;
import java.util.Locale;

/** The {@code failOn} parameter: the lowest severity of an unacknowledged finding that fails the build. */
enum FailOn {
    ERROR(Severity.ERROR),
    WARNING(Severity.WARNING),
    NEVER(null);

    private final Severity threshold;

    FailOn(Severity threshold) {
        this.threshold = threshold;
    }

    /** The lowest blocking severity, or null when nothing blocks. */
    Severity threshold() {
        return threshold;
    }

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code error}, {@code warning} or {@code never}, case-insensitive; null for anything else. */
    static FailOn parse(String value) {
        if (value == null) {
            return null;
        }
        for (FailOn f : values()) {
            if (f.name().equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        return null;
    }
}
