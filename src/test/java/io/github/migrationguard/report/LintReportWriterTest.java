package io.github.migrationguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintReportWriterTest {

    @Test
    void writesFourFilesIntoANewDirectory(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("target/migration-guard");
        List<Path> written = LintReportWriter.writeAll(ReportFixtures.report(), ReportFixtures.rules(), dir, "0.1.0");
        assertEquals(List.of(dir.resolve("validate-safe.sarif"), dir.resolve("validate-safe.json"),
                dir.resolve("TEST-migration-guard.validate-safe.xml"), dir.resolve("validate-safe.md")), written);
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertEquals(Set.of("validate-safe.sarif", "validate-safe.json", "TEST-migration-guard.validate-safe.xml",
                    "validate-safe.md"), names, "no temporary files are left behind");
        }
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(Set.of(), SarifSchema.errors(mapper.readTree(written.get(0).toFile())));
        assertEquals(4, mapper.readTree(written.get(1).toFile()).get("findings").size());
        assertTrue(Files.readString(written.get(2)).contains("<testsuite name=\"migration-guard.validate-safe\""));
        assertEquals(MarkdownReport.render(ReportFixtures.report()),
                Files.readString(written.get(3), StandardCharsets.UTF_8));
    }

    @Test
    void replacesReportsOfAnEarlierRun(@TempDir Path dir) throws Exception {
        LintReportWriter.writeAll(ReportFixtures.report(), ReportFixtures.rules(), dir, "0.1.0");
        List<Path> written = LintReportWriter.writeAll(ReportFixtures.clean(), ReportFixtures.rules(), dir, "0.1.0");
        assertEquals(0, new ObjectMapper().readTree(written.get(1).toFile()).get("findings").size());
        assertTrue(Files.readString(written.get(2)).contains("failures=\"0\""));
        assertTrue(Files.readString(written.get(3)).contains("No findings."));
    }
}
