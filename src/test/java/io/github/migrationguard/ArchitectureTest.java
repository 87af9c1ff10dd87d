package io.github.migrationguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only the thin Maven layer may depend on Maven; the core must stay usable without it. */
class ArchitectureTest {

    private static final Path SOURCES = Paths.get("src/main/java");
    private static final Path MAVEN_PACKAGE = SOURCES.resolve("io/github/migrationguard/maven");
    private static final Pattern MAVEN_IMPORT =
            Pattern.compile("^\\s*import\\s+(?:static\\s+)?org\\.apache\\.maven\\.", Pattern.MULTILINE);

    @Test
    void onlyTheMavenPackageImportsMaven() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(MAVEN_PACKAGE))
                    .sorted()
                    .forEach(p -> {
                        Matcher m = MAVEN_IMPORT.matcher(read(p));
                        if (m.find()) {
                            offenders.add(p + " imports org.apache.maven.*");
                        }
                    });
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theScanSeesBothSides() throws IOException {
        // guards the test above against scanning the wrong directory and passing vacuously
        try (Stream<Path> files = Files.walk(MAVEN_PACKAGE)) {
            assertTrue(files.anyMatch(p -> MAVEN_IMPORT.matcher(read(p)).find()),
                    "the maven package must be visible to the scan");
        }
        try (Stream<Path> files = Files.walk(SOURCES)) {
            assertTrue(files.filter(p -> p.toString().endsWith(".java")).anyMatch(p -> !p.startsWith(MAVEN_PACKAGE)),
                    "core sources must be visible to the scan");
        }
    }

    @Test
    void thePatternRecognisesMavenImports() {
        assertTrue(MAVEN_IMPORT.matcher("package a;\nimport org.apache.maven.plugin.Mojo;\n").find());
        assertTrue(MAVEN_IMPORT.matcher("import static org.apache.maven.X.y;").find());
        assertFalse(MAVEN_IMPORT.matcher("import org.apache.commons.Foo;\n// org.apache.maven.\n").find());
    }

    private static String read(Path p) {
        if (Files.isDirectory(p)) {
            return "";
        }
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
