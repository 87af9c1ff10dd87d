package io.github.migrationguard.sql.analysis;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.PsqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scanner never throws, stays within the text, and finds a destructive statement among harmless ones. */
class DestructiveScannerRobustnessTest {

    private static final String[] HARMLESS = {
        "CREATE TABLE t (id int REFERENCES p ON DELETE CASCADE)",
        "GRANT SELECT, UPDATE, DELETE, TRUNCATE ON t TO app",
        "CREATE TRIGGER trg AFTER UPDATE OF a OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION f()",
        "CREATE POLICY p ON t FOR DELETE USING (true)",
        "ALTER TABLE t ALTER COLUMN c DROP DEFAULT, ALTER d DROP NOT NULL",
        "CREATE TEMP TABLE s (id int) ON COMMIT DROP",
        "SELECT * FROM t FOR UPDATE",
        "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = 2",
        "COMMENT ON TABLE t IS 'DROP TABLE t; DELETE FROM t'",
        "UPDATE t SET a = 1 WHERE id = 3",
        "DO $$ BEGIN IF TG_OP = 'DELETE' THEN RAISE NOTICE 'x'; END IF; END $$",
        "DO $$ BEGIN EXECUTE format('CREATE INDEX %I ON %I (a)', 'i', 't'); END $$",
        "CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING",
        "EXPLAIN DELETE FROM t",
        "SELECT \"drop\", audit.delete, drop_log FROM audit",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $f$ SELECT 1 $f$",
    };

    private static final String[] FRAGMENTS = {
        "DROP", "delete", "TRUNCATE", "UPDATE", "SET", "WHERE", "DO", "EXECUTE", "format", "(", ")", "(", ")", ",",
        ";", ".", "'x'", "'a''b'", "E'\\n'", "U&'\\0044'", "UESCAPE", "$$", "$$ DROP $$", "$q$x$q$", "||", "::",
        "text", "ON", "COMMIT", "ALTER", "COLUMN", "DEFAULT", "NOT", "NULL", "GRANT", "REVOKE", "CREATE",
        "TRIGGER", "POLICY", "RULE", "AS", "FOR", "LANGUAGE", "plpgsql", "FUNCTION", "BEGIN", "END", "THEN",
        "LOOP", "INTO", "USING", "EXPLAIN", "ANALYZE", "%I", "'%s'", "'%I'", "quote_ident", "dblink_exec",
        ":v", ":'v'", "[", "]", "1", "1.5", "*", "=", "--c\n", "/* c */", "x", "\"q\"", "COPY", "PROGRAM",
        "CONFLICT", "MERGE", "WHEN", "MATCHED", "'DO $b$ BEGIN DROP TABLE t; END $b$'", "\\", "$1",
    };

    @Test
    void randomTokenSoupNeverThrowsAndStaysInsideTheText() {
        Random random = new Random(20240611L);
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + random.nextInt(40);
            for (int i = 0; i < len; i++) {
                sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(random.nextBoolean() ? " " : "\n");
            }
            String sql = sb.toString();
            List<Operation> ops = assertDoesNotThrow(() -> DestructiveScanner.scan(PsqlLexer.lex(sql).tokens(), sql),
                    sql);
            for (Operation op : ops) {
                assertTrue(op.start() >= 0 && op.start() <= op.end() && op.end() <= sql.length(), sql + " -> " + op);
                assertTrue(op.detail() != null && !op.detail().isBlank(), sql + " -> " + op);
            }
        }
    }

    @Test
    void aDropAmongHarmlessStatementsIsAlwaysFoundAtItsLine() {
        Random random = new Random(7L);
        for (int round = 0; round < 300; round++) {
            List<String> statements = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                statements.add(HARMLESS[random.nextInt(HARMLESS.length)]);
            }
            int at = random.nextInt(count + 1);
            statements.add(at, "DROP TABLE target");
            String sql = String.join(";\n", statements) + ";\n";
            List<Operation> ops = ScanFixture.scan(sql);
            assertEquals(1, ops.size(), () -> sql + " -> " + ops);
            assertEquals(OperationType.DROP, ops.get(0).type());
            assertEquals(sql.indexOf("DROP TABLE target"), ops.get(0).start());
        }
    }

    @Test
    void deeplyParenthesisedExecuteIsDynamicNotACrash() {
        String expr = "'DROP TABLE t'";
        for (int i = 0; i < 5000; i++) {
            expr = "(" + expr + ")";
        }
        String sql = "DO $$ BEGIN EXECUTE " + expr + "; END $$;";
        List<Operation> ops = assertDoesNotThrow(() -> ScanFixture.scan(sql));
        assertEquals(List.of(OperationType.DYNAMIC_SQL), ops.stream().map(Operation::type).toList());
    }

    @Test
    void bodiesThatDoNotLexAreNotTrusted() {
        List<Operation> ops = ScanFixture.scan("DO $$ BEGIN RAISE NOTICE 'x; DROP TABLE t; END $$;");
        assertEquals(List.of(OperationType.DYNAMIC_SQL), ops.stream().map(Operation::type).toList());
        List<Operation> backslash = ScanFixture.scan("DO $$ BEGIN \\ DROP TABLE t; END $$;");
        assertEquals(List.of(OperationType.DYNAMIC_SQL), backslash.stream().map(Operation::type).toList());
    }

    @Test
    void manyOperationsInOneStatementAreAllReported() {
        StringBuilder sb = new StringBuilder("ALTER TABLE t ");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i == 0 ? "" : ", ").append("DROP COLUMN c").append(i);
        }
        String sql = sb.append(';').toString();
        List<Operation> ops = ScanFixture.scan(sql);
        assertEquals(20_000, ops.size());
        assertEquals("ALTER TABLE t DROP COLUMN c19999", ops.get(19_999).detail());
        assertEquals(sql.lastIndexOf("DROP"), ops.get(19_999).start());
    }
}
