package io.github.migrationguard.schema.replay;

import io.github.migrationguard.schema.replay.ReplayModel.MColumn;
import io.github.migrationguard.schema.replay.ReplayModel.MExtension;
import io.github.migrationguard.schema.replay.ReplayModel.MFunction;
import io.github.migrationguard.schema.replay.ReplayModel.MSequence;
import io.github.migrationguard.schema.replay.ReplayModel.MTable;
import io.github.migrationguard.sql.LexProblem;
import io.github.migrationguard.sql.PsqlLexer;
import io.github.migrationguard.sql.SourceText;
import io.github.migrationguard.sql.SplitResult;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.StatementSplitter;
import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The replay of an ordered list of migrations: state that lives across migrations (the model, the search path) and the
 * statement dispatch. Table statements are in {@link TableDdl}, everything else is here.
 */
final class Replay {

    /** The statement is well-formed but replay deliberately does not model what it does. */
    static final class NotModelled extends RuntimeException {
        NotModelled(String message) {
            super(message, null, false, false);
        }
    }

    final ReplayModel model = new ReplayModel();
    final ExprRenderer renderer;
    final TableDdl tables = new TableDdl(this);
    private final boolean searchPathPerMigration;
    List<String> searchPath;
    Effects fx;
    /** Inside a DO block's exception-protected statements: existing objects are skipped quietly. */
    boolean tolerant;
    private final Map<String, UserType> adHocTypes = new HashMap<>();

    /** The role migrations ran as (for {@code $user} in the search path), or null when unknown. */
    private final String user;
    /** A schema the migration tool puts first in the search path (and creates before the first migration), or null. */
    private final String defaultSchema;

    Replay(boolean searchPathPerMigration, String user) {
        this(searchPathPerMigration, user, null);
    }

    Replay(boolean searchPathPerMigration, String user, String defaultSchema) {
        this.searchPathPerMigration = searchPathPerMigration;
        this.user = user;
        this.defaultSchema = defaultSchema;
        this.searchPath = defaultSearchPath();
        model.schemas.add("public");
        if (defaultSchema != null) {
            model.schemas.add(defaultSchema);
        }
        model.extensions.add(new MExtension("plpgsql", "pg_catalog", null));
        renderer = new ExprRenderer(ext -> model.extension(ext).map(e -> e.schema).orElse(null));
    }

    /** The server's default: what RESET and SET ... TO DEFAULT return to (the tool's own setting is undone). */
    private static List<String> configuredSearchPath() {
        return new ArrayList<>(List.of("$user", "public"));
    }

    /** The search path each migration starts with. */
    private List<String> defaultSearchPath() {
        return defaultSchema == null ? new ArrayList<>(List.of("$user", "public"))
                : new ArrayList<>(List.of(defaultSchema, "$user", "public"));
    }

    // ================================================================== migrations and statements

    MigrationEffects migration(ReplayInput input) {
        fx = new Effects(input.script());
        if (searchPathPerMigration) {
            searchPath = defaultSearchPath();
        }
        String sql = input.sql() == null ? "" : input.sql();
        SourceText source = SourceText.of(sql);
        SplitResult split;
        try {
            split = StatementSplitter.split(source.text());
        } catch (RuntimeException e) {
            fx.notReplayed("line 1: the file could not be split into statements (" + e.getMessage() + ")");
            return fx.build();
        }
        for (LexProblem p : split.problems()) {
            fx.notReplayed("line " + source.line(p.start()) + ": " + p.detail());
        }
        for (SqlStatement s : split.statements()) {
            int line = source.line(s.start());
            if (s.metaCommand()) {
                fx.notReplayed("line " + line + ": " + excerpt(s.text()) + " (psql meta-command)");
                continue;
            }
            try {
                statement(s, source.text());
            } catch (Cursor.Unsupported | NotModelled e) {
                fx.notReplayed("line " + line + ": " + excerpt(s.text()) + " (" + e.getMessage() + ")");
            } catch (RuntimeException e) {
                fx.notReplayed("line " + line + ": " + excerpt(s.text()) + " (not understood: " + e + ")");
            }
        }
        return fx.build();
    }

    static String excerpt(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }

    void statement(SqlStatement s, String source) {
        List<Token> body = s.body();
        if (body.isEmpty()) {
            return;
        }
        statement(new Cursor(body, source));
    }

    void statement(Cursor c) {
        Token first = c.peek();
        if (first.isPunct('(')) {
            return; // a parenthesised query
        }
        if (first.type() != TokenType.WORD) {
            throw new Cursor.Unsupported("unrecognised statement");
        }
        switch (first.value()) {
            case "create" -> create(c);
            case "alter" -> alter(c);
            case "drop" -> drop(c);
            case "set" -> set(c);
            case "reset" -> reset(c);
            case "select" -> select(c);
            case "do" -> doBlock(c);
            case "insert", "update", "delete", "copy", "truncate" -> {
                try {
                    dmlReferences(c);
                } catch (Cursor.Unsupported e) {
                    // a data statement replay cannot read changes no schema either
                }
            }
            case "comment", "grant", "revoke", "security", "analyze", "analyse", "vacuum", "cluster", "reindex",
                    "refresh", "lock", "notify", "listen", "unlisten", "discard", "checkpoint", "explain", "prepare",
                    "execute", "deallocate", "merge", "values",
                    "with", "show", "begin", "start", "commit", "end", "savepoint", "release", "call", "fetch",
                    "close", "declare", "move", "load", "abort", "table" -> {
                // no effect on the schema model
            }
            case "rollback" -> {
                if (!c.peekWord(1, "to") && !c.peekWord(1, "prepared")) {
                    throw new NotModelled("ROLLBACK: earlier statements of the transaction are not undone");
                }
            }
            case "import" -> throw new NotModelled("IMPORT FOREIGN SCHEMA");
            default -> throw new Cursor.Unsupported("unrecognised statement " + first.text().toUpperCase(Locale.ROOT));
        }
    }

    // ================================================================== names

    /** The schema new objects go to: the first existing schema of the search path. */
    String creationSchema() {
        List<String> schemas = searchSchemas();
        return schemas.isEmpty() ? "public" : schemas.get(0);
    }

    /** Schemas searched for unqualified names, in order (existing ones; {@code $user} is the migration role). */
    List<String> searchSchemas() {
        List<String> out = new ArrayList<>();
        for (String s : searchPath) {
            String schema = s.equals("$user") ? user : s;
            if (schema != null && model.hasSchema(schema) && !out.contains(schema)) {
                out.add(schema);
            }
        }
        return out;
    }

    /** A relation by (possibly qualified) name, searching the path for unqualified names. */
    Optional<MTable> findRelation(List<String> name) {
        if (name.size() > 1) {
            return model.relation(name.get(0), name.get(1));
        }
        for (String s : searchSchemas()) {
            Optional<MTable> t = model.relation(s, name.get(0));
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /** Schema and name a name refers to: the schema where it exists, else where it would be created. */
    String[] resolveName(List<String> name, java.util.function.BiPredicate<String, String> exists) {
        if (name.size() > 1) {
            return new String[] {name.get(0), name.get(1)};
        }
        for (String s : searchSchemas()) {
            if (exists.test(s, name.get(0))) {
                return new String[] {s, name.get(0)};
            }
        }
        return new String[] {creationSchema(), name.get(0)};
    }

    /** Schema and name for a new object. */
    String[] newName(List<String> name) {
        if (name.size() > 1) {
            return new String[] {name.get(0), name.get(1)};
        }
        return new String[] {creationSchema(), name.get(0)};
    }

    Optional<MSequence> findSequence(List<String> name) {
        String[] n = resolveName(name, (s, x) -> model.sequence(s, x).isPresent());
        return model.sequence(n[0], n[1]);
    }

    Optional<UserType> findType(List<String> name) {
        String[] n = resolveName(name, (s, x) -> model.type(s, x).isPresent());
        return model.type(n[0], n[1]);
    }

    /** Resolves types that are not built in: migrations' enums and domains, tables' row types, extension types. */
    PgType userType(String schema, String name) {
        if (schema != null) {
            Optional<UserType> t = model.type(schema, name);
            if (t.isPresent()) {
                return PgType.of(t.get());
            }
            Optional<MTable> rel = model.relation(schema, name);
            if (rel.isPresent() && rel.get().rowType != null) {
                return PgType.of(rel.get().rowType);
            }
            return PgType.of(adHoc(schema, name, UserType.Kind.OTHER, null));
        }
        for (String s : searchSchemas()) {
            Optional<UserType> t = model.type(s, name);
            if (t.isPresent()) {
                return PgType.of(t.get());
            }
            Optional<MTable> rel = model.relation(s, name);
            if (rel.isPresent() && rel.get().rowType != null) {
                return PgType.of(rel.get().rowType);
            }
        }
        String ext = EXTENSION_TYPES.get(name);
        if (ext != null) {
            String schemaOfExt = model.extension(ext).map(e -> e.schema).orElse(creationSchema());
            return PgType.of(adHoc(schemaOfExt, name, UserType.Kind.EXTENSION, ext));
        }
        return PgType.of(adHoc(creationSchema(), name, UserType.Kind.OTHER, null));
    }

    private UserType adHoc(String schema, String name, UserType.Kind kind, String extension) {
        return adHocTypes.computeIfAbsent(schema + "\u0000" + name, k -> {
            UserType t = new UserType(schema, name, kind);
            t.extension = extension;
            return t;
        });
    }

    /** Types that common extensions create, by extension. */
    private static final Map<String, String> EXTENSION_TYPES = Map.ofEntries(Map.entry("citext", "citext"),
            Map.entry("hstore", "hstore"), Map.entry("ltree", "ltree"), Map.entry("lquery", "ltree"),
            Map.entry("ltxtquery", "ltree"), Map.entry("geometry", "postgis"), Map.entry("geography", "postgis"),
            Map.entry("box2d", "postgis"), Map.entry("box3d", "postgis"), Map.entry("vector", "vector"),
            Map.entry("halfvec", "vector"), Map.entry("sparsevec", "vector"), Map.entry("cube", "cube"),
            Map.entry("isbn", "isn"), Map.entry("ean13", "isn"), Map.entry("seg", "seg"), Map.entry("lo", "lo"));

    /** A user function by name, for expression binding: same schema rules, first with a fitting argument count. */
    MFunction findFunction(String schema, String name, int argCount) {
        List<String> schemas = schema != null ? List.of(schema) : searchSchemas();
        for (String s : schemas) {
            for (MFunction f : model.functions) {
                if (f.schema.equals(s) && f.name.equals(name)) {
                    long inputs = f.args.stream().filter(a -> !a.mode.equals("OUT") && !a.mode.equals("TABLE"))
                            .count();
                    long required = f.args.stream().filter(a -> !a.mode.equals("OUT") && !a.mode.equals("TABLE")
                            && !a.hasDefault && !a.mode.equals("VARIADIC")).count();
                    boolean variadic = f.args.stream().anyMatch(a -> a.mode.equals("VARIADIC"));
                    if (argCount >= required && (argCount <= inputs || variadic)) {
                        return f;
                    }
                }
            }
        }
        return null;
    }

    /** Where a {@code regclass} literal points: a sequence or a relation, searched as the server would. */
    Object regclass(String text) {
        List<String> name = parseNameText(text);
        if (name.isEmpty()) {
            return null;
        }
        Optional<MSequence> seq = findSequence(name);
        if (seq.isPresent()) {
            return seq.get();
        }
        return findRelation(name).orElse(null);
    }

    /** Parses {@code schema."Name"} as written inside a string. */
    static List<String> parseNameText(String text) {
        List<String> parts = new ArrayList<>();
        for (Token t : PsqlLexer.lex(text).tokens()) {
            if (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER) {
                parts.add(Idents.truncate(t.value()));
            } else if (!t.isPunct('.')) {
                return List.of();
            }
        }
        if (parts.size() > 2) {
            return parts.subList(parts.size() - 2, parts.size());
        }
        return parts;
    }

    /** Expression scope of one relation: its columns, user functions, types. */
    ExprParser.Scope scope(MTable table) {
        Replay self = this;
        return new ExprParser.Scope() {
            @Override
            public MColumn column(List<String> name) {
                if (table == null) {
                    return null;
                }
                String n = name.get(name.size() - 1);
                Optional<MColumn> c = table.column(n);
                if (c.isPresent()) {
                    fx.referenced(Effects.column(c.get()));
                    return c.get();
                }
                if (table.isView()) {
                    return table.addColumn(n, null);
                }
                // the statement ran, so the column existed: a column replay does not know is a reference
                fx.referenced(Effects.column(table.schema, table.name, n));
                return null;
            }

            @Override
            public MFunction function(String schema, String name, int argCount) {
                return self.findFunction(schema, name, argCount);
            }

            @Override
            public TypeReader.Resolver types() {
                return self::userType;
            }

            @Override
            public Object regclass(String text) {
                return self.regclass(text);
            }
        };
    }

    TypeReader.Read readType(Cursor c) {
        return TypeReader.read(c, this::userType);
    }

    // ================================================================== DML: references only

    /**
     * The tables (and listed columns) that INSERT, UPDATE, DELETE, COPY and TRUNCATE write: they must exist, so they
     * are references; the statements change no schema.
     */
    private void dmlReferences(Cursor c) {
        String verb = c.next().value();
        List<List<String>> tablesNamed = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        switch (verb) {
            case "insert" -> {
                c.expect("into");
                tablesNamed.add(c.qualifiedName());
                if (c.accept("as")) {
                    c.identifier();
                }
                if (c.peekPunct('(')) {
                    for (Cursor col : c.parenthesized().commaSeparated()) {
                        columns.add(col.identifier());
                    }
                }
            }
            case "update" -> {
                c.accept("only");
                tablesNamed.add(c.qualifiedName());
                c.until("set");
                if (c.accept("set")) {
                    Cursor targets = c.until("from", "where", "returning");
                    for (Cursor item : targets.commaSeparated()) {
                        if (item.peekPunct('(')) {
                            for (Cursor col : item.parenthesized().commaSeparated()) {
                                columns.add(col.identifier());
                            }
                        } else if (item.peekIdentifier()) {
                            columns.add(item.identifier());
                        }
                    }
                }
            }
            case "delete" -> {
                c.expect("from");
                c.accept("only");
                tablesNamed.add(c.qualifiedName());
            }
            case "copy" -> {
                if (c.peekPunct('(')) {
                    return; // COPY (query) TO ...
                }
                tablesNamed.add(c.qualifiedName());
                if (c.peekPunct('(')) {
                    for (Cursor col : c.parenthesized().commaSeparated()) {
                        columns.add(col.identifier());
                    }
                }
            }
            default -> {
                c.accept("table");
                c.accept("only");
                for (Cursor item : c.until("restart", "continue", "cascade", "restrict").commaSeparated()) {
                    tablesNamed.add(item.qualifiedName());
                }
            }
        }
        for (List<String> name : tablesNamed) {
            if (isTemporary(name)) {
                continue;
            }
            Optional<MTable> t = findRelation(name);
            String[] n = t.map(x -> new String[] {x.schema, x.name}).orElseGet(() -> resolveName(name,
                    (a, b) -> false));
            fx.referenced(t.map(Effects::table).orElseGet(() -> Effects.table(n[0], n[1])));
            if (tablesNamed.size() == 1) {
                for (String col : columns) {
                    fx.referenced(Effects.column(n[0], n[1], col));
                }
            }
        }
    }

    // ================================================================== SET, RESET, SELECT set_config

    private void set(Cursor c) {
        c.expect("set");
        if (!c.accept("session")) {
            c.accept("local");
        }
        if (c.accept("schema")) {
            Token t = c.next();
            searchPath = new ArrayList<>(List.of(t.value()));
            return;
        }
        if (!c.peekIdentifier()) {
            return;
        }
        String name = c.identifier();
        if (!name.equals("search_path")) {
            return;
        }
        if (!c.accept("to") && !c.acceptOperator("=")) {
            throw new Cursor.Unsupported("SET search_path" + c.near());
        }
        if (c.accept("default")) {
            searchPath = configuredSearchPath();
            return;
        }
        List<String> path = new ArrayList<>();
        for (Cursor item : c.commaSeparated()) {
            Token t = item.next();
            if (t.type() == TokenType.STRING) {
                if (!t.value().isEmpty()) {
                    path.add(t.value());
                }
            } else {
                path.add(Idents.truncate(t.value()));
            }
        }
        searchPath = path;
    }

    private void reset(Cursor c) {
        c.expect("reset");
        if (c.accept("all") || c.peekWord("search_path")) {
            searchPath = configuredSearchPath();
        }
    }

    /** {@code SELECT [pg_catalog.]set_config('search_path', '...', false)}, as pg_dump writes it. */
    private void select(Cursor c) {
        List<Token> t = c.tokens();
        for (int i = 0; i + 3 < t.size(); i++) {
            if (t.get(i).isWord("set_config") && t.get(i + 1).isPunct('(') && t.get(i + 2).type() == TokenType.STRING
                    && t.get(i + 2).value().equals("search_path") && t.get(i + 3).isPunct(',')
                    && i + 4 < t.size() && t.get(i + 4).type() == TokenType.STRING) {
                searchPath = parseSearchPathValue(t.get(i + 4).value());
            }
        }
    }

    /** A search_path setting's text: comma-separated names, quoted ones kept as written. */
    static List<String> parseSearchPathValue(String value) {
        List<String> path = new ArrayList<>();
        for (Token t : PsqlLexer.lex(value).tokens()) {
            if (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER) {
                path.add(Idents.truncate(t.value()));
            }
        }
        return path;
    }

    // ================================================================== DO blocks

    /**
     * A DO block. The idempotent forms migrations use to create types and constraints ({@code BEGIN <statements>
     * EXCEPTION WHEN duplicate_object THEN NULL; END} and {@code IF NOT EXISTS (...) THEN <statements> END IF}) are
     * replayed, skipping objects that already exist; any other block that could change the schema is not replayed.
     */
    private void doBlock(Cursor c) {
        c.expect("do");
        Token body = null;
        String language = "plpgsql";
        while (!c.atEnd()) {
            Token t = c.next();
            if (t.type() == TokenType.STRING || t.type() == TokenType.DOLLAR_STRING) {
                body = t;
            } else if (t.isWord("language")) {
                language = c.next().value();
            }
        }
        if (body == null) {
            throw new Cursor.Unsupported("DO without a body");
        }
        String code = body.value();
        List<Token> tokens = PsqlLexer.lex(code).tokens();
        boolean ddl = tokens.stream().anyMatch(t -> t.isAnyWord("create", "alter", "drop", "execute", "rename",
                "perform", "call"));
        if (!ddl) {
            return;
        }
        if (!language.equals("plpgsql") || !new PlpgsqlBlock(this, code).replay()) {
            throw new NotModelled("DO block with statements that can change the schema");
        }
    }

    // ================================================================== CREATE

    private void create(Cursor c) {
        c.expect("create");
        boolean orReplace = c.accept("or", "replace");
        if (c.peekWord("schema")) {
            createSchema(c);
            return;
        }
        int save = c.position();
        if (c.accept("global") || c.accept("local")) {
            // GLOBAL/LOCAL TEMP
        }
        boolean temp = c.accept("temp") || c.accept("temporary");
        boolean unlogged = !temp && c.accept("unlogged");
        if (c.peekWord("table")) {
            if (temp) {
                rememberTemp(c); // gone at the end of the session
                return;
            }
            tables.createTable(c, unlogged, false);
            return;
        }
        if (c.peekWord("sequence")) {
            if (temp) {
                rememberTemp(c);
                return;
            }
            createSequence(c);
            return;
        }
        if (c.peekWord("recursive") || c.peekWord("view")) {
            if (temp) {
                rememberTemp(c);
                return;
            }
            createView(c, orReplace, false);
            return;
        }
        c.reset(save);
        if (c.peekWord("foreign") && c.peekWord(1, "table")) {
            c.next();
            tables.createTable(c, false, true);
            return;
        }
        if (c.peekWord("unique") || c.peekWord("index")) {
            tables.createIndex(c);
            return;
        }
        if (c.peekWord("materialized")) {
            c.next();
            createView(c, orReplace, true);
            return;
        }
        if (c.peekWord("type")) {
            createType(c);
            return;
        }
        if (c.peekWord("domain")) {
            createDomain(c);
            return;
        }
        if (c.peekWord("function") || c.peekWord("procedure")) {
            Functions.create(this, c, orReplace);
            return;
        }
        if (c.peekWord("aggregate")) {
            Functions.createAggregate(this, c, orReplace);
            return;
        }
        if (c.peekWord("trigger") || (c.peekWord("constraint") && c.peekWord(1, "trigger"))) {
            Functions.createTrigger(this, c, orReplace);
            return;
        }
        if (c.peekWord("policy")) {
            Functions.createPolicy(this, c);
            return;
        }
        if (c.peekWord("extension")) {
            createExtension(c);
            return;
        }
        if (c.peekWord("trusted") || c.peekWord("procedural") || c.peekWord("language") || c.peekWord("role")
                || c.peekWord("user") || c.peekWord("group") || c.peekWord("database") || c.peekWord("tablespace")
                || c.peekWord("server") || c.peekWord("cast") || c.peekWord("operator") || c.peekWord("collation")
                || c.peekWord("text") || c.peekWord("publication") || c.peekWord("subscription")
                || c.peekWord("statistics") || c.peekWord("rule") || c.peekWord("event") || c.peekWord("conversion")
                || c.peekWord("default") || c.peekWord("transform") || c.peekWord("access")
                || (c.peekWord("foreign") && c.peekWord(1, "data"))) {
            return; // objects outside the schema model
        }
        throw new Cursor.Unsupported("unrecognised CREATE" + c.near());
    }

    /** Temporary relations of the session: not schema, and what names them is no reference either. */
    private final java.util.Set<String> temporary = new java.util.HashSet<>();

    private void rememberTemp(Cursor c) {
        c.next();
        c.accept("recursive");
        c.accept("view");
        c.accept("if", "not", "exists");
        if (c.peekIdentifier()) {
            List<String> name = c.qualifiedName();
            temporary.add(name.get(name.size() - 1));
        }
    }

    /** Does this name refer to a temporary relation (they are searched before the search path)? */
    boolean isTemporary(List<String> name) {
        return name.size() == 1 ? temporary.contains(name.get(0)) : name.get(0).startsWith("pg_temp");
    }

    private void createSchema(Cursor c) {
        c.expect("schema");
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name;
        if (c.peekWord("authorization")) {
            c.next();
            name = c.identifier();
        } else {
            name = c.identifier();
            if (c.accept("authorization")) {
                c.identifier();
            }
        }
        if (model.hasSchema(name)) {
            if (!ifNotExists && !tolerant) {
                throw new NotModelled("schema " + name + " already exists in the replayed schema");
            }
        } else {
            model.schemas.add(name);
            fx.created(Effects.schema(name));
        }
        if (!c.atEnd()) {
            // CREATE SCHEMA ... CREATE TABLE ... (schema elements)
            throw new NotModelled("schema elements inside CREATE SCHEMA");
        }
    }

    private void createExtension(Cursor c) {
        c.expect("extension");
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name = c.identifier();
        String schema = null;
        String version = null;
        boolean cascade = false;
        c.accept("with");
        while (!c.atEnd()) {
            if (c.accept("schema")) {
                schema = c.identifier();
            } else if (c.accept("version")) {
                version = c.next().value();
            } else if (c.accept("cascade")) {
                cascade = true;
            } else if (c.accept("from")) {
                c.next();
            } else {
                throw new Cursor.Unsupported("CREATE EXTENSION option" + c.near());
            }
        }
        if (model.extension(name).isPresent()) {
            if (!ifNotExists && !tolerant) {
                throw new NotModelled("extension " + name + " already exists in the replayed schema");
            }
            return;
        }
        String target = schema != null ? schema : EXTENSION_FIXED_SCHEMA.getOrDefault(name, creationSchema());
        if (cascade) {
            for (String required : EXTENSION_REQUIRES.getOrDefault(name, List.of())) {
                if (model.extension(required).isEmpty()) {
                    model.extensions.add(new MExtension(required, target, null));
                    fx.created(Effects.extension(required));
                }
            }
        }
        model.extensions.add(new MExtension(name, target, version));
        fx.created(Effects.extension(name));
        for (UserType t : adHocTypes.values()) {
            if (name.equals(t.extension)) {
                t.schema = target;
            }
        }
    }

    /** Extensions that CREATE EXTENSION ... CASCADE installs first (the common contrib and PostGIS ones). */
    private static final Map<String, List<String>> EXTENSION_REQUIRES = Map.of(
            "earthdistance", List.of("cube"), "postgis_raster", List.of("postgis"),
            "postgis_topology", List.of("postgis"), "postgis_sfcgal", List.of("postgis"),
            "postgis_tiger_geocoder", List.of("postgis", "fuzzystrmatch"));

    /** Extensions that always install into one schema. */
    private static final Map<String, String> EXTENSION_FIXED_SCHEMA = Map.of("plpgsql", "pg_catalog");

    private void createSequence(Cursor c) {
        c.expect("sequence");
        boolean ifNotExists = c.accept("if", "not", "exists");
        String[] name = newName(c.qualifiedName());
        if (model.relationNameTaken(name[0], name[1])) {
            if (!ifNotExists && !tolerant) {
                throw new NotModelled("relation " + name[0] + "." + name[1] + " already exists in the replayed schema");
            }
            return;
        }
        MSequence s = new MSequence(name[0], name[1]);
        sequenceOptions(c, s, true);
        model.sequences.add(s);
        fx.created(Effects.sequence(s));
    }

    /** Sequence options of CREATE/ALTER SEQUENCE and identity columns. */
    void sequenceOptions(Cursor c, MSequence s, boolean creating) {
        while (!c.atEnd()) {
            if (c.accept("as")) {
                PgType t = readType(c).type();
                boolean wasDefaultMax = s.max == null;
                s.type = t;
                if (!creating && !wasDefaultMax && s.max != null && s.max > s.typeMax()) {
                    s.max = null;
                }
            } else if (c.accept("increment")) {
                c.accept("by");
                s.increment = signedLong(c);
            } else if (c.accept("minvalue")) {
                s.min = signedLong(c);
            } else if (c.accept("no", "minvalue")) {
                s.min = null;
            } else if (c.accept("maxvalue")) {
                s.max = signedLong(c);
            } else if (c.accept("no", "maxvalue")) {
                s.max = null;
            } else if (c.accept("start")) {
                c.accept("with");
                s.start = signedLong(c);
            } else if (c.accept("restart")) {
                c.accept("with");
                if (c.peek() != null && c.peek().type() == TokenType.NUMBER || c.peek() != null
                        && c.peek().type() == TokenType.OPERATOR) {
                    signedLong(c);
                }
            } else if (c.accept("cache")) {
                s.cache = signedLong(c);
            } else if (c.accept("cycle")) {
                s.cycle = true;
            } else if (c.accept("no", "cycle")) {
                s.cycle = false;
            } else if (c.accept("owned", "by")) {
                List<String> owner = c.qualifiedNameAny();
                if (owner.size() == 1 && owner.get(0).equals("none")) {
                    s.ownedBy = null;
                } else if (owner.size() >= 2) {
                    List<String> table = owner.subList(0, owner.size() - 1);
                    MTable t = findRelation(table).orElse(null);
                    if (t == null) {
                        fx.referenced(Effects.table(resolveName(table, (a, b) -> false)[0], table.get(
                                table.size() - 1)));
                    } else {
                        s.ownedBy = t.column(owner.get(owner.size() - 1)).orElse(null);
                        if (s.ownedBy == null) {
                            fx.referenced(Effects.column(t.schema, t.name, owner.get(owner.size() - 1)));
                        }
                    }
                }
            } else if (c.accept("sequence", "name")) {
                List<String> n = c.qualifiedName();
                if (n.size() > 1) {
                    s.schema = n.get(0);
                }
                s.name = n.get(n.size() - 1);
            } else if (c.accept("logged") || c.accept("unlogged")) {
                // persistence is not modelled for sequences
            } else if (c.acceptPunct(',')) {
                // pg_dump separates identity options by spaces; tolerate commas
            } else {
                throw new Cursor.Unsupported("sequence option" + c.near());
            }
        }
    }

    private static long signedLong(Cursor c) {
        boolean negative = c.acceptOperator("-");
        if (!negative) {
            c.acceptOperator("+");
        }
        Token t = c.next();
        if (t.type() != TokenType.NUMBER) {
            throw new Cursor.Unsupported("expected a number near '" + t.text() + "'");
        }
        try {
            long v = Long.parseLong(t.text());
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new Cursor.Unsupported("bad number " + t.text());
        }
    }

    private void createType(Cursor c) {
        c.expect("type");
        String[] name = newName(c.qualifiedName());
        if (c.atEnd()) {
            return; // shell type
        }
        c.expect("as");
        if (c.accept("enum")) {
            if (model.type(name[0], name[1]).isPresent()) {
                if (!tolerant) {
                    throw new NotModelled("type " + name[0] + "." + name[1] + " already exists in the replayed schema");
                }
                return;
            }
            UserType t = new UserType(name[0], name[1], UserType.Kind.ENUM);
            Cursor labels = c.parenthesized();
            if (!labels.atEnd()) {
                for (Cursor label : labels.commaSeparated()) {
                    Token l = label.next();
                    if (l.type() != TokenType.STRING && l.type() != TokenType.DOLLAR_STRING) {
                        throw new Cursor.Unsupported("enum label" + label.near());
                    }
                    t.labels.add(l.value());
                }
            }
            model.types.add(t);
            fx.created(Effects.type(t));
            return;
        }
        UserType.Kind kind = c.accept("range") ? UserType.Kind.RANGE : UserType.Kind.COMPOSITE;
        if (model.type(name[0], name[1]).isPresent()) {
            if (!tolerant) {
                throw new NotModelled("type " + name[0] + "." + name[1] + " already exists in the replayed schema");
            }
            return;
        }
        UserType t = new UserType(name[0], name[1], kind);
        model.types.add(t);
        fx.created(Effects.type(t));
    }

    private void createDomain(Cursor c) {
        c.expect("domain");
        String[] name = newName(c.qualifiedName());
        c.accept("as");
        PgType base = readType(c).type();
        if (model.type(name[0], name[1]).isPresent()) {
            if (!tolerant) {
                throw new NotModelled("type " + name[0] + "." + name[1] + " already exists in the replayed schema");
            }
            return;
        }
        UserType t = new UserType(name[0], name[1], UserType.Kind.DOMAIN);
        t.base = base;
        model.types.add(t);
        fx.created(Effects.type(t));
    }

    private void createView(Cursor c, boolean orReplace, boolean materialized) {
        c.accept("recursive");
        c.expect("view");
        boolean ifNotExists = c.accept("if", "not", "exists");
        String[] name = newName(c.qualifiedName());
        List<String> options = new ArrayList<>();
        c.skipParenthesized(); // column names
        if (c.accept("using")) {
            c.identifier();
        }
        if (c.accept("with")) {
            Cursor opts = c.parenthesized();
            for (Cursor o : opts.commaSeparated()) {
                String key = o.identifier();
                String value = "true";
                if (o.acceptOperator("=")) {
                    Token v = o.next();
                    value = v.type() == TokenType.WORD ? v.value() : v.value();
                }
                options.add(key + "=" + value);
            }
        }
        if (c.accept("tablespace")) {
            c.identifier();
        }
        c.expect("as");
        boolean populated = true;
        List<Token> rest = c.tokens().subList(c.position(), c.tokens().size());
        int n = rest.size();
        if (materialized && n >= 3 && rest.get(n - 1).isWord("data") && rest.get(n - 2).isWord("no")
                && rest.get(n - 3).isWord("with")) {
            populated = false;
        }
        if (!materialized && n >= 3 && rest.get(n - 1).isWord("option") && rest.get(n - 2).isWord("check")) {
            // WITH [CASCADED | LOCAL] CHECK OPTION is stored as a reloption
            options.removeIf(o -> o.startsWith("check_option="));
            options.add("check_option=" + (rest.get(n - 3).isWord("local") ? "local" : "cascaded"));
        }
        referencedRelations(c);
        Optional<MTable> existing = model.relation(name[0], name[1]);
        if (existing.isPresent()) {
            if (orReplace && existing.get().isView()) {
                existing.get().options.clear();
                existing.get().options.addAll(options);
                return;
            }
            if (ifNotExists || tolerant) {
                return;
            }
            throw new NotModelled("relation " + name[0] + "." + name[1] + " already exists in the replayed schema");
        }
        if (model.relationNameTaken(name[0], name[1]) && !tolerant) {
            throw new NotModelled("relation " + name[0] + "." + name[1] + " already exists in the replayed schema");
        }
        MTable v = new MTable(name[0], name[1], materialized ? ReplayModel.RelKind.MATERIALIZED_VIEW
                : ReplayModel.RelKind.VIEW);
        v.options.addAll(options);
        v.populated = populated;
        v.rowType = new UserType(v.schema, v.name, UserType.Kind.ROW);
        model.tables.add(v);
        fx.created(Effects.table(v));
    }

    /** FROM/JOIN targets of a query, recorded as references when they are not known relations created here. */
    void referencedRelations(Cursor c) {
        List<Token> t = c.tokens();
        for (int i = c.position(); i < t.size() - 1; i++) {
            if (t.get(i).isAnyWord("from", "join")) {
                Token n = t.get(i + 1);
                if (n.type() != TokenType.WORD && n.type() != TokenType.QUOTED_IDENTIFIER) {
                    continue;
                }
                if (n.type() == TokenType.WORD && (ExprParser.isStopWord(n.value()) || n.isAnyWord("lateral",
                        "only", "select", "unnest", "generate_series"))) {
                    continue;
                }
                List<String> name = new ArrayList<>();
                name.add(Idents.truncate(n.value()));
                int j = i + 2;
                while (j + 1 < t.size() && t.get(j).isPunct('.') && (t.get(j + 1).type() == TokenType.WORD
                        || t.get(j + 1).type() == TokenType.QUOTED_IDENTIFIER)) {
                    name.add(Idents.truncate(t.get(j + 1).value()));
                    j += 2;
                }
                if (j < t.size() && t.get(j).isPunct('(')) {
                    continue; // a function in FROM
                }
                if (name.size() > 2 || (name.size() == 2 && name.get(0).equals("pg_catalog"))
                        || (name.size() == 2 && name.get(0).equals("information_schema"))) {
                    continue;
                }
                Optional<MTable> rel = findRelation(name);
                if (isTemporary(name)) {
                    continue;
                }
                if (rel.isPresent()) {
                    fx.referenced(Effects.table(rel.get()));
                } else if (name.size() == 2 || !isCte(t, name.get(0))) {
                    String[] r = resolveName(name, (a, b) -> false);
                    fx.referenced(Effects.table(r[0], r[1]));
                }
            }
        }
    }

    private static boolean isCte(List<Token> t, String name) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if ((t.get(i).type() == TokenType.WORD || t.get(i).type() == TokenType.QUOTED_IDENTIFIER)
                    && Idents.truncate(t.get(i).value()).equals(name) && t.get(i + 1).isWord("as")) {
                return true;
            }
        }
        return false;
    }

    // ================================================================== ALTER

    private void alter(Cursor c) {
        c.expect("alter");
        if (c.peekWord("table") || (c.peekWord("foreign") && c.peekWord(1, "table"))) {
            c.accept("foreign");
            tables.alterTable(c);
        } else if (c.peekWord("index")) {
            tables.alterIndex(c);
        } else if (c.peekWord("sequence")) {
            alterSequence(c);
        } else if (c.peekWord("type")) {
            alterType(c);
        } else if (c.peekWord("view") || c.peekWord("materialized")) {
            alterView(c);
        } else if (c.peekWord("schema")) {
            alterSchema(c);
        } else if (c.peekWord("function") || c.peekWord("procedure") || c.peekWord("aggregate")
                || c.peekWord("routine")) {
            Functions.alter(this, c);
        } else if (c.peekWord("trigger")) {
            Functions.alterTrigger(this, c);
        } else if (c.peekWord("policy")) {
            Functions.alterPolicy(this, c);
        } else if (c.peekWord("extension")) {
            alterExtension(c);
        } else if (c.peekWord("domain")) {
            alterDomain(c);
        } else if (c.peekWord("default") || c.peekWord("role") || c.peekWord("user") || c.peekWord("group")
                || c.peekWord("database") || c.peekWord("system") || c.peekWord("tablespace")
                || c.peekWord("server") || c.peekWord("publication") || c.peekWord("subscription")
                || c.peekWord("operator") || c.peekWord("collation") || c.peekWord("text")
                || c.peekWord("statistics") || c.peekWord("event") || c.peekWord("language")
                || c.peekWord("large") || c.peekWord("conversion") || c.peekWord("rule")) {
            return;
        } else {
            throw new Cursor.Unsupported("unrecognised ALTER" + c.near());
        }
    }

    private void alterSequence(Cursor c) {
        c.expect("sequence");
        boolean ifExists = c.accept("if", "exists");
        List<String> name = c.qualifiedName();
        Optional<MSequence> found = findSequence(name);
        if (found.isEmpty()) {
            if (ifExists || c.peekWord("owner")) {
                return;
            }
            String[] r = resolveName(name, (a, b) -> false);
            fx.referenced(new ObjectRef(ObjectRef.Kind.SEQUENCE, r[0], r[1], null));
            throw new NotModelled("sequence " + r[0] + "." + r[1] + " is not in the replayed schema");
        }
        MSequence s = found.get();
        fx.referenced(Effects.sequence(s));
        if (c.accept("rename", "to")) {
            ObjectRef old = Effects.sequence(s);
            String newName = c.identifier();
            s.name = newName;
            model.reindex();
            fx.dropped(old);
            fx.created(Effects.sequence(s));
        } else if (c.accept("set", "schema")) {
            ObjectRef old = Effects.sequence(s);
            s.schema = c.identifier();
            model.reindex();
            fx.dropped(old);
            fx.created(Effects.sequence(s));
        } else if (c.peekWord("owner") || c.peekWord("set")) {
            return;
        } else {
            sequenceOptions(c, s, false);
        }
    }

    private void alterType(Cursor c) {
        c.expect("type");
        List<String> name = c.qualifiedName();
        Optional<UserType> found = findType(name);
        if (found.isEmpty()) {
            if (c.peekWord("owner")) {
                return;
            }
            String[] r = resolveName(name, (a, b) -> false);
            fx.referenced(new ObjectRef(ObjectRef.Kind.TYPE, r[0], r[1], null));
            throw new NotModelled("type " + r[0] + "." + r[1] + " is not in the replayed schema");
        }
        UserType t = found.get();
        fx.referenced(Effects.type(t));
        if (c.accept("add", "value")) {
            boolean ifNotExists = c.accept("if", "not", "exists");
            String label = c.next().value();
            if (t.labels.contains(label)) {
                if (!ifNotExists && !tolerant) {
                    throw new NotModelled("enum label '" + label + "' already exists in the replayed schema");
                }
                return;
            }
            int at = t.labels.size();
            if (c.accept("before")) {
                String other = c.next().value();
                at = Math.max(0, t.labels.indexOf(other));
            } else if (c.accept("after")) {
                String other = c.next().value();
                int i = t.labels.indexOf(other);
                at = i < 0 ? t.labels.size() : i + 1;
            }
            t.labels.add(at, label);
        } else if (c.accept("rename", "value")) {
            String from = c.next().value();
            c.expect("to");
            String to = c.next().value();
            int i = t.labels.indexOf(from);
            if (i >= 0) {
                t.labels.set(i, to);
            }
        } else if (c.accept("rename", "to")) {
            ObjectRef old = Effects.type(t);
            t.name = c.identifier();
            fx.dropped(old);
            fx.created(Effects.type(t));
        } else if (c.accept("set", "schema")) {
            ObjectRef old = Effects.type(t);
            t.schema = c.identifier();
            fx.dropped(old);
            fx.created(Effects.type(t));
        } else if (c.peekWord("owner") || c.peekWord("add") || c.peekWord("drop") || c.peekWord("alter")
                || c.peekWord("rename") || c.peekWord("set")) {
            if (t.kind == UserType.Kind.COMPOSITE || c.peekWord("owner")) {
                return;
            }
            throw new Cursor.Unsupported("ALTER TYPE action" + c.near());
        } else {
            throw new Cursor.Unsupported("ALTER TYPE action" + c.near());
        }
    }

    private void alterDomain(Cursor c) {
        c.expect("domain");
        List<String> name = c.qualifiedName();
        Optional<UserType> found = findType(name);
        if (found.isPresent() && c.accept("rename", "to")) {
            found.get().name = c.identifier();
        } else if (found.isPresent() && c.accept("set", "schema")) {
            found.get().schema = c.identifier();
        }
    }

    private void alterView(Cursor c) {
        boolean materialized = c.accept("materialized");
        c.expect("view");
        boolean ifExists = c.accept("if", "exists");
        List<String> name = c.qualifiedName();
        Optional<MTable> found = findRelation(name).filter(MTable::isView);
        if (found.isEmpty()) {
            if (ifExists || c.peekWord("owner")) {
                return;
            }
            String[] r = resolveName(name, (a, b) -> false);
            fx.referenced(new ObjectRef(materialized ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW, r[0],
                    r[1], null));
            throw new NotModelled("view " + r[0] + "." + r[1] + " is not in the replayed schema");
        }
        MTable v = found.get();
        fx.referenced(Effects.table(v));
        if (c.accept("rename", "to")) {
            renameRelation(v, c.identifier());
        } else if (c.accept("set", "schema")) {
            moveRelation(v, c.identifier());
        } else if (c.accept("rename")) {
            c.accept("column");
            String from = c.identifier();
            c.expect("to");
            String to = c.identifier();
            v.column(from).ifPresent(col -> col.name = to);
        } else if (c.accept("set")) {
            if (c.peekPunct('(')) {
                for (Cursor o : c.parenthesized().commaSeparated()) {
                    String key = o.identifier();
                    String value = "true";
                    if (o.acceptOperator("=")) {
                        value = o.next().value();
                    }
                    v.options.removeIf(x -> x.startsWith(key + "="));
                    v.options.add(key + "=" + value);
                }
            }
        } else if (c.accept("reset")) {
            if (c.peekPunct('(')) {
                for (Cursor o : c.parenthesized().commaSeparated()) {
                    String key = o.identifier();
                    v.options.removeIf(x -> x.startsWith(key + "="));
                }
            }
        }
    }

    /** Renames a relation (table, view, ...) and its row type. */
    void renameRelation(MTable t, String newName) {
        relocate(t, () -> {
            t.name = newName;
            if (t.rowType != null) {
                t.rowType.name = newName;
            }
        });
    }

    /** Moves a relation with its indexes, owned sequences and row type to another schema. */
    void moveRelation(MTable t, String schema) {
        relocate(t, () -> {
            t.schema = schema;
            if (t.rowType != null) {
                t.rowType.schema = schema;
            }
            for (MSequence s : model.sequencesOwnedBy(t)) {
                s.schema = schema;
            }
        });
    }

    /**
     * Applies a rename or move of a relation; everything named through it (columns, constraints, triggers, policies,
     * and after a move its indexes and owned sequences) is dropped under the old name and created under the new one.
     */
    private void relocate(MTable t, Runnable change) {
        List<ObjectRef> before = memberRefs(t);
        change.run();
        model.reindex();
        List<ObjectRef> after = memberRefs(t);
        for (ObjectRef ref : before) {
            if (!after.contains(ref)) {
                fx.dropped(ref);
            }
        }
        for (ObjectRef ref : after) {
            if (!before.contains(ref)) {
                fx.created(ref);
            }
        }
    }

    private List<ObjectRef> memberRefs(MTable t) {
        List<ObjectRef> refs = new ArrayList<>();
        refs.add(Effects.table(t));
        if (t.isTable()) {
            t.columns.forEach(c -> refs.add(Effects.column(c)));
        }
        t.constraints.forEach(c -> refs.add(Effects.constraint(c)));
        t.triggers.forEach(x -> refs.add(Effects.trigger(x)));
        t.policies.forEach(x -> refs.add(Effects.policy(x)));
        model.indexesOf(t).forEach(i -> refs.add(Effects.index(i)));
        model.sequencesOwnedBy(t).forEach(x -> refs.add(Effects.sequence(x)));
        return refs;
    }

    private void alterSchema(Cursor c) {
        c.expect("schema");
        String name = c.identifier();
        if (c.accept("rename", "to")) {
            String to = c.identifier();
            if (!model.hasSchema(name)) {
                fx.referenced(Effects.schema(name));
                throw new NotModelled("schema " + name + " is not in the replayed schema");
            }
            List<ObjectRef> before = schemaRefs(name);
            model.schemas.set(model.schemas.indexOf(name), to);
            for (MTable t : model.tables) {
                if (t.schema.equals(name)) {
                    t.schema = to;
                    if (t.rowType != null) {
                        t.rowType.schema = to;
                    }
                }
            }
            for (MSequence s : model.sequences) {
                if (s.schema.equals(name)) {
                    s.schema = to;
                }
            }
            for (UserType t : model.types) {
                if (t.schema.equals(name)) {
                    t.schema = to;
                }
            }
            for (MFunction f : model.functions) {
                if (f.schema.equals(name)) {
                    f.schema = to;
                }
            }
            for (MExtension e : model.extensions) {
                if (e.schema.equals(name)) {
                    e.schema = to;
                }
            }
            model.reindex();
            fx.dropped(Effects.schema(name));
            before.forEach(fx::dropped);
            fx.created(Effects.schema(to));
            schemaRefs(to).forEach(fx::created);
        }
    }

    /** Everything replay names through a schema. */
    private List<ObjectRef> schemaRefs(String schema) {
        List<ObjectRef> refs = new ArrayList<>();
        for (MTable t : model.tables) {
            if (t.schema.equals(schema)) {
                refs.addAll(memberRefs(t));
            }
        }
        for (MSequence s : model.sequences) {
            if (s.schema.equals(schema) && s.ownedBy == null) {
                refs.add(Effects.sequence(s));
            }
        }
        for (UserType t : model.types) {
            if (t.schema.equals(schema)) {
                refs.add(Effects.type(t));
            }
        }
        for (MFunction f : model.functions) {
            if (f.schema.equals(schema)) {
                refs.add(Effects.function(f, Functions.identityArguments(f)));
            }
        }
        return refs;
    }

    private void alterExtension(Cursor c) {
        c.expect("extension");
        String name = c.identifier();
        Optional<MExtension> e = model.extension(name);
        if (e.isEmpty()) {
            return;
        }
        if (c.accept("update")) {
            if (c.accept("to")) {
                e.get().version = c.next().value();
            } else {
                e.get().version = null;
            }
        } else if (c.accept("set", "schema")) {
            e.get().schema = c.identifier();
        }
    }

    // ================================================================== DROP

    private void drop(Cursor c) {
        c.expect("drop");
        if (c.peekWord("table") || (c.peekWord("foreign") && c.peekWord(1, "table"))) {
            c.accept("foreign");
            c.expect("table");
            dropRelations(c, "table");
        } else if (c.peekWord("view")) {
            c.next();
            dropRelations(c, "view");
        } else if (c.peekWord("materialized")) {
            c.next();
            c.expect("view");
            dropRelations(c, "materialized view");
        } else if (c.peekWord("index")) {
            tables.dropIndex(c);
        } else if (c.peekWord("sequence")) {
            c.next();
            dropSequences(c);
        } else if (c.peekWord("type") || c.peekWord("domain")) {
            c.next();
            dropTypes(c);
        } else if (c.peekWord("schema")) {
            c.next();
            dropSchemas(c);
        } else if (c.peekWord("function") || c.peekWord("procedure") || c.peekWord("aggregate")
                || c.peekWord("routine")) {
            Functions.drop(this, c);
        } else if (c.peekWord("trigger")) {
            Functions.dropTrigger(this, c);
        } else if (c.peekWord("policy")) {
            Functions.dropPolicy(this, c);
        } else if (c.peekWord("extension")) {
            c.next();
            dropExtensions(c);
        } else if (c.peekWord("owned")) {
            throw new NotModelled("DROP OWNED");
        } else {
            // roles, databases, rules, casts, ...: outside the schema model
            return;
        }
    }

    /** Names after DROP ...: {@code [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}. */
    record DropList(boolean ifExists, List<List<String>> names, boolean cascade) {
    }

    static DropList dropList(Cursor c) {
        c.accept("concurrently");
        boolean ifExists = c.accept("if", "exists");
        List<List<String>> names = new ArrayList<>();
        boolean cascade = false;
        List<Cursor> items = c.commaSeparated();
        for (int i = 0; i < items.size(); i++) {
            Cursor item = items.get(i);
            names.add(item.qualifiedName());
            if (item.accept("cascade")) {
                cascade = true;
            } else {
                item.accept("restrict");
            }
            item.expectEnd();
        }
        return new DropList(ifExists, names, cascade);
    }

    private void dropRelations(Cursor c, String what) {
        DropList d = dropList(c);
        for (List<String> name : d.names()) {
            if (isTemporary(name)) {
                temporary.remove(name.get(name.size() - 1));
                continue;
            }
            Optional<MTable> t = findRelation(name);
            boolean wantView = what.contains("view");
            if (t.isEmpty() || t.get().isView() != wantView) {
                if (!d.ifExists()) {
                    String[] r = resolveName(name, (a, b) -> false);
                    ObjectRef.Kind kind = what.equals("table") ? ObjectRef.Kind.TABLE : what.equals("view")
                            ? ObjectRef.Kind.VIEW : ObjectRef.Kind.MATERIALIZED_VIEW;
                    fx.referenced(new ObjectRef(kind, r[0], r[1], null));
                    fx.dropped(new ObjectRef(kind, r[0], r[1], null));
                }
                continue;
            }
            tables.dropRelation(t.get(), d.cascade());
        }
    }

    private void dropSequences(Cursor c) {
        DropList d = dropList(c);
        for (List<String> name : d.names()) {
            Optional<MSequence> s = findSequence(name);
            if (s.isEmpty()) {
                if (!d.ifExists()) {
                    String[] r = resolveName(name, (a, b) -> false);
                    fx.dropped(new ObjectRef(ObjectRef.Kind.SEQUENCE, r[0], r[1], null));
                }
                continue;
            }
            dropSequence(s.get());
        }
    }

    void dropSequence(MSequence s) {
        model.sequences.remove(s);
        fx.dropped(Effects.sequence(s));
        for (MTable t : model.tables) {
            for (MColumn col : t.columns) {
                if (col.defaultExpr != null && mentionsSequence(col.defaultExpr, s)) {
                    col.defaultExpr = null;
                }
                if (col.serialSequence == s) {
                    col.serialSequence = null;
                }
            }
        }
    }

    static boolean mentionsSequence(Expr e, MSequence s) {
        boolean[] hit = {false};
        Exprs.walk(e, x -> {
            if (x instanceof Expr.RegClass r && r.target() == s) {
                hit[0] = true;
            }
        });
        return hit[0];
    }

    private void dropTypes(Cursor c) {
        DropList d = dropList(c);
        for (List<String> name : d.names()) {
            Optional<UserType> t = findType(name);
            if (t.isEmpty()) {
                if (!d.ifExists()) {
                    String[] r = resolveName(name, (a, b) -> false);
                    fx.dropped(new ObjectRef(ObjectRef.Kind.TYPE, r[0], r[1], null));
                }
                continue;
            }
            model.types.remove(t.get());
            fx.dropped(Effects.type(t.get()));
            if (d.cascade()) {
                for (MTable table : List.copyOf(model.tables)) {
                    for (MColumn col : List.copyOf(table.columns)) {
                        if (col.type != null && col.type.user == t.get()) {
                            tables.dropColumn(table, col, true);
                        }
                    }
                }
            }
        }
    }

    private void dropSchemas(Cursor c) {
        DropList d = dropList(c);
        for (List<String> name : d.names()) {
            String schema = name.get(name.size() - 1);
            if (!model.hasSchema(schema)) {
                if (!d.ifExists()) {
                    fx.dropped(Effects.schema(schema));
                }
                continue;
            }
            for (MTable t : List.copyOf(model.tables)) {
                if (t.schema.equals(schema) && model.tables.contains(t)) {
                    tables.dropRelation(t, true);
                }
            }
            for (MSequence s : List.copyOf(model.sequences)) {
                if (s.schema.equals(schema)) {
                    dropSequence(s);
                }
            }
            model.types.removeIf(t -> t.schema.equals(schema));
            model.functions.removeIf(f -> f.schema.equals(schema));
            model.extensions.removeIf(e -> e.schema.equals(schema));
            model.schemas.remove(schema);
            fx.dropped(Effects.schema(schema));
        }
    }

    private void dropExtensions(Cursor c) {
        DropList d = dropList(c);
        for (List<String> name : d.names()) {
            String ext = name.get(name.size() - 1);
            if (model.extension(ext).isPresent()) {
                model.extensions.removeIf(e -> e.name.equals(ext));
                fx.dropped(Effects.extension(ext));
            } else if (!d.ifExists()) {
                fx.dropped(Effects.extension(ext));
            }
        }
    }
}
