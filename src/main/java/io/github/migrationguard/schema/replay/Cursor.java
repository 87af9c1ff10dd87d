package io.github.migrationguard.schema.replay;

import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the significant tokens of one statement. Every read that does not find what it expects throws
 * {@link Unsupported}, which replay turns into a "not replayed" note for the statement; nothing escapes.
 */
final class Cursor {

    /** The statement has a form replay does not read. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Token> tokens;
    private final String source;
    private int pos;

    Cursor(List<Token> tokens, String source) {
        this.tokens = tokens;
        this.source = source;
    }

    /** A cursor over a sub-list (e.g. the tokens between two parentheses). */
    Cursor sub(int from, int to) {
        return new Cursor(tokens.subList(from, to), source);
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    boolean atEnd() {
        return pos >= tokens.size();
    }

    Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    Token peek(int ahead) {
        int i = pos + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    Token next() {
        if (atEnd()) {
            throw new Unsupported("unexpected end of statement");
        }
        return tokens.get(pos++);
    }

    List<Token> tokens() {
        return tokens;
    }

    String source() {
        return source;
    }

    boolean peekWord(String word) {
        Token t = peek();
        return t != null && t.isWord(word);
    }

    boolean peekWord(int ahead, String word) {
        Token t = peek(ahead);
        return t != null && t.isWord(word);
    }

    boolean peekPunct(char c) {
        Token t = peek();
        return t != null && t.isPunct(c);
    }

    /** Consumes the word when it is next. */
    boolean accept(String word) {
        if (peekWord(word)) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes the words when they all come next, in order; otherwise consumes nothing. */
    boolean accept(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!peekWord(i, words[i])) {
                return false;
            }
        }
        pos += words.length;
        return true;
    }

    boolean acceptPunct(char c) {
        if (peekPunct(c)) {
            pos++;
            return true;
        }
        return false;
    }

    boolean acceptOperator(String op) {
        Token t = peek();
        if (t != null && t.type() == TokenType.OPERATOR && t.text().equals(op)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(String... words) {
        for (String w : words) {
            if (!accept(w)) {
                throw new Unsupported("expected " + w.toUpperCase(java.util.Locale.ROOT) + near());
            }
        }
    }

    void expectPunct(char c) {
        if (!acceptPunct(c)) {
            throw new Unsupported("expected '" + c + "'" + near());
        }
    }

    void expectEnd() {
        if (!atEnd()) {
            throw new Unsupported("unexpected " + peek().text());
        }
    }

    String near() {
        Token t = peek();
        return t == null ? " at end of statement" : " near '" + t.text() + "'";
    }

    /** True when the next token can be an identifier (a word or a quoted identifier). */
    boolean peekIdentifier() {
        Token t = peek();
        return t != null && (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER);
    }

    /** An identifier as PostgreSQL stores it: unquoted words folded to lower case, truncated to 63 bytes. */
    String identifier() {
        Token t = next();
        if (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER) {
            return Idents.truncate(t.value());
        }
        pos--;
        throw new Unsupported("expected a name" + near());
    }

    /** A possibly qualified name: one, two or three identifiers separated by dots (a database part is dropped). */
    List<String> qualifiedName() {
        List<String> parts = new ArrayList<>();
        parts.add(identifier());
        while (peekPunct('.') && peek(1) != null
                && (peek(1).type() == TokenType.WORD || peek(1).type() == TokenType.QUOTED_IDENTIFIER)) {
            pos++;
            parts.add(identifier());
        }
        if (parts.size() > 2) {
            return parts.subList(parts.size() - 2, parts.size());
        }
        return parts;
    }

    /** A dotted name with all its parts (e.g. {@code schema.table.column}). */
    List<String> qualifiedNameAny() {
        List<String> parts = new ArrayList<>();
        parts.add(identifier());
        while (peekPunct('.') && peek(1) != null
                && (peek(1).type() == TokenType.WORD || peek(1).type() == TokenType.QUOTED_IDENTIFIER)) {
            pos++;
            parts.add(identifier());
        }
        return parts;
    }

    /** Index of the matching close parenthesis for the open parenthesis at {@code open}. */
    int matchingParen(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new Unsupported("unbalanced parentheses");
    }

    /** Consumes {@code ( ... )} and returns a cursor over the tokens inside. */
    Cursor parenthesized() {
        if (!peekPunct('(')) {
            throw new Unsupported("expected '('" + near());
        }
        int close = matchingParen(pos);
        Cursor inner = sub(pos + 1, close);
        pos = close + 1;
        return inner;
    }

    /** Skips a balanced parenthesised group when one is next. */
    void skipParenthesized() {
        if (peekPunct('(')) {
            pos = matchingParen(pos) + 1;
        }
    }

    /**
     * Splits the tokens from here to the end at commas outside parentheses, returning one cursor per item, and
     * consumes them all.
     */
    List<Cursor> commaSeparated() {
        List<Cursor> items = new ArrayList<>();
        int depth = 0;
        int start = pos;
        for (int i = pos; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (depth == 0 && t.isPunct(',')) {
                items.add(sub(start, i));
                start = i + 1;
            }
        }
        if (start < tokens.size() || !items.isEmpty()) {
            items.add(sub(start, tokens.size()));
        }
        pos = tokens.size();
        return items;
    }

    /** Source text from the start of token {@code from} to the end of token {@code to - 1}. */
    String text(int from, int to) {
        if (from >= to) {
            return "";
        }
        return source.substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }

    /** Source text of the remaining tokens. */
    String rest() {
        return text(pos, tokens.size());
    }

    /** Consumes tokens up to (not including) the first of the given words at parenthesis depth zero, or the end. */
    Cursor until(String... words) {
        int depth = 0;
        int start = pos;
        int i = pos;
        for (; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (depth == 0 && t.isAnyWord(words)) {
                break;
            }
        }
        pos = i;
        return sub(start, i);
    }
}
