package io.github.migrationguard.sql.analysis;

import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Readable one-line descriptions of operations, e.g. {@code ALTER TABLE orders DROP COLUMN total (inside a CTE)}. */
final class Details {

    /** Words that name an object type or sub-command after DROP / ALTER; rendered upper-case. */
    private static final Set<String> TYPE_WORDS = Set.of("table", "index", "view", "materialized", "sequence",
            "schema", "function", "procedure", "routine", "aggregate", "type", "domain", "extension", "publication",
            "subscription", "role", "user", "group", "mapping", "for", "database", "server", "statistics", "policy",
            "trigger", "rule", "foreign", "data", "wrapper", "default", "privileges", "operator", "class", "family",
            "text", "search", "configuration", "dictionary", "parser", "template", "event", "collation",
            "conversion", "language", "procedural", "tablespace", "access", "method", "cast", "transform", "column",
            "constraint", "attribute", "owned", "by", "identity", "expression", "not", "null", "large", "object",
            "value");

    private static final int MAX_NAMES = 3;

    private Details() {
    }

    static String drop(DestructiveScanner.Pass p, int i) {
        StringBuilder sb = new StringBuilder();
        int head = p.commandHead(i);
        if (head >= 0 && head < i && p.tok(head).isWord("alter")) {
            sb.append(alterHead(p, head)).append(' ');
        }
        sb.append("DROP");
        int j = i + 1;
        int words = 0;
        while (j < p.size() && words < 4 && p.tok(j).type() == TokenType.WORD
                && TYPE_WORDS.contains(p.tok(j).value())) {
            sb.append(' ').append(p.tok(j).value().toUpperCase(Locale.ROOT));
            j++;
            words++;
        }
        j = skipWords(p, j, "if", "exists");
        j = skipWords(p, j, "concurrently");
        j = skipWords(p, j, "only");
        sb.append(names(p, j));
        return withContext(p, i, sb.toString());
    }

    static String delete(DestructiveScanner.Pass p, int i) {
        StringBuilder sb = new StringBuilder("DELETE");
        int j = i + 1;
        if (p.word(j, "from")) {
            sb.append(" FROM");
            j = skipWords(p, j + 1, "only");
            int end = p.qualifiedNameEnd(j);
            if (end > 0) {
                sb.append(' ').append(text(p, j, end));
            }
        }
        return withContext(p, i, sb.toString());
    }

    static String truncate(DestructiveScanner.Pass p, int i) {
        int j = skipWords(p, i + 1, "table");
        j = skipWords(p, j, "only");
        return withContext(p, i, "TRUNCATE" + names(p, j));
    }

    static String updateTarget(DestructiveScanner.Pass p, int i) {
        int j = skipWords(p, i + 1, "only");
        int end = p.qualifiedNameEnd(j);
        return end > 0 ? text(p, j, end) : "";
    }

    /** Appends where the operation sits: in a CTE, a rule action, MERGE, a body, ... */
    static String withContext(DestructiveScanner.Pass p, int i, String base) {
        List<String> where = new ArrayList<>();
        int open = p.enclosingParen(i);
        if (open > 0 && (p.word(open - 1, "as") || p.word(open - 1, "materialized"))) {
            where.add("inside a CTE");
        }
        int start = p.statementStart(i);
        if (start < i) {
            Token s = p.tok(start);
            if (s.isWord("merge")) {
                where.add("in MERGE");
            } else if (s.isWord("create") && isRule(p, start)) {
                where.add("in a rule action");
            } else if (s.isWord("explain")) {
                where.add("under EXPLAIN ANALYZE");
            } else if (s.isWord("prepare")) {
                where.add("in a prepared statement");
            } else if (s.isWord("copy")) {
                where.add("in COPY");
            }
        }
        if (p.scope().origin() != null) {
            where.add(p.scope().origin());
        }
        return where.isEmpty() ? base : base + " (" + String.join(", ", where) + ")";
    }

    private static boolean isRule(DestructiveScanner.Pass p, int create) {
        int j = create + 1;
        if (p.word(j, "or") && p.word(j + 1, "replace")) {
            j += 2;
        }
        return p.word(j, "rule");
    }

    /** ALTER TABLE [IF EXISTS] [ONLY] name, ALTER EXTENSION name, ... */
    private static String alterHead(DestructiveScanner.Pass p, int head) {
        StringBuilder sb = new StringBuilder("ALTER");
        int j = head + 1;
        while (j < p.size() && p.tok(j).type() == TokenType.WORD && TYPE_WORDS.contains(p.tok(j).value())
                && !p.tok(j).isAnyWord("column", "constraint", "not", "null")) {
            sb.append(' ').append(p.tok(j).value().toUpperCase(Locale.ROOT));
            j++;
        }
        j = skipWords(p, j, "if", "exists");
        j = skipWords(p, j, "only");
        int end = p.qualifiedNameEnd(j);
        if (end > 0) {
            sb.append(' ').append(text(p, j, end));
        }
        return sb.toString();
    }

    private static String names(DestructiveScanner.Pass p, int j) {
        StringBuilder sb = new StringBuilder();
        int count = 0;
        while (true) {
            int end = p.qualifiedNameEnd(j);
            if (end < 0 || p.tok(j).isAnyWord("cascade", "restrict")) {
                break;
            }
            if (count == MAX_NAMES) {
                sb.append(", ...");
                break;
            }
            sb.append(count == 0 ? " " : ", ").append(text(p, j, end));
            count++;
            if (end < p.size() && p.tok(end).isPunct(',') && p.isName(end + 1)
                    && !p.tok(end + 1).isAnyWord("drop", "alter", "add", "rename", "set", "validate", "enable",
                    "disable")) {
                j = end + 1;
            } else {
                break;
            }
        }
        return sb.toString();
    }

    private static int skipWords(DestructiveScanner.Pass p, int j, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!p.word(j + k, words[k])) {
                return j;
            }
        }
        return j + words.length;
    }

    private static String text(DestructiveScanner.Pass p, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            Token x = p.tok(k);
            sb.append(x.type() == TokenType.WORD && x.value().startsWith(DestructiveScanner.IDENT_PLACEHOLDER)
                    ? "<name known at run time>" : x.text());
        }
        return sb.toString();
    }
}
