package io.github.migrationguard.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PsqlLexerTest {

    private static LexResult lex(String s) {
        return PsqlLexer.lex(s, 0, s.length());
    }

    private static List<String> texts(List<Token> tokens) {
        return tokens.stream().map(Token::text).collect(Collectors.toList());
    }

    private static List<TokenType> types(List<Token> tokens) {
        return tokens.stream().map(Token::type).collect(Collectors.toList());
    }

    private static Token only(String s) {
        LexResult r = lex(s);
        assertEquals(1, r.tokens().size(), () -> "tokens of " + s + ": " + texts(r.tokens()));
        return r.tokens().get(0);
    }

    @Test
    void wordsAreLowerCasedAsciiOnlyAndKeepTheirText() {
        LexResult r = lex("CREATE Table ÄBC_1 a$b");
        assertEquals(List.of("CREATE", "Table", "ÄBC_1", "a$b"), texts(r.tokens()));
        assertEquals(List.of("create", "table", "Äbc_1", "a$b"),
                r.tokens().stream().map(Token::value).collect(Collectors.toList()));
        assertEquals(List.of(TokenType.WORD, TokenType.WORD, TokenType.WORD, TokenType.WORD), types(r.tokens()));
        assertEquals(13, r.tokens().get(2).start());
        assertEquals(18, r.tokens().get(2).end());
    }

    @Test
    void dollarInsideAWordContinuesTheWord() {
        LexResult r = lex("foo$$ x $$bar$$");
        assertEquals(List.of("foo$$", "x", "$$bar$$"), texts(r.tokens()));
        assertEquals(TokenType.WORD, r.tokens().get(0).type());
        assertEquals(TokenType.DOLLAR_STRING, r.tokens().get(2).type());
        assertEquals("bar", r.tokens().get(2).value());
    }

    @Test
    void plainStringWithDoubledQuotes() {
        Token t = only("'it''s; -- not a comment'");
        assertEquals(TokenType.STRING, t.type());
        assertEquals("it's; -- not a comment", t.value());
        assertEquals(0, t.start());
        assertEquals(25, t.end());
        assertEquals(1, t.contentStart());
    }

    @Test
    void backslashDoesNotEscapeInAStandardString() {
        LexResult r = lex("'a\\' 'b'");
        assertEquals(List.of("'a\\'", "'b'"), texts(r.tokens()));
        assertEquals("a\\", r.tokens().get(0).value());
    }

    @Test
    void escapeStringBackslashQuoteDoesNotEndTheString() {
        LexResult r = lex("E'it\\'s' e'a\\\\' x");
        assertEquals(List.of("E'it\\'s'", "e'a\\\\'", "x"), texts(r.tokens()));
        assertEquals("it's", r.tokens().get(0).value());
        assertEquals("a\\", r.tokens().get(1).value());
        assertEquals(2, r.tokens().get(0).contentStart());
    }

    @Test
    void escapeStringDecodesCommonEscapes() {
        Token t = only("E'\\n\\t\\101\\x41\\u00e9\\U0001F600\\q'''");
        assertEquals("\n\tAA\u00e9\uD83D\uDE00q'", t.value());
    }

    @Test
    void escapeStringContinuesAcrossANewlineInEscapeMode() {
        // the second literal continues the E-string, so its backslash escapes the quote
        String s = "E'a'\n'b\\'c' x";
        LexResult r = lex(s);
        assertEquals(List.of("E'a'", "'b\\'c'", "x"), texts(r.tokens()));
        assertEquals("b'c", r.tokens().get(1).value());
        // without a newline in between there is no continuation: the second quote is a standard string
        LexResult same = lex("E'a' 'b\\' x");
        assertEquals(List.of("E'a'", "'b\\'", "x"), texts(same.tokens()));
    }

    @Test
    void prefixedStrings() {
        LexResult r = lex("B'0101' X'1F' N'abc' U&'d\\0061t' U&'x' UESCAPE '!' b'1'");
        assertEquals(List.of("B'0101'", "X'1F'", "N'abc'", "U&'d\\0061t'", "U&'x'", "UESCAPE", "'!'", "b'1'"),
                texts(r.tokens()));
        assertEquals(List.of(TokenType.STRING, TokenType.STRING, TokenType.STRING, TokenType.STRING,
                TokenType.STRING, TokenType.WORD, TokenType.STRING, TokenType.STRING), types(r.tokens()));
        assertEquals("0101", r.tokens().get(0).value());
        assertEquals(2, r.tokens().get(0).contentStart());
    }

    @Test
    void quotedIdentifiersHoldAnything() {
        LexResult r = lex("\"a;b\" \"--x\" \"it's\" \"say \"\"hi\"\"\" \"/* $$\" U&\"d\\0061t\"");
        assertEquals(List.of("a;b", "--x", "it's", "say \"hi\"", "/* $$", "d\\0061t"),
                r.tokens().stream().map(Token::value).collect(Collectors.toList()));
        assertTrue(r.tokens().stream().allMatch(t -> t.type() == TokenType.QUOTED_IDENTIFIER));
        assertTrue(r.comments().isEmpty());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void dollarQuoteWithTagIgnoresOtherTagsInside() {
        String s = "$fn$ begin $$ inner; $$ $x$ end $fn$;";
        LexResult r = lex(s);
        assertEquals(List.of("$fn$ begin $$ inner; $$ $x$ end $fn$", ";"), texts(r.tokens()));
        Token d = r.tokens().get(0);
        assertEquals(TokenType.DOLLAR_STRING, d.type());
        assertEquals(" begin $$ inner; $$ $x$ end ", d.value());
        assertEquals(4, d.contentStart());
    }

    @Test
    void dollarQuoteTagsAreCaseSensitiveAndNeedAFullMatch() {
        Token t = only("$a$ $A$ $ab$ $a $a$");
        assertEquals(" $A$ $ab$ $a ", t.value());
        Token adjacent = only("$$$$");
        assertEquals("", adjacent.value());
        Token close = only("$f$x$$f$");
        assertEquals("x$", close.value());
    }

    @Test
    void positionalParameters() {
        LexResult r = lex("$1 + $23");
        assertEquals(List.of(TokenType.PARAMETER, TokenType.OPERATOR, TokenType.PARAMETER), types(r.tokens()));
        assertEquals(List.of("$1", "+", "$23"), texts(r.tokens()));
    }

    @Test
    void loneDollarIsNotADollarQuote() {
        LexResult r = lex("$a b");
        assertEquals(List.of("$", "a", "b"), texts(r.tokens()));
    }

    @Test
    void nestedBlockComments() {
        String s = "a /* x /* y */ still; */ b";
        LexResult r = lex(s);
        assertEquals(List.of("a", "b"), texts(r.tokens()));
        assertEquals(List.of("/* x /* y */ still; */"), texts(r.comments()));
        assertEquals(2, r.comments().get(0).start());
        assertEquals(TokenType.BLOCK_COMMENT, r.comments().get(0).type());
    }

    @Test
    void lineCommentsEndAtAnyLineBreak() {
        LexResult r = lex("a -- one\rb -- two\r\nc --three\nd");
        assertEquals(List.of("a", "b", "c", "d"), texts(r.tokens()));
        assertEquals(List.of("-- one", "-- two", "--three"), texts(r.comments()));
    }

    @Test
    void commentsInsideOperatorChars() {
        LexResult r = lex("a +--x\n b */ c ||/* d */e");
        assertEquals(List.of("a", "+", "b", "*/", "c", "||", "e"), texts(r.tokens()));
        assertEquals(List.of("--x", "/* d */"), texts(r.comments()));
    }

    @Test
    void operatorsFollowMaximalMunchAndTheTrailingSignRule() {
        LexResult r = lex("a<>b x>=-1 j->>'k' p@-q c::int d := 1 f => 2 a||b 1..2");
        assertEquals(List.of("a", "<>", "b", "x", ">=", "-", "1", "j", "->>", "'k'", "p", "@-", "q", "c", "::", "int",
                "d", ":=", "1", "f", "=>", "2", "a", "||", "b", "1", "..", "2"), texts(r.tokens()));
    }

    @Test
    void numbers() {
        LexResult r = lex("123 1.5 .5 1e10 1.5E-3 0x1F 1_000 5. 0b101 0o17 3.x 1e+ 7");
        // "3.x" is trailing junk after a numeric literal (one invalid literal, as PostgreSQL 16 sees it)
        assertEquals(List.of("123", "1.5", ".5", "1e10", "1.5E-3", "0x1F", "1_000", "5.", "0b101", "0o17", "3.x",
                "1e", "+", "7"), texts(r.tokens()));
        assertTrue(r.tokens().subList(0, 12).stream().allMatch(t -> t.type() == TokenType.NUMBER));
    }

    @Test
    void punctuation() {
        LexResult r = lex("f(a, b[1]).c;");
        assertEquals(List.of("f", "(", "a", ",", "b", "[", "1", "]", ")", ".", "c", ";"), texts(r.tokens()));
        assertTrue(r.tokens().get(1).isPunct('('));
        assertTrue(r.tokens().get(11).isPunct(';'));
    }

    @Test
    void psqlVariablesVersusCasts() {
        LexResult r = lex("x::text :name :'quoted' :\"ident\" a:::b :{?flag} : 'v'");
        assertEquals(List.of("x", "::", "text", ":name", ":'quoted'", ":\"ident\"", "a", "::", ":b", ":{?flag}", ":",
                "'v'"), texts(r.tokens()));
        assertEquals(List.of(TokenType.WORD, TokenType.OPERATOR, TokenType.WORD, TokenType.PSQL_VARIABLE,
                TokenType.PSQL_VARIABLE, TokenType.PSQL_VARIABLE, TokenType.WORD, TokenType.OPERATOR,
                TokenType.PSQL_VARIABLE, TokenType.PSQL_VARIABLE, TokenType.OPERATOR, TokenType.STRING),
                types(r.tokens()));
    }

    @Test
    void backslashStartsAMetaCommandToTheEndOfTheLine() {
        LexResult r = lex("select 1 \\gset x\r\nnext");
        assertEquals(List.of("select", "1", "\\gset x", "next"), texts(r.tokens()));
        assertEquals(TokenType.META_COMMAND, r.tokens().get(2).type());
    }

    @Test
    void unterminatedStringRunsToTheEndWithItsStartOffset() {
        String s = "select 'abc; drop table x;";
        LexResult r = lex(s);
        assertEquals(List.of("select", "'abc; drop table x;"), texts(r.tokens()));
        assertEquals(List.of(new LexProblem(LexProblem.Kind.UNTERMINATED_STRING, 7, s.length(),
                "unterminated quoted string")), r.problems());
    }

    @Test
    void unterminatedEscapeStringEndingInBackslash() {
        String s = "x E'abc\\";
        LexResult r = lex(s);
        assertEquals(1, r.problems().size());
        assertEquals(LexProblem.Kind.UNTERMINATED_STRING, r.problems().get(0).kind());
        assertEquals(2, r.problems().get(0).start());
        assertEquals(s.length(), r.tokens().get(1).end());
    }

    @Test
    void unterminatedQuotedIdentifier() {
        String s = "select \"a\"\"b;";
        LexResult r = lex(s);
        assertEquals(1, r.problems().size());
        LexProblem p = r.problems().get(0);
        assertEquals(LexProblem.Kind.UNTERMINATED_QUOTED_IDENTIFIER, p.kind());
        assertEquals(7, p.start());
        assertEquals(s.length(), p.end());
        assertEquals("\"a\"\"b;", r.tokens().get(1).text());
    }

    @Test
    void unterminatedDollarQuoteNamesItsDelimiter() {
        String s = "do $body$ begin end $$;";
        LexResult r = lex(s);
        assertEquals(List.of("do", "$body$ begin end $$;"), texts(r.tokens()));
        LexProblem p = r.problems().get(0);
        assertEquals(LexProblem.Kind.UNTERMINATED_DOLLAR_STRING, p.kind());
        assertEquals(3, p.start());
        assertTrue(p.detail().contains("$body$"), p.detail());
    }

    @Test
    void unterminatedNestedBlockComment() {
        String s = "a /* x /* y */ b;";
        LexResult r = lex(s);
        assertEquals(List.of("a"), texts(r.tokens()));
        assertEquals(List.of("/* x /* y */ b;"), texts(r.comments()));
        assertEquals(List.of(new LexProblem(LexProblem.Kind.UNTERMINATED_BLOCK_COMMENT, 2, s.length(),
                "unterminated block comment")), r.problems());
    }

    @Test
    void controlCharsAreReportedAndSkipped() {
        String s = "a\u0000\u0001b\tc\fd\u000Be {";
        LexResult r = lex(s);
        assertEquals(List.of("a", "b", "c", "d", "e"), texts(r.tokens()));
        assertEquals(2, r.problems().size());
        assertEquals(new LexProblem(LexProblem.Kind.INVALID_CHARACTER, 1, 3, "invalid character U+0000"),
                r.problems().get(0));
        assertEquals(LexProblem.Kind.INVALID_CHARACTER, r.problems().get(1).kind());
        assertEquals(s.length() - 1, r.problems().get(1).start());
    }

    @Test
    void lexesASubRangeWithAbsoluteOffsets() {
        String s = "create function f() returns int as $$select 'a;b' -- c\n from t$$ language sql;";
        int bodyStart = s.indexOf("$$") + 2;
        int bodyEnd = s.lastIndexOf("$$");
        LexResult r = PsqlLexer.lex(s, bodyStart, bodyEnd);
        assertEquals(List.of("select", "'a;b'", "from", "t"), texts(r.tokens()));
        assertEquals(bodyStart, r.tokens().get(0).start());
        assertEquals(s.indexOf("'a;b'"), r.tokens().get(1).start());
        assertEquals(s.indexOf("-- c"), r.comments().get(0).start());
    }

    @Test
    void rangeEndCutsConstructsAndReportsThem() {
        String s = "x 'abc' y";
        LexResult r = PsqlLexer.lex(s, 0, 5);
        assertEquals(List.of("x", "'ab"), texts(r.tokens()));
        assertEquals(new LexProblem(LexProblem.Kind.UNTERMINATED_STRING, 2, 5, "unterminated quoted string"),
                r.problems().get(0));
    }

    @Test
    void badBoundsAreClampedNotThrown() {
        assertTrue(PsqlLexer.lex("abc", 5, 2).tokens().isEmpty());
        assertEquals(List.of("abc"), texts(PsqlLexer.lex("abc", -3, 99).tokens()));
        assertTrue(PsqlLexer.lex(null, 0, 0).tokens().isEmpty());
    }

    @Test
    void numberWithTrailingLettersIsOneLiteralSoNoEscapeStringStarts() {
        LexResult r = lex("1e'\\' y'");
        assertEquals(List.of("1e", "'\\'", "y", "'"), texts(r.tokens()));
    }

    @Test
    void blockCommentEdgeCases() {
        LexResult r = lex("/*/ x */ a /**/b /* ** */ c");
        assertEquals(List.of("a", "b", "c"), texts(r.tokens()));
        assertEquals(List.of("/*/ x */", "/**/", "/* ** */"), texts(r.comments()));
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void lineCommentAtTheEndOfInputWithoutANewline() {
        LexResult r = lex("a --");
        assertEquals(List.of("a"), texts(r.tokens()));
        assertEquals(List.of("--"), texts(r.comments()));
        assertEquals(4, r.comments().get(0).end());
    }

    @Test
    void dollarTagsFollowIdentifierRulesWithoutDollar() {
        LexResult r = lex("$_a1$ x $_a1$ $\u00e9t\u00e9$;$\u00e9t\u00e9$ $1a$");
        // "$1a$" is a parameter with trailing junk, never the start of a dollar quote
        assertEquals(List.of("$_a1$ x $_a1$", "$\u00e9t\u00e9$;$\u00e9t\u00e9$", "$1a$"), texts(r.tokens()));
        assertEquals(List.of(TokenType.DOLLAR_STRING, TokenType.DOLLAR_STRING, TokenType.PARAMETER),
                types(r.tokens()));
        assertEquals(";", r.tokens().get(1).value());
    }

    @Test
    void unicodePrefixWithoutAQuoteIsAWord() {
        LexResult r = lex("U&x u&'a'");
        assertEquals(List.of("U", "&", "x", "u&'a'"), texts(r.tokens()));
        assertEquals(TokenType.STRING, r.tokens().get(3).type());
        assertEquals("a", r.tokens().get(3).value());
    }

    @Test
    void failedQuotedVariableLeavesTheColonAndAString() {
        LexResult r = lex(":'a b'");
        assertEquals(List.of(":", "'a b'"), texts(r.tokens()));
        assertEquals(TokenType.OPERATOR, r.tokens().get(0).type());
        assertEquals(TokenType.STRING, r.tokens().get(1).type());
    }

    @Test
    void highCharsAndSurrogatePairsAreIdentifierChars() {
        LexResult r = lex("t\u00ebst\uD83D\uDE00x = 1");
        assertEquals(List.of("t\u00ebst\uD83D\uDE00x", "=", "1"), texts(r.tokens()));
        assertEquals(7, r.tokens().get(0).end());
    }

    @Test
    void stringsAndIdentifiersSpanLines() {
        LexResult r = lex("'a\r\nb' \"x\ny\" $$\r$$");
        assertEquals(3, r.tokens().size());
        assertEquals("a\r\nb", r.tokens().get(0).value());
        assertEquals("x\ny", r.tokens().get(1).value());
        assertEquals("\r", r.tokens().get(2).value());
    }
}
