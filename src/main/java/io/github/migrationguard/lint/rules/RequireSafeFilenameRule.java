package io.github.migrationguard.lint.rules;

import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.lint.Rule;
import io.github.migrationguard.lint.RuleContext;
import io.github.migrationguard.lint.RuleInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Migration files in the naming scope must carry the safe-name marker (by default {@code _safe.sql}), and a name that
 * looks like a Flyway migration must be one Flyway actually runs.
 *
 * <p>Scope: {@link LintSettings#namingScope()} is a full-match regex over the path relative to the migration
 * location. {@link RuleContext#path()} is relative to the project base directory, so the rule tries every suffix of
 * it that starts at a directory boundary ({@code a/b/V1.sql}, {@code b/V1.sql}, {@code V1.sql}); the file is in
 * scope when any of them fully matches. This can include a file the location-relative path alone would exclude, never
 * the other way round.
 */
@RuleInfo(id = RequireSafeFilenameRule.ID,
        summary = "Migration file names must carry the safe-name marker (default *_safe.sql) and be runnable by"
                + " Flyway.",
        category = "naming",
        safeAlternative = "Rename the file so it matches the safe-name pattern, e.g. V3__add_email_safe.sql.")
public final class RequireSafeFilenameRule implements Rule {

    static final String ID = "require-safe-filename";

    /** What Flyway runs: case-sensitive prefix, {@code __} separator, case-insensitive {@code .sql} suffix. */
    private static final Pattern FLYWAY_RUNS = Pattern.compile(
            "(?:[VU]\\d+(?:[._]\\d+)*__.*|R__.*)\\.(?i:sql)");
    /** What a person writing a Flyway migration plausibly meant. */
    private static final Pattern FLYWAY_LOOKALIKE = Pattern.compile(
            "([vVuUrR])(\\d+(?:[._]\\d+)*)?(_+)(.*)(\\.(?i:sql))");

    @Override
    public void check(RuleContext context) {
        LintSettings settings = context.settings();
        if (!inScope(settings.namingScope(), context.path())) {
            return;
        }
        String name = context.fileName();
        String pattern = settings.safeNamePattern().pattern();
        boolean safeName = settings.safeNamePattern().matcher(name).matches();
        String flyway = flywayProblem(name);
        if (safeName && flyway == null) {
            return;
        }
        StringBuilder message = new StringBuilder();
        if (!safeName) {
            message.append("File name '").append(name).append("' does not match the safe-name pattern '")
                    .append(pattern).append("' (the whole name must match).");
        }
        if (flyway != null) {
            message.append(message.length() > 0 ? " " : "").append(flyway);
        }
        int end = Messages.end(context, 0, 1);
        context.report(0, end, message.toString(), alternative(settings.safeNamePattern(), name));
    }

    /** True when the path, or a suffix of it starting after a {@code /}, fully matches {@code scope}. */
    static boolean inScope(Pattern scope, String path) {
        String p = path.replace('\\', '/');
        if (scope.matcher(p).matches()) {
            return true;
        }
        for (int i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
            if (scope.matcher(p.substring(i + 1)).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why Flyway would skip a file named like a Flyway migration, with the name it would run; null when the name is
     * a runnable Flyway name or does not look like one at all.
     */
    static String flywayProblem(String name) {
        Matcher m = flywayLookalike(name);
        if (m == null) {
            return null;
        }
        char prefix = m.group(1).charAt(0);
        char upper = Character.toUpperCase(prefix);
        StringBuilder why = new StringBuilder("'").append(name)
                .append("' looks like a Flyway migration, but Flyway ignores it without a warning:");
        if (prefix != upper) {
            why.append(" the prefix must be an upper-case '").append(upper).append("' (Flyway prefixes are"
                    + " case-sensitive);");
        }
        if (upper == 'R' && m.group(2) != null) {
            why.append(" a repeatable migration (R) has no version;");
        }
        if (m.group(3).length() == 1) {
            why.append(" the version and the description must be separated by two underscores ('__');");
        }
        why.setLength(why.length() - 1);
        return why.append(". Rename it to '").append(flywayName(m)).append("'.").toString();
    }

    /** A matcher over a name that Flyway skips although it resembles a Flyway migration; null otherwise. */
    private static Matcher flywayLookalike(String name) {
        if (FLYWAY_RUNS.matcher(name).matches()) {
            return null;
        }
        Matcher m = FLYWAY_LOOKALIKE.matcher(name);
        if (!m.matches()) {
            return null;
        }
        boolean repeatable = Character.toUpperCase(m.group(1).charAt(0)) == 'R';
        return repeatable || m.group(2) != null ? m : null;
    }

    /** The name Flyway would run for a look-alike. */
    private static String flywayName(Matcher lookalike) {
        char upper = Character.toUpperCase(lookalike.group(1).charAt(0));
        String version = upper == 'R' || lookalike.group(2) == null ? "" : lookalike.group(2);
        return upper + version + "__" + lookalike.group(4) + lookalike.group(5);
    }

    private static String alternative(Pattern safeName, String name) {
        Matcher lookalike = flywayLookalike(name);
        String candidate = lookalike == null ? name : flywayName(lookalike);
        if (!safeName.matcher(candidate).matches()) {
            int dot = candidate.lastIndexOf('.');
            String marked = dot > 0 ? candidate.substring(0, dot) + "_safe" + candidate.substring(dot) : candidate;
            if (!safeName.matcher(marked).matches()) {
                return "Rename the file so that its whole name matches '" + safeName.pattern() + "', once it"
                        + " contains only changes that are safe to run.";
            }
            candidate = marked;
        }
        return "Rename the file to '" + candidate + "'" + (safeName.matcher(name).matches() ? ""
                : " once it contains only changes that are safe to run (destructive changes belong in a separate,"
                        + " acknowledged migration)") + ".";
    }
}
