package io.github.migrationguard.lint.rules;

import static io.github.migrationguard.lint.rules.RuleTestSupport.assertFindings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.lint.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The harness itself: it must fail when findings and markers disagree, in either direction. */
class RuleTestSupportTest {

    @Test
    void aMissingFindingFailsWithExpectedAndActualPerStatement() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertFindings("""
                -- EXPECT: ban-drop
                CREATE TABLE t (id int);
                """));
        assertTrue(e.getMessage().contains("(none)"), e.getMessage());
        assertEquals("line 2 `CREATE TABLE t (id int);`: ban-drop\n", e.getExpected().getStringRepresentation());
        assertEquals("", e.getActual().getStringRepresentation());
    }

    @Test
    void anUnexpectedFindingFailsAndNamesRuleLineAndColumn() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertFindings("""
                SELECT 1;
                  DROP TABLE t;
                """));
        assertTrue(e.getMessage().contains("ban-drop@2:3 "), e.getMessage());
        assertEquals("line 2 `DROP TABLE t;`: ban-drop\n", e.getActual().getStringRepresentation());
    }

    @Test
    void markersBindToTheNextStatementEvenOnTheSameLine() {
        assertFindings("""
                -- EXPECT: ban-drop
                DROP TABLE a; SELECT 1;
                """);
        assertThrows(AssertionFailedError.class, () -> assertFindings("""
                SELECT 1;
                -- EXPECT: ban-drop
                SELECT 2; DROP TABLE a;
                """));
    }

    @Test
    void markersAreNotAcknowledgements() {
        List<Finding> f = assertFindings("""
                -- EXPECT: ban-drop
                DROP TABLE a;
                """);
        assertEquals(1, f.size());
        assertTrue(!f.get(0).acknowledged());
    }

    @Test
    void repeatedIdsCountFindings() {
        assertThrows(AssertionFailedError.class, () -> assertFindings("""
                -- EXPECT: ban-drop, ban-drop
                DROP TABLE a;
                """));
    }
}
