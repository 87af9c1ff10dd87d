package io.github.migrationguard.schema.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentsTest {

    @Test
    void objectNamesJoinTheirPartsWithUnderscores() {
        assertEquals("users_email_key", Idents.objectName("users", "email", "key"));
        assertEquals("users_pkey", Idents.objectName("users", null, "pkey"));
    }

    @Test
    void theLongerNameIsCutFirstAndTheLabelNever() {
        String table = "t".repeat(70);
        String name = Idents.objectName(table, "col", "pkey");
        assertEquals(63, name.length());
        assertEquals("t".repeat(54) + "_col_pkey", name);
        String both = Idents.objectName("a".repeat(40), "b".repeat(40), "key");
        assertEquals("a".repeat(29) + "_" + "b".repeat(29) + "_key", both);
    }

    @Test
    void aTakenNameGetsANumberAfterTheLabel() {
        Set<String> taken = Set.of("t_a_check", "t_a_check1");
        assertEquals("t_a_check2", Idents.choose("t", "a", "check", taken::contains));
        assertEquals("t_b_check", Idents.choose("t", "b", "check", taken::contains));
    }

    @Test
    void identifiersAreCutTo63BytesWithoutSplittingACharacter() {
        assertEquals("é".repeat(31), Idents.truncate("é".repeat(40)));
        assertEquals("x".repeat(63), Idents.truncate("x".repeat(64)));
    }

    @Test
    void quotingFollowsQuoteIdent() {
        assertEquals("users", Idents.quote("users"));
        assertEquals("user_id2", Idents.quote("user_id2"));
        assertEquals("\"Users\"", Idents.quote("Users"));
        assertEquals("\"order\"", Idents.quote("order"));
        assertEquals("\"user\"", Idents.quote("user"));
        assertEquals("name", Idents.quote("name"), "an unreserved keyword needs no quotes");
        assertEquals("\"1abc\"", Idents.quote("1abc"));
        assertEquals("\"a\"\"b\"", Idents.quote("a\"b"));
        assertEquals("public.\"Daily\"", Idents.qualified("public", "Daily"));
    }

    @Test
    void indexColumnNamesAreMadeUnique() {
        assertEquals(List.of("expr", "expr1", "a", "expr2"),
                Idents.uniqueColumnNames(List.of("expr", "expr", "a", "expr")));
        assertEquals("a_b_c", Idents.joinedNames(List.of("a", "b", "c")));
    }
}
