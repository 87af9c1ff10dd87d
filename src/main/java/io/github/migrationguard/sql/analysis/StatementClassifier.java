package io.github.migrationguard.sql.analysis;

import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names a statement from its leading words, the way the PostgreSQL "SQL Commands" reference names its pages
 * ({@code CREATE TABLE}, {@code ALTER DEFAULT PRIVILEGES}, {@code REFRESH MATERIALIZED VIEW}, ...).
 *
 * <p>The kind is a fallback description for statements JSqlParser cannot read. It decides nothing on its own about
 * destructive operations (the {@link DestructiveScanner} does); it only tells whether a statement that neither the
 * parser nor the scanner objects to belongs to a command family we understand ({@link #knownKind(String)}).
 */
public final class StatementClassifier {

    /** The kind of a statement whose leading words name no PostgreSQL command we recognise. */
    public static final String UNKNOWN = "UNKNOWN";
    /** The kind of a statement that has no tokens besides its terminator. */
    public static final String EMPTY = "EMPTY";

    /**
     * Object types after CREATE / ALTER. Keys are the first object word; values list the multi-word forms that start
     * with it (checked in order, longest first), each word lower-case.
     */
    private static final Map<String, List<String[]>> OBJECTS = Map.ofEntries(
            entry("access", "access method"),
            entry("aggregate", "aggregate"),
            entry("cast", "cast"),
            entry("collation", "collation"),
            entry("conversion", "conversion"),
            entry("database", "database"),
            entry("default", "default privileges"),
            entry("domain", "domain"),
            entry("event", "event trigger"),
            entry("extension", "extension"),
            entry("foreign", "foreign data wrapper", "foreign table"),
            entry("function", "function"),
            entry("group", "group"),
            entry("index", "index"),
            entry("language", "language"),
            entry("large", "large object"),
            entry("materialized", "materialized view"),
            entry("operator", "operator class", "operator family", "operator"),
            entry("policy", "policy"),
            entry("procedure", "procedure"),
            entry("publication", "publication"),
            entry("role", "role"),
            entry("routine", "routine"),
            entry("rule", "rule"),
            entry("schema", "schema"),
            entry("sequence", "sequence"),
            entry("server", "server"),
            entry("statistics", "statistics"),
            entry("subscription", "subscription"),
            entry("system", "system"),
            entry("table", "table"),
            entry("tablespace", "tablespace"),
            entry("text", "text search configuration", "text search dictionary", "text search parser",
                    "text search template"),
            entry("transform", "transform"),
            entry("trigger", "trigger"),
            entry("type", "type"),
            entry("user", "user mapping", "user"),
            entry("view", "view"));

    /** Object types that exist only after ALTER. */
    private static final Set<String> ALTER_ONLY = Set.of("default privileges", "large object", "system", "routine");
    /** Object types that exist only after CREATE. */
    private static final Set<String> CREATE_ONLY = Set.of("access method", "cast", "transform");

    /** Words allowed between CREATE and the object type. */
    private static final Set<String> CREATE_MODIFIERS = Set.of("temp", "temporary", "global", "local", "unlogged",
            "unique", "constraint", "trusted", "procedural", "recursive", "default");

    /** Single-word commands (first word, upper-cased, is the kind). */
    private static final Set<String> SIMPLE = Set.of("abort", "begin", "call", "checkpoint", "close", "cluster",
            "comment", "copy", "deallocate", "declare", "delete", "discard", "do", "drop", "end", "execute",
            "explain", "fetch", "grant", "insert", "listen", "load", "lock", "merge", "move", "notify", "reindex",
            "reset", "revoke", "savepoint", "select", "set", "show", "table", "truncate", "unlisten", "update",
            "vacuum", "values", "with");

    /** Kinds that cannot destroy data when the scanner finds no destructive operation in them. */
    private static final Set<String> KNOWN = Set.of(
            // transaction control
            "ABORT", "BEGIN", "START TRANSACTION", "COMMIT", "COMMIT PREPARED", "END", "ROLLBACK",
            "ROLLBACK PREPARED", "PREPARE TRANSACTION", "SAVEPOINT", "RELEASE",
            // session
            "SET", "RESET", "SHOW", "DISCARD", "LISTEN", "UNLISTEN", "NOTIFY",
            // maintenance and locks
            "VACUUM", "ANALYZE", "CLUSTER", "REINDEX", "CHECKPOINT", "LOCK", "REFRESH MATERIALIZED VIEW",
            // queries and DML: every destructive form is found by the scanner
            "SELECT", "TABLE", "VALUES", "WITH", "INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "DROP", "COPY",
            "EXPLAIN", "PREPARE", "EXECUTE", "DEALLOCATE", "DECLARE", "FETCH", "MOVE", "CLOSE", "CALL", "DO",
            // definitions and privileges
            "COMMENT", "GRANT", "REVOKE", "SECURITY LABEL", "REASSIGN OWNED", "IMPORT FOREIGN SCHEMA",
            EMPTY);

    private StatementClassifier() {
    }

    private static Map.Entry<String, List<String[]>> entry(String first, String... forms) {
        return Map.entry(first, java.util.Arrays.stream(forms).map(f -> f.split(" ")).toList());
    }

    /**
     * The kind of the statement made of {@code tokens} (its significant tokens; a trailing {@code ;} is ignored).
     *
     * @return e.g. {@code CREATE TABLE}, {@code CREATE INDEX}, {@code ALTER TABLE}, {@code DROP}, {@code WITH},
     *         {@link #EMPTY}, or {@link #UNKNOWN} when the leading words name no command we know
     */
    public static String kind(List<Token> tokens) {
        int n = tokens.size();
        while (n > 0 && (tokens.get(n - 1).isPunct(';') || tokens.get(n - 1).type() == TokenType.COPY_DATA)) {
            n--;
        }
        if (n == 0) {
            return EMPTY;
        }
        int i = 0;
        // a parenthesised query: (SELECT ...) UNION (SELECT ...)
        while (i < n && tokens.get(i).isPunct('(')) {
            i++;
        }
        if (i > 0) {
            return i < n && tokens.get(i).isAnyWord("select", "values", "table", "with") ? "SELECT" : UNKNOWN;
        }
        Token first = tokens.get(0);
        if (first.type() != TokenType.WORD) {
            return UNKNOWN;
        }
        String w = first.value();
        switch (w) {
            case "create":
                return createKind(tokens, n);
            case "alter":
                return alterKind(tokens, n);
            case "analyze":
            case "analyse":
                return "ANALYZE";
            case "start":
                return word(tokens, 1, n, "transaction") ? "START TRANSACTION" : UNKNOWN;
            case "commit":
                return word(tokens, 1, n, "prepared") ? "COMMIT PREPARED" : "COMMIT";
            case "rollback":
                return word(tokens, 1, n, "prepared") ? "ROLLBACK PREPARED" : "ROLLBACK";
            case "prepare":
                return word(tokens, 1, n, "transaction") ? "PREPARE TRANSACTION" : "PREPARE";
            case "release":
                return "RELEASE";
            case "refresh":
                return word(tokens, 1, n, "materialized") && word(tokens, 2, n, "view")
                        ? "REFRESH MATERIALIZED VIEW" : UNKNOWN;
            case "security":
                return word(tokens, 1, n, "label") ? "SECURITY LABEL" : UNKNOWN;
            case "reassign":
                return word(tokens, 1, n, "owned") ? "REASSIGN OWNED" : UNKNOWN;
            case "import":
                return word(tokens, 1, n, "foreign") && word(tokens, 2, n, "schema")
                        ? "IMPORT FOREIGN SCHEMA" : UNKNOWN;
            default:
                return SIMPLE.contains(w) ? w.toUpperCase(java.util.Locale.ROOT) : UNKNOWN;
        }
    }

    /**
     * True for the kinds we understand well enough that, when the scanner finds no destructive operation in the
     * statement, it cannot destroy data: transaction control, SET/RESET, maintenance, LOCK, COPY, CALL, NOTIFY,
     * queries and DML, every CREATE / ALTER form, COMMENT, GRANT, REVOKE and SECURITY LABEL. {@link #UNKNOWN} is not.
     */
    public static boolean knownKind(String kind) {
        if (kind == null) {
            return false;
        }
        return KNOWN.contains(kind) || (kind.startsWith("CREATE ") || kind.startsWith("ALTER "));
    }

    private static boolean word(List<Token> tokens, int i, int n, String w) {
        return i < n && tokens.get(i).isWord(w);
    }

    private static String createKind(List<Token> tokens, int n) {
        int i = 1;
        if (word(tokens, i, n, "or") && word(tokens, i + 1, n, "replace")) {
            i += 2;
        }
        while (i < n && tokens.get(i).type() == TokenType.WORD && CREATE_MODIFIERS.contains(tokens.get(i).value())
                && !isObjectStart(tokens, i, n)) {
            i++;
        }
        String object = objectAt(tokens, i, n);
        if (object == null || ALTER_ONLY.contains(object)) {
            return UNKNOWN;
        }
        if (object.equals("default privileges")) {
            return UNKNOWN;
        }
        return "CREATE " + object.toUpperCase(java.util.Locale.ROOT);
    }

    /** {@code default} is both a modifier (CREATE DEFAULT CONVERSION) and an object start (ALTER DEFAULT PRIVILEGES). */
    private static boolean isObjectStart(List<Token> tokens, int i, int n) {
        return tokens.get(i).isWord("default") && word(tokens, i + 1, n, "privileges");
    }

    private static String alterKind(List<Token> tokens, int n) {
        int i = 1;
        if (word(tokens, i, n, "procedural") && word(tokens, i + 1, n, "language")) {
            i++;
        }
        String object = objectAt(tokens, i, n);
        if (object == null || CREATE_ONLY.contains(object)) {
            return UNKNOWN;
        }
        return "ALTER " + object.toUpperCase(java.util.Locale.ROOT);
    }

    private static String objectAt(List<Token> tokens, int i, int n) {
        if (i >= n || tokens.get(i).type() != TokenType.WORD) {
            return null;
        }
        List<String[]> forms = OBJECTS.get(tokens.get(i).value());
        if (forms == null) {
            return null;
        }
        for (String[] form : forms) {
            boolean match = true;
            for (int k = 0; k < form.length; k++) {
                if (!word(tokens, i + k, n, form[k])) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return String.join(" ", form);
            }
        }
        return null;
    }
}
