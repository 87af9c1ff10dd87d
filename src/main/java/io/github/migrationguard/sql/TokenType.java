package io.github.migrationguard.sql;

/** What the lexer saw. Whitespace is never a token; comments are kept apart from the significant tokens. */
public enum TokenType {
    /** Unquoted identifier or keyword (letters, digits, {@code _}, {@code $} after the first char). */
    WORD,
    /** {@code "..."} or {@code U&"..."}; {@link Token#value()} is the unquoted, unescaped name. */
    QUOTED_IDENTIFIER,
    /** {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}, {@code N'...'}; value is decoded. */
    STRING,
    /** {@code $tag$...$tag$}; value is the body between the delimiters. */
    DOLLAR_STRING,
    NUMBER,
    /** Operators such as {@code ||}, {@code ::}, {@code =}, {@code <>}, {@code ->>}. */
    OPERATOR,
    /** One of {@code ; , ( ) [ ] .}. */
    PUNCTUATION,
    /** Positional parameter {@code $1}. */
    PARAMETER,
    /** psql variable interpolation {@code :name}, {@code :'name'}, {@code :"name"}. */
    PSQL_VARIABLE,
    LINE_COMMENT,
    BLOCK_COMMENT,
    /** A psql backslash meta-command, from the backslash to the end of its line. */
    META_COMMAND,
    /** The data lines of {@code COPY ... FROM stdin}, up to and including the {@code \.} line. */
    COPY_DATA
}
