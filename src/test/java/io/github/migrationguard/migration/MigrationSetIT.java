package io.github.migrationguard.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.migrationguard.migration.MigrationSet.Naming;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Flyway is the oracle: our migration list must be the one {@code flyway info} and {@code migrate} see. */
class MigrationSetIT {

    @TempDir
    Path base;

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.create("mset");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private void write(String relative, String content) throws Exception {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** version|description|script|checksum|type of each migration, in order. */
    private static String describe(String version, String description, String script, Integer checksum,
                                   String type) {
        return version + "|" + description + "|" + script + "|" + checksum + "|" + type;
    }

    @Test
    void sameMigrationsInTheSameOrderWithTheSameChecksumsAsFlyway() throws Exception {
        write("db/a/V1__create.sql", "create table t (id int);\n");
        write("db/a/V1.10__ten.sql", "alter table t add column ten int;\r\n");
        write("db/a/V1.9__nine.sql", "alter table t add column nine int;");
        write("db/a/sub/V2__in_sub.sql", "\uFEFFalter table t add column two int;\n");
        write("db/b/V1_5__other_location.sql", "alter table t add column ${col} int;\n");
        write("db/b/R__Zeta.sql", "create or replace view zeta as select '${flyway:user}' as u, '${Col}' as c;\n");
        write("db/a/R__alpha_view.sql", "create or replace view alpha as select '${flyway:filename}' as f,"
                + " '${flyway:database}' as d, '${flyway:table}' as t, '${flyway:defaultSchema}' as s;\n");
        write("db/a/afterMigrate.sql", "select 1;\n");
        write("db/a/V3_bad_name.sql", "select 1;\n");
        Map<String, String> placeholders = Map.of("col", "five");
        Flyway flyway = Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + base.resolve("db/a"), "filesystem:" + base.resolve("db/b"))
                .placeholders(placeholders).cleanDisabled(true).load();
        flyway.migrate();

        List<String> expected = new ArrayList<>();
        for (MigrationInfo info : flyway.info().applied()) {
            expected.add(describe(info.getVersion() == null ? null : info.getVersion().toString(),
                    info.getDescription(), info.getScript(), info.getChecksum(), info.getType().name()));
        }
        MigrationSet set = MigrationSet.load(base, List.of("db/a", "db/b"), List.of(), List.of(), placeholders,
                Naming.AUTO, Map.of("flyway:user", db.user(), "flyway:database", db.name(),
                        "flyway:table", "flyway_schema_history", "flyway:defaultSchema", "public"));
        List<String> actual = new ArrayList<>();
        for (Migration m : set.migrations()) {
            actual.add(describe(m.version() == null ? null : m.version().toString(), m.description(), m.script(),
                    m.checksum(), "SQL"));
        }
        assertEquals(expected, actual);
    }
}
