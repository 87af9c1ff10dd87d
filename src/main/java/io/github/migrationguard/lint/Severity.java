package io.github.migrationguard.lint;

import java.util.Locale;

/** How bad a finding is. Names match SARIF result levels. */
public enum Severity {
    ERROR, WARNING, NOTE;

    /** SARIF 2.1.0 {@code level} value. */
    public String sarifLevel() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code error}, {@code warning} or {@code note}, case-insensitive; null when it is none of those. */
    public static Severity parse(String value) {
        if (value == null) {
            return null;
        }
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(value.trim())) {
                return s;
            }
        }
        return null;
    }
}
