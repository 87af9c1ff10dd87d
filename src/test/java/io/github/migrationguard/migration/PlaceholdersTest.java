package io.github.migrationguard.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void textWithoutPlaceholdersIsReturnedAsIs() {
        String text = "create table t (id int);";
        Placeholders.Result r = Placeholders.apply(text, Map.of("x", "y"));
        assertSame(text, r.text());
        assertEquals(7, r.toOriginal(7));
    }

    @Test
    void substitutesAndMapsOffsetsBack() {
        String text = "create table ${schema}.t (id int);\ndrop table x;";
        Placeholders.Result r = Placeholders.apply(text, Map.of("schema", "app_data"));
        assertEquals("create table app_data.t (id int);\ndrop table x;", r.text());
        int dropInNew = r.text().indexOf("drop");
        assertEquals(text.indexOf("drop"), r.toOriginal(dropInNew));
        // an offset inside the substituted value maps to the placeholder itself
        assertEquals(text.indexOf("${schema}"), r.toOriginal(r.text().indexOf("data")));
        assertEquals(0, r.toOriginal(0));
    }

    @Test
    void longerAndShorterValuesBothMapExactly() {
        String text = "${a} ${bb} x";
        Placeholders.Result r = Placeholders.apply(text, Map.of("a", "LONGVALUE", "bb", "s"));
        assertEquals("LONGVALUE s x", r.text());
        assertEquals(text.indexOf('x'), r.toOriginal(r.text().indexOf('x')));
        assertEquals(text.indexOf("${bb}"), r.toOriginal(r.text().indexOf(" s") + 1));
    }

    @Test
    void missingValuesAreReportedAndReplacedByAnIdentifier() {
        String text = "grant select on t to ${app_role};";
        Placeholders.Result r = Placeholders.apply(text, Map.of());
        assertEquals("grant select on t to placeholder_app_role;", r.text());
        assertEquals(List.of(new Placeholders.Missing("app_role", 21, 32)), r.missing());
    }

    @Test
    void flywayBuiltInsNeedNoConfiguration() {
        Placeholders.Result r = Placeholders.apply("set search_path to ${flyway:defaultSchema};", Map.of());
        assertEquals("set search_path to public;", r.text());
        assertEquals(List.of(), r.missing());
    }

    @Test
    void dollarBraceThatIsNotAPlaceholderIsLeftAlone() {
        String text = "select '${not closed' ;\nselect '${ spaced }';";
        Placeholders.Result r = Placeholders.apply(text, Map.of());
        assertEquals(text, r.text());
        assertEquals(List.of(), r.missing());
    }
}
