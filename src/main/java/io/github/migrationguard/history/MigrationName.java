package io.github.migrationguard.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A migration file name read with Flyway's naming rules: {@code V<version>__<description>.sql} (versioned),
 * {@code R__<description>.sql} (repeatable), {@code B<version>__<description>.sql} (baseline),
 * {@code U<version>__<description>.sql} (undo) and callback scripts ({@code beforeMigrate.sql},
 * {@code afterEachMigrate__note.sql}, ...).
 *
 * <p>As in Flyway: prefixes are case-sensitive ({@code v1__x.sql} is not a migration), the suffix is not
 * ({@code V1__x.SQL} is), the version ends at the first separator, underscores in the description become spaces,
 * and a versioned name without a separator has an empty description ({@code V1.sql}). Unlike Flyway Community we
 * recognise undo scripts (a Teams feature) so that callers can leave them out instead of calling them unknown.
 *
 * @param kind        what the name says the file is
 * @param prefix      the matched prefix ({@code V}, {@code R}, {@code B}, {@code U} or a callback event)
 * @param version     the version, for versioned, baseline and undo migrations; otherwise null
 * @param description the description with underscores replaced by spaces (may be empty)
 * @param suffix      the suffix as written ({@code .sql}, {@code .SQL})
 * @param fileName    the file name parsed
 * @param problem     why the name is invalid, or null when it is valid
 */
public record MigrationName(Kind kind, String prefix, FlywayVersion version, String description, String suffix,
                            String fileName, String problem) {

    /** What a file is, according to its name. */
    public enum Kind {
        VERSIONED, REPEATABLE, BASELINE, UNDO, CALLBACK, INVALID;

        /** True for kinds whose name carries a version. */
        public boolean isVersioned() {
            return this == VERSIONED || this == BASELINE || this == UNDO;
        }
    }

    /**
     * Naming conventions (Flyway's {@code sqlMigrationPrefix}, {@code repeatableSqlMigrationPrefix},
     * {@code baselineMigrationPrefix}, undo prefix, {@code sqlMigrationSeparator}, {@code sqlMigrationSuffixes}).
     */
    public record Conventions(String versionedPrefix, String repeatablePrefix, String baselinePrefix,
                              String undoPrefix, String separator, List<String> suffixes) {

        /** Flyway's defaults. */
        public static final Conventions FLYWAY_DEFAULTS = new Conventions("V", "R", "B", "U", "__", List.of(".sql"));

        public Conventions {
            if (separator == null || separator.isEmpty()) {
                throw new IllegalArgumentException("the separator must not be empty");
            }
            suffixes = List.copyOf(suffixes);
        }
    }

    /** Flyway's callback events, whose names are also script prefixes. */
    public static final List<String> CALLBACK_EVENTS = List.of("beforeClean", "afterClean", "afterCleanError",
            "beforeMigrate", "beforeEachMigrate", "beforeEachMigrateStatement", "afterEachMigrateStatement",
            "afterEachMigrateStatementError", "afterEachMigrate", "afterEachMigrateError", "beforeRepeatables",
            "afterVersioned", "afterMigrateApplied", "afterMigrate", "afterMigrateError", "beforeUndo",
            "beforeEachUndo", "beforeEachUndoStatement", "afterEachUndoStatement", "afterEachUndoStatementError",
            "afterEachUndo", "afterEachUndoError", "afterUndo", "afterUndoError", "beforeValidate", "afterValidate",
            "afterValidateError", "beforeBaseline", "afterBaseline", "afterBaselineError", "beforeRepair",
            "afterRepair", "afterRepairError", "beforeInfo", "afterInfo", "afterInfoError",
            "afterMigrateOperationFinish", "afterInfoOperationFinish", "createSchema", "beforeCreateSchema",
            "beforeConnect", "afterConnect");

    /** Longest description Flyway stores in its history table before abbreviating it. */
    public static final int MAX_HISTORY_DESCRIPTION = 200;

    /** Parses with Flyway's default conventions. */
    public static MigrationName parse(String fileName) {
        return parse(fileName, Conventions.FLYWAY_DEFAULTS);
    }

    /** Parses a file name (without directories). */
    public static MigrationName parse(String fileName, Conventions conventions) {
        String suffix = null;
        String base = null;
        for (String candidate : conventions.suffixes()) {
            if (fileName.toUpperCase(Locale.ROOT).endsWith(candidate.toUpperCase(Locale.ROOT))) {
                suffix = fileName.substring(fileName.length() - candidate.length());
                base = fileName.substring(0, fileName.length() - candidate.length());
                break;
            }
        }
        if (suffix == null) {
            return invalid(fileName, "'" + fileName + "' does not end with " + String.join(" or ",
                    conventions.suffixes()));
        }
        record Prefix(String text, Kind kind) {
        }
        List<Prefix> prefixes = new ArrayList<>();
        prefixes.add(new Prefix(conventions.versionedPrefix(), Kind.VERSIONED));
        prefixes.add(new Prefix(conventions.repeatablePrefix(), Kind.REPEATABLE));
        prefixes.add(new Prefix(conventions.baselinePrefix(), Kind.BASELINE));
        prefixes.add(new Prefix(conventions.undoPrefix(), Kind.UNDO));
        for (String event : CALLBACK_EVENTS) {
            prefixes.add(new Prefix(event, Kind.CALLBACK));
        }
        prefixes.removeIf(p -> p.text() == null || p.text().isEmpty());
        prefixes.sort(Comparator.comparingInt((Prefix p) -> p.text().length()).reversed());
        Prefix prefix = null;
        for (Prefix p : prefixes) {
            if (base.startsWith(p.text())) {
                prefix = p;
                break;
            }
        }
        if (prefix == null) {
            return invalid(fileName, "'" + fileName + "' is not a migration name (expected "
                    + conventions.versionedPrefix() + "<version>" + conventions.separator() + "<description>"
                    + suffix + " or " + conventions.repeatablePrefix() + conventions.separator() + "<description>"
                    + suffix + ")");
        }
        String rest = base.substring(prefix.text().length());
        int sep = rest.indexOf(conventions.separator());
        String versionText = sep < 0 ? rest : rest.substring(0, sep);
        String description = (sep < 0 ? "" : rest.substring(sep + conventions.separator().length())).replace('_', ' ');
        FlywayVersion version = null;
        if (prefix.kind().isVersioned()) {
            if (versionText.isEmpty()) {
                return invalid(fileName, "'" + fileName + "' has no version (expected e.g. " + prefix.text() + "1.2"
                        + conventions.separator() + "description" + suffix + ")");
            }
            try {
                version = FlywayVersion.parse(versionText);
            } catch (IllegalArgumentException e) {
                return invalid(fileName, "'" + fileName + "' has an invalid version '" + versionText + "'");
            }
        } else if (!versionText.isEmpty()) {
            return invalid(fileName, "'" + fileName + "' must not have a version (expected " + prefix.text()
                    + conventions.separator() + "description" + suffix + ")");
        }
        return new MigrationName(prefix.kind(), prefix.text(), version, description, suffix, fileName, null);
    }

    private static MigrationName invalid(String fileName, String problem) {
        return new MigrationName(Kind.INVALID, null, null, null, null, fileName, problem);
    }

    public boolean isValid() {
        return problem == null;
    }

    /** The description as Flyway writes it into the history table (abbreviated beyond 200 characters). */
    public String historyDescription() {
        return abbreviateDescription(description);
    }

    /** Flyway's abbreviation of descriptions longer than 200 characters: the first 197 and {@code ...}. */
    public static String abbreviateDescription(String description) {
        if (description == null || description.length() <= MAX_HISTORY_DESCRIPTION) {
            return description;
        }
        return description.substring(0, MAX_HISTORY_DESCRIPTION - 3) + "...";
    }

    /**
     * Flyway's abbreviation of script names longer than 1000 characters in the history table: {@code ...} followed
     * by characters 3 to 999 of the name.
     */
    public static String abbreviateScript(String script) {
        if (script == null || script.length() <= 1000) {
            return script;
        }
        return "..." + script.substring(3, 1000);
    }
}
