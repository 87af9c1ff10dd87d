package io.github.migrationguard.reconcile;

import io.github.migrationguard.sql.Keywords;
import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.lint.Linter;
import io.github.migrationguard.migration.Migration;
import io.github.migrationguard.schema.replay.MigrationEffects;
import io.github.migrationguard.schema.replay.ObjectRef;
import io.github.migrationguard.schema.replay.ReplayInput;
import io.github.migrationguard.schema.replay.SchemaReplayer;
import io.github.migrationguard.sql.SourceText;
import io.github.migrationguard.sql.SplitResult;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.StatementSplitter;
import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A new migration, offered for review, that creates what a {@code PARTIAL} migration left missing: the statements of
 * that migration that create the missing objects, verbatim and in their order, made re-runnable with
 * {@code IF NOT EXISTS} where PostgreSQL allows it. Reconcile never applies it; it is written to the reports directory
 * only.
 *
 * <p>Which statement creates which object is found by replay: the earlier migrations plus the partial migration's
 * statements up to statement k are replayed, and the objects that appear with statement k are attributed to it (a
 * created table's columns, constraints, indexes and sequences appear with its {@code CREATE TABLE}). A statement is
 * used only when it is a plain creation ({@code CREATE ...}, or {@code ALTER TABLE} with only {@code ADD} clauses),
 * when the object it guards is itself missing (a {@code CREATE TABLE IF NOT EXISTS} of a table that exists would
 * not add its missing column), and when it passes validate-safe on its own. Data statements ({@code INSERT},
 * {@code UPDATE}, {@code GRANT}, ...) are never used: the header names them. {@code SET}/{@code RESET} statements
 * and {@code set_config('search_path', ...)} calls before the last used statement are kept, since names in the
 * statements resolve through them.
 *
 * @param fileName   {@code V<next version>__complete_<description>_safe.sql}
 * @param sql        the file's content: a comment header, then the statements
 * @param statements the statements in the file, in order, as written there ({@code IF NOT EXISTS} inserted)
 * @param creates    display names of the missing objects the file creates ({@code table public.orders})
 * @param notCovered display names of the missing objects it does not create; the header says why for each
 */
public record SuggestedMigration(String fileName, String sql, List<String> statements, List<String> creates,
                                 List<String> notCovered) {

    /** Longest description part of the file name. */
    static final int MAX_DESCRIPTION = 60;

    private static final Pattern NOT_NAME_CHARS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** Statements starting with one of these words can change what the replay has created. */
    private static final Set<String> SCHEMA_CHANGING = Set.of("create", "alter", "drop", "do");
    /** Words between CREATE and the object kind. */
    private static final Set<String> CREATE_MODIFIERS = Set.of("or", "replace", "global", "local", "temp",
            "temporary", "unlogged", "unique", "recursive", "trusted", "procedural", "constraint");
    private static final Map<String, ObjectRef.Kind> CREATE_KINDS = Map.ofEntries(
            Map.entry("table", ObjectRef.Kind.TABLE), Map.entry("index", ObjectRef.Kind.INDEX),
            Map.entry("sequence", ObjectRef.Kind.SEQUENCE), Map.entry("schema", ObjectRef.Kind.SCHEMA),
            Map.entry("type", ObjectRef.Kind.TYPE), Map.entry("domain", ObjectRef.Kind.TYPE),
            Map.entry("view", ObjectRef.Kind.VIEW), Map.entry("materialized", ObjectRef.Kind.MATERIALIZED_VIEW),
            Map.entry("function", ObjectRef.Kind.FUNCTION), Map.entry("procedure", ObjectRef.Kind.FUNCTION),
            Map.entry("trigger", ObjectRef.Kind.TRIGGER), Map.entry("policy", ObjectRef.Kind.POLICY),
            Map.entry("extension", ObjectRef.Kind.EXTENSION));
    /** Words that start a table constraint in {@code ALTER TABLE ... ADD}. */
    private static final Set<String> TABLE_CONSTRAINT_WORDS = Set.of("constraint", "primary", "unique", "check",
            "foreign", "exclude");
    private static final int EXCERPT = 80;
    private static final Pattern NOTE_LINE = Pattern.compile("line (\\d+):");

    public SuggestedMigration {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sql, "sql");
        statements = List.copyOf(statements);
        creates = List.copyOf(creates);
        notCovered = List.copyOf(notCovered);
    }

    /**
     * Composes the migration that completes a partial one, replaying with the default settings (every migration
     * starts with the default search path, as Flyway runs them).
     *
     * @param migrationsInOrder every migration, in apply order
     * @param partialIndex      the position of the partial migration in that list
     * @param absent            display names of its objects the database lacks ({@code MigrationState.absent()})
     * @param nextVersion       the version for the new file (above every existing one)
     * @return the migration, or empty when no statement of the partial migration can be used to create a missing
     *         object
     */
    public static Optional<SuggestedMigration> suggest(List<Migration> migrationsInOrder, int partialIndex,
                                                       List<String> absent, FlywayVersion nextVersion) {
        return suggest(migrationsInOrder, partialIndex, absent, nextVersion, new SchemaReplayer());
    }

    /**
     * As {@link #suggest(List, int, List, FlywayVersion)}, with a given replayer: one that keeps the search path across
     * migrations, or knows the migration role, when detect-drift replayed with such a one.
     */
    public static Optional<SuggestedMigration> suggest(List<Migration> migrationsInOrder, int partialIndex,
                                                       List<String> absent, FlywayVersion nextVersion,
                                                       SchemaReplayer replayer) {
        Objects.requireNonNull(migrationsInOrder, "migrationsInOrder");
        Objects.requireNonNull(absent, "absent");
        Objects.requireNonNull(nextVersion, "nextVersion");
        Objects.requireNonNull(replayer, "replayer");
        if (partialIndex < 0 || partialIndex >= migrationsInOrder.size()) {
            throw new IllegalArgumentException("partialIndex " + partialIndex + " is outside the "
                    + migrationsInOrder.size() + " migrations given");
        }
        return new Composer(migrationsInOrder, partialIndex, absent, nextVersion, replayer).compose();
    }

    /**
     * The file name: {@code V<version>__complete_<description>_safe.sql}, the description lowercased, accents removed,
     * every run of characters other than {@code [a-z0-9]} turned into one {@code _}, at most 60 characters.
     */
    static String fileName(FlywayVersion nextVersion, Migration partial) {
        String slug = slug(partial.description());
        if (slug.isEmpty()) {
            slug = partial.version() != null ? "v" + slug(partial.version().toString()) : "migration";
        }
        return "V" + nextVersion + "__complete_" + slug + "_safe.sql";
    }

    static String slug(String description) {
        if (description == null) {
            return "";
        }
        String s = Normalizer.normalize(description, Normalizer.Form.NFD);
        s = COMBINING_MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
        s = NOT_NAME_CHARS.matcher(s).replaceAll("_");
        s = strip(s);
        if (s.length() > MAX_DESCRIPTION) {
            s = strip(s.substring(0, MAX_DESCRIPTION));
        }
        return s;
    }

    private static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '_') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '_') {
            b--;
        }
        return s.substring(a, b);
    }

    // ================================================================== composing

    /** What one statement of the partial migration is and what it does. */
    private static final class Stmt {
        final int index;
        final SqlStatement statement;
        final int line;
        final String firstWord;
        /** Objects that appeared with this statement, in replay order. */
        final Set<ObjectRef> gained = new LinkedHashSet<>();
        /** Missing objects among {@link #gained}, by their name in the absent list. */
        final Map<String, ObjectRef> missing = new LinkedHashMap<>();
        /** The text for the file (IF NOT EXISTS inserted), when usable. */
        String rewritten;
        boolean concurrently;
        /** True when it is the statement that creates at least one missing object. */
        boolean candidate;

        Stmt(int index, SqlStatement statement, int line) {
            this.index = index;
            this.statement = statement;
            this.line = line;
            List<Token> body = statement.body();
            this.firstWord = !statement.metaCommand() && !body.isEmpty() && body.get(0).type() == TokenType.WORD
                    ? body.get(0).value() : "";
        }
    }

    private static final class Composer {
        private final List<Migration> migrations;
        private final int partialIndex;
        private final Migration partial;
        private final List<String> absent;
        private final FlywayVersion nextVersion;
        private final SchemaReplayer replayer;
        private final String text;
        private final List<Stmt> stmts = new ArrayList<>();
        /** Missing object to why the file does not create it. */
        private final Map<String, String> notCovered = new LinkedHashMap<>();
        private Linter linter;
        /** The statements that can change what exists, in order. */
        private final List<Stmt> changing = new ArrayList<>();
        private final List<ReplayInput> earlier = new ArrayList<>();
        /** Position in {@link #changing} (-1: none) to what the prefix ending there creates. */
        private final Map<Integer, Set<ObjectRef>> prefixCreates = new HashMap<>();
        /** Display names of the missing objects, functions also without their arguments. */
        private final Set<String> absentKeys = new HashSet<>();
        /** Lines of statements replay could not read. */
        private final Set<Integer> notReplayedLines = new HashSet<>();

        Composer(List<Migration> migrations, int partialIndex, List<String> absent, FlywayVersion nextVersion,
                 SchemaReplayer replayer) {
            this.migrations = migrations;
            this.partialIndex = partialIndex;
            this.partial = migrations.get(partialIndex);
            this.absent = List.copyOf(new LinkedHashSet<>(absent));
            this.nextVersion = nextVersion;
            this.replayer = replayer;
            this.text = partial.text() == null ? "" : partial.text();
        }

        Optional<SuggestedMigration> compose() {
            if (absent.isEmpty()) {
                return Optional.empty();
            }
            SplitResult split = StatementSplitter.split(text);
            SourceText source = SourceText.of(text);
            for (SqlStatement s : split.statements()) {
                stmts.add(new Stmt(stmts.size(), s, source.line(s.start())));
            }
            attribute();
            Map<String, Stmt> owner = matchAbsent();
            if (owner.isEmpty()) {
                return Optional.empty();
            }
            Set<Stmt> candidates = new HashSet<>(owner.values());
            List<Stmt> used = new ArrayList<>();
            for (Stmt s : stmts) {
                if (candidates.contains(s) && usable(s)) {
                    used.add(s);
                }
            }
            for (String name : absent) {
                Stmt s = owner.get(name);
                if (s == null) {
                    notCovered.putIfAbsent(name, "no statement of the migration could be read as creating it");
                }
            }
            List<Stmt> session = sessionStatements(used);
            if (used.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(build(used, session));
        }

        /**
         * Replays the earlier migrations plus prefixes of the partial one and records what each statement adds: the
         * objects in what the prefix ending with it creates that the prefix before it does not.
         *
         * <p>Only statements that can change what exists (CREATE, ALTER, DROP, DO) end a prefix; the others add
         * nothing. A run of CREATE statements only adds to what exists, so when the run as a whole adds none of the
         * missing objects, none of its statements does and it is not divided further; any other run is halved down
         * to single statements. A migration of many statements with few missing objects takes a few replays per
         * missing object instead of one per statement.
         */
        private void attribute() {
            for (Stmt s : stmts) {
                if (!s.statement.metaCommand() && SCHEMA_CHANGING.contains(s.firstWord)) {
                    changing.add(s);
                }
            }
            if (changing.isEmpty()) {
                return;
            }
            for (int i = 0; i < partialIndex; i++) {
                earlier.add(migrations.get(i).toReplayInput());
            }
            for (String name : absent) {
                absentKeys.add(name);
                if (name.startsWith("function ")) {
                    absentKeys.add(ObjectRef.withoutArguments(name));
                }
            }
            prefixCreates.put(-1, Set.of());
            attribute(-1, changing.size() - 1);
        }

        /** Attributes what statements {@code (lo, hi]} of {@link #changing} add; the prefix up to lo is known. */
        private void attribute(int lo, int hi) {
            Set<ObjectRef> gained = new LinkedHashSet<>(creates(hi));
            gained.removeAll(creates(lo));
            if (hi == lo + 1) {
                changing.get(hi).gained.addAll(gained);
                return;
            }
            boolean onlyCreates = true;
            for (int i = lo + 1; i <= hi && onlyCreates; i++) {
                onlyCreates = changing.get(i).firstWord.equals("create");
            }
            if (onlyCreates && gained.stream().noneMatch(this::mayBeAbsent)) {
                return;
            }
            int mid = lo + (hi - lo) / 2;
            attribute(lo, mid);
            attribute(mid, hi);
        }

        private boolean mayBeAbsent(ObjectRef ref) {
            return absentKeys.contains(ref.display())
                    || ref.kind() == ObjectRef.Kind.FUNCTION && absentKeys.contains(ObjectRef.withoutArguments(ref.display()));
        }

        /** What the partial migration up to and including {@code changing.get(pos)} creates (replayed once). */
        private Set<ObjectRef> creates(int pos) {
            Set<ObjectRef> known = prefixCreates.get(pos);
            if (known != null) {
                return known;
            }
            List<Token> tokens = changing.get(pos).statement.tokens();
            int end = tokens.isEmpty() ? changing.get(pos).statement.end() : tokens.get(tokens.size() - 1).end();
            List<ReplayInput> inputs = new ArrayList<>(earlier);
            inputs.add(new ReplayInput(partial.script(), text.substring(0, end)));
            MigrationEffects effects = replayer.replay(inputs).effects().get(partialIndex);
            Set<ObjectRef> result = new LinkedHashSet<>(effects.creates());
            prefixCreates.put(pos, result);
            if (pos == changing.size() - 1) {
                for (String note : effects.notReplayed()) {
                    Matcher m = NOTE_LINE.matcher(note);
                    if (m.lookingAt()) {
                        notReplayedLines.add(Integer.parseInt(m.group(1)));
                    }
                }
            }
            return result;
        }

        /**
         * Which statement creates each missing object: an exact match of the display name first; a function also
         * matches by its name without arguments when no statement creates it with exactly those arguments.
         */
        private Map<String, Stmt> matchAbsent() {
            Map<String, Stmt> owner = new LinkedHashMap<>();
            Map<String, List<Stmt>> byName = new LinkedHashMap<>();
            Map<String, List<Stmt>> byBareName = new LinkedHashMap<>();
            Map<String, ObjectRef> refs = new LinkedHashMap<>();
            for (Stmt s : stmts) {
                for (ObjectRef ref : s.gained) {
                    byName.computeIfAbsent(ref.display(), k -> new ArrayList<>()).add(s);
                    refs.putIfAbsent(ref.display(), ref);
                    if (ref.kind() == ObjectRef.Kind.FUNCTION) {
                        byBareName.computeIfAbsent(ObjectRef.withoutArguments(ref.display()), k -> new ArrayList<>()).add(s);
                        refs.putIfAbsent(ObjectRef.withoutArguments(ref.display()), ref);
                    }
                }
            }
            for (String name : absent) {
                List<Stmt> found = byName.get(name);
                String key = name;
                if (found == null && name.startsWith("function ")) {
                    key = ObjectRef.withoutArguments(name);
                    found = byBareName.get(key);
                    if (found != null && distinctFunctions(found, key) > 1) {
                        found = null; // overloads: which one is meant cannot be told without its arguments
                    }
                }
                if (found == null) {
                    continue;
                }
                // the last statement that makes it appear is the one that leaves it in place
                Stmt s = found.get(found.size() - 1);
                owner.put(name, s);
                s.missing.put(name, refs.get(key));
                s.candidate = true;
            }
            return owner;
        }

        private static long distinctFunctions(List<Stmt> found, String bareName) {
            return found.stream().flatMap(s -> s.gained.stream())
                    .filter(r -> r.kind() == ObjectRef.Kind.FUNCTION && ObjectRef.withoutArguments(r.display()).equals(bareName))
                    .distinct().count();
        }

        /** Decides whether a statement that creates missing objects can go into the file; records why not. */
        private boolean usable(Stmt s) {
            String where = "line " + s.line + " (" + excerpt(s.statement.text()) + ")";
            if (s.firstWord.equals("create")) {
                ObjectRef main = mainObject(s);
                if (main != null && !s.missing.containsValue(main)) {
                    rejectAll(s, "it is created by " + where + " together with " + main.display()
                            + ", which exists, so that statement would not create it; add it by hand");
                    return false;
                }
                s.rewritten = guardCreate(s, main);
            } else if (s.firstWord.equals("alter")) {
                String rewritten = guardAlterTable(s);
                if (rewritten == null) {
                    rejectAll(s, "it is created by " + where + ", which also changes existing objects; add it by hand");
                    return false;
                }
                s.rewritten = rewritten;
                List<String> existingColumns = new ArrayList<>();
                for (ObjectRef ref : s.gained) {
                    if (ref.kind() == ObjectRef.Kind.COLUMN && !absent.contains(ref.display())) {
                        existingColumns.add(ref.display());
                    }
                }
                if (!existingColumns.isEmpty()) {
                    // ADD COLUMN IF NOT EXISTS skips an existing column with everything declared on it
                    for (Map.Entry<String, ObjectRef> e : List.copyOf(s.missing.entrySet())) {
                        if (e.getValue().kind() != ObjectRef.Kind.COLUMN) {
                            notCovered.put(e.getKey(), "it may belong to " + String.join(", ", existingColumns)
                                    + ", added by " + where + " and existing already; the suggested statement"
                                    + " skips an existing column with what is declared on it; check and add it by"
                                    + " hand");
                            s.missing.remove(e.getKey());
                        }
                    }
                    if (s.missing.isEmpty()) {
                        return false;
                    }
                }
            } else {
                rejectAll(s, "it is created by " + where + ", which is not a plain CREATE or ALTER TABLE ... ADD;"
                        + " add it by hand");
                return false;
            }
            if (!idempotent(s.rewritten)) {
                rejectAll(s, "it is created by " + where + ", which has no IF NOT EXISTS or OR REPLACE form there:"
                        + " on a database where " + partial.script() + " ran completely (every new one), the"
                        + " suggested migration would fail; add it by hand, guarded");
                return false;
            }
            List<String> rules = lintProblems(s.rewritten);
            if (!rules.isEmpty()) {
                rejectAll(s, "it is created by " + where + ", which would not pass validate-safe ("
                        + String.join(", ", rules) + "); add it by hand");
                return false;
            }
            return true;
        }

        private void rejectAll(Stmt s, String reason) {
            for (String name : s.missing.keySet()) {
                notCovered.put(name, reason);
            }
            s.missing.clear();
        }

        /** The object a CREATE statement is about (the table of a CREATE TABLE), or null when it cannot tell. */
        private ObjectRef mainObject(Stmt s) {
            ObjectRef.Kind kind = null;
            for (Token t : s.statement.body().subList(1, s.statement.body().size())) {
                if (t.type() != TokenType.WORD) {
                    break;
                }
                if (CREATE_KINDS.containsKey(t.value())) {
                    kind = CREATE_KINDS.get(t.value());
                    break;
                }
                if (!CREATE_MODIFIERS.contains(t.value())) {
                    break;
                }
            }
            if (kind == null) {
                return null;
            }
            for (ObjectRef ref : s.gained) {
                if (ref.kind() == kind) {
                    return ref;
                }
            }
            return null;
        }

        /**
         * SET/RESET statements and {@code set_config('search_path', ...)} calls before the last used statement: names
         * in the used statements resolve through them. One that would not pass validate-safe makes the statements
         * after it unusable.
         */
        private List<Stmt> sessionStatements(List<Stmt> used) {
            List<Stmt> session = new ArrayList<>();
            if (used.isEmpty()) {
                return session;
            }
            int last = used.get(used.size() - 1).index;
            for (Stmt s : stmts) {
                if (s.index >= last || !isSession(s)) {
                    continue;
                }
                List<String> rules = lintProblems(s.statement.text());
                if (rules.isEmpty()) {
                    s.rewritten = withTerminator(s.statement.text());
                    session.add(s);
                    continue;
                }
                for (Iterator<Stmt> it = used.iterator(); it.hasNext(); ) {
                    Stmt u = it.next();
                    if (u.index > s.index) {
                        rejectAll(u, "it is created by line " + u.line + ", which depends on the session setting of"
                                + " line " + s.line + ", which would not pass validate-safe ("
                                + String.join(", ", rules) + "); add it by hand");
                        it.remove();
                    }
                }
                break;
            }
            session.removeIf(s -> used.isEmpty() || s.index > used.get(used.size() - 1).index);
            return session;
        }

        private static boolean isSession(Stmt s) {
            if (s.firstWord.equals("set") || s.firstWord.equals("reset")) {
                return true;
            }
            if (!s.firstWord.equals("select")) {
                return false;
            }
            List<Token> t = s.statement.body();
            for (int i = 0; i + 2 < t.size(); i++) {
                if (t.get(i).isWord("set_config") && t.get(i + 1).isPunct('(')
                        && t.get(i + 2).type() == TokenType.STRING && t.get(i + 2).value().equals("search_path")) {
                    return true;
                }
            }
            return false;
        }

        /** Rule ids of validate-safe findings for one statement on its own, in a file named like the suggestion. */
        private List<String> lintProblems(String statementText) {
            if (linter == null) {
                linter = new Linter(LintSettings.defaults());
            }
            String file = fileName(nextVersion, partial);
            Set<String> ids = new TreeSet<>();
            for (Finding f : linter.lintSource(file, withTerminator(statementText).getBytes(StandardCharsets.UTF_8))
                    .findings()) {
                ids.add(f.ruleId());
            }
            return List.copyOf(ids);
        }

        // -------------------------------------------------------------- IF NOT EXISTS

        private static final Pattern GUARDED_CREATE = Pattern.compile(
                "(?s)\\s*create\\s+(or\\s+replace\\s.*|[^;(]*?\\bif\\s+not\\s+exists\\b.*)");
        private static final Pattern UNGUARDED_ADD = Pattern.compile(
                "\\badd\\s+(constraint|primary|unique|check|foreign|exclude)\\b");

        /**
         * Runs again without failing where its objects exist: a CREATE with IF NOT EXISTS (before any parenthesis)
         * or OR REPLACE, an ALTER TABLE whose ADD clauses are all guarded columns. A migration that completes a
         * partial one must also apply to a new database, where the partial migration created everything.
         */
        static boolean idempotent(String statement) {
            String t = statement.strip().toLowerCase(Locale.ROOT);
            if (t.startsWith("create")) {
                return GUARDED_CREATE.matcher(t).matches();
            }
            return !UNGUARDED_ADD.matcher(t).find();
        }

        /** The CREATE statement with IF NOT EXISTS after its keywords, where PostgreSQL has that form. */
        private String guardCreate(Stmt s, ObjectRef main) {
            List<Token> b = s.statement.body();
            int i = 1;
            while (i < b.size() && b.get(i).isAnyWord("global", "local", "temp", "temporary", "unlogged", "unique")) {
                i++;
            }
            if (i >= b.size()) {
                return withTerminator(s.statement.text());
            }
            Token kind = b.get(i);
            if (kind.isAnyWord("table", "sequence", "extension")) {
                return insertAfter(s, kind, ifNotExists(kind, b, i + 1));
            }
            if (kind.isWord("schema")) {
                return isPlainCreateSchema(b, i + 1) ? insertAfter(s, kind, ifNotExists(kind, b, i + 1))
                        : withTerminator(s.statement.text());
            }
            if (kind.isWord("index")) {
                Token after = kind;
                int next = i + 1;
                if (next < b.size() && b.get(next).isWord("concurrently")) {
                    s.concurrently = true;
                    after = b.get(next);
                    next++;
                }
                String guard = ifNotExists(after, b, next);
                if (guard.isEmpty()) {
                    return withTerminator(s.statement.text());
                }
                if (next < b.size() && b.get(next).isWord("on")) {
                    if (main == null) {
                        // an unnamed index whose generated name replay does not know: IF NOT EXISTS needs a name
                        return withTerminator(s.statement.text());
                    }
                    guard = guard + " " + quoteIdentifier(main.name());
                }
                return insertAfter(s, after, guard);
            }
            return withTerminator(s.statement.text());
        }

        /** {@code CREATE SCHEMA [name] [AUTHORIZATION role]} with no schema elements (they forbid IF NOT EXISTS). */
        private static boolean isPlainCreateSchema(List<Token> b, int from) {
            int i = from;
            if (i < b.size() && !b.get(i).isWord("authorization")) {
                i++;
            }
            if (i < b.size() && b.get(i).isWord("authorization")) {
                i += 2;
            }
            return i == b.size();
        }

        /**
         * ALTER TABLE whose clauses are all ADD: each ADD of a column gets IF NOT EXISTS. Null when the statement is
         * another ALTER, or has a clause that changes an existing object.
         */
        private String guardAlterTable(Stmt s) {
            List<Token> b = s.statement.body();
            int i = 1;
            if (i >= b.size() || !b.get(i).isWord("table")) {
                return null;
            }
            i++;
            if (i + 1 < b.size() && b.get(i).isWord("if") && b.get(i + 1).isWord("exists")) {
                i += 2;
            }
            if (i < b.size() && b.get(i).isWord("only")) {
                i++;
            }
            if (!isName(b, i)) {
                return null;
            }
            i++;
            while (i + 1 < b.size() && b.get(i).isPunct('.') && isName(b, i + 1)) {
                i += 2;
            }
            if (i < b.size() && b.get(i).type() == TokenType.OPERATOR && b.get(i).text().equals("*")) {
                i++;
            }
            if (i >= b.size()) {
                return null;
            }
            Map<Token, String> inserts = new LinkedHashMap<>();
            int depth = 0;
            boolean clauseStart = true;
            for (; i < b.size(); i++) {
                Token t = b.get(i);
                if (clauseStart) {
                    clauseStart = false;
                    if (!t.isWord("add")) {
                        return null;
                    }
                    int next = i + 1;
                    Token after = t;
                    if (next < b.size() && b.get(next).isWord("column")) {
                        after = b.get(next);
                        next++;
                    } else if (next < b.size() && b.get(next).type() == TokenType.WORD
                            && TABLE_CONSTRAINT_WORDS.contains(b.get(next).value())) {
                        continue;
                    }
                    String guard = ifNotExists(after, b, next);
                    if (!guard.isEmpty()) {
                        inserts.put(after, guard);
                    }
                    continue;
                }
                if (t.isPunct('(') || t.isPunct('[')) {
                    depth++;
                } else if (t.isPunct(')') || t.isPunct(']')) {
                    depth = Math.max(0, depth - 1);
                } else if (depth == 0 && t.isPunct(',')) {
                    clauseStart = true;
                }
            }
            if (clauseStart) {
                return null; // a trailing comma: not a statement we can read
            }
            return withTerminator(insert(s.statement, inserts));
        }

        private static boolean isName(List<Token> b, int i) {
            return i < b.size() && (b.get(i).type() == TokenType.WORD
                    || b.get(i).type() == TokenType.QUOTED_IDENTIFIER);
        }

        /** {@code IF NOT EXISTS} in the letter case of the keyword before it, or "" when already there. */
        private static String ifNotExists(Token keyword, List<Token> b, int next) {
            if (next + 2 < b.size() && b.get(next).isWord("if") && b.get(next + 1).isWord("not")
                    && b.get(next + 2).isWord("exists")) {
                return "";
            }
            return keyword.text().equals(keyword.text().toLowerCase(Locale.ROOT)) ? "if not exists" : "IF NOT EXISTS";
        }

        private String insertAfter(Stmt s, Token keyword, String guard) {
            if (guard.isEmpty()) {
                return withTerminator(s.statement.text());
            }
            Map<Token, String> one = new LinkedHashMap<>();
            one.put(keyword, guard);
            return withTerminator(insert(s.statement, one));
        }

        private static String insert(SqlStatement st, Map<Token, String> inserts) {
            StringBuilder out = new StringBuilder(st.text());
            List<Token> order = new ArrayList<>(inserts.keySet());
            order.sort((x, y) -> Integer.compare(y.end(), x.end()));
            for (Token t : order) {
                out.insert(t.end() - st.start(), " " + inserts.get(t));
            }
            return out.toString();
        }

        // -------------------------------------------------------------- the file

        private SuggestedMigration build(List<Stmt> used, List<Stmt> session) {
            Set<Stmt> inFile = new HashSet<>(used);
            inFile.addAll(session);
            List<String> creates = new ArrayList<>();
            for (String name : absent) {
                for (Stmt s : used) {
                    if (s.missing.containsKey(name)) {
                        creates.add(name);
                        break;
                    }
                }
            }
            List<String> missed = new ArrayList<>();
            for (String name : absent) {
                if (!creates.contains(name)) {
                    missed.add(name);
                    notCovered.putIfAbsent(name, "no statement of the migration could be read as creating it");
                }
            }
            List<String> leftOut = new ArrayList<>();
            int existing = 0;
            for (Stmt s : stmts) {
                if (inFile.contains(s)) {
                    continue;
                }
                if (s.statement.metaCommand()) {
                    leftOut.add("line " + s.line + ": " + excerpt(s.statement.text()) + " (psql meta-command)");
                } else if (!s.firstWord.equals("create") && !s.firstWord.equals("alter")) {
                    leftOut.add("line " + s.line + ": " + excerpt(s.statement.text()));
                } else if (notReplayedLines.contains(s.line)) {
                    leftOut.add("line " + s.line + ": " + excerpt(s.statement.text())
                            + " (replay could not read it)");
                } else if (!s.candidate) {
                    existing++;
                }
            }
            boolean concurrently = used.stream().anyMatch(s -> s.concurrently);

            StringBuilder sql = new StringBuilder();
            line(sql, "Completes migration " + partial.name() + " (" + partial.script()
                    + "), which the database has only in part.");
            line(sql, "Made by migration-guard reconcile from the statements of that migration that create the"
                    + " missing objects,");
            line(sql, "with IF NOT EXISTS added where PostgreSQL allows it.");
            line(sql, "Creates:");
            for (String name : creates) {
                line(sql, "  " + name);
            }
            if (!missed.isEmpty()) {
                line(sql, "Missing objects it does not create (add them by hand):");
                for (String name : missed) {
                    line(sql, "  " + name + ": " + notCovered.get(name));
                }
            }
            if (!leftOut.isEmpty()) {
                line(sql, "Statements left out (check whether they must run too):");
                for (String l : leftOut) {
                    line(sql, "  left out: " + l);
                }
            }
            if (existing > 0) {
                line(sql, existing + (existing == 1 ? " other statement creates objects that exist; it is"
                        : " other statements create objects that exist; they are") + " not repeated.");
            }
            if (concurrently) {
                line(sql, "It holds CREATE INDEX CONCURRENTLY: it must not run inside a transaction (PostgreSQL"
                        + " refuses that statement in one);");
                line(sql, "Flyway, for one, refuses a file that mixes it with other statements unless mixed=true.");
            }
            line(sql, "Review before use; copy it into your migration directory to apply it with your migration"
                    + " tool.");
            List<String> statements = new ArrayList<>();
            for (Stmt s : stmts) {
                if (!inFile.contains(s)) {
                    continue;
                }
                sql.append('\n');
                line(sql, "line " + s.line + " of " + partial.script());
                sql.append(s.rewritten).append('\n');
                statements.add(s.rewritten);
            }
            return new SuggestedMigration(fileName(nextVersion, partial), sql.toString(), statements, creates,
                    missed);
        }

        private static void line(StringBuilder sql, String text) {
            sql.append("-- ").append(commentSafe(text)).append('\n');
        }
    }

    // ================================================================== helpers

    /** One line of a line comment: no line breaks, no placeholder syntax a migration tool would substitute. */
    static String commentSafe(String text) {
        return text.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ").replace("${", "$ {");
    }

    static String excerpt(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() > EXCERPT ? t.substring(0, EXCERPT - 3) + "..." : t;
    }

    private static String withTerminator(String statement) {
        String t = statement.stripTrailing();
        return t.endsWith(";") ? t : t + ";";
    }

    static String quoteIdentifier(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches() && !Keywords.RESERVED.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
