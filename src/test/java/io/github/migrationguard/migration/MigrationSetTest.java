package io.github.migrationguard.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.migration.MigrationSet.Naming;
import io.github.migrationguard.migration.MigrationSet.OtherFile;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.filesystem.FileSystemResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationSetTest {

    private static final String LOC = "db/migration";

    @TempDir
    Path base;

    private Path write(String relative, String content) throws IOException {
        return write(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String relative, byte[] content) throws IOException {
        Path file = base.resolve(LOC).resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }

    private MigrationSet load(Map<String, String> placeholders, Map<String, String> builtIns) throws IOException {
        return MigrationSet.load(base, List.of(LOC), List.of(), List.of(), placeholders, Naming.AUTO, builtIns);
    }

    private MigrationSet load() throws IOException {
        return load(Map.of(), Map.of());
    }

    /** Flyway's own checksum of a file as written (versioned migrations). */
    private static int flywayChecksum(Path file) {
        return ChecksumCalculator.calculate(new FileSystemResource(new Location("filesystem:" + file.getParent()),
                file.toString(), StandardCharsets.UTF_8, false));
    }

    /** Flyway's own checksum of a repeatable migration: after its placeholder replacement. */
    private static int flywayRepeatableChecksum(Path file, Map<String, String> placeholders,
                                                Map<String, String> builtIns) {
        FluentConfiguration config = Flyway.configure().placeholders(placeholders);
        ParsingContext context = new ParsingContext();
        context.getPlaceholders().putAll(builtIns);
        context.getPlaceholders().put("flyway:filename", file.getFileName().toString());
        LoadableResource resource = new FileSystemResource(new Location("filesystem:" + file.getParent()),
                file.toString(), StandardCharsets.UTF_8, false);
        return ChecksumCalculator.calculate(
                LoadableResource.createPlaceholderReplacingLoadableResource(resource, config, context));
    }

    private static List<String> scripts(List<Migration> migrations) {
        return migrations.stream().map(Migration::script).toList();
    }

    @Test
    void versionedInFlywayVersionOrderThenRepeatablesByDescription() throws Exception {
        for (String name : List.of("V1.10__ten.sql", "V1.9__nine.sql", "V2__two.sql", "V1__one.sql",
                "V1_1__one_one.sql", "sub/dir/V10__ten_in_sub.sql", "V3.0.1__three.sql", "R__b_view.sql",
                "R__a_function.sql", "sub/R__B_upper.sql", "V003.5__leading_zeros.sql")) {
            write(name, "select 1;\n");
        }
        MigrationSet set = load();
        assertEquals(Naming.FLYWAY, set.naming());
        assertEquals(List.of("V1__one.sql", "V1_1__one_one.sql", "V1.9__nine.sql", "V1.10__ten.sql", "V2__two.sql",
                "V3.0.1__three.sql", "V003.5__leading_zeros.sql", "sub/dir/V10__ten_in_sub.sql",
                "sub/R__B_upper.sql", "R__a_function.sql", "R__b_view.sql"), scripts(set.migrations()));
        assertEquals(List.of("1", "1.1", "1.9", "1.10", "2", "3.0.1", "003.5", "10"),
                set.versioned().stream().map(Migration::name).toList());
        assertEquals(List.of("B upper", "a function", "b view"),
                set.repeatables().stream().map(Migration::name).toList());
        Migration ten = set.versioned(FlywayVersion.parse("10.0")).orElseThrow();
        assertEquals("ten in sub", ten.description());
        assertEquals(base.resolve(LOC).resolve("sub/dir/V10__ten_in_sub.sql").normalize(), ten.file());
        assertEquals(Migration.Kind.VERSIONED, ten.kind());
        assertEquals(Migration.Kind.REPEATABLE, set.repeatable("b view").orElseThrow().kind());
        assertEquals("sub/R__B_upper.sql", set.repeatable("B upper").orElseThrow().toReplayInput().script());
    }

    @Test
    void filesThatAreNotMigrationsAreListedWithTheReason() throws Exception {
        write("V1__ok.sql", "select 1;");
        write("afterMigrate.sql", "select 1;");
        write("beforeEachMigrate__log.sql", "select 1;");
        write("V2_single_underscore.sql", "select 1;");
        write("v3__lower_case_prefix.sql", "select 1;");
        write("U1__undo.sql", "select 1;");
        write("B5__baseline.sql", "select 1;");
        write("notes.txt", "not sql, not discovered");
        MigrationSet set = load();
        assertEquals(List.of("V1__ok.sql"), scripts(set.migrations()));
        Map<String, String> reasons = new LinkedHashMap<>();
        for (OtherFile o : set.others()) {
            reasons.put(o.script(), o.reason());
        }
        assertEquals(List.of("B5__baseline.sql", "U1__undo.sql", "V2_single_underscore.sql", "afterMigrate.sql",
                "beforeEachMigrate__log.sql", "v3__lower_case_prefix.sql"), List.copyOf(reasons.keySet()));
        assertTrue(reasons.get("afterMigrate.sql").contains("callback"), reasons.toString());
        assertTrue(reasons.get("beforeEachMigrate__log.sql").contains("callback"), reasons.toString());
        assertTrue(reasons.get("U1__undo.sql").contains("undo"), reasons.toString());
        assertTrue(reasons.get("B5__baseline.sql").contains("baseline"), reasons.toString());
        assertTrue(reasons.get("V2_single_underscore.sql").contains("invalid version"), reasons.toString());
        assertTrue(reasons.get("v3__lower_case_prefix.sql").contains("not a migration name"), reasons.toString());
    }

    @Test
    void versionedChecksumsAreFlywaysOfTheFileAsWritten() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("V1__crlf.sql", "create table a (id int);\r\n\r\ninsert into a values (1);\r\n");
        files.put("V2__bom.sql", "\uFEFFcreate table b (id int);");
        files.put("V3__placeholder.sql", "create table ${schema}.c (id int);\n");
        files.put("V4__unicode.sql", "-- Grüße 🐘\ncreate table \"Grüße\" (x text default 'é');\n");
        files.put("V5__empty.sql", "");
        for (Map.Entry<String, String> e : files.entrySet()) {
            write(e.getKey(), e.getValue());
        }
        MigrationSet set = load(Map.of("schema", "app"), Map.of());
        for (Migration m : set.migrations()) {
            assertEquals(flywayChecksum(m.file()), m.checksum(), m.script());
        }
        Migration placeholder = set.versioned(FlywayVersion.parse("3")).orElseThrow();
        assertEquals("create table app.c (id int);\n", placeholder.text(), "the SQL that runs is substituted");
        assertEquals("create table b (id int);", set.versioned(FlywayVersion.parse("2")).orElseThrow().text(),
                "no byte-order mark in the text");
    }

    @Test
    void repeatableChecksumsAreFlywaysAfterPlaceholderReplacement() throws Exception {
        Path view = write("R__view.sql", "create or replace view ${Target_Schema}.v as select '${flyway:user}' as u,"
                + " '${flyway:filename}' as f, '${flyway:database}' as d, '${empty}' as e from ${target_schema}.t;\n");
        Path plain = write("R__plain.sql", "create or replace view w as select 1;\r\n");
        Map<String, String> placeholders = Map.of("target_schema", "app", "empty", "");
        Map<String, String> builtIns = Map.of("flyway:user", "deployer", "flyway:database", "shop");
        MigrationSet set = load(placeholders, builtIns);

        Migration v = set.repeatable("view").orElseThrow();
        assertEquals("create or replace view app.v as select 'deployer' as u, 'R__view.sql' as f, 'shop' as d,"
                + " '' as e from app.t;\n", v.text());
        assertEquals(flywayRepeatableChecksum(view, placeholders, builtIns), v.checksum());
        assertNotEquals(flywayChecksum(view), v.checksum(), "the raw file would checksum differently");
        assertEquals(List.of(), v.missingPlaceholders());

        Migration p = set.repeatable("plain").orElseThrow();
        assertEquals(flywayRepeatableChecksum(plain, placeholders, builtIns), p.checksum());
        assertEquals(flywayChecksum(plain), p.checksum());
    }

    @Test
    void aScriptConfigCanTurnPlaceholderReplacementOffAndSetTheEncoding() throws Exception {
        write("R__raw.sql", "select '${not_replaced}';\n");
        write("R__raw.sql.conf", "# per-script settings\nplaceholderReplacement = false\n");
        Path latin = write("V1__latin.sql", "select 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1));
        write("V1__latin.sql.conf", "encoding=ISO-8859-1\n");
        MigrationSet set = load();
        Migration raw = set.repeatable("raw").orElseThrow();
        assertEquals("select '${not_replaced}';\n", raw.text());
        assertEquals(List.of(), raw.missingPlaceholders());
        Migration l = set.versioned(FlywayVersion.parse("1")).orElseThrow();
        assertEquals("select 'caf\u00e9';\n", l.text());
        assertEquals(ChecksumCalculator.calculate(new FileSystemResource(new Location("filesystem:" + base),
                latin.toString(), Charset.forName("ISO-8859-1"), false)), l.checksum());
    }

    @Test
    void placeholdersWithoutAValueAreNamed() throws Exception {
        write("R__v.sql", "create view v as select * from ${missing}.t join ${Missing}.u using (id);\n");
        Migration v = load().repeatable("v").orElseThrow();
        assertEquals(List.of("missing", "Missing"), v.missingPlaceholders());
    }

    @Test
    void twoMigrationsWithTheSameVersionAreRefused() throws Exception {
        write("V1__a.sql", "select 1;");
        write("sub/V1.0__b.sql", "select 1;");
        write("R__x.sql", "select 1;");
        write("sub/R__x.sql", "select 1;");
        MigrationSet.InvalidMigrationsException e =
                assertThrows(MigrationSet.InvalidMigrationsException.class, this::load);
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("V1__a.sql") && e.problems().get(0).contains("sub/V1.0__b.sql"),
                e.getMessage());
        assertTrue(e.problems().get(1).contains("'x'"), e.getMessage());
    }

    @Test
    void malformedUtf8IsAClearError() throws Exception {
        write("V1__latin.sql", "select 'caf\u00e9';".getBytes(StandardCharsets.ISO_8859_1));
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains("V1__latin.sql") && e.getMessage().contains("not valid UTF-8"),
                e.getMessage());
    }

    @Test
    void severalLocationsEachGiveRelativeScripts() throws Exception {
        write("V1__a.sql", "select 1;");
        Path other = base.resolve("extra/sql/nested/V2__b.sql");
        Files.createDirectories(other.getParent());
        Files.writeString(other, "select 2;");
        MigrationSet set = MigrationSet.load(base, List.of(LOC, "filesystem:extra/sql"), List.of(), List.of(),
                Map.of(), Naming.AUTO, Map.of());
        assertEquals(List.of("V1__a.sql", "nested/V2__b.sql"), scripts(set.migrations()));
    }

    @Test
    void timestampNamesForGenericHistories() throws Exception {
        write("20240102090000_add_email.sql", "alter table users add column email text;\n");
        write("20240101120000_create_users.sql",
                "-- migrate:up\ncreate table users (id int);\n\n-- migrate:down\ndrop table users;\n");
        write("9_before_ten.up.sql", "create table nine (id int);");
        write("10_ten.up.sql", "create table ten (id int);");
        write("10_ten.down.sql", "drop table ten;");
        write("V1__flyway_style.sql", "select 1;");
        MigrationSet set = MigrationSet.load(base, List.of(LOC), List.of(), List.of(), Map.of(), Naming.TIMESTAMP,
                Map.of());
        assertEquals(Naming.TIMESTAMP, set.naming());
        assertEquals(List.of("9_before_ten.up.sql", "10_ten.up.sql", "20240101120000_create_users.sql",
                "20240102090000_add_email.sql"), scripts(set.migrations()));
        assertEquals(List.of("9", "10", "20240101120000", "20240102090000"),
                set.migrations().stream().map(Migration::name).toList());
        Migration users = set.versioned(FlywayVersion.parse("20240101120000")).orElseThrow();
        assertEquals("create_users", users.description());
        assertEquals("-- migrate:up\ncreate table users (id int);\n\n", users.text(), "the down section never runs");
        assertEquals(List.of("10_ten.down.sql", "V1__flyway_style.sql"),
                set.others().stream().map(OtherFile::script).toList());
        assertTrue(set.others().get(0).reason().contains("down migration"));
    }

    @Test
    void namingIsDetectedFromTheFiles() throws Exception {
        write("0001_create.up.sql", "select 1;");
        write("0001_create.down.sql", "select 1;");
        assertEquals(Naming.TIMESTAMP, load().naming());
        write("V2__flyway.sql", "select 1;");
        MigrationSet mixed = load();
        assertEquals(Naming.FLYWAY, mixed.naming(), "one Flyway name makes it a Flyway project");
        assertEquals(List.of("V2__flyway.sql"), scripts(mixed.migrations()));
        assertEquals(2, mixed.others().size());
    }

    @Test
    void anEmptyLocationIsAnEmptySet() throws Exception {
        Files.createDirectories(base.resolve(LOC));
        MigrationSet set = load();
        assertEquals(List.of(), set.migrations());
        assertEquals(List.of(), set.others());
    }
}
