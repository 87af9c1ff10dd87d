package io.github.migrationguard.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationDiscoveryTest {

    @TempDir
    Path base;

    private Path touch(String rel) throws Exception {
        Path p = base.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "select 1;");
        return p;
    }

    @Test
    void findsSqlFilesRecursivelySortedAndHonoursExcludes() throws Exception {
        Path b = touch("db/migration/V2__b_safe.sql");
        Path a = touch("db/migration/V1__a_safe.sql");
        Path nested = touch("db/migration/prod/V3__c_safe.sql");
        touch("db/migration/README.md");
        touch("db/migration/old/V0__ignored.sql");

        List<Path> found = MigrationDiscovery.discover(base, List.of("db/migration"), List.of(),
                List.of("old/**"));

        assertEquals(List.of(a.normalize(), b.normalize(), nested.normalize()), found);
    }

    @Test
    void flywayLocationPrefixesMapToTheProjectTree() throws Exception {
        Path a = touch("src/main/resources/db/migration/V1__a_safe.sql");
        Path c = touch("sql/V9__c_safe.sql");

        assertEquals(List.of(a.normalize()),
                MigrationDiscovery.discover(base, List.of("classpath:db/migration"), List.of(), List.of()));
        assertEquals(List.of(c.normalize()),
                MigrationDiscovery.discover(base, List.of("filesystem:sql"), List.of(), List.of()));
    }

    @Test
    void overlappingLocationsDoNotDuplicateFiles() throws Exception {
        touch("db/V1__a_safe.sql");
        touch("db/sub/V2__b_safe.sql");
        assertEquals(2, MigrationDiscovery.discover(base, List.of("db", "db/sub"), List.of(), List.of()).size());
    }

    @Test
    void missingLocationIsAnErrorNamingIt() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> MigrationDiscovery.discover(base, List.of("nope/migrations"), List.of(), List.of()));
        assertTrue(e.getMessage().contains("nope/migrations"), e.getMessage());
    }
}
