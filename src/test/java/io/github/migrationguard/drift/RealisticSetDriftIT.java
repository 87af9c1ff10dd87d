package io.github.migrationguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.report.DriftConsoleReport;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The realistic 18-migration set (extensions, schemas, every type spelling, generated names, partitions, functions,
 * triggers, RLS policies with sub-queries, pg_dump style, ORM styles) applied by real Flyway must show zero drift
 * against the schema replayed from the same files.
 */
class RealisticSetDriftIT {

    private static final String LOCATION = "db/migration";

    @TempDir
    Path project;

    private TestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabases.create("realistic");
        Path target = project.resolve(LOCATION);
        Files.createDirectories(target);
        URL dir = Objects.requireNonNull(getClass().getClassLoader().getResource("replay/realistic"));
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path f : files.toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    Files.copy(in, target.resolve(f.getFileName().toString()));
                }
            }
        }
        // without the transactional lock, CREATE INDEX CONCURRENTLY does not wait for Flyway's own lock transaction
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("filesystem:" + target)
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private DriftReport detect() throws Exception {
        DriftSettings settings = new DriftSettings(project, List.of(LOCATION), List.of(), List.of(), Map.of(),
                Set.of(), null, List.of(), null);
        try (Connection c = Connections.open(db.settings())) {
            return new DriftDetector(settings, db.settings().masking()).detect(c);
        }
    }

    @Test
    void replayedExpectationShowsNoDrift() throws Exception {
        DriftReport report = detect();
        assertEquals("replay", report.expectedSource());
        assertEquals(18, report.applied());
        assertEquals(List.of(), report.findings(), () -> String.join("\n", DriftConsoleReport.lines(report)));
    }
}
