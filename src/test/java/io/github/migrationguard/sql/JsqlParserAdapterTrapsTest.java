package io.github.migrationguard.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.analysis.OperationType;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import org.junit.jupiter.api.Test;

/**
 * JSqlParser 5.4 behaviours that would mislead a naive caller, each shown on the library itself and then what the
 * adapter guarantees instead.
 */
class JsqlParserAdapterTrapsTest {

    private final JsqlParserAdapter adapter = new JsqlParserAdapter();

    private static CCJSqlParser plainParser(String sql) {
        return new CCJSqlParser(new StringProvider(sql));
    }

    @Test
    void statementStopsSilentlyAfterASemicolon() throws ParseException {
        CCJSqlParser parser = plainParser("SELECT 1 ; DROP TABLE x");
        Statement statement = parser.Statement();
        assertInstanceOf(PlainSelect.class, statement);
        assertEquals("SELECT 1", statement.toString());
        assertEquals("DROP", parser.getToken(1).image); // the DROP was never read

        ParseOutcome outcome = adapter.parse("SELECT 1 ; DROP TABLE x");
        assertFalse(outcome.parsed());
        assertEquals("JSqlParser stopped before the end of the statement, at line 1, column 12 (\"DROP\")",
                outcome.error());
    }

    @Test
    void twoBlankLinesAreAStatementSeparator() throws ParseException {
        String sql = "SELECT 1\n\n\nDROP TABLE x";
        CCJSqlParser parser = plainParser(sql);
        assertEquals("SELECT 1", parser.Statement().toString());
        assertEquals("DROP", parser.getToken(1).image);

        ParseOutcome outcome = adapter.parse(sql);
        assertFalse(outcome.parsed());
        assertTrue(outcome.error().startsWith("JSqlParser stopped before the end of the statement, at line 4"),
                outcome.error());
        // one blank line is not a separator: then it is just a syntax error
        assertFalse(adapter.parse("SELECT 1\n\nDROP TABLE x").parsed());
    }

    @Test
    void aTrailingSemicolonAloneIsAccepted() {
        assertTrue(adapter.parse("SELECT 1 ;").parsed());
        assertFalse(adapter.parse("SELECT 1 ; ;").parsed());
    }

    @Test
    void unsupportedStatementComesBackEvenWhenUnsupportedStatementsAreOff() throws ParseException {
        CCJSqlParser parser = plainParser("ALTER INDEX i RENAME TO j");
        parser.withUnsupportedStatements(false);
        assertInstanceOf(UnsupportedStatement.class, parser.Statement());

        for (String sql : List.of("ALTER INDEX i RENAME TO j", "ALTER SCHEMA s RENAME TO t",
                "ALTER FUNCTION f ( ) OWNER TO r", "CREATE AGGREGATE a ( int ) ( SFUNC = f , STYPE = int )")) {
            ParseOutcome outcome = adapter.parse(sql);
            assertFalse(outcome.parsed(), sql);
            assertEquals("JSqlParser does not support this statement type", outcome.error(), sql);
        }
    }

    @Test
    void trailingWordsAreSwallowedAsFreeText() throws ParseException {
        // SELECT 1 garbage is a column alias; a second word is rejected
        assertEquals("PlainSelect", adapter.parse("SELECT 1 garbage").statementType());
        assertFalse(adapter.parse("SELECT 1 garbage garbage").parsed());
        // CREATE TABLE takes any trailing words as table options, ALTER TABLE any action as free text
        CreateTable table = (CreateTable) plainParser("CREATE TABLE t ( id int ) garbage garbage").Statement();
        assertEquals(List.of("garbage", "garbage"), table.getTableOptionsStrings());
        Alter alter = (Alter) plainParser("ALTER TABLE t garbage DROP x").Statement();
        assertEquals(AlterOperation.UNSPECIFIC, alter.getAlterExpressions().get(0).getOperation());
        assertEquals("garbage DROP x", alter.getAlterExpressions().get(0).getOptionalSpecifier());
        // ... but a keyword where an option cannot be still fails
        assertFalse(adapter.parse("CREATE TABLE t ( id int ) DROP TABLE x").parsed());

        // the adapter accepts these (the whole text was consumed) and reads the free text for destructive words
        assertEquals(Set.of(), adapter.parse("CREATE TABLE t ( id int ) garbage garbage").treeOperations());
        assertEquals(Set.of(OperationType.DROP), adapter.parse("ALTER TABLE t garbage DROP x").treeOperations());
        assertEquals(Set.of(OperationType.DROP), adapter.parse("CREATE TABLE t ( id int ) DROP x").treeOperations());
    }

    @Test
    void dropIndexConcurrentlyIsMisread() throws ParseException {
        Drop drop = (Drop) plainParser("DROP INDEX CONCURRENTLY idx").Statement();
        assertEquals("CONCURRENTLY", drop.getName().getFullyQualifiedName()); // the keyword became the name
        assertEquals(List.of("idx"), drop.getParameters()); // and the index a parameter

        ParseOutcome outcome = adapter.parse("DROP INDEX CONCURRENTLY idx");
        assertTrue(outcome.parsed());
        assertEquals("Drop", outcome.statementType());
        assertEquals(Set.of(OperationType.DROP), outcome.treeOperations());
        // with IF EXISTS it does not parse at all
        assertFalse(adapter.parse("DROP INDEX CONCURRENTLY IF EXISTS idx").parsed());
    }

    @Test
    void aParenthesizedUpdateIsAnUpdateWithoutWhere() throws ParseException {
        PlainSelect select = (PlainSelect) plainParser(
                "WITH u AS ( UPDATE t SET a = 1 WHERE id = 1 RETURNING * ) SELECT * FROM u").Statement();
        WithItem<?> with = select.getWithItemsList().get(0);
        ParenthesedUpdate wrapper = assertInstanceOf(ParenthesedUpdate.class, with.getParenthesedStatement());
        assertEquals(null, wrapper.getWhere()); // the wrapper has no WHERE ...
        assertEquals("id = 1", wrapper.getUpdate().getWhere().toString()); // ... the wrapped UPDATE has

        assertEquals(Set.of(), adapter.parse(
                "WITH u AS ( UPDATE t SET a = 1 WHERE id = 1 RETURNING * ) SELECT * FROM u").treeOperations());
    }

    @Test
    void theInterruptedFlagDoesNotStopAParse() throws ParseException {
        // JSqlParser's own time limit sets this flag; only expression alternatives read it
        CCJSqlParser ddl = plainParser("CREATE TABLE t ( id int )");
        ddl.interrupted = true;
        assertInstanceOf(CreateTable.class, ddl.Statement());
        assertEquals(CCJSqlParserConstants.EOF, ddl.getToken(1).kind);

        CCJSqlParser query = plainParser("SELECT f ( a ) FROM t");
        query.interrupted = true;
        assertThrows(ParseException.class, query::Statement);
    }

    @Test
    void statementsJSqlParserCannotParse() {
        List<String> statements = List.of(
                "DROP TYPE mood",
                "DROP TYPE IF EXISTS mood CASCADE",
                "DROP POLICY p ON t",
                "DROP DOMAIN d",
                "DROP DOMAIN IF EXISTS d CASCADE",
                "TRUNCATE a , b RESTART IDENTITY",
                "TRUNCATE a CONTINUE IDENTITY",
                "VACUUM",
                "VACUUM ANALYZE t",
                "VACUUM FULL t",
                "CLUSTER",
                "CLUSTER t USING idx",
                "COPY t FROM stdin",
                "COPY t ( a ) FROM STDIN WITH ( FORMAT csv )",
                "LOCK TABLE t",
                "LOCK TABLE t IN ACCESS EXCLUSIVE MODE",
                "LOCK TABLE t IN ACCESS SHARE MODE",
                "LOCK TABLE t IN SHARE UPDATE EXCLUSIVE MODE",
                "LOCK t",
                "BEGIN",
                "BEGIN TRANSACTION",
                "BEGIN ISOLATION LEVEL SERIALIZABLE",
                "START TRANSACTION",
                "END",
                "DROP USER u",
                "DROP TABLESPACE ts",
                "DROP AGGREGATE a ( int )",
                "DROP FOREIGN TABLE f",
                "DROP EVENT TRIGGER e",
                "DELETE FROM ONLY t WHERE a = 1",
                "UPDATE ONLY t SET a = 1");
        for (String sql : statements) {
            ParseOutcome outcome = adapter.parse(sql);
            assertFalse(outcome.parsed(), sql);
            assertEquals(Set.of(), outcome.treeOperations(), sql);
        }
    }

    @Test
    void lockParsesOnlyInSomeModes() {
        for (String mode : List.of("ROW SHARE", "ROW EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE")) {
            ParseOutcome outcome = adapter.parse("LOCK TABLE t IN " + mode + " MODE");
            assertTrue(outcome.parsed(), mode);
            assertEquals("LockStatement", outcome.statementType());
        }
    }
}
