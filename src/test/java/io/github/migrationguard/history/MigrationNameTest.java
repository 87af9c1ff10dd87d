package io.github.migrationguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.history.MigrationName.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.internal.resource.ResourceName;
import org.flywaydb.core.internal.resource.ResourceNameParser;
import org.flywaydb.core.internal.util.AbbreviationUtils;
import org.junit.jupiter.api.Test;

class MigrationNameTest {

    @Test
    void versionedNames() {
        MigrationName n = MigrationName.parse("V1_1__add_users_table.sql");
        assertEquals(Kind.VERSIONED, n.kind());
        assertEquals("V", n.prefix());
        assertEquals("1.1", n.version().toString());
        assertEquals("add users table", n.description());
        assertEquals(".sql", n.suffix());
        assertTrue(n.isValid());
        assertNull(n.problem());

        MigrationName twoSeparators = MigrationName.parse("V2__a__b.sql");
        assertEquals("a  b", twoSeparators.description());
        MigrationName noDescription = MigrationName.parse("V3.sql");
        assertEquals(Kind.VERSIONED, noDescription.kind());
        assertEquals("", noDescription.description());
        MigrationName upper = MigrationName.parse("V4__x.SQL");
        assertTrue(upper.isValid());
        assertEquals(".SQL", upper.suffix());
        assertEquals(FlywayVersion.parse("1.1"), MigrationName.parse("V1.01__x.sql").version());
    }

    @Test
    void otherKinds() {
        assertEquals(Kind.REPEATABLE, MigrationName.parse("R__refresh_views.sql").kind());
        assertEquals("refresh views", MigrationName.parse("R__refresh_views.sql").description());
        assertNull(MigrationName.parse("R__refresh_views.sql").version());
        assertEquals(Kind.BASELINE, MigrationName.parse("B5__baseline.sql").kind());
        assertEquals("5", MigrationName.parse("B5__baseline.sql").version().toString());
        assertEquals(Kind.UNDO, MigrationName.parse("U2__drop_users.sql").kind());
        assertEquals(Kind.CALLBACK, MigrationName.parse("beforeMigrate.sql").kind());
        assertEquals(Kind.CALLBACK, MigrationName.parse("afterEachMigrate__log.sql").kind());
        assertEquals("log", MigrationName.parse("afterEachMigrate__log.sql").description());
    }

    @Test
    void invalidNamesSayWhy() {
        assertProblem("v1__lower.sql", "is not a migration name");
        assertProblem("r__lower.sql", "is not a migration name");
        assertProblem("V__no_version.sql", "has no version");
        assertProblem("V1a__x.sql", "invalid version '1a'");
        assertProblem("R1__x.sql", "must not have a version");
        assertProblem("V1__x.sql.conf", "does not end with .sql");
        assertProblem("README.md", "does not end with .sql");
        assertProblem("init.sql", "is not a migration name");
    }

    private static void assertProblem(String name, String fragment) {
        MigrationName n = MigrationName.parse(name);
        assertEquals(Kind.INVALID, n.kind(), name);
        assertFalse(n.isValid());
        assertTrue(n.problem().contains(fragment), n.problem());
        assertTrue(n.problem().contains(name), n.problem());
    }

    @Test
    void customConventions() {
        MigrationName.Conventions c = new MigrationName.Conventions("M", "REP", "BASE", "UNDO", "-",
                List.of(".pgsql", ".sql"));
        MigrationName n = MigrationName.parse("M2024.1-create-users.pgsql", c);
        assertEquals(Kind.VERSIONED, n.kind());
        assertEquals("2024.1", n.version().toString());
        assertEquals("create-users", n.description());
        assertEquals(Kind.REPEATABLE, MigrationName.parse("REP-views.sql", c).kind());
    }

    @Test
    void callbackListMatchesFlyway() {
        Set<String> flyway = Arrays.stream(Event.values()).map(Event::getId).collect(Collectors.toSet());
        assertEquals(flyway, Set.copyOf(MigrationName.CALLBACK_EVENTS));
    }

    /** Flyway's own parser is the oracle for every name it knows (undo scripts are a Teams feature). */
    @Test
    void agreesWithFlywaysParser() {
        ResourceNameParser flyway = new ResourceNameParser(Flyway.configure());
        List<String> names = new ArrayList<>(List.of("V1__init.sql", "V1_1__a_b.sql", "V1__.sql", "V__x.sql",
                "R__views.sql", "r__views.sql", "B2__base.sql", "V1__init.SQL", "V1.sql", "V1_2_3__x__y.sql",
                "R1__x.sql", "beforeMigrate.sql", "beforeMigrate__x.sql", "afterEachMigrate__y.sql", "V1a__x.sql",
                "V01__x.sql", "V1.1__My_Desc  .sql", "V2__über_café.sql", "Vx.sql", "V-1__neg.sql", "V1..2__x.sql",
                "V1.__x.sql", "R__.sql", "B__x.sql", "createSchema.sql", "V20240101120000__ts.sql", "V1__a.b.sql"));
        Random random = new Random(7);
        String[] starts = {"V", "R", "B", "v", "X", "beforeMigrate", "afterMigrate", ""};
        String alphabet = "0123456789._-_aZ ü";
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder(starts[random.nextInt(starts.length)]);
            int len = random.nextInt(10);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                if (random.nextInt(8) == 0) {
                    sb.append("__");
                }
            }
            names.add(sb + (random.nextBoolean() ? ".sql" : ".Sql"));
        }
        int validCount = 0;
        for (String name : names) {
            ResourceName expected = flyway.parse(name);
            MigrationName actual = MigrationName.parse(name);
            assertEquals(expected.isValid(), actual.isValid(), () -> "validity of " + name + ": " + actual.problem());
            if (expected.isValid()) {
                validCount++;
                assertEquals(expected.getPrefix(), actual.prefix(), name);
                assertEquals(expected.getDescription(), actual.description(), name);
                String expectedVersion = expected.getVersion() == null ? null : expected.getVersion().toString();
                assertEquals(expectedVersion, actual.version() == null ? null : actual.version().toString(), name);
            }
        }
        assertTrue(validCount > 300, "corpus has too few valid names: " + validCount);
    }

    @Test
    void abbreviationsMatchFlyway() {
        for (int len : new int[] {0, 1, 199, 200, 201, 350, 999, 1000, 1001, 1500}) {
            String s = "x".repeat(Math.max(0, len - 3)) + "end".substring(0, Math.min(3, len));
            String varied = new StringBuilder(s).reverse().toString() + "";
            assertEquals(AbbreviationUtils.abbreviateDescription(s), MigrationName.abbreviateDescription(s));
            assertEquals(AbbreviationUtils.abbreviateScript(varied), MigrationName.abbreviateScript(varied));
        }
        String numbered = "0123456789".repeat(120);
        assertEquals(AbbreviationUtils.abbreviateScript(numbered), MigrationName.abbreviateScript(numbered));
        assertEquals(AbbreviationUtils.abbreviateDescription(numbered), MigrationName.abbreviateDescription(numbered));
        assertEquals(200, MigrationName.parse("V1__" + "d".repeat(300) + ".sql").historyDescription().length());
    }
}
