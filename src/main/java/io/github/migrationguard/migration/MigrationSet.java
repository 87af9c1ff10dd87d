package io.github.migrationguard.migration;

import io.github.migrationguard.drift.DriftSettings;
import io.github.migrationguard.history.FlywayChecksum;
import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.history.MigrationName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migration files under the configured locations, ordered the way the migration tool applies them.
 *
 * <p>Flyway names ({@link Naming#FLYWAY}): versioned {@code V<version>__<description>.sql} in version order
 * ({@link FlywayVersion}), then repeatable {@code R__<description>.sql} in description order. The script name is the
 * path relative to its location with {@code /} separators, exactly what Flyway writes into the {@code script}
 * column, and the checksum is Flyway's ({@link FlywayChecksum}): of the file as written for versioned migrations, of
 * the text after placeholder replacement for repeatable ones. A script configuration file beside a migration
 * ({@code V1__x.sql.conf}) is honoured for {@code placeholderReplacement} and {@code encoding}.
 *
 * <p>Timestamp names ({@link Naming#TIMESTAMP}), for golang-migrate, dbmate and the Supabase CLI:
 * {@code <digits>_<name>.sql} and {@code <digits>_<name>.up.sql}, ordered numerically; {@code .down.sql} files are
 * not migrations; for a dbmate file only its {@code -- migrate:up} section is kept. No placeholders.
 *
 * <p>Everything else under the locations (callbacks such as {@code afterMigrate.sql}, undo and baseline scripts,
 * names the tool ignores) is listed in {@link #others()} with the reason.
 */
public final class MigrationSet {

    /** The default location, as for validate-safe. */
    public static final String DEFAULT_LOCATION = "src/main/resources/db/migration";

    /** Which naming convention the files follow. */
    public enum Naming {
        /** {@code V1__x.sql}, {@code R__x.sql}. */
        FLYWAY,
        /** {@code 20240101120000_x.sql}, {@code 0001_x.up.sql}. */
        TIMESTAMP,
        /** Flyway when any file has a Flyway migration name, else timestamp when any file has such a name. */
        AUTO
    }

    /**
     * A file under a location that is not a migration.
     *
     * @param file   the file
     * @param script its path relative to the location, {@code /}-separated
     * @param reason why it is not a migration, e.g. {@code callback (afterMigrate)}
     */
    public record OtherFile(Path file, String script, String reason) {
    }

    /** The migration files contradict each other (e.g. two files with the same version); the tool refuses them too. */
    public static final class InvalidMigrationsException extends IOException {

        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        InvalidMigrationsException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final Pattern TIMESTAMP_NAME =
            Pattern.compile("^(\\d+)_(.+?)((?i:\\.up|\\.down)?)(?i:\\.sql)$");
    private static final Pattern DBMATE_UP = Pattern.compile("(?m)^--\\s*migrate:up\\b.*$");
    private static final Pattern DBMATE_DOWN = Pattern.compile("(?m)^--\\s*migrate:down\\b");

    private final Naming naming;
    private final List<Migration> migrations;
    private final List<OtherFile> others;

    private MigrationSet(Naming naming, List<Migration> migrations, List<OtherFile> others) {
        this.naming = naming;
        this.migrations = List.copyOf(migrations);
        this.others = List.copyOf(others);
    }

    /** Loads the files the settings name, naming detected, Flyway's built-in placeholders replaced by stand-ins. */
    public static MigrationSet load(DriftSettings settings) throws IOException {
        return load(settings, Naming.AUTO, Map.of());
    }

    /**
     * Loads the files the settings name.
     *
     * @param builtIns values for Flyway's built-in placeholders ({@code flyway:user}, {@code flyway:database},
     *                 {@code flyway:defaultSchema}, {@code flyway:table}, ...) as the live connection provides them;
     *                 {@code flyway:filename} is set per file
     */
    public static MigrationSet load(DriftSettings settings, Naming naming, Map<String, String> builtIns)
            throws IOException {
        return load(settings.baseDir(), settings.locations(), settings.includes(), settings.excludes(),
                settings.placeholders(), naming, builtIns, settings.flyway());
    }

    /**
     * Loads the migration files under {@code locations} (resolved against {@code baseDir} like validate-safe's).
     *
     * @throws java.nio.file.NoSuchFileException naming a location that does not exist
     * @throws InvalidMigrationsException        when two files claim the same version (or repeatable description)
     * @throws IOException                       when a file cannot be read or decoded
     */
    public static MigrationSet load(Path baseDir, List<String> locations, List<String> includes,
                                    List<String> excludes, Map<String, String> placeholders, Naming naming,
                                    Map<String, String> builtIns) throws IOException {
        return load(baseDir, locations, includes, excludes, placeholders, naming, builtIns, FlywayOptions.DEFAULT);
    }

    /**
     * Like {@link #load(Path, List, List, List, Map, Naming, Map)}, with the project's Flyway settings: its migration
     * suffixes (also the default includes), whether placeholders are replaced, and the encoding of the files.
     */
    public static MigrationSet load(Path baseDir, List<String> locations, List<String> includes,
                                    List<String> excludes, Map<String, String> placeholders, Naming naming,
                                    Map<String, String> builtIns, FlywayOptions options) throws IOException {
        FlywayOptions flywayOptions = options == null ? FlywayOptions.DEFAULT : options;
        if ((includes == null || includes.isEmpty()) && !flywayOptions.equals(FlywayOptions.DEFAULT)) {
            includes = flywayOptions.defaultIncludes();
        }
        MigrationName.Conventions conventions = new MigrationName.Conventions("V", "R", "B", "U", "__",
                flywayOptions.sqlMigrationSuffixes());
        List<String> locs = locations == null || locations.stream().allMatch(l -> l == null || l.isBlank())
                ? List.of(DEFAULT_LOCATION) : locations;
        Map<Path, String> scripts = new LinkedHashMap<>();
        for (String location : locs) {
            if (location == null || location.isBlank()) {
                continue;
            }
            Path dir = MigrationDiscovery.resolveLocation(baseDir, location);
            for (Path file : MigrationDiscovery.discover(baseDir, List.of(location), includes, excludes)) {
                // a file under two nested locations belongs to the first one
                scripts.putIfAbsent(file, relativeScript(dir, file));
            }
        }
        Naming chosen = naming == null || naming == Naming.AUTO ? detect(scripts.values(), conventions) : naming;
        // Flyway looks placeholder names up case-insensitively
        Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (placeholders != null) {
            values.putAll(placeholders);
        }
        if (builtIns != null) {
            values.putAll(builtIns);
        }
        List<Migration> migrations = new ArrayList<>();
        List<OtherFile> others = new ArrayList<>();
        for (Map.Entry<Path, String> e : scripts.entrySet()) {
            if (chosen == Naming.FLYWAY) {
                flyway(e.getKey(), e.getValue(), values, migrations, others, conventions, flywayOptions);
            } else {
                timestamp(e.getKey(), e.getValue(), migrations, others);
            }
        }
        migrations.sort(ORDER);
        others.sort(Comparator.comparing(OtherFile::script));
        checkUnique(migrations);
        return new MigrationSet(chosen, migrations, others);
    }

    /** Versioned by version, then repeatable by description (Flyway's order of application). */
    static final Comparator<Migration> ORDER = (a, b) -> {
        if (a.isRepeatable() != b.isRepeatable()) {
            return a.isRepeatable() ? 1 : -1;
        }
        if (!a.isRepeatable()) {
            int c = a.version().compareTo(b.version());
            return c != 0 ? c : a.script().compareTo(b.script());
        }
        int c = a.description().compareTo(b.description());
        return c != 0 ? c : a.script().compareTo(b.script());
    };

    private static String relativeScript(Path location, Path file) {
        Path rel = location.relativize(file);
        StringBuilder s = new StringBuilder();
        for (Path part : rel) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(part);
        }
        return s.toString();
    }

    private static String fileName(String script) {
        return script.substring(script.lastIndexOf('/') + 1);
    }

    private static Naming detect(Iterable<String> scripts, MigrationName.Conventions conventions) {
        boolean timestamp = false;
        for (String script : scripts) {
            MigrationName name = MigrationName.parse(fileName(script), conventions);
            if (name.isValid() && (name.kind() == MigrationName.Kind.VERSIONED
                    || name.kind() == MigrationName.Kind.REPEATABLE)) {
                return Naming.FLYWAY;
            }
            timestamp |= TIMESTAMP_NAME.matcher(fileName(script)).matches();
        }
        return timestamp ? Naming.TIMESTAMP : Naming.FLYWAY;
    }

    private static void flyway(Path file, String script, Map<String, String> values, List<Migration> migrations,
                               List<OtherFile> others, MigrationName.Conventions conventions,
                               FlywayOptions options) throws IOException {
        String fileName = fileName(script);
        MigrationName name = MigrationName.parse(fileName, conventions);
        if (!name.isValid()) {
            others.add(new OtherFile(file, script, "not a Flyway migration name: " + name.problem()));
            return;
        }
        switch (name.kind()) {
            case CALLBACK -> {
                others.add(new OtherFile(file, script, "Flyway callback (" + name.prefix() + ")"));
                return;
            }
            case UNDO -> {
                others.add(new OtherFile(file, script, "undo migration (not applied by flyway migrate)"));
                return;
            }
            case BASELINE -> {
                others.add(new OtherFile(file, script, "baseline migration (applied only to an empty database)"));
                return;
            }
            default -> {
                // versioned or repeatable
            }
        }
        ScriptConfig config = ScriptConfig.read(file, options);
        String raw = decode(Files.readAllBytes(file), config.charset(), file);
        boolean repeatable = name.kind() == MigrationName.Kind.REPEATABLE;
        String text = raw;
        List<String> missing = List.of();
        if (config.placeholderReplacement()) {
            Map<String, String> perFile = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            perFile.putAll(values);
            perFile.put("flyway:filename", fileName);
            Placeholders.Result r = Placeholders.apply(raw, perFile);
            text = r.text();
            Set<String> names = new LinkedHashSet<>();
            r.missing().forEach(m -> names.add(m.name()));
            missing = List.copyOf(names);
        }
        int checksum = FlywayChecksum.ofText(repeatable ? text : raw);
        migrations.add(new Migration(repeatable ? Migration.Kind.REPEATABLE : Migration.Kind.VERSIONED,
                name.version(), name.description(), script, file, checksum, withoutBom(text), missing));
    }

    private static void timestamp(Path file, String script, List<Migration> migrations, List<OtherFile> others)
            throws IOException {
        Matcher m = TIMESTAMP_NAME.matcher(fileName(script));
        if (!m.matches()) {
            others.add(new OtherFile(file, script,
                    "not a timestamp migration name (expected <version>_<name>.sql or <version>_<name>.up.sql)"));
            return;
        }
        if (m.group(3).equalsIgnoreCase(".down")) {
            others.add(new OtherFile(file, script, "down migration (not applied when migrating up)"));
            return;
        }
        String raw = decode(Files.readAllBytes(file), StandardCharsets.UTF_8, file);
        migrations.add(new Migration(Migration.Kind.VERSIONED, FlywayVersion.parse(m.group(1)), m.group(2), script,
                file, FlywayChecksum.ofText(raw), withoutBom(upSection(raw)), List.of()));
    }

    /** dbmate keeps both directions in one file: the part before {@code -- migrate:down} is what runs. */
    static String upSection(String text) {
        Matcher up = DBMATE_UP.matcher(text);
        if (!up.find()) {
            return text;
        }
        Matcher down = DBMATE_DOWN.matcher(text);
        int end = down.find(up.end()) ? down.start() : text.length();
        return text.substring(0, end);
    }

    private static String withoutBom(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    private static String decode(byte[] bytes, Charset charset, Path file) throws IOException {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("Migration " + file + " is not valid " + charset.name()
                    + "; re-save it as " + charset.name() + ", or set the encoding Flyway reads it with (encoding,"
                    + " or in " + file.getFileName() + ".conf)", e);
        }
    }

    private static void checkUnique(List<Migration> ordered) throws InvalidMigrationsException {
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < ordered.size(); i++) {
            Migration a = ordered.get(i - 1);
            Migration b = ordered.get(i);
            if (!a.isRepeatable() && !b.isRepeatable() && a.version().equals(b.version())) {
                problems.add("two migrations have version " + b.version() + ": " + a.script() + " and "
                        + b.script() + " (rename one; the migration tool refuses this too)");
            } else if (a.isRepeatable() && b.isRepeatable() && a.description().equals(b.description())) {
                problems.add("two repeatable migrations have the description '" + b.description() + "': "
                        + a.script() + " and " + b.script() + " (rename one; Flyway refuses this too)");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMigrationsException(problems);
        }
    }

    /** Flyway's per-script configuration ({@code <script>.conf}): the two settings that change text or checksum. */
    private record ScriptConfig(boolean placeholderReplacement, Charset charset) {

        static ScriptConfig read(Path migration, FlywayOptions defaults) throws IOException {
            Path conf = migration.resolveSibling(migration.getFileName() + ".conf");
            boolean replace = defaults.placeholderReplacement();
            Charset charset = defaults.encoding();
            if (!Files.isRegularFile(conf)) {
                return new ScriptConfig(replace, charset);
            }
            for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (line.isBlank() || line.strip().startsWith("#") || eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                if (key.equals("placeholderReplacement")) {
                    replace = !value.equalsIgnoreCase("false");
                } else if (key.equals("encoding")) {
                    try {
                        charset = Charset.forName(value);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        throw new IOException("Unknown encoding '" + value + "' in " + conf, e);
                    }
                }
            }
            return new ScriptConfig(replace, charset);
        }
    }

    /** The naming convention the files were read with. */
    public Naming naming() {
        return naming;
    }

    /** Every migration in the order the tool applies them. */
    public List<Migration> migrations() {
        return migrations;
    }

    /** The versioned migrations, in version order. */
    public List<Migration> versioned() {
        return migrations.stream().filter(m -> !m.isRepeatable()).toList();
    }

    /** The repeatable migrations, in description order. */
    public List<Migration> repeatables() {
        return migrations.stream().filter(Migration::isRepeatable).toList();
    }

    /** Files under the locations that are not migrations, by script name. */
    public List<OtherFile> others() {
        return others;
    }

    /** The versioned migration with this version (versions compare as Flyway compares them: 1.0 = 1 = 001). */
    public Optional<Migration> versioned(FlywayVersion version) {
        return migrations.stream().filter(m -> !m.isRepeatable() && m.version().equals(version)).findFirst();
    }

    /** The repeatable migration whose (history-abbreviated) description is this. */
    public Optional<Migration> repeatable(String historyDescription) {
        return migrations.stream().filter(m -> m.isRepeatable()
                && m.historyDescription().equals(historyDescription)).findFirst();
    }

    @Override
    public String toString() {
        return "MigrationSet[" + naming.name().toLowerCase(Locale.ROOT) + ", " + migrations.size() + " migrations, "
                + others.size() + " other files]";
    }
}
