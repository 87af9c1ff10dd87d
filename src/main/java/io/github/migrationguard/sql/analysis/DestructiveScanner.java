package io.github.migrationguard.sql.analysis;

import io.github.migrationguard.sql.LexResult;
import io.github.migrationguard.sql.PsqlLexer;
import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds everything in a statement that can destroy data: DROP, DELETE, TRUNCATE, UPDATE without WHERE, and SQL
 * that is built or run where we cannot read it.
 *
 * <p>The scanner is fail-closed by construction. It does not look for the places where a command may start (there
 * are too many: CTEs, rule actions, MERGE actions, EXPLAIN ANALYZE, PREPARE, COPY (query), plpgsql blocks, ...).
 * Instead every unquoted word {@code drop}, {@code delete} or {@code truncate} is an operation unless it sits in one
 * of a few harmless contexts, each recognised by its exact surrounding words:
 * <ul>
 *   <li>a qualified name part: {@code audit.delete}, {@code delete.x};</li>
 *   <li>a foreign-key action {@code ON DELETE|UPDATE CASCADE|RESTRICT|NO ACTION|SET NULL|SET DEFAULT};</li>
 *   <li>the event of {@code CREATE [OR REPLACE] RULE r AS ON DELETE TO t} (the rule's actions are scanned);</li>
 *   <li>{@code ON COMMIT DROP} and {@code ON COMMIT DELETE ROWS} of a temporary table;</li>
 *   <li>the event list of {@code CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name BEFORE|AFTER|INSTEAD OF
 *       event [OR event ...] ON};</li>
 *   <li>the privilege list of {@code GRANT|REVOKE [GRANT OPTION FOR] priv [(cols)], ... ON} (also inside
 *       {@code ALTER DEFAULT PRIVILEGES}); its {@code EXECUTE} privilege is no plpgsql EXECUTE either;</li>
 *   <li>the command of {@code CREATE POLICY name ON table [AS kind] FOR DELETE|UPDATE};</li>
 *   <li>{@code ALTER [COLUMN] c DROP DEFAULT|NOT NULL} and {@code ALTER DOMAIN d DROP DEFAULT|NOT NULL};</li>
 *   <li>the statement under {@code EXPLAIN} without {@code ANALYZE} (it is planned, not run);</li>
 *   <li>an output column name {@code AS drop} that ends right there ({@code ,}, {@code )}, {@code ;}, or
 *       {@code FROM} after drop / truncate);</li>
 *   <li>hstore's function {@code delete(...)};</li>
 *   <li>a column called delete / drop / truncate: defined with a built-in type in a parenthesised list or after
 *       {@code ADD [COLUMN]}, or a bare name between {@code (}/{@code ,} and {@code ,}/{@code )}.</li>
 * </ul>
 * A call of TimescaleDB's {@code drop_chunks()}, {@code add_retention_policy()} or {@code add_drop_chunks_policy()}
 * is a DROP too: it drops (now or on a schedule) the hypertable's chunks and their rows.
 * An {@code update} is UPDATE_WITHOUT_WHERE when it has the shape of an UPDATE command ({@code UPDATE [ONLY] name
 * [*] [[AS] alias] SET}), is not the {@code DO UPDATE SET} of {@code ON CONFLICT}, and no WHERE follows at its
 * parenthesis depth before its command ends, or its WHERE does not look at the row ({@link WhereCondition}:
 * {@code WHERE 1 = 1}, {@code WHERE (true)}, {@code WHERE id = 5 OR 2 > 1}).
 *
 * <p>Hidden SQL is read too: {@code DO} blocks and plpgsql / SQL function bodies are re-lexed and scanned with the
 * same rules (offsets stay absolute, so a finding points at the line inside the body); plpgsql {@code EXECUTE} of a
 * constant string, a concatenation of constants, {@code format()} with {@code %I}/{@code %L}, or
 * {@code quote_ident()}/{@code quote_literal()} pieces is rebuilt and scanned; any other EXECUTE, a body in another
 * language, a call of a function that runs SQL text with a non-constant argument, {@code COPY ... PROGRAM} and a raw
 * psql variable are {@link OperationType#DYNAMIC_SQL}.
 */
public final class DestructiveScanner {

    /** Bodies nested deeper than this (DO in EXECUTE in a function ...) are not read but reported. */
    static final int MAX_NESTING = 12;

    /** Prefix of the identifier that stands for a value substituted at run time by {@code %I} / quote_ident(). */
    static final String IDENT_PLACEHOLDER = "mg_runtime_identifier_";

    private DestructiveScanner() {
    }

    /**
     * Scans one statement.
     *
     * @param tokens the statement's significant tokens (a trailing {@code ;} and COPY data are ignored)
     * @param text   the whole analysed text; token offsets are absolute offsets into it
     * @return the operations found, in source order of discovery, each located at its keyword (or at the string /
     *         EXECUTE token for SQL that was rebuilt from pieces)
     */
    public static List<Operation> scan(List<Token> tokens, String text) {
        List<Operation> ops = new ArrayList<>();
        List<Token> significant = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            if (t.type() != TokenType.COPY_DATA && t.type() != TokenType.META_COMMAND && !t.isComment()) {
                significant.add(t);
            }
        }
        new Pass(significant, text, Scope.ROOT, ops).run();
        return List.copyOf(ops);
    }

    /**
     * True when {@code tokens} is an {@code EXPLAIN} without {@code ANALYZE}: the statement is planned, never run.
     */
    public static boolean explainRunsNothing(List<Token> tokens) {
        if (tokens.isEmpty() || !tokens.get(0).isWord("explain")) {
            return false;
        }
        return new Pass(tokens, "", Scope.ROOT, new ArrayList<>()).explainedStatement(0) > 0;
    }

    /**
     * Where a pass runs.
     *
     * @param plpgsql   tokens are plpgsql (EXECUTE is dynamic SQL, FOR ... LOOP ends a query)
     * @param origin    how the tokens were reached, for details ({@code inside DO block}, ...); null at top level
     * @param anchorStart when not -1, every operation is located at [anchorStart, anchorEnd) instead of its token
     *                  (the tokens were lexed from a rebuilt string, not from the file)
     * @param nesting   how many bodies deep
     * @param identifierParameters names of the routine's parameters whose type prints as an identifier
     *                  ({@code regclass}, ...), for the plpgsql body of that routine; empty elsewhere
     */
    record Scope(boolean plpgsql, String origin, int anchorStart, int anchorEnd, int nesting,
                 Set<String> identifierParameters) {
        static final Scope ROOT = new Scope(false, null, -1, -1, 0, Set.of());

        boolean anchored() {
            return anchorStart >= 0;
        }

        /** A scope for tokens lexed in place from the same source. */
        Scope inPlace(boolean plpgsqlBody, String how, Set<String> parameters) {
            return new Scope(plpgsqlBody, chain(how), anchorStart, anchorEnd, nesting + 1, parameters);
        }

        /** A scope for tokens lexed from a rebuilt string; operations land on the parent's anchor or on [s, e). */
        Scope rebuilt(boolean plpgsqlBody, String how, int s, int e, Set<String> parameters) {
            return anchored() ? new Scope(plpgsqlBody, chain(how), anchorStart, anchorEnd, nesting + 1, parameters)
                    : new Scope(plpgsqlBody, chain(how), s, e, nesting + 1, parameters);
        }

        private String chain(String how) {
            return origin == null ? how : how + ", " + origin;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // one pass over one token list

    static final class Pass {
        private final List<Token> t;
        private final int n;
        private final String src;
        private final Scope scope;
        private final List<Operation> ops;
        /** Index of the matching parenthesis; for an unclosed "(" n, for an unmatched ")" -1. */
        private final int[] match;
        /** Number of open parentheses before each token ("(" itself counts its outside depth). */
        private final int[] depth;
        /** Number of open square brackets before each token. */
        private final int[] brackets;
        /** Keyword tokens recognised in a harmless context. */
        private final boolean[] harmless;
        /** See {@link #identifierVariable}; computed on first use. */
        private Set<String> identifierVariables;
        /** Innermost "(" that encloses each token, or -1. */
        private final int[] openAt;
        /** First token after the last ";" at depth 0 before each token. */
        private final int[] statementStartAt;
        /** First token of the command that contains each token at its own depth. */
        private final int[] commandHeadAt;

        Pass(List<Token> tokens, String src, Scope scope, List<Operation> ops) {
            this.t = tokens;
            this.n = tokens.size();
            this.src = src;
            this.scope = scope;
            this.ops = ops;
            this.match = new int[n];
            this.depth = new int[n];
            this.brackets = new int[n];
            this.harmless = new boolean[n];
            this.openAt = new int[n];
            this.statementStartAt = new int[n];
            this.commandHeadAt = new int[n];
            int[] stack = new int[n + 1];
            int[] heads = new int[n + 2];
            int sp = 0;
            int sq = 0;
            int statementStart = 0;
            for (int i = 0; i < n; i++) {
                Token k = tokens.get(i);
                match[i] = -1;
                openAt[i] = sp > 0 ? stack[sp - 1] : -1;
                statementStartAt[i] = statementStart;
                commandHeadAt[i] = heads[sp];
                if (k.isPunct(';')) {
                    heads[sp] = i + 1;
                    if (sp == 0) {
                        statementStart = i + 1;
                    }
                } else if (k.isPunct('(')) {
                    heads[sp + 1] = i + 1;
                } else if (k.type() == TokenType.WORD && COMMAND_BOUNDARIES.contains(k.value())) {
                    heads[sp] = i + 1;
                }
                if (k.isPunct('(')) {
                    depth[i] = sp;
                    stack[sp++] = i;
                    match[i] = n;
                } else if (k.isPunct(')')) {
                    if (sp > 0) {
                        int open = stack[--sp];
                        match[open] = i;
                        match[i] = open;
                    }
                    depth[i] = sp;
                    openAt[i] = sp > 0 ? stack[sp - 1] : -1;
                    commandHeadAt[i] = heads[sp];
                } else {
                    depth[i] = sp;
                }
                if (k.isPunct('[')) {
                    brackets[i] = sq++;
                } else if (k.isPunct(']')) {
                    sq = Math.max(0, sq - 1);
                    brackets[i] = sq;
                } else {
                    brackets[i] = sq;
                }
            }
        }

        void run() {
            markHarmlessContexts();
            for (int i = 0; i < n; i++) {
                Token k = t.get(i);
                switch (k.type()) {
                    case WORD -> word(i, k);
                    case QUOTED_IDENTIFIER -> {
                        if (next(i).isPunct('(') && SqlTextFunctions.isSqlTextFunction(k.value(), qualifier(i))) {
                            sqlTextCall(i);
                        }
                        chunkDroppingCall(i, k);
                    }
                    case PSQL_VARIABLE -> psqlVariable(i, k);
                    case META_COMMAND -> add(OperationType.DYNAMIC_SQL, k,
                            "a backslash outside a string cannot be verified");
                    default -> {
                    }
                }
            }
        }

        private void word(int i, Token k) {
            switch (k.value()) {
                case "drop", "delete", "truncate" -> destructiveKeyword(i, k);
                case "update" -> update(i);
                case "do" -> {
                    Token a = next(i);
                    if (isStringLike(a) || a.isWord("language") || a.type() == TokenType.PSQL_VARIABLE) {
                        doBlock(i);
                    }
                }
                case "create" -> {
                    int j = i + 1;
                    if (word(j, "or") && word(j + 1, "replace")) {
                        j += 2;
                    }
                    if (word(j, "function") || word(j, "procedure")) {
                        routine(i, j);
                    }
                }
                case "execute" -> {
                    // harmless: the EXECUTE privilege of GRANT|REVOKE ... ON inside a body
                    if (scope.plpgsql() && !harmless[i] && !triggerFunctionReference(i)) {
                        execute(i);
                    }
                }
                case "program" -> {
                    if (i > 0 && t.get(i - 1).isAnyWord("from", "to")
                            && (isStringLike(next(i)) || next(i).type() == TokenType.PSQL_VARIABLE)) {
                        add(OperationType.DYNAMIC_SQL, k,
                                "COPY ... " + t.get(i - 1).value().toUpperCase(Locale.ROOT)
                                        + " PROGRAM runs a shell command");
                    }
                }
                default -> {
                    if (next(i).isPunct('(') && SqlTextFunctions.isSqlTextFunction(k.value(), qualifier(i))) {
                        sqlTextCall(i);
                    }
                    chunkDroppingCall(i, k);
                }
            }
            if (k.value().startsWith(IDENT_PLACEHOLDER)) {
                placeholder(i);
            }
        }

        // --------------------------------------------------------------------------------------------------------
        // DROP / DELETE / TRUNCATE

        private void destructiveKeyword(int i, Token k) {
            if (harmless[i] || dotAdjacent(i)) {
                return;
            }
            if (k.value().equals("delete") && next(i).isPunct('(')) {
                return; // hstore's delete(hstore, key): a DELETE command is always DELETE FROM / THEN DELETE
            }
            if (columnAlias(i)) {
                return;
            }
            switch (k.value()) {
                case "drop" -> add(OperationType.DROP, k, Details.drop(this, i));
                case "delete" -> add(OperationType.DELETE, k, Details.delete(this, i));
                default -> add(OperationType.TRUNCATE, k, Details.truncate(this, i));
            }
        }

        /**
         * {@code SELECT 1 AS drop, ...}: an output column name. No command follows AS and ends right away
         * ({@code PREPARE p AS DELETE FROM t} goes on with FROM, so FROM only ends an alias of drop / truncate).
         */
        private boolean columnAlias(int i) {
            if (i == 0 || !t.get(i - 1).isWord("as")) {
                return false;
            }
            Token nx = next(i);
            return i + 1 >= n || nx.isPunct(',') || nx.isPunct(';') || nx.isPunct(')')
                    || (nx.isWord("from") && !t.get(i).isWord("delete"));
        }

        /**
         * TimescaleDB's {@code drop_chunks(...)} drops a hypertable's old chunks (tables full of rows) right away;
         * {@code add_retention_policy(...)} and the older {@code add_drop_chunks_policy(...)} schedule a job that does
         * it again and again. A call is one unless the name is a routine being defined, granted, commented or dropped
         * ({@code FUNCTION drop_chunks(...)}).
         */
        private void chunkDroppingCall(int i, Token k) {
            String name = k.value().toLowerCase(Locale.ROOT);
            if (!next(i).isPunct('(') || !CHUNK_DROPPING_FUNCTIONS.contains(name)) {
                return;
            }
            int before = qualifier(i) != null ? i - 3 : i - 1;
            if (before >= 0 && t.get(before).isAnyWord("function", "procedure", "routine")) {
                return;
            }
            add(OperationType.DROP, k, name.equals("drop_chunks")
                    ? "drop_chunks() of a TimescaleDB hypertable (its chunks older than the cutoff)"
                    : name + "() of a TimescaleDB hypertable (a job that keeps dropping its old chunks)");
        }

        // --------------------------------------------------------------------------------------------------------
        // UPDATE without WHERE

        private void update(int i) {
            if (harmless[i] || dotAdjacent(i) || !updateCommandShape(i) || onConflictDoUpdate(i)) {
                return;
            }
            int d = depth[i];
            for (int k = i + 1; k < n; k++) {
                Token x = t.get(k);
                if (depth[k] < d || (depth[k] == d && x.isPunct(';'))
                        || (scope.plpgsql() && depth[k] == d && x.isWord("loop"))) {
                    break;
                }
                if (depth[k] == d && x.isWord("where") && !dotAdjacent(k) && !(k > 0 && t.get(k - 1).isWord("as"))) {
                    WhereCondition.Value where = new WhereCondition(this).evaluate(k + 1, conditionEnd(k + 1, d));
                    if (where == WhereCondition.Value.TRUE || where == WhereCondition.Value.CONSTANT) {
                        add(OperationType.UPDATE_WITHOUT_WHERE, t.get(i),
                                Details.withContext(this, i, "UPDATE " + Details.updateTarget(this, i)
                                        + (where == WhereCondition.Value.TRUE ? " with an always-true WHERE"
                                        : " with a WHERE that does not depend on the row")));
                    }
                    return;
                }
            }
            add(OperationType.UPDATE_WITHOUT_WHERE, t.get(i),
                    Details.withContext(this, i, "UPDATE " + Details.updateTarget(this, i) + " without WHERE"));
        }

        /** {@code UPDATE [ONLY] name[.name...] [*] [[AS] alias] SET}: the only shape an UPDATE command has. */
        private boolean updateCommandShape(int i) {
            int j = i + 1;
            if (word(j, "only")) {
                j++;
            }
            if (!isName(j)) {
                return false;
            }
            j++;
            while (j + 1 < n && t.get(j).isPunct('.') && isName(j + 1)) {
                j += 2;
            }
            if (j < n && t.get(j).type() == TokenType.OPERATOR && t.get(j).text().equals("*")) {
                j++;
            }
            if (word(j, "set")) {
                return true;
            }
            if (word(j, "as")) {
                j++;
            }
            return isName(j) && word(j + 1, "set");
        }

        /** {@code ON CONFLICT [target] DO UPDATE}: updates only the conflicting row. */
        private boolean onConflictDoUpdate(int i) {
            if (i == 0 || !t.get(i - 1).isWord("do")) {
                return false;
            }
            int d = depth[i];
            for (int k = i - 2; k >= 0; k--) {
                Token x = t.get(k);
                if (x.isPunct(')') && match[k] >= 0) {
                    k = match[k];
                    continue;
                }
                if (depth[k] < d || x.isPunct(';')
                        || x.isAnyWord("do", "then", "instead", "also", "set", "values", "select", "begin", "loop")) {
                    return false;
                }
                if (x.isWord("conflict") && k > 0 && t.get(k - 1).isWord("on")) {
                    return true;
                }
            }
            return false;
        }

        /** End of the condition that starts at {@code from}: the command's end, RETURNING, or a plpgsql LOOP. */
        private int conditionEnd(int from, int d) {
            int end = from;
            while (end < n && depth[end] >= d && !(depth[end] == d && (t.get(end).isPunct(';')
                    || t.get(end).isWord("returning") || (scope.plpgsql() && t.get(end).isWord("loop"))))) {
                end++;
            }
            return end;
        }

        // --------------------------------------------------------------------------------------------------------
        // harmless contexts

        private void markHarmlessContexts() {
            for (int i = 0; i < n; i++) {
                Token k = t.get(i);
                if (k.type() != TokenType.WORD) {
                    continue;
                }
                switch (k.value()) {
                    case "trigger" -> triggerEvents(i);
                    case "grant", "revoke" -> privileges(i);
                    case "policy" -> policyCommand(i);
                    case "rule" -> ruleEvent(i);
                    case "on" -> onClauses(i);
                    case "alter" -> alterDropDefault(i);
                    case "explain" -> explainWithoutAnalyze(i);
                    case "delete", "drop", "truncate" -> columnName(i);
                    default -> {
                    }
                }
            }
        }

        /** CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name BEFORE|AFTER|INSTEAD OF ev [OR ev ...] ON. */
        private void triggerEvents(int i) {
            int k = i - 1;
            if (word(k, "constraint")) {
                k--;
            }
            if (word(k, "replace") && word(k - 1, "or")) {
                k -= 2;
            }
            if (!word(k, "create") || !isName(i + 1)) {
                return;
            }
            int j = i + 2;
            if (word(j, "before") || word(j, "after")) {
                j++;
            } else if (word(j, "instead") && word(j + 1, "of")) {
                j += 2;
            } else {
                return;
            }
            List<Integer> events = new ArrayList<>();
            while (true) {
                if (!(j < n && t.get(j).isAnyWord("insert", "update", "delete", "truncate"))) {
                    return;
                }
                events.add(j);
                boolean isUpdate = t.get(j).isWord("update");
                j++;
                if (isUpdate && word(j, "of")) {
                    j++;
                    if (!isName(j)) {
                        return;
                    }
                    j++;
                    while (j + 1 < n && t.get(j).isPunct(',') && isName(j + 1)) {
                        j += 2;
                    }
                }
                if (word(j, "or")) {
                    j++;
                    continue;
                }
                break;
            }
            if (word(j, "on")) {
                events.forEach(e -> harmless[e] = true);
            }
        }

        /** GRANT|REVOKE [GRANT OPTION FOR] priv [(cols)] {, priv [(cols)]} ON. */
        private void privileges(int i) {
            int j = i + 1;
            if (t.get(i).isWord("revoke") && word(j, "grant") && word(j + 1, "option") && word(j + 2, "for")) {
                j += 3;
            }
            List<Integer> words = new ArrayList<>();
            while (true) {
                int first = j;
                while (j < n && t.get(j).type() == TokenType.WORD && j - first < 2
                        && !t.get(j).isAnyWord("on", "to", "from")) {
                    words.add(j);
                    j++;
                }
                if (j == first) {
                    return;
                }
                if (j < n && t.get(j).isPunct('(')) {
                    if (match[j] >= n) {
                        return;
                    }
                    j = match[j] + 1;
                }
                if (j < n && t.get(j).isPunct(',')) {
                    j++;
                    continue;
                }
                break;
            }
            if (word(j, "on")) {
                words.forEach(w -> harmless[w] = true);
            }
        }

        /** CREATE POLICY name ON table [AS PERMISSIVE|RESTRICTIVE] FOR command (TO|USING|WITH|end). */
        private void policyCommand(int i) {
            if (!word(i - 1, "create") || !isName(i + 1) || !word(i + 2, "on")) {
                return;
            }
            int j = qualifiedNameEnd(i + 3);
            if (j < 0) {
                return;
            }
            if (word(j, "as") && (word(j + 1, "permissive") || word(j + 1, "restrictive"))) {
                j += 2;
            }
            if (word(j, "for") && j + 1 < n && t.get(j + 1).isAnyWord("delete", "update")) {
                int f = j + 2;
                if (f >= n || t.get(f).isPunct(';') || t.get(f).isAnyWord("to", "using", "with")) {
                    harmless[j + 1] = true;
                }
            }
        }

        /** CREATE [OR REPLACE] RULE name AS ON event TO. */
        private void ruleEvent(int i) {
            int k = i - 1;
            if (word(k, "replace") && word(k - 1, "or")) {
                k -= 2;
            }
            if (word(k, "create") && isName(i + 1) && word(i + 2, "as") && word(i + 3, "on")
                    && i + 4 < n && t.get(i + 4).isAnyWord("delete", "update") && word(i + 5, "to")) {
                harmless[i + 4] = true;
            }
        }

        /**
         * A column or attribute called delete / drop / truncate (all three are unreserved words in PostgreSQL):
         * <ul>
         *   <li>defined with a built-in type right after {@code (} or {@code ,} inside parentheses
         *       ({@code CREATE TABLE t (id int, delete boolean)}, {@code AS r(id int, drop text)}), or after
         *       {@code ADD [COLUMN | ATTRIBUTE] [IF NOT EXISTS]};</li>
         *   <li>a bare name in a list: {@code (} or {@code ,} inside parentheses before it and {@code ,} or
         *       {@code )} after it ({@code INSERT INTO perms (role, update, delete) VALUES ...}).</li>
         * </ul>
         * No command has these shapes: DELETE goes on with FROM (or follows THEN in MERGE), DROP and TRUNCATE with
         * an object word or a name, and ALTER TABLE's comma-separated actions are not inside parentheses.
         */
        private void columnName(int i) {
            Token prev = i > 0 ? t.get(i - 1) : NONE;
            boolean listElement = (prev.isPunct('(') || prev.isPunct(',')) && openAt[i] >= 0;
            Token nx = next(i);
            if (listElement && (nx.isPunct(',') || nx.isPunct(')'))) {
                harmless[i] = true;
                return;
            }
            if ((listElement || addedColumn(i)) && builtInType(nx)) {
                harmless[i] = true;
            }
        }

        /** {@code ADD [COLUMN | ATTRIBUTE] [IF NOT EXISTS]} right before token i. */
        private boolean addedColumn(int i) {
            int k = i - 1;
            if (word(k, "exists") && word(k - 1, "not") && word(k - 2, "if")) {
                k -= 3;
            }
            if (word(k, "column") || word(k, "attribute")) {
                k--;
            }
            return word(k, "add");
        }

        private static boolean builtInType(Token x) {
            return (x.type() == TokenType.WORD || x.type() == TokenType.QUOTED_IDENTIFIER)
                    && BUILT_IN_TYPES.contains(x.value().toLowerCase(Locale.ROOT));
        }

        /** Foreign-key actions and ON COMMIT actions of temporary tables. */
        private void onClauses(int i) {
            int e = i + 1;
            if (e < n && t.get(e).isAnyWord("delete", "update")) {
                boolean fkAction = word(e + 1, "cascade") || word(e + 1, "restrict")
                        || (word(e + 1, "no") && word(e + 2, "action"))
                        || (word(e + 1, "set") && (word(e + 2, "null") || word(e + 2, "default")));
                if (fkAction) {
                    harmless[e] = true;
                }
                return;
            }
            if (word(e, "commit")) {
                int a = e + 1;
                if (word(a, "drop") && (a + 1 >= n || t.get(a + 1).isPunct(';')
                        || word(a + 1, "tablespace") || word(a + 1, "as"))) {
                    harmless[a] = true;
                } else if (word(a, "delete") && word(a + 1, "rows")) {
                    harmless[a] = true;
                }
            }
        }

        /** ALTER [COLUMN] c DROP DEFAULT|NOT NULL, and ALTER DOMAIN d DROP DEFAULT|NOT NULL. */
        private void alterDropDefault(int i) {
            if (word(i + 1, "domain")) {
                int j = qualifiedNameEnd(i + 2);
                if (j > 0 && word(j, "drop")) {
                    int after = afterDefaultOrNotNull(j + 1);
                    if (after > 0 && (after >= n || t.get(after).isPunct(';'))) {
                        harmless[j] = true;
                    }
                }
                return;
            }
            int j = i + 1;
            if (word(j, "column")) {
                j++;
            }
            if (!isName(j) || (t.get(j).type() == TokenType.WORD && OBJECT_WORDS.contains(t.get(j).value()))) {
                return;
            }
            j++;
            if (word(j, "drop")) {
                int after = afterDefaultOrNotNull(j + 1);
                if (after > 0 && (after >= n || t.get(after).isPunct(';') || t.get(after).isPunct(','))) {
                    harmless[j] = true;
                }
            }
        }

        private int afterDefaultOrNotNull(int j) {
            if (word(j, "default")) {
                return j + 1;
            }
            if (word(j, "not") && word(j + 1, "null")) {
                return j + 2;
            }
            return -1;
        }

        /** EXPLAIN without ANALYZE plans its statement and runs nothing. */
        private void explainWithoutAnalyze(int i) {
            if (!commandStart(i)) {
                return;
            }
            int j = explainedStatement(i);
            if (j < 0) {
                return;
            }
            int d = depth[i];
            for (int k = j; k < n && depth[k] >= d && !(depth[k] == d && t.get(k).isPunct(';')); k++) {
                harmless[k] = true;
            }
        }

        /** Index of the statement after {@code EXPLAIN [options]} at i, or -1 when the options include ANALYZE. */
        int explainedStatement(int i) {
            int j = i + 1;
            boolean analyze = false;
            if (j < n && t.get(j).isPunct('(')) {
                int close = match[j];
                if (close >= n) {
                    return -1;
                }
                for (int k = j + 1; k < close; k++) {
                    if (depth[k] == depth[j] + 1 && t.get(k).isAnyWord("analyze", "analyse")
                            && (t.get(k - 1).isPunct('(') || t.get(k - 1).isPunct(','))) {
                        Token v = t.get(k + 1);
                        boolean off = v.isAnyWord("false", "off")
                                || (v.type() == TokenType.NUMBER && v.text().equals("0"));
                        if (!off) {
                            analyze = true;
                        }
                    }
                }
                j = close + 1;
            } else {
                while (j < n && t.get(j).isAnyWord("analyze", "analyse", "verbose")) {
                    if (!t.get(j).isWord("verbose")) {
                        analyze = true;
                    }
                    j++;
                }
            }
            return analyze ? -1 : j;
        }

        /** True when token i begins a command: first token, after ";" or after a plpgsql block word. */
        private boolean commandStart(int i) {
            if (i == 0) {
                return true;
            }
            Token p = t.get(i - 1);
            return p.isPunct(';') || (scope.plpgsql() && p.isAnyWord("begin", "then", "else", "loop"));
        }

        // --------------------------------------------------------------------------------------------------------
        // DO blocks and routine bodies

        private void doBlock(int i) {
            String language = null;
            Literal body = null;
            int j = i + 1;
            for (int step = 0; step < 3 && j < n; step++) {
                Token x = t.get(j);
                Literal lit = body == null ? Literal.at(t, j, src) : null;
                if (x.isWord("language") && j + 1 < n) {
                    language = nameValue(t.get(j + 1));
                    j += 2;
                } else if (lit != null) {
                    body = lit;
                    j = lit.next();
                } else {
                    break;
                }
            }
            if (body == null) {
                add(OperationType.DYNAMIC_SQL, t.get(i), "DO block whose body is not a string literal cannot be verified");
                return;
            }
            String lang = language == null ? "plpgsql" : language;
            if (lang.equals("plpgsql") || lang.equals("sql")) {
                scanBody(body, true, "inside DO block", Set.of());
            } else {
                addAt(OperationType.DYNAMIC_SQL, body.start(), body.end(),
                        "DO block in language " + lang + " cannot be verified");
            }
        }

        /** CREATE [OR REPLACE] FUNCTION|PROCEDURE ... [LANGUAGE x] ... AS body [, link] ... [LANGUAGE x]. */
        private void routine(int create, int kindIndex) {
            int d = depth[create];
            String language = null;
            Literal body = null;
            Token nonLiteralBody = null;
            for (int k = kindIndex + 1; k < n && depth[k] >= d; k++) {
                Token x = t.get(k);
                if (depth[k] == d && x.isPunct(';')) {
                    break;
                }
                if (depth[k] != d || x.type() != TokenType.WORD) {
                    continue;
                }
                if (x.isWord("language") && k + 1 < n) {
                    language = nameValue(t.get(k + 1));
                } else if (x.isWord("as") && k + 1 < n) {
                    Token b = t.get(k + 1);
                    Literal lit = Literal.at(t, k + 1, src);
                    if (lit != null) {
                        body = body == null ? lit : body;
                    } else if (b.type() == TokenType.PSQL_VARIABLE) {
                        nonLiteralBody = b;
                    }
                }
            }
            String what = t.get(kindIndex).value();
            if (body == null) {
                if (nonLiteralBody != null) {
                    add(OperationType.DYNAMIC_SQL, nonLiteralBody,
                            what + " body that is not a string literal cannot be verified");
                }
                return;
            }
            if (language == null || language.equals("plpgsql")) {
                scanBody(body, true, "inside " + what + " body", identifierParameters(kindIndex));
            } else if (language.equals("sql")) {
                scanBody(body, false, "inside " + what + " body", Set.of());
            } else {
                addAt(OperationType.DYNAMIC_SQL, body.start(), body.end(),
                        what + " body in language " + language + " cannot be verified");
            }
        }

        /**
         * Names of the parameters declared {@code [IN|OUT|INOUT] name regclass} (or another type whose text is an
         * identifier, see {@link #IDENTIFIER_TYPES}) in the parameter list after CREATE FUNCTION|PROCEDURE name.
         */
        private Set<String> identifierParameters(int kindIndex) {
            int open = qualifiedNameEnd(kindIndex + 1);
            if (open < 0 || open >= n || !t.get(open).isPunct('(') || match[open] >= n) {
                return Set.of();
            }
            int close = match[open];
            Set<String> names = new HashSet<>();
            int s = open + 1;
            for (int k = open + 1; k <= close; k++) {
                if (k == close || (depth[k] == depth[open] + 1 && t.get(k).isPunct(','))) {
                    int j = s;
                    if (j < k && t.get(j).isAnyWord("in", "out", "inout")) {
                        j++;
                    }
                    int after = identifierTypeEnd(j + 1);
                    if (j + 1 < k && isName(j) && after > 0
                            && (after == k || word(after, "default") || t.get(after).text().equals("="))) {
                        names.add(variableKey(t.get(j)));
                    }
                    s = k + 1;
                }
            }
            return Set.copyOf(names);
        }

        /** Index just past {@code [pg_catalog.]regclass} (or another identifier type) at i, or -1; not an array. */
        private int identifierTypeEnd(int i) {
            if (word(i, "pg_catalog") && i + 1 < n && t.get(i + 1).isPunct('.')) {
                i += 2;
            }
            if (i >= n || t.get(i).type() != TokenType.WORD || !IDENTIFIER_TYPES.contains(t.get(i).value())) {
                return -1;
            }
            return i + 1 < n && t.get(i + 1).isPunct('[') ? -1 : i + 1;
        }

        private static String variableKey(Token x) {
            return x.type() == TokenType.QUOTED_IDENTIFIER ? "\"" + x.value() : x.value();
        }

        /**
         * True for a plpgsql variable whose value always prints as an identifier: a parameter or a DECLAREd variable of
         * type {@code regclass} (or another of {@link #IDENTIFIER_TYPES}) that no DECLARE of this body redeclares with
         * another type. Its text (a relation name, quoted and qualified as needed) cannot carry SQL.
         */
        boolean identifierVariable(Token x) {
            if (!scope.plpgsql() || (x.type() != TokenType.WORD && x.type() != TokenType.QUOTED_IDENTIFIER)) {
                return false;
            }
            if (identifierVariables == null) {
                identifierVariables = declaredIdentifierVariables();
            }
            return identifierVariables.contains(variableKey(x));
        }

        /** The parameters of the scope plus this body's identifier-typed declarations, minus any other declaration. */
        private Set<String> declaredIdentifierVariables() {
            Set<String> identifiers = new HashSet<>(scope.identifierParameters());
            Set<String> others = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if (!t.get(i).isWord("declare")) {
                    continue;
                }
                int d = depth[i];
                int j = i + 1;
                while (j < n && !(depth[j] == d && t.get(j).isWord("begin"))) {
                    if (isName(j)) {
                        int type = word(j + 1, "constant") ? j + 2 : j + 1;
                        (identifierTypeEnd(type) > 0 ? identifiers : others).add(variableKey(t.get(j)));
                    }
                    while (j < n && !(depth[j] == d && (t.get(j).isPunct(';') || t.get(j).isWord("begin")))) {
                        j++;
                    }
                    if (j < n && t.get(j).isPunct(';')) {
                        j++;
                    }
                }
            }
            identifiers.removeAll(others);
            return identifiers;
        }

        /** Re-lexes a string's content and scans it; in place when the content is the raw source. */
        private void scanBody(Literal body, boolean plpgsqlBody, String how, Set<String> parameters) {
            if (body.value() == null) {
                addAt(OperationType.DYNAMIC_SQL, body.start(), body.end(),
                        "body in a string constant that cannot be decoded cannot be verified");
                return;
            }
            if (scope.nesting() + 1 > MAX_NESTING) {
                addAt(OperationType.DYNAMIC_SQL, body.start(), body.end(),
                        "SQL nested more than " + MAX_NESTING + " levels deep cannot be verified");
                return;
            }
            if (body.inPlace()) {
                int cs = body.contentStart();
                LexResult lexed = PsqlLexer.lex(src, cs, cs + body.value().length());
                if (!lexed.problems().isEmpty()) {
                    addAt(OperationType.DYNAMIC_SQL, body.start(), body.end(),
                            "body that cannot be read (" + lexed.problems().get(0).detail() + ") cannot be verified");
                }
                new Pass(lexed.tokens(), src, scope.inPlace(plpgsqlBody, how, parameters), ops).run();
            } else {
                scanRebuilt(body.value(), plpgsqlBody, how, body.start(), body.end(), parameters);
            }
        }

        /** Scans SQL text that is not a slice of the source; operations are located at [s, e). */
        void scanRebuilt(String sql, boolean plpgsqlBody, String how, int s, int e) {
            scanRebuilt(sql, plpgsqlBody, how, s, e, Set.of());
        }

        private void scanRebuilt(String sql, boolean plpgsqlBody, String how, int s, int e, Set<String> parameters) {
            if (scope.nesting() + 1 > MAX_NESTING) {
                ops.add(locate(OperationType.DYNAMIC_SQL, s, e,
                        "SQL nested more than " + MAX_NESTING + " levels deep cannot be verified"));
                return;
            }
            LexResult lexed = PsqlLexer.lex(sql, 0, sql.length());
            if (!lexed.problems().isEmpty()) {
                ops.add(locate(OperationType.DYNAMIC_SQL, s, e,
                        "SQL text that cannot be read (" + lexed.problems().get(0).detail() + ") cannot be verified"));
            }
            new Pass(lexed.tokens(), sql, scope.rebuilt(plpgsqlBody, how, locStart(s), locEnd(e), parameters), ops)
                    .run();
        }

        // --------------------------------------------------------------------------------------------------------
        // EXECUTE and functions that run SQL text

        /** {@code EXECUTE FUNCTION|PROCEDURE name(...)} of a CREATE TRIGGER inside a body. */
        private boolean triggerFunctionReference(int i) {
            if (!(word(i + 1, "function") || word(i + 1, "procedure"))) {
                return false;
            }
            int j = qualifiedNameEnd(i + 2);
            return j > 0 && j < n && t.get(j).isPunct('(');
        }

        private void execute(int i) {
            int j = i + 1;
            if (word(j, "immediate")) {
                j++;
            }
            int d = depth[i];
            int end = j;
            while (end < n && depth[end] >= d && !(depth[end] == d && (t.get(end).isPunct(';')
                    || t.get(end).isAnyWord("into", "using", "loop")))) {
                end++;
            }
            Token exec = t.get(i);
            if (end == j) {
                add(OperationType.DYNAMIC_SQL, exec, "EXECUTE of a string built at run time");
                return;
            }
            Literal lit = Literal.at(t, j, src);
            if (lit != null && lit.next() == end && lit.value() != null) {
                scanRebuilt(lit.value(), false, "in EXECUTE string", lit.start(), lit.end());
                return;
            }
            ConstantSql.Built built = new ConstantSql(this).evaluate(j, end);
            if (built == null) {
                add(OperationType.DYNAMIC_SQL, exec, "EXECUTE of a string built at run time");
                return;
            }
            scanRebuilt(built.text(), false, "in EXECUTE string", exec.start(), exec.end());
        }

        /** dblink_exec('conn', 'DROP TABLE t'), query_to_xml('...', ...), ... */
        private void sqlTextCall(int i) {
            int open = i + 1;
            int close = match[open];
            if (close >= n) {
                return;
            }
            List<int[]> args = new ArrayList<>();
            int s = open + 1;
            for (int k = open + 1; k <= close; k++) {
                if (k == close || (depth[k] == depth[open] + 1 && t.get(k).isPunct(','))) {
                    if (k > s) {
                        args.add(new int[] {s, k});
                    }
                    s = k + 1;
                }
            }
            Token fn = t.get(i);
            String name = fn.value().toLowerCase(Locale.ROOT);
            for (int a : SqlTextFunctions.sqlArguments(name, args.size(), this, args)) {
                int[] r = args.get(a);
                if (r[1] == r[0] + 1 && (t.get(r[0]).type() == TokenType.NUMBER
                        || t.get(r[0]).isAnyWord("true", "false", "null"))) {
                    continue; // a flag or a number, not SQL text
                }
                Literal lit = Literal.at(t, r[0], src);
                if (lit != null && lit.next() == r[1] && lit.value() != null) {
                    scanRebuilt(lit.value(), false, "in SQL text passed to " + name, lit.start(), lit.end());
                    continue;
                }
                ConstantSql.Built built = new ConstantSql(this).evaluate(r[0], r[1]);
                if (built == null) {
                    add(OperationType.DYNAMIC_SQL, fn, "call of " + name + " with SQL text built at run time");
                } else {
                    scanRebuilt(built.text(), false, "in SQL text passed to " + name, fn.start(), fn.end());
                }
            }
        }

        /** A plain psql variable {@code :name} is pasted into the statement as raw SQL text. */
        private void psqlVariable(int i, Token k) {
            if (scope.nesting() > 0 || brackets[i] > 0) {
                return; // no interpolation inside quoted bodies; a[1:n] is an array slice
            }
            String text = k.text();
            if (text.length() > 1 && text.charAt(1) != '\'' && text.charAt(1) != '"' && text.charAt(1) != '{') {
                add(OperationType.DYNAMIC_SQL, k, "psql variable " + text + " is substituted as raw SQL text");
            }
        }

        /** An identifier substituted at run time must sit where no command word can. */
        private void placeholder(int i) {
            if (dotAdjacent(i)) {
                return;
            }
            Token prev = i > 0 ? t.get(i - 1) : null;
            if (prev != null && prev.type() == TokenType.WORD && NAME_INTRODUCERS.contains(prev.value())
                    && !(scope.plpgsql() && prev.isWord("in"))) {
                return;
            }
            if (prev != null && prev.isAnyWord("analyze", "analyse") && !word(i - 2, "explain")) {
                return; // ANALYZE name, VACUUM ANALYZE name; EXPLAIN ANALYZE runs the statement that follows
            }
            if (prev != null && (prev.isPunct('(') || prev.isPunct(','))) {
                Token nx = next(i);
                if (nx.isPunct(',') || nx.isPunct(')') || nx.type() == TokenType.OPERATOR) {
                    return;
                }
            }
            add(OperationType.DYNAMIC_SQL, t.get(i),
                    "EXECUTE of a string whose run-time identifier could be read as a command word");
        }

        // --------------------------------------------------------------------------------------------------------
        // helpers

        void add(OperationType type, Token at, String detail) {
            ops.add(locate(type, at.start(), at.end(), detail));
        }

        private void addAt(OperationType type, int s, int e, String detail) {
            ops.add(locate(type, s, e, detail));
        }

        String source() {
            return src;
        }

        List<Token> tokens() {
            return t;
        }

        private Operation locate(OperationType type, int s, int e, String detail) {
            if (scope.anchored()) {
                return new Operation(type, scope.anchorStart(), scope.anchorEnd(), detail);
            }
            return new Operation(type, s, e, detail);
        }

        private int locStart(int s) {
            return scope.anchored() ? scope.anchorStart() : s;
        }

        private int locEnd(int e) {
            return scope.anchored() ? scope.anchorEnd() : e;
        }

        Token tok(int i) {
            return t.get(i);
        }

        int size() {
            return n;
        }

        int depthAt(int i) {
            return depth[i];
        }

        int matchOf(int i) {
            return match[i];
        }

        int enclosingParen(int i) {
            return openAt[i];
        }

        int statementStart(int i) {
            return statementStartAt[i];
        }

        int commandHead(int i) {
            return commandHeadAt[i];
        }

        Scope scope() {
            return scope;
        }

        private static final Token NONE = new Token(TokenType.PUNCTUATION, -1, -1, "", "");

        Token next(int i) {
            return i + 1 < n ? t.get(i + 1) : NONE;
        }

        boolean word(int i, String w) {
            return i >= 0 && i < n && t.get(i).isWord(w);
        }

        boolean dotAdjacent(int i) {
            return (i > 0 && t.get(i - 1).isPunct('.')) || (i + 1 < n && t.get(i + 1).isPunct('.'));
        }

        /** The schema before {@code schema.name}, lower-case, or null. */
        private String qualifier(int i) {
            if (i >= 2 && t.get(i - 1).isPunct('.')) {
                Token q = t.get(i - 2);
                if (q.type() == TokenType.WORD || q.type() == TokenType.QUOTED_IDENTIFIER) {
                    return q.value().toLowerCase(Locale.ROOT);
                }
            }
            return null;
        }

        boolean isName(int i) {
            if (i < 0 || i >= n) {
                return false;
            }
            TokenType ty = t.get(i).type();
            return ty == TokenType.WORD || ty == TokenType.QUOTED_IDENTIFIER || ty == TokenType.PSQL_VARIABLE;
        }

        /** Index just past {@code name[.name...]} starting at i, or -1. */
        int qualifiedNameEnd(int i) {
            if (!isName(i)) {
                return -1;
            }
            int j = i + 1;
            while (j + 1 < n && t.get(j).isPunct('.') && isName(j + 1)) {
                j += 2;
            }
            return j;
        }

        static boolean isStringLike(Token x) {
            return x.type() == TokenType.STRING || x.type() == TokenType.DOLLAR_STRING;
        }

        private static String nameValue(Token x) {
            return switch (x.type()) {
                case WORD, QUOTED_IDENTIFIER, STRING, DOLLAR_STRING -> x.value().toLowerCase(Locale.ROOT);
                default -> x.text().toLowerCase(Locale.ROOT);
            };
        }
    }

    /** Words after which a new command may start without a ";" (plpgsql blocks, rule actions, BEGIN ATOMIC). */
    static final Set<String> COMMAND_BOUNDARIES = Set.of("then", "else", "loop", "begin", "instead", "also",
            "atomic");

    /** Words after which an identifier is a name and cannot be a command word. */
    static final Set<String> NAME_INTRODUCERS = Set.of("table", "index", "view", "sequence", "schema", "function",
            "procedure", "routine", "type", "domain", "column", "constraint", "on", "from", "into", "join",
            "references", "exists", "only", "trigger", "policy", "extension", "rule", "to", "update", "role", "user",
            "database", "tablespace", "server", "publication", "subscription", "statistics", "collation", "aggregate",
            "rename", "add", "set", "by", "in", "owner", "select", "using", "owned", "vacuum", "cluster", "truncate");

    /** TimescaleDB functions that drop (or schedule dropping) a hypertable's chunks and their rows. */
    static final Set<String> CHUNK_DROPPING_FUNCTIONS = Set.of("drop_chunks", "add_retention_policy",
            "add_drop_chunks_policy");

    /** First words of PostgreSQL's built-in (and common extension) type names. */
    static final Set<String> BUILT_IN_TYPES = Set.of("bool", "boolean", "smallint", "int", "int2", "int4", "int8",
            "integer", "bigint", "smallserial", "serial", "serial2", "serial4", "serial8", "bigserial", "real", "float",
            "float4", "float8", "double", "numeric", "decimal", "money", "text", "varchar", "char", "character",
            "bpchar", "citext", "uuid", "json", "jsonb", "xml", "bytea", "date", "time", "timetz", "timestamp",
            "timestamptz", "interval", "inet", "cidr", "macaddr", "macaddr8", "bit", "varbit", "tsvector", "tsquery",
            "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "oid", "regclass", "ltree",
            "hstore", "geometry", "geography", "vector");

    /**
     * Types whose text output is one identifier (possibly quoted and schema-qualified) or an OID number, never SQL.
     * Not regtype, regprocedure, regoper(ator): their output has several words, parentheses or operator symbols.
     */
    static final Set<String> IDENTIFIER_TYPES = Set.of("regclass", "regproc", "regnamespace", "regrole", "regconfig",
            "regdictionary", "regcollation");

    /** Object type words: never a column name right after ALTER [COLUMN]. */
    static final Set<String> OBJECT_WORDS = Set.of("table", "index", "view", "materialized", "sequence", "schema",
            "function", "procedure", "routine", "type", "domain", "extension", "publication", "subscription", "role",
            "user", "group", "database", "server", "statistics", "policy", "trigger", "rule", "foreign", "default",
            "system", "large", "operator", "text", "event", "collation", "conversion", "language", "tablespace",
            "aggregate", "constraint", "column");
}
