package io.github.migrationguard.lint.rules;

import static io.github.migrationguard.lint.rules.RuleTestSupport.assertFindings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.analysis.OperationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanUnrecognizedStatementRuleTest {

    private final BanUnrecognizedStatementRule rule = new BanUnrecognizedStatementRule();

    @Test
    void reportsWithTheFirstLineOfTheParserComplaint() {
        String sql = "FROBNICATE the database;";
        List<FakeRuleContext.Reported> r = FakeRuleContext.of(sql)
                .operation(OperationType.UNRECOGNIZED, "FROBNICATE", "FROBNICATE ...").run(rule);
        assertEquals(1, r.size());
        assertEquals(0, r.get(0).start());
        String m = r.get(0).message();
        assertEquals("Statement not recognised, so it cannot be called safe: FROBNICATE ... (parser: Encountered"
                + " unexpected token: \"frob\").", m);
        assertFalse(m.contains("Was expecting"), m);
    }

    @Test
    void aParserComplaintAlreadyInTheDetailIsNotRepeated() {
        List<FakeRuleContext.Reported> r = FakeRuleContext.of("FROBNICATE;")
                .operation(OperationType.UNRECOGNIZED, "FROBNICATE",
                        "not a recognised kind: Encountered unexpected token: \"frob\"").run(rule);
        assertEquals("Statement not recognised, so it cannot be called safe: not a recognised kind: Encountered"
                + " unexpected token: \"frob\".", r.get(0).message());
    }

    @Test
    void ignoresOtherOperations() {
        assertEquals(List.of(), FakeRuleContext.of("DROP TABLE t;")
                .operation(OperationType.DROP, "DROP", "DROP TABLE t").run(rule));
    }

    @Test
    void flagsWhatNobodyCanRead() {
        assertFindings("""
                CREATE TABLE t (id int);
                -- EXPECT: ban-unrecognized-statement
                FROBNICATE the database;
                -- EXPECT: ban-unrecognized-statement
                SELEC * FROM t;
                -- EXPECT: ban-unrecognized-statement
                CREATE TABEL t2 (id int);
                SELECT id FROM t;
                """);
    }

    @Test
    void ordinaryDdlIsRecognised() {
        assertFindings("""
                CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
                CREATE INDEX idx_users_email ON users (email);
                ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();
                INSERT INTO users (id, email) VALUES (1, 'a@example.org');
                CREATE VIEW active_users AS SELECT id, email FROM users;
                COMMENT ON COLUMN users.email IS 'login name';
                """);
    }
}
