package io.github.migrationguard.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private static List<String> texts(SplitResult r) {
        return r.statements().stream().map(SqlStatement::text).collect(Collectors.toList());
    }

    private static List<String> tokenTexts(SqlStatement s) {
        return s.tokens().stream().map(Token::text).collect(Collectors.toList());
    }

    @Test
    void splitsAtSemicolonsAndKeepsExactOffsets() {
        String sql = "create table a (id int);\n  insert into a values (1) ;drop table b";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("create table a (id int);", "insert into a values (1) ;", "drop table b"), texts(r));
        SqlStatement second = r.statements().get(1);
        assertEquals(27, second.start());
        assertEquals(53, second.end());
        assertEquals(List.of("insert", "into", "a", "values", "(", "1", ")"),
                second.body().stream().map(Token::text).collect(Collectors.toList()));
        SqlStatement last = r.statements().get(2);
        assertFalse(last.tokens().get(last.tokens().size() - 1).isPunct(';'));
        assertEquals(sql.length(), last.end());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void emptyStatementsProduceNothing() {
        SplitResult r = StatementSplitter.split(";; ;\nselect 1;;");
        assertEquals(List.of("select 1;"), texts(r));
    }

    @Test
    void emptyFileAndWhitespaceOnly() {
        SplitResult empty = StatementSplitter.split("");
        assertTrue(empty.statements().isEmpty());
        assertTrue(empty.comments().isEmpty());
        assertTrue(empty.problems().isEmpty());
        assertTrue(StatementSplitter.split(" \r\n\t\f").statements().isEmpty());
    }

    @Test
    void fileOfOnlyComments() {
        String sql = "-- header\n/* block\n /* nested */ ; */\n-- migration-guard:allow ban-drop-table reason=\"x\"";
        SplitResult r = StatementSplitter.split(sql);
        assertTrue(r.statements().isEmpty());
        assertEquals(3, r.comments().size());
        assertEquals(10, r.comments().get(1).start());
        assertEquals(sql.indexOf("-- migration-guard"), r.comments().get(2).start());
    }

    @Test
    void leadingCommentsAreNotPartOfTheStatement() {
        String sql = "-- drop it\n/* why */ drop table t; -- trailing\nselect 1;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("drop table t;", "select 1;"), texts(r));
        assertEquals(sql.indexOf("drop table"), r.statements().get(0).start());
        assertEquals(List.of("-- drop it", "/* why */", "-- trailing"),
                r.comments().stream().map(Token::text).collect(Collectors.toList()));
    }

    @Test
    void commentsInsideAStatementStayOutOfItsTokens() {
        SplitResult r = StatementSplitter.split("select /* ; */ 1 -- ;\n from t;");
        assertEquals(1, r.statements().size());
        assertEquals(List.of("select", "1", "from", "t", ";"), tokenTexts(r.statements().get(0)));
        assertEquals(2, r.comments().size());
    }

    @Test
    void semicolonsInsideQuotesIdentifiersAndDollarBodiesDoNotSplit() {
        String sql = "insert into \"we;ird\" values ('a;b', E'c\\';d');\n"
                + "create function f() returns void as $fn$ begin perform 1; $$ ; $$; end $fn$ language plpgsql;\n"
                + "select \"--\" from \"'\";";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(3, r.statements().size());
        assertEquals("insert into \"we;ird\" values ('a;b', E'c\\';d');", r.statements().get(0).text());
        assertTrue(r.statements().get(1).text().endsWith("language plpgsql;"));
        assertEquals("select \"--\" from \"'\";", r.statements().get(2).text());
        assertTrue(r.comments().isEmpty());
    }

    @Test
    void beginAtomicBodyKeepsItsSemicolons() {
        String sql = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\n"
                + "BEGIN ATOMIC\n  SELECT CASE WHEN a > 0 THEN 1 ELSE 2 END;\n  SELECT 3;\nEND;\n"
                + "create procedure p() begin atomic insert into t values (1); end;\n"
                + "select 4;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(3, r.statements().size(), () -> texts(r).toString());
        assertTrue(r.statements().get(0).text().startsWith("CREATE OR REPLACE FUNCTION"));
        assertTrue(r.statements().get(0).text().endsWith("SELECT 3;\nEND;"));
        assertEquals("create procedure p() begin atomic insert into t values (1); end;", r.statements().get(1).text());
        assertEquals("select 4;", r.statements().get(2).text());
    }

    @Test
    void beginOutsideCreateFunctionIsATransaction() {
        SplitResult r = StatementSplitter.split("BEGIN; CREATE TABLE t (id int); END;\ncreate table begin_x (x int);");
        assertEquals(List.of("BEGIN;", "CREATE TABLE t (id int);", "END;", "create table begin_x (x int);"),
                texts(r));
    }

    @Test
    void createFunctionWithADollarBodyEndsAtItsSemicolon() {
        String sql = "create function f() returns int as $$ begin return 1; end $$ language plpgsql;\nselect f();";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(2, r.statements().size());
        assertEquals("select f();", r.statements().get(1).text());
    }

    @Test
    void createRuleWithParenthesisedActionsIsOneStatement() {
        String sql = "CREATE RULE r AS ON INSERT TO t DO INSTEAD (DELETE FROM a; DELETE FROM b);\nselect 1;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("CREATE RULE r AS ON INSERT TO t DO INSTEAD (DELETE FROM a; DELETE FROM b);",
                "select 1;"), texts(r));
    }

    @Test
    void metaCommandInTheMiddleOfAFile() {
        String sql = "create table a (id int);\n\\set ON_ERROR_STOP on\nselect 1;\n\\i other.sql\n";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("create table a (id int);", "\\set ON_ERROR_STOP on", "select 1;", "\\i other.sql"),
                texts(r));
        SqlStatement meta = r.statements().get(1);
        assertTrue(meta.metaCommand());
        assertEquals(25, meta.start());
        assertEquals(1, meta.tokens().size());
        assertEquals(TokenType.META_COMMAND, meta.tokens().get(0).type());
        assertFalse(r.statements().get(2).metaCommand());
    }

    @Test
    void metaCommandEndsAnOpenStatement() {
        String sql = "select 1\n\\gexec\nselect 2 \\g\nselect 3;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("select 1", "\\gexec", "select 2", "\\g", "select 3;"), texts(r));
        assertEquals(List.of(false, true, false, true, false),
                r.statements().stream().map(SqlStatement::metaCommand).collect(Collectors.toList()));
    }

    @Test
    void metaCommandLineKeepsSeparatorsInItsText() {
        SplitResult r = StatementSplitter.split("\\set x 1 \\\\ drop table t;\nselect 1\\; drop table u;\n");
        assertEquals(List.of("\\set x 1 \\\\ drop table t;", "select 1", "\\; drop table u;"), texts(r));
        assertTrue(r.statements().get(0).metaCommand());
        assertTrue(r.statements().get(2).metaCommand());
    }

    @Test
    void backslashInsideQuotesAndCommentsIsNotAMetaCommand() {
        SplitResult r = StatementSplitter.split("select E'\\n', '\\i x', \"\\q\", $$\\c$$ /* \\x */; -- \\d\n");
        assertEquals(1, r.statements().size());
        assertFalse(r.statements().get(0).metaCommand());
    }

    @Test
    void copyFromStdinDataIsNeverSql() {
        String sql = "COPY t (a, b) FROM stdin;\n1\tDROP TABLE users;\n2\t\\N\n\\.\nselect 1;\n";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("COPY t (a, b) FROM stdin;", "select 1;"), texts(r));
        SqlStatement copy = r.statements().get(0);
        assertEquals(sql.indexOf(';') + 1, copy.end());
        Token data = copy.tokens().get(copy.tokens().size() - 1);
        assertEquals(TokenType.COPY_DATA, data.type());
        assertEquals(sql.indexOf("1\tDROP"), data.start());
        assertEquals("1\tDROP TABLE users;\n2\t\\N\n\\.", data.text());
        assertEquals(List.of("COPY", "t", "(", "a", ",", "b", ")", "FROM", "stdin"),
                copy.body().stream().map(Token::text).collect(Collectors.toList()));
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void copyDataWithCrLfAndTheRestOfTheCopyLine() {
        String sql = "copy t from STDIN with (format csv); -- load\r\na,b\r\n\\.\r\nselect 2;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("copy t from STDIN with (format csv);", "select 2;"), texts(r));
        Token data = r.statements().get(0).tokens().get(r.statements().get(0).tokens().size() - 1);
        assertEquals("a,b\r\n\\.", data.text());
        assertEquals(List.of("-- load"), r.comments().stream().map(Token::text).collect(Collectors.toList()));
    }

    @Test
    void twoCopiesOnOneLineReadTheirDataInOrder() {
        String sql = "copy a from stdin; copy b from stdin;\n1\n\\.\n2\n\\.\nselect 3;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("copy a from stdin;", "copy b from stdin;", "select 3;"), texts(r));
        assertEquals("1\n\\.", r.statements().get(0).tokens().get(5).text());
        assertEquals("2\n\\.", r.statements().get(1).tokens().get(5).text());
    }

    @Test
    void copyToStdoutOrFromAFileHasNoData() {
        SplitResult r = StatementSplitter.split("copy t to stdout;\nselect 1;\ncopy t from '/tmp/stdin';\nselect 2;");
        assertEquals(4, r.statements().size());
        assertTrue(r.statements().stream()
                .allMatch(s -> s.tokens().stream().noneMatch(t -> t.type() == TokenType.COPY_DATA)));
    }

    @Test
    void unterminatedCopyDataIsReportedAtTheDataStart() {
        String sql = "copy t from stdin;\n1\n2\nDROP TABLE t;\n";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(1, r.statements().size());
        assertEquals(List.of(new LexProblem(LexProblem.Kind.UNTERMINATED_COPY_DATA, 19, sql.length(),
                "COPY data is not terminated by a line containing only \\.")), r.problems());
        Token data = r.statements().get(0).tokens().get(5);
        assertEquals(TokenType.COPY_DATA, data.type());
        assertEquals(19, data.start());
        assertEquals(sql.length(), data.end());
    }

    @Test
    void backslashDotOutsideCopyIsAMetaCommand() {
        SplitResult r = StatementSplitter.split("select 1;\n\\.\n");
        assertEquals(List.of("select 1;", "\\."), texts(r));
        assertTrue(r.statements().get(1).metaCommand());
    }

    @Test
    void unterminatedConstructsSwallowTheRestWithTheirStartOffset() {
        assertUnterminated("select 1;\nselect 'oops; drop table t;", LexProblem.Kind.UNTERMINATED_STRING, 17);
        assertUnterminated("select 1;\nselect \"oops; drop table t;", LexProblem.Kind.UNTERMINATED_QUOTED_IDENTIFIER,
                17);
        assertUnterminated("select 1;\ndo $x$ begin; drop table t; $y$;", LexProblem.Kind.UNTERMINATED_DOLLAR_STRING,
                13);
        assertUnterminated("select 1;\n/* oops; drop table t;", LexProblem.Kind.UNTERMINATED_BLOCK_COMMENT, 10);
    }

    private static void assertUnterminated(String sql, LexProblem.Kind kind, int start) {
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(1, r.problems().size(), sql);
        assertEquals(kind, r.problems().get(0).kind());
        assertEquals(start, r.problems().get(0).start());
        assertEquals(sql.length(), r.problems().get(0).end());
        assertTrue(r.statements().stream().noneMatch(s -> s.tokens().get(0).isWord("drop")), sql);
        assertEquals("select 1;", r.statements().get(0).text());
    }

    @Test
    void parameterAndDollarWords() {
        SplitResult r = StatementSplitter.split("prepare p as select $1, a$b from t where c = $2;");
        SqlStatement s = r.statements().get(0);
        assertEquals(1, r.statements().size());
        assertEquals(TokenType.PARAMETER, s.tokens().get(4).type());
        assertEquals("a$b", s.tokens().get(6).text());
        assertEquals(TokenType.WORD, s.tokens().get(6).type());
        assertEquals("$2", s.tokens().get(12).text());
    }

    @Test
    void castVersusPsqlVariable() {
        SplitResult r = StatementSplitter.split("select a::int, :v, :'s';");
        List<Token> t = r.statements().get(0).tokens();
        assertEquals(TokenType.OPERATOR, t.get(2).type());
        assertEquals("::", t.get(2).text());
        assertEquals(TokenType.PSQL_VARIABLE, t.get(5).type());
        assertEquals(TokenType.PSQL_VARIABLE, t.get(7).type());
    }

    @Test
    void crLfAndLoneCrPositionsMapToLinesAndColumns() {
        SourceText src = SourceText.of("select 1;\r\n  select 2;\r   select 3;\n\tselect 4;");
        SplitResult r = StatementSplitter.split(src.text());
        assertEquals(4, r.statements().size());
        int[][] expected = {{1, 1}, {2, 3}, {3, 4}, {4, 2}};
        for (int i = 0; i < 4; i++) {
            int start = r.statements().get(i).start();
            assertEquals(expected[i][0], src.line(start), "line of statement " + i);
            assertEquals(expected[i][1], src.column(start), "column of statement " + i);
        }
    }

    @Test
    void byteOrderMarkIsNotAColumn() {
        SourceText src = SourceText.of("\uFEFFdrop table t;\n  drop table u;");
        SplitResult r = StatementSplitter.split(src.text());
        assertEquals(0, r.statements().get(0).start());
        assertEquals(1, src.line(r.statements().get(0).start()));
        assertEquals(1, src.column(r.statements().get(0).start()));
        assertEquals(2, src.line(r.statements().get(1).start()));
        assertEquals(3, src.column(r.statements().get(1).start()));
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void multiByteCharsBeforeAStatementCountAsUtf16Columns() {
        // 'é' is 2 bytes in UTF-8 and 1 UTF-16 char; the emoji is 4 bytes and 2 UTF-16 chars
        SourceText src = SourceText.of("/* é */ drop table a; /* \uD83D\uDE00 */ drop table b;");
        SplitResult r = StatementSplitter.split(src.text());
        assertEquals(2, r.statements().size());
        assertEquals(9, src.column(r.statements().get(0).start()));
        assertEquals(32, src.column(r.statements().get(1).start()));
        SourceText ident = SourceText.of("select 'é\uD83D\uDE00'; drop table c;");
        SplitResult r2 = StatementSplitter.split(ident.text());
        assertEquals(15, ident.column(r2.statements().get(1).start()));
    }

    @Test
    void unbalancedClosingParenthesisDoesNotHideASemicolon() {
        SplitResult r = StatementSplitter.split("select 1);\nselect (2;\nselect 3);select 4;");
        assertEquals(List.of("select 1);", "select (2;\nselect 3);", "select 4;"), texts(r));
    }

    @Test
    void doBlockIsOneStatement() {
        String sql = "DO $$\nBEGIN\n  EXECUTE 'drop table x';\n  RAISE NOTICE 'done; really';\nEND\n$$;\nselect 1;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(2, r.statements().size());
        assertEquals(List.of("DO", sql.substring(3, sql.indexOf("$$;") + 2), ";"), tokenTexts(r.statements().get(0)));
    }

    @Test
    void beginInsideFunctionParenthesesIsNotABody() {
        String sql = "create function f(begin int) returns int language sql return (begin); select 2;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("create function f(begin int) returns int language sql return (begin);", "select 2;"),
                texts(r));
        // outside parentheses psql counts the word, so the statement runs on (and the parser will reject it)
        SplitResult bare = StatementSplitter.split("create function f() returns int language sql return begin; x;");
        assertEquals(1, bare.statements().size());
    }

    @Test
    void createFunctionDetectionNeedsTheLeadingWords() {
        // "CREATE TABLE" is not a function: BEGIN there is a transaction start
        SplitResult table = StatementSplitter.split("create table t (a int) ; begin; commit;");
        assertEquals(List.of("create table t (a int) ;", "begin;", "commit;"), texts(table));
        // the words may come in any case
        SplitResult fn = StatementSplitter.split("Create Or Replace Procedure p() Begin Atomic select 1; End; x;");
        assertEquals(List.of("Create Or Replace Procedure p() Begin Atomic select 1; End;", "x;"), texts(fn));
    }

    @Test
    void statementTextKeepsInnerCommentsButNotTrailingOnes() {
        String sql = "select /* c */ 1 -- tail\n;  -- after\nselect 2 -- no newline";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("select /* c */ 1 -- tail\n;", "select 2"), texts(r));
        assertEquals(4, r.comments().size());
        assertEquals(sql.length(), r.comments().get(3).end());
    }

    @Test
    void metaCommandAfterAStatementOnTheSameLineAndAtEof() {
        SplitResult r = StatementSplitter.split("select 1; \\gexec\r\n\\i x.sql");
        assertEquals(List.of("select 1;", "\\gexec", "\\i x.sql"), texts(r));
        assertEquals(List.of(false, true, true),
                r.statements().stream().map(SqlStatement::metaCommand).collect(Collectors.toList()));
    }

    @Test
    void sqlAfterTheCopySemicolonOnTheSameLineRunsBeforeTheData() {
        String sql = "copy t from stdin; select 1;\nDROP TABLE a;\n\\.\nselect 2;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("copy t from stdin;", "select 1;", "select 2;"), texts(r));
        Token data = r.statements().get(0).tokens().get(5);
        assertEquals("DROP TABLE a;\n\\.", data.text());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void copyDataEndingAtEofWithoutNewline() {
        String sql = "COPY t FROM STDIN;\n\\.";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(1, r.statements().size());
        Token data = r.statements().get(0).tokens().get(5);
        assertEquals(TokenType.COPY_DATA, data.type());
        assertEquals("\\.", data.text());
        assertEquals(sql.length(), data.end());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void copyDataLineMustBeExactlyBackslashDot() {
        String sql = "copy t from stdin;\n \\.\n\\.x\nx\\.\n\\.\nselect 1;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("copy t from stdin;", "select 1;"), texts(r));
        assertEquals(" \\.\n\\.x\nx\\.\n\\.", r.statements().get(0).tokens().get(5).text());
    }

    @Test
    void copyWithoutSemicolonAtEofHasNoData() {
        SplitResult r = StatementSplitter.split("copy t from stdin");
        assertEquals(1, r.statements().size());
        assertEquals(4, r.statements().get(0).tokens().size());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void escapeStringContinuationAcrossLinesDoesNotEndEarly() {
        String sql = "select E'a'\n'\\'; drop table t;';\nselect 2;";
        SplitResult r = StatementSplitter.split(sql);
        assertEquals(List.of("select E'a'\n'\\'; drop table t;';", "select 2;"), texts(r));
    }

    private static final String[] FRAGMENTS = {
        "select", " ", "\n", "\r\n", "\r", "\t", ";", "(", ")", "'", "''", "\"", "E'", "\\'", "\\", "$$", "$a$", "$1",
        "--", "/*", "*/", "-", "+", "::", ":x", ":'v'", "begin", "end", "case", "create", "function", "or", "replace",
        "copy", "from", "stdin", "\\.", "\u0000", "\u00e9", "\uD83D\uDE00", "U&'", "x'", "1.5e3", "..", "{", "\f"
    };

    @Test
    void randomInputKeepsEveryInvariant() {
        java.util.Random random = new java.util.Random(20240611L);
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            String sql = sb.toString();
            SplitResult r = StatementSplitter.split(sql);
            boolean[] covered = new boolean[sql.length()];
            int previousEnd = 0;
            for (SqlStatement s : r.statements()) {
                assertTrue(s.start() >= previousEnd || s.tokens().isEmpty(), sql);
                assertEquals(sql.substring(s.start(), s.end()), s.text(), sql);
                assertFalse(s.tokens().isEmpty(), sql);
                previousEnd = s.end();
                for (Token t : s.tokens()) {
                    assertTrue(t.start() <= t.end() && t.end() <= sql.length(), sql);
                    assertEquals(sql.substring(t.start(), t.end()), t.text(), sql);
                    mark(covered, t.start(), t.end());
                }
            }
            for (Token c : r.comments()) {
                assertEquals(sql.substring(c.start(), c.end()), c.text(), sql);
                mark(covered, c.start(), c.end());
            }
            for (LexProblem p : r.problems()) {
                assertTrue(p.start() <= p.end() && p.end() <= sql.length(), sql);
                if (p.kind() == LexProblem.Kind.INVALID_CHARACTER) {
                    mark(covered, p.start(), p.end());
                }
            }
            for (int i = 0; i < sql.length(); i++) {
                char c = sql.charAt(i);
                // whitespace, and the semicolons of empty statements, belong to no statement
                boolean space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\u000B' || c == ';';
                int at = i;
                assertTrue(covered[i] || space, () -> "char " + at + " of " + sql + " belongs to nothing");
            }
            LexResult lexed = PsqlLexer.lex(sql, 0, sql.length());
            int last = 0;
            for (Token t : lexed.tokens()) {
                assertTrue(t.start() >= last, sql);
                last = t.end();
            }
        }
    }

    private static void mark(boolean[] covered, int from, int to) {
        for (int i = from; i < to; i++) {
            covered[i] = true;
        }
    }
}
