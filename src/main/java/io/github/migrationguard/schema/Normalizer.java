package io.github.migrationguard.schema;

import io.github.migrationguard.sql.PsqlLexer;
import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Canonical forms of what migrations write and what PostgreSQL renders, so that two spellings of the same thing
 * compare equal and different things do not.
 *
 * <ul>
 *   <li><b>Types</b> are rendered the way {@code format_type} does with an empty {@code search_path}: every alias
 *       ({@code int4}, {@code varchar(20)}, {@code timestamptz}, {@code serial}, {@code _int4}, {@code float(10)},
 *       ...) becomes PostgreSQL's own name, user types are schema-qualified.</li>
 *   <li><b>Expressions</b> (defaults, checks, partial-index predicates, generation expressions) lose what PostgreSQL
 *       adds or drops when it stores them: redundant parentheses, casts of literals ({@code 'x'::text},
 *       {@code (0)::numeric}), implicit text casts of columns, the default schema in front of names (also inside
 *       {@code 'public.users_id_seq'::regclass}), keyword case and whitespace; {@code IN} lists, {@code BETWEEN} and
 *       {@code LIKE} are rewritten as PostgreSQL stores them. Different expressions stay different:
 *       {@code CURRENT_TIMESTAMP} is not {@code now()}.</li>
 *   <li><b>Index and constraint definitions</b> compare without the index name, default options
 *       ({@code USING btree}, {@code ASC}, {@code ON DELETE NO ACTION}, ...) and default schema qualification.</li>
 *   <li><b>Identifiers</b> fold and quote as PostgreSQL does ({@code Users} is {@code users}, {@code "Users"} is
 *       not).</li>
 * </ul>
 * Every method accepts null and returns null (or, for comparisons, treats two nulls as equal). Text that cannot be
 * understood is compared by its whitespace-normalised form, never declared equal to something else.
 */
public final class Normalizer {

    /** The schema unqualified names belong to unless told otherwise. */
    public static final String DEFAULT_SCHEMA = "public";

    private static final int MAX_IDENTIFIER_BYTES = 63;

    /** Keywords that quote_ident quotes (every category but unreserved), PostgreSQL 12 to 17. */
    private static final Set<String> QUOTED_KEYWORDS = Set.of("all", "analyse", "analyze", "and", "any", "array",
            "as", "asc", "asymmetric", "authorization", "between", "bigint", "binary", "bit", "boolean", "both",
            "case", "cast", "char", "character", "check", "coalesce", "collate", "collation", "column",
            "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch",
            "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having",
            "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is",
            "isnull", "join", "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg",
            "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "lateral", "leading", "least",
            "left", "like", "limit", "localtime", "localtimestamp", "merge_action", "national", "natural", "nchar",
            "none", "normalize", "not", "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or",
            "order", "out", "outer", "overlaps", "overlay", "placing", "position", "precision", "primary", "real",
            "references", "returning", "right", "row", "select", "session_user", "setof", "similar", "smallint",
            "some", "substring", "symmetric", "system_user", "table", "tablesample", "then", "time", "timestamp",
            "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values", "varchar",
            "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement",
            "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    /** pg_catalog types whose format_type rendering is their own name. */
    private static final Set<String> PLAIN_CATALOG_TYPES = Set.of("aclitem", "box", "bytea", "cid", "cidr",
            "circle", "date", "gtsvector", "inet", "int2vector", "json", "jsonb", "jsonpath", "line", "lseg",
            "macaddr", "macaddr8", "money", "name", "oid", "oidvector", "path", "pg_dependencies", "pg_lsn",
            "pg_mcv_list", "pg_ndistinct", "pg_node_tree", "pg_snapshot", "point", "polygon", "refcursor",
            "regclass", "regcollation", "regconfig", "regdictionary", "regnamespace", "regoper", "regoperator",
            "regproc", "regprocedure", "regrole", "regtype", "text", "tid", "tsquery", "tsvector", "txid_snapshot",
            "uuid", "xid", "xid8", "xml", "datemultirange", "int4multirange", "int8multirange", "nummultirange",
            "tsmultirange", "tstzmultirange", "daterange", "int4range", "int8range", "numrange", "tsrange",
            "tstzrange", "any", "anyarray", "anycompatible", "anycompatiblearray", "anycompatiblemultirange",
            "anycompatiblenonarray", "anycompatiblerange", "anyelement", "anyenum", "anymultirange", "anynonarray",
            "anyrange", "cstring", "event_trigger", "fdw_handler", "index_am_handler", "internal",
            "language_handler", "pg_ddl_command", "record", "table_am_handler", "trigger", "tsm_handler", "unknown",
            "void");

    /** Internal type names (pg_type.typname) with a rendering of their own. */
    private static final Map<String, String> TYPNAME_RENDERING = Map.ofEntries(Map.entry("int2", "smallint"),
            Map.entry("int4", "integer"), Map.entry("int8", "bigint"), Map.entry("float4", "real"),
            Map.entry("float8", "double precision"), Map.entry("bool", "boolean"));

    /** Spellings of literal-free numeric types, for turning {@code '-1'::integer} into {@code -1}. */
    private static final Set<String> NUMERIC_TYPES = Set.of("smallint", "integer", "bigint", "real",
            "double precision", "numeric", "oid");

    /** Casts PostgreSQL adds silently when a column meets a function or operator that takes text. */
    private static final Set<String> IMPLICIT_TEXT_TYPES = Set.of("text", "character varying", "bpchar");

    private static final Set<String> TYPED_LITERAL_WORDS = Set.of("date", "time", "timestamp", "timestamptz",
            "timetz", "interval", "text", "varchar", "int", "integer", "int2", "int4", "int8", "bigint", "smallint",
            "numeric", "decimal", "real", "float", "float4", "float8", "bool", "boolean", "json", "jsonb", "uuid",
            "bytea", "inet", "cidr", "money", "xml", "point", "tsvector", "tsquery", "regclass");

    private static final Set<String> INTERVAL_FIELDS = Set.of("year", "month", "day", "hour", "minute", "second");

    /** Words after which a parenthesised group is not a call's argument list. */
    private static final Set<String> NON_CALL_WORDS = Set.of("and", "or", "not", "is", "in", "like", "ilike",
            "similar", "between", "when", "then", "else", "case", "where", "from", "distinct", "escape", "to",
            "symmetric", "asymmetric", "collate", "at", "zone", "by", "as", "on", "with", "over", "filter",
            "returns", "select", "group", "having", "order", "union", "intersect", "except");

    private static final Pattern GENERATED_NAME = Pattern.compile(".+_(pkey|key|fkey|idx|check|excl|not_null|seq)\\d*");

    /** Types and expressions repeat across thousands of columns; their canonical forms are remembered. */
    private static final int CACHE_LIMIT = 20_000;
    private static final Map<String, String> TYPE_CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, String> EXPRESSION_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private Normalizer() {
    }

    private static String cached(Map<String, String> cache, String key, java.util.function.Supplier<String> compute) {
        String hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        String value = compute.get();
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, value);
        return value;
    }

    // =====================================================================================================
    // identifiers

    /** True when PostgreSQL's {@code quote_ident} would quote this stored name. */
    public static boolean needsQuoting(String name) {
        if (name == null || name.isEmpty()) {
            return true;
        }
        char first = name.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first == '_')) {
            return true;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return true;
            }
        }
        return QUOTED_KEYWORDS.contains(name);
    }

    /** A stored name as PostgreSQL renders it: {@code users}, {@code "Users"}, {@code "user"}. */
    public static String quoteIdentifier(String name) {
        if (name == null) {
            return null;
        }
        return needsQuoting(name) ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }

    /** {@code schema.name}, each part quoted when needed. */
    public static String qualifiedName(String schema, String name) {
        return schema == null ? quoteIdentifier(name) : quoteIdentifier(schema) + "." + quoteIdentifier(name);
    }

    /**
     * One identifier as written in SQL, as PostgreSQL stores it: unquoted ones fold to lower case, quoted ones keep
     * their text ({@code Users} is {@code users}, {@code "Users"} is {@code Users}, {@code "a""b"} is {@code a"b}).
     */
    public static String foldIdentifier(String written) {
        if (written == null) {
            return null;
        }
        List<String> parts = parseQualifiedName(written);
        return parts.size() == 1 ? parts.get(0) : foldWord(written.strip());
    }

    /**
     * A possibly qualified name as written in SQL ({@code Public."Users"}), split into its stored parts
     * ({@code [public, Users]}). Returns an empty list when the text is not a dotted chain of identifiers.
     */
    public static List<String> parseQualifiedName(String written) {
        if (written == null) {
            return List.of();
        }
        List<Token> tokens = PsqlLexer.lex(written).tokens();
        List<String> parts = new ArrayList<>();
        boolean expectName = true;
        for (Token t : tokens) {
            if (expectName && (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER)) {
                parts.add(t.type() == TokenType.WORD ? foldWord(t.text()) : t.value());
                expectName = false;
            } else if (!expectName && t.isPunct('.')) {
                expectName = true;
            } else {
                return List.of();
            }
        }
        return expectName ? List.of() : parts;
    }

    /**
     * The name PostgreSQL generates for an implicit object ({@code makeObjectName}): {@code <table>_<columns>_<label>},
     * the longer of the first two parts shortened until the whole fits 63 bytes, e.g. {@code users_pkey},
     * {@code users_email_key}, {@code orders_user_id_fkey}, {@code users_id_seq}.
     *
     * @param table   the table name
     * @param columns the column part (column names joined by {@code _}), or null for none ({@code _pkey})
     * @param label   {@code pkey}, {@code key}, {@code fkey}, {@code idx}, {@code check}, {@code excl}, {@code seq}
     */
    public static String generatedName(String table, String columns, String label) {
        int overhead = label.length() + 1 + (columns == null ? 0 : 1);
        int avail = MAX_IDENTIFIER_BYTES - overhead;
        String a = table;
        String b = columns == null ? "" : columns;
        while (utf8Length(a) + utf8Length(b) > avail) {
            if (utf8Length(a) > utf8Length(b)) {
                a = dropLastChar(a);
            } else {
                b = dropLastChar(b);
            }
        }
        return a + (columns == null ? "" : "_" + b) + "_" + label;
    }

    /** True for names shaped like the ones PostgreSQL generates ({@code users_email_key}, {@code t_a_idx1}). */
    public static boolean looksGenerated(String name) {
        return name != null && GENERATED_NAME.matcher(name).matches();
    }

    private static String foldWord(String word) {
        StringBuilder sb = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static String dropLastChar(String s) {
        return s.isEmpty() ? s : s.substring(0, s.offsetByCodePoints(s.length(), -1));
    }

    // =====================================================================================================
    // types

    /** {@link #canonicalType(String, String)} with {@link #DEFAULT_SCHEMA}. */
    public static String canonicalType(String type) {
        return canonicalType(type, DEFAULT_SCHEMA);
    }

    /**
     * A type as {@code format_type} renders it with an empty search_path: {@code int}, {@code int4}, {@code serial}
     * are {@code integer}; {@code varchar(20)} is {@code character varying(20)}; {@code char} is
     * {@code character(1)}; {@code timestamptz(3)} is {@code timestamp(3) with time zone}; {@code _int4} and
     * {@code int[][]} are {@code integer[]}; {@code mood} is {@code public.mood} (qualified with
     * {@code defaultSchema}); {@code "Mood"} is {@code public."Mood"}. Unparseable text comes back with its
     * whitespace normalised.
     */
    public static String canonicalType(String type, String defaultSchema) {
        if (type == null) {
            return null;
        }
        String schema = defaultSchema == null ? DEFAULT_SCHEMA : defaultSchema;
        return cached(TYPE_CACHE, schema + "\u0000" + type, () -> computeType(type, schema));
    }

    private static String computeType(String type, String defaultSchema) {
        List<N> nodes = nodes(type);
        TypeParse parse = parseType(nodes, 0, defaultSchema == null ? DEFAULT_SCHEMA : defaultSchema);
        if (parse == null || parse.end != nodes.size()) {
            return collapseWhitespace(type);
        }
        return parse.canonical;
    }

    /** True when both spellings name the same type. */
    public static boolean sameType(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        return Objects.equals(canonicalType(a), canonicalType(b));
    }

    /** True for {@code serial}, {@code bigserial}, {@code smallserial} and their numbered aliases. */
    public static boolean isSerialType(String type) {
        if (type == null) {
            return false;
        }
        String t = foldWord(type.strip());
        return t.equals("serial") || t.equals("serial4") || t.equals("bigserial") || t.equals("serial8")
                || t.equals("smallserial") || t.equals("serial2");
    }

    /**
     * A collation as the catalog reader renders it ({@code pg_catalog.C}, unquoted): a quoted SQL spelling
     * ({@code "C"}, {@code pg_catalog."de-DE-x-icu"}) is unquoted, an unqualified one gets {@code pg_catalog}.
     */
    public static String canonicalCollation(String collation) {
        if (collation == null) {
            return null;
        }
        String c = collation.strip();
        List<String> parts;
        if (c.indexOf('"') >= 0) {
            parts = parseQualifiedName(c);
            if (parts.isEmpty()) {
                return collapseWhitespace(c);
            }
        } else {
            int dot = c.indexOf('.');
            parts = dot < 0 ? List.of(c) : List.of(c.substring(0, dot), c.substring(dot + 1));
        }
        return parts.size() == 1 ? "pg_catalog." + parts.get(0) : String.join(".", parts);
    }

    private record TypeParse(int end, String canonical) {
    }

    /** Parses a type name starting at {@code start}; null when there is none. */
    private static TypeParse parseType(List<N> items, int start, String defaultSchema) {
        int i = start;
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        if (i < items.size() && items.get(i).isName()) {
            quoted = items.get(i).kind == K.IDENT;
            names.add(items.get(i).text);
            i++;
        } else {
            return null;
        }
        while (i + 1 < items.size() && items.get(i).kind == K.DOT && items.get(i + 1).isName()) {
            quoted = items.get(i + 1).kind == K.IDENT;
            names.add(items.get(i + 1).text);
            i += 2;
        }
        if (names.size() > 2) {
            return null;
        }
        String schema = names.size() == 2 ? names.get(0) : null;
        String name = names.get(names.size() - 1);
        boolean keywordForm = schema == null && !quoted;
        boolean catalogForm = quoted && schema == null || "pg_catalog".equals(schema);

        String base = null;       // canonical rendering without typmod, for builtins
        String kind = null;       // builtin family needing typmod handling
        String intervalFields = null;
        if (keywordForm) {
            switch (name) {
                case "double" -> {
                    if (isWord(items, i, "precision")) {
                        i++;
                        base = "double precision";
                    }
                }
                case "character", "char", "nchar" -> {
                    if (isWord(items, i, "varying")) {
                        i++;
                        kind = "varchar";
                    } else {
                        kind = "char";
                    }
                }
                case "national" -> {
                    if (isWord(items, i, "character") || isWord(items, i, "char")) {
                        i++;
                        if (isWord(items, i, "varying")) {
                            i++;
                            kind = "varchar";
                        } else {
                            kind = "char";
                        }
                    }
                }
                case "bit" -> {
                    if (isWord(items, i, "varying")) {
                        i++;
                        kind = "varbit";
                    } else {
                        kind = "bit";
                    }
                }
                case "varbit" -> kind = "varbit";
                case "varchar" -> kind = "varchar";
                case "bpchar" -> kind = "bpchar";
                case "int", "integer", "int4", "serial", "serial4" -> base = "integer";
                case "bigint", "int8", "bigserial", "serial8" -> base = "bigint";
                case "smallint", "int2", "smallserial", "serial2" -> base = "smallint";
                case "boolean", "bool" -> base = "boolean";
                case "real", "float4" -> base = "real";
                case "float8" -> base = "double precision";
                case "float" -> kind = "float";
                case "decimal", "dec", "numeric" -> kind = "numeric";
                case "timestamp", "timestamptz" -> kind = name;
                case "time", "timetz" -> kind = name;
                case "interval" -> kind = "interval";
                default -> {
                    if (PLAIN_CATALOG_TYPES.contains(name)) {
                        base = name;
                    }
                }
            }
        } else if (catalogForm) {
            switch (name) {
                case "char" -> base = "\"char\"";
                case "bit" -> kind = "qbit";
                case "varbit" -> kind = "varbit";
                case "varchar" -> kind = "varchar";
                case "bpchar" -> kind = "bpchar";
                case "numeric" -> kind = "numeric";
                case "timestamp", "timestamptz", "time", "timetz" -> kind = name;
                case "interval" -> kind = "interval";
                default -> {
                    if (TYPNAME_RENDERING.containsKey(name)) {
                        base = TYPNAME_RENDERING.get(name);
                    } else if (PLAIN_CATALOG_TYPES.contains(name)) {
                        base = name;
                    }
                }
            }
        }
        if ("interval".equals(kind)) {
            StringBuilder fields = new StringBuilder();
            while (i < items.size() && items.get(i).kind == K.WORD
                    && (INTERVAL_FIELDS.contains(items.get(i).text) || items.get(i).text.equals("to"))) {
                fields.append(fields.length() == 0 ? "" : " ").append(items.get(i).text);
                i++;
            }
            intervalFields = fields.length() == 0 ? null : fields.toString();
        }
        List<String> typmod = null;
        if (i < items.size() && items.get(i).isGroup('(')) {
            typmod = typmodArguments(items.get(i));
            i++;
        }
        boolean withZone = "timestamptz".equals(kind) || "timetz".equals(kind);
        if ("timestamp".equals(kind) || "time".equals(kind) || "timestamptz".equals(kind) || "timetz".equals(kind)) {
            if (isWord(items, i, "with") && isWord(items, i + 1, "time") && isWord(items, i + 2, "zone")) {
                withZone = true;
                i += 3;
            } else if (isWord(items, i, "without") && isWord(items, i + 1, "time") && isWord(items, i + 2, "zone")) {
                withZone = false;
                i += 3;
            }
        }
        int dims = 0;
        while (i < items.size()) {
            if (items.get(i).isGroup('[')) {
                dims++;
                i++;
            } else if (isWord(items, i, "array")) {
                dims++;
                i++;
                if (i < items.size() && items.get(i).isGroup('[')) {
                    i++;
                }
            } else {
                break;
            }
        }
        String rendered;
        if (kind != null) {
            rendered = builtinWithTypmod(kind, typmod, withZone, intervalFields);
            if (rendered == null) {
                return null;
            }
        } else if (base != null) {
            rendered = base;
        } else {
            // an internal array name: _int4 is integer[]
            if ((keywordForm || catalogForm) && name.startsWith("_") && name.length() > 1 && typmod == null) {
                String element = internalElement(name.substring(1));
                if (element != null) {
                    return new TypeParse(i, element + "[]");
                }
            }
            String qualified = quoteIdentifier(schema == null ? defaultSchema : schema) + "." + quoteIdentifier(name);
            rendered = qualified + (typmod == null ? "" : "(" + String.join(",", typmod) + ")");
        }
        return new TypeParse(i, rendered + (dims > 0 ? "[]" : ""));
    }

    private static String internalElement(String typname) {
        if (TYPNAME_RENDERING.containsKey(typname)) {
            return TYPNAME_RENDERING.get(typname);
        }
        return switch (typname) {
            case "varchar" -> "character varying";
            case "bpchar" -> "bpchar";
            case "char" -> "\"char\"";
            case "numeric", "interval" -> typname;
            case "timestamp" -> "timestamp without time zone";
            case "timestamptz" -> "timestamp with time zone";
            case "time" -> "time without time zone";
            case "timetz" -> "time with time zone";
            case "bit" -> "\"bit\"";
            case "varbit" -> "bit varying";
            default -> PLAIN_CATALOG_TYPES.contains(typname) ? typname : null;
        };
    }

    private static String builtinWithTypmod(String kind, List<String> typmod, boolean withZone, String fields) {
        List<Long> n = new ArrayList<>();
        if (typmod != null) {
            for (String arg : typmod) {
                try {
                    n.add(Long.parseLong(arg));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        String zone = withZone ? " with time zone" : " without time zone";
        switch (kind) {
            case "varchar":
                return n.isEmpty() ? "character varying" : "character varying(" + n.get(0) + ")";
            case "char":
                return "character(" + (n.isEmpty() ? 1 : n.get(0)) + ")";
            case "bpchar":
                return n.isEmpty() ? "bpchar" : "character(" + n.get(0) + ")";
            case "bit":
                return "bit(" + (n.isEmpty() ? 1 : n.get(0)) + ")";
            case "qbit":
                return n.isEmpty() ? "\"bit\"" : "bit(" + n.get(0) + ")";
            case "varbit":
                return n.isEmpty() ? "bit varying" : "bit varying(" + n.get(0) + ")";
            case "float":
                return n.isEmpty() || n.get(0) > 24 ? "double precision" : "real";
            case "numeric":
                if (n.isEmpty()) {
                    return "numeric";
                }
                return "numeric(" + n.get(0) + "," + (n.size() > 1 ? n.get(1) : 0) + ")";
            case "timestamp", "timestamptz":
                return "timestamp" + (n.isEmpty() ? "" : "(" + n.get(0) + ")") + zone;
            case "time", "timetz":
                return "time" + (n.isEmpty() ? "" : "(" + n.get(0) + ")") + zone;
            case "interval":
                return "interval" + (fields == null ? "" : " " + fields) + (n.isEmpty() ? "" : "(" + n.get(0) + ")");
            default:
                return null;
        }
    }

    private static List<String> typmodArguments(N group) {
        List<String> args = new ArrayList<>();
        for (List<N> part : splitTopLevel(group.items)) {
            StringBuilder sb = new StringBuilder();
            for (N x : part) {
                if (x.kind == K.NUMBER) {
                    sb.append(canonicalNumber(x.text));
                } else if (x.kind == K.WORD) {
                    sb.append(x.raw);
                } else {
                    sb.append(render(List.of(x), null));
                }
            }
            args.add(sb.toString());
        }
        return args;
    }

    private static boolean isWord(List<N> items, int i, String word) {
        return i < items.size() && items.get(i).kind == K.WORD && items.get(i).text.equals(word);
    }

    // =====================================================================================================
    // expressions

    /** {@link #canonicalExpression(String, String)} with {@link #DEFAULT_SCHEMA}. */
    public static String canonicalExpression(String expression) {
        return canonicalExpression(expression, DEFAULT_SCHEMA);
    }

    /**
     * An expression in a form two spellings of it share; for comparing, not for running. Names in
     * {@code defaultSchema} and {@code pg_catalog} lose their qualification.
     */
    public static String canonicalExpression(String expression, String defaultSchema) {
        if (expression == null) {
            return null;
        }
        Ctx ctx = new Ctx(defaultSchema == null ? DEFAULT_SCHEMA : defaultSchema);
        return cached(EXPRESSION_CACHE, ctx.defaultSchema() + "\u0000" + expression,
                () -> render(expressionList(nodes(expression), ctx), ctx));
    }

    /** True when both are the same expression (or both null). */
    public static boolean sameExpression(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        return Objects.equals(canonicalExpression(a), canonicalExpression(b));
    }

    /**
     * A column default in comparable form: as {@link #canonicalExpression(String)}, plus what depends on the
     * column's type: {@code 't'} for a boolean is {@code true}; a date-only literal for a timestamp is midnight.
     */
    public static String canonicalDefault(String expression, String columnType) {
        if (expression == null) {
            return null;
        }
        String canonical = canonicalExpression(expression);
        String type = canonicalType(columnType);
        if (type == null) {
            return canonical;
        }
        if (type.equals("boolean")) {
            String lit = unquoteLiteral(canonical);
            if (lit != null) {
                Boolean b = booleanLiteral(lit);
                if (b != null) {
                    return b.toString();
                }
            }
        }
        if (type.startsWith("timestamp")) {
            String lit = unquoteLiteral(canonical);
            if (lit != null && lit.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return "'" + lit + " 00:00:00'";
            }
        }
        return canonical;
    }

    /** True when both defaults are the same for a column of this type. */
    public static boolean sameDefault(String a, String b, String columnType) {
        if (Objects.equals(a, b)) {
            return true;
        }
        return Objects.equals(canonicalDefault(a, columnType), canonicalDefault(b, columnType));
    }

    private static String unquoteLiteral(String canonical) {
        if (canonical.length() >= 2 && canonical.startsWith("'") && canonical.endsWith("'")
                && canonical.indexOf('\'', 1) == canonical.length() - 1) {
            return canonical.substring(1, canonical.length() - 1);
        }
        return null;
    }

    private static Boolean booleanLiteral(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "t", "tr", "tru", "true", "y", "ye", "yes", "on", "1" -> Boolean.TRUE;
            case "f", "fa", "fal", "fals", "false", "n", "no", "off", "of", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    // =====================================================================================================
    // index and constraint definitions, other SQL

    /**
     * An index definition without its name: {@code CREATE UNIQUE INDEX users_email_key ON public.users USING btree
     * (email)} and {@code create unique index ux on users (email asc)} both become
     * {@code unique index on users using btree(email)}.
     */
    public static String canonicalIndexDefinition(String definition) {
        if (definition == null) {
            return null;
        }
        Ctx ctx = new Ctx(DEFAULT_SCHEMA);
        List<N> all = nodes(definition);
        int on = -1;
        boolean unique = false;
        for (int i = 0; i < all.size(); i++) {
            N x = all.get(i);
            if (x.isWord("unique")) {
                unique = true;
            }
            if (x.isWord("on")) {
                on = i;
                break;
            }
        }
        if (on < 0) {
            return canonicalSql(definition);
        }
        List<N> rest = new ArrayList<>(all.subList(on + 1, all.size()));
        if (!rest.isEmpty() && rest.get(0).isWord("only")) {
            rest.remove(0);
        }
        int afterTable = chainEnd(rest, 0);
        if (afterTable >= rest.size() || !rest.get(afterTable).isWord("using")) {
            rest.add(afterTable, N.word("btree"));
            rest.add(afterTable, N.word("using"));
        }
        int methodAt = afterTable + 1;
        for (int i = methodAt; i < rest.size(); i++) {
            if (rest.get(i).isGroup('(')) {
                N keys = rest.get(i);
                List<List<N>> elements = new ArrayList<>();
                for (List<N> element : splitTopLevel(keys.items)) {
                    elements.add(indexElement(element, ctx));
                }
                rest.set(i, N.group('(', joinWithCommas(elements)));
                break;
            }
        }
        // NULLS DISTINCT is the default; tablespaces are storage, not definition
        removeSequence(rest, "nulls", "distinct");
        storageParameters(rest);
        removeTablespace(rest);
        List<N> processed = new ArrayList<>();
        int where = indexOfWord(rest, "where");
        List<N> head = where < 0 ? rest : rest.subList(0, where);
        processed.addAll(stripQualifiers(head, ctx));
        if (where >= 0) {
            processed.add(N.word("where"));
            processed.addAll(expressionList(new ArrayList<>(rest.subList(where + 1, rest.size())), ctx));
        }
        return (unique ? "unique " : "") + "index on " + render(processed, ctx);
    }

    /** True when both define the same index (names aside). */
    public static boolean sameIndexDefinition(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        return Objects.equals(canonicalIndexDefinition(a), canonicalIndexDefinition(b));
    }

    /**
     * A constraint definition ({@code pg_get_constraintdef} form) without defaults PostgreSQL leaves out:
     * {@code ON DELETE NO ACTION}, {@code MATCH SIMPLE}, {@code NOT DEFERRABLE}, {@code INITIALLY IMMEDIATE},
     * {@code NULLS DISTINCT}; {@code NOT VALID} is not part of the definition (validation is compared apart). Check
     * expressions are canonical expressions.
     */
    public static String canonicalConstraintDefinition(String definition) {
        if (definition == null) {
            return null;
        }
        Ctx ctx = new Ctx(DEFAULT_SCHEMA);
        List<N> all = nodes(definition);
        if (!all.isEmpty() && all.get(0).isWord("constraint") && all.size() > 2) {
            all = new ArrayList<>(all.subList(2, all.size()));
        }
        removeSequence(all, "not", "valid");
        removeSequence(all, "match", "simple");
        removeSequence(all, "on", "delete", "no", "action");
        removeSequence(all, "on", "update", "no", "action");
        removeSequence(all, "not", "deferrable");
        removeSequence(all, "initially", "immediate");
        removeSequence(all, "nulls", "distinct");
        removeTablespace(all);
        removeSequence(all, "using", "index");
        List<N> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            N x = all.get(i);
            if ((x.isWord("check") || x.isWord("where")) && i + 1 < all.size() && all.get(i + 1).isGroup('(')) {
                out.add(x);
                out.add(N.group('(', expressionList(all.get(i + 1).items, ctx)));
                i++;
            } else {
                out.add(x);
            }
        }
        return render(stripQualifiers(out, ctx), ctx);
    }

    /** True when both define the same constraint. */
    public static boolean sameConstraintDefinition(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        return Objects.equals(canonicalConstraintDefinition(a), canonicalConstraintDefinition(b));
    }

    /**
     * Any SQL text (view queries, function and trigger definitions) with keyword case, whitespace, comments and
     * default schema qualification normalised; literals and quoted names kept exactly.
     */
    public static String canonicalSql(String sql) {
        if (sql == null) {
            return null;
        }
        Ctx ctx = new Ctx(DEFAULT_SCHEMA);
        List<N> nodes = stripQualifiersDeep(nodes(sql), ctx);
        List<N> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            N x = nodes.get(i);
            if (x.isWord("procedure") && i > 0 && nodes.get(i - 1).isWord("execute")) {
                out.add(N.word("function"));
            } else {
                out.add(x);
            }
        }
        String rendered = render(out, ctx);
        return rendered.endsWith(";") ? rendered.substring(0, rendered.length() - 1).stripTrailing() : rendered;
    }

    /**
     * Function arguments ({@code pg_get_function_identity_arguments} form) with each type canonical:
     * {@code a int, b varchar} is {@code a integer, b character varying}.
     */
    public static String canonicalArguments(String arguments) {
        if (arguments == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (List<N> arg : splitTopLevel(nodes(arguments))) {
            List<N> rest = new ArrayList<>(arg);
            StringBuilder prefix = new StringBuilder();
            if (!rest.isEmpty() && rest.get(0).kind == K.WORD && Set.of("in", "out", "inout", "variadic")
                    .contains(rest.get(0).text) && rest.size() > 1) {
                prefix.append(rest.remove(0).text).append(' ');
            }
            TypeParse whole = parseType(rest, 0, DEFAULT_SCHEMA);
            if (whole != null && whole.end == rest.size()) {
                out.add(prefix + whole.canonical);
                continue;
            }
            TypeParse named = rest.size() > 1 ? parseType(rest, 1, DEFAULT_SCHEMA) : null;
            if (named != null && named.end == rest.size() && rest.get(0).isName()) {
                out.add(prefix + quoteIdentifier(rest.get(0).text) + " " + named.canonical);
                continue;
            }
            out.add(prefix + render(rest, null));
        }
        return String.join(", ", out);
    }

    /** Collapses runs of whitespace to one space and trims. */
    static String collapseWhitespace(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    // =====================================================================================================
    // the expression engine

    private enum K { WORD, IDENT, STRING, NUMBER, OP, COMMA, DOT, SEMI, TYPE, OTHER, GROUP }

    /** A token or a bracketed group of them. */
    private static final class N {
        final K kind;
        /** WORD: lower-cased; IDENT: stored name; STRING: value; NUMBER/OP/TYPE/OTHER: text. */
        final String text;
        /** WORD: as written; STRING: prefix (b, x) or empty. */
        final String raw;
        final char open;
        final List<N> items;

        private N(K kind, String text, String raw, char open, List<N> items) {
            this.kind = kind;
            this.text = text;
            this.raw = raw;
            this.open = open;
            this.items = items;
        }

        static N of(K kind, String text) {
            return new N(kind, text, text, '\0', null);
        }

        static N word(String w) {
            return new N(K.WORD, w, w, '\0', null);
        }

        static N string(String value, String prefix) {
            return new N(K.STRING, value, prefix, '\0', null);
        }

        static N group(char open, List<N> items) {
            return new N(K.GROUP, null, null, open, List.copyOf(items));
        }

        boolean isName() {
            return kind == K.WORD || kind == K.IDENT;
        }

        boolean isWord(String w) {
            return kind == K.WORD && text.equals(w);
        }

        boolean isGroup(char c) {
            return kind == K.GROUP && open == c;
        }

        boolean isOp(String op) {
            return kind == K.OP && text.equals(op);
        }

        boolean isLiteral() {
            return kind == K.STRING || kind == K.NUMBER || isWord("true") || isWord("false") || isWord("null");
        }

        @Override
        public String toString() {
            return kind == K.GROUP ? open + "" + items + (open == '(' ? ")" : "]") : kind + ":" + text;
        }
    }

    private record Ctx(String defaultSchema) {
    }

    /** Lexes text into tokens and bracket groups; comments dropped, unbalanced brackets kept as plain tokens. */
    private static List<N> nodes(String text) {
        List<Token> tokens = PsqlLexer.lex(text).tokens();
        List<List<N>> stack = new ArrayList<>();
        List<Character> opens = new ArrayList<>();
        List<N> current = new ArrayList<>();
        for (Token t : tokens) {
            switch (t.type()) {
                case WORD -> current.add(new N(K.WORD, foldWord(t.text()), t.text(), '\0', null));
                case QUOTED_IDENTIFIER -> current.add(N.of(K.IDENT, t.value()));
                case STRING -> {
                    char first = Character.toLowerCase(t.text().charAt(0));
                    current.add(N.string(t.value(), first == 'b' || first == 'x' ? String.valueOf(first) : ""));
                }
                case DOLLAR_STRING -> current.add(N.string(t.value(), ""));
                case NUMBER -> current.add(N.of(K.NUMBER, t.text()));
                case OPERATOR -> current.add(N.of(K.OP, t.text()));
                case PUNCTUATION -> {
                    char c = t.text().charAt(0);
                    if (c == '(' || c == '[') {
                        stack.add(current);
                        opens.add(c);
                        current = new ArrayList<>();
                    } else if (c == ')' || c == ']') {
                        char want = c == ')' ? '(' : '[';
                        if (!opens.isEmpty() && opens.get(opens.size() - 1) == want) {
                            N g = N.group(want, current);
                            current = stack.remove(stack.size() - 1);
                            opens.remove(opens.size() - 1);
                            current.add(g);
                        } else {
                            current.add(N.of(K.OTHER, t.text()));
                        }
                    } else if (c == ',') {
                        current.add(N.of(K.COMMA, ","));
                    } else if (c == '.') {
                        current.add(N.of(K.DOT, "."));
                    } else {
                        current.add(N.of(K.SEMI, ";"));
                    }
                }
                default -> current.add(N.of(K.OTHER, t.text()));
            }
        }
        while (!stack.isEmpty()) {
            N g = N.group(opens.remove(opens.size() - 1), current);
            current = stack.remove(stack.size() - 1);
            current.add(g);
        }
        return current;
    }

    private static List<List<N>> splitTopLevel(List<N> items) {
        List<List<N>> parts = new ArrayList<>();
        List<N> part = new ArrayList<>();
        for (N x : items) {
            if (x.kind == K.COMMA) {
                parts.add(part);
                part = new ArrayList<>();
            } else {
                part.add(x);
            }
        }
        if (!part.isEmpty() || !parts.isEmpty()) {
            parts.add(part);
        }
        return parts;
    }

    private static List<N> joinWithCommas(List<List<N>> parts) {
        List<N> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.add(N.of(K.COMMA, ","));
            }
            out.addAll(parts.get(i));
        }
        return out;
    }

    /** A comma-separated list of expressions (a whole expression is a list of one). */
    private static List<N> expressionList(List<N> items, Ctx ctx) {
        List<List<N>> parts = new ArrayList<>();
        for (List<N> part : splitTopLevel(items)) {
            parts.add(expression(part, ctx));
        }
        return joinWithCommas(parts);
    }

    private static boolean isSubquery(List<N> items) {
        return !items.isEmpty() && (items.get(0).isWord("select") || items.get(0).isWord("with")
                || items.get(0).isWord("values") || items.get(0).isWord("table"));
    }

    /** Canonicalises one expression: children first, then the rewrites at this level until nothing changes. */
    private static List<N> expression(List<N> input, Ctx ctx) {
        if (isSubquery(input)) {
            return stripQualifiersDeep(input, ctx);
        }
        List<N> items = new ArrayList<>();
        for (N x : input) {
            items.add(x.kind == K.GROUP ? N.group(x.open, isSubquery(x.items) ? stripQualifiersDeep(x.items, ctx)
                    : expressionList(x.items, ctx)) : x);
        }
        items = stripQualifiers(items, ctx);
        items = typedLiterals(items);
        items = casts(items, ctx);
        items = unaryNumbers(items);
        items = operatorSpellings(items);
        items = inLists(items);
        items = between(items);
        String before = render(items, ctx);
        for (int round = 0; round < 8; round++) {
            items = unwrapAtoms(items);
            items = stripLiteralCasts(items, ctx);
            items = unwrapByPrecedence(items);
            items = implicitRegclass(items, ctx);
            String after = render(items, ctx);
            if (after.equals(before)) {
                break;
            }
            before = after;
        }
        List<N> out = new ArrayList<>(items.size());
        for (N x : items) {
            out.add(x.kind == K.NUMBER ? N.of(K.NUMBER, canonicalNumber(x.text)) : x);
        }
        return out;
    }

    /** {@code public.x} and {@code pg_catalog.x} lose the schema (at the start of a dotted chain only). */
    private static List<N> stripQualifiers(List<N> items, Ctx ctx) {
        List<N> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            boolean chainStart = i == 0 || items.get(i - 1).kind != K.DOT;
            if (chainStart && x.isName() && (x.text.equals(ctx.defaultSchema()) || x.text.equals("pg_catalog"))
                    && i + 2 < items.size() && items.get(i + 1).kind == K.DOT && items.get(i + 2).isName()) {
                i++; // skip the name and the dot
                continue;
            }
            if (x.kind == K.TYPE) {
                out.add(N.of(K.TYPE, unqualifiedType(x.text, ctx)));
                continue;
            }
            out.add(x);
        }
        return out;
    }

    private static List<N> stripQualifiersDeep(List<N> items, Ctx ctx) {
        List<N> out = new ArrayList<>();
        for (N x : stripQualifiers(items, ctx)) {
            out.add(x.kind == K.GROUP ? N.group(x.open, stripQualifiersDeep(x.items, ctx)) : x);
        }
        return out;
    }

    private static String unqualifiedType(String type, Ctx ctx) {
        String prefix = quoteIdentifier(ctx.defaultSchema()) + ".";
        return type.startsWith(prefix) ? type.substring(prefix.length()) : type;
    }

    /** {@code interval '1 day'}, {@code date '2024-01-01'}: the literal, typed by a cast. */
    private static List<N> typedLiterals(List<N> items) {
        List<N> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            boolean prevDot = i > 0 && items.get(i - 1).kind == K.DOT;
            if (!prevDot && x.kind == K.WORD && TYPED_LITERAL_WORDS.contains(x.text)) {
                int j = i + 1;
                if ((x.isWord("timestamp") || x.isWord("time")) && (isWord(items, j, "with")
                        || isWord(items, j, "without")) && isWord(items, j + 1, "time") && isWord(items, j + 2, "zone")) {
                    j += 3;
                }
                if (j < items.size() && items.get(j).kind == K.STRING && items.get(j).raw.isEmpty()) {
                    StringBuilder type = new StringBuilder();
                    for (int k = i; k < j; k++) {
                        type.append(k > i ? " " : "").append(items.get(k).text);
                    }
                    out.add(items.get(j));
                    out.add(N.of(K.OP, "::"));
                    out.add(N.of(K.TYPE, canonicalType(type.toString())));
                    i = j;
                    continue;
                }
            }
            out.add(x);
        }
        return out;
    }

    /** {@code CAST(x AS t)} becomes {@code (x)::t}; every {@code ::} is followed by one canonical TYPE node. */
    private static List<N> casts(List<N> items, Ctx ctx) {
        List<N> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            if (x.isWord("cast") && i + 1 < items.size() && items.get(i + 1).isGroup('(')) {
                List<N> inner = items.get(i + 1).items;
                int as = indexOfWord(inner, "as");
                if (as > 0) {
                    TypeParse tp = parseType(inner, as + 1, ctx.defaultSchema());
                    if (tp != null && tp.end == inner.size()) {
                        out.add(N.group('(', inner.subList(0, as)));
                        out.add(N.of(K.OP, "::"));
                        out.add(N.of(K.TYPE, unqualifiedType(tp.canonical, ctx)));
                        i++;
                        continue;
                    }
                }
            }
            if (x.isOp("::") && i + 1 < items.size() && items.get(i + 1).kind != K.TYPE) {
                TypeParse tp = parseType(items, i + 1, ctx.defaultSchema());
                if (tp != null) {
                    out.add(x);
                    out.add(N.of(K.TYPE, unqualifiedType(tp.canonical, ctx)));
                    i = tp.end - 1;
                    continue;
                }
            }
            out.add(x);
        }
        return out;
    }

    /** {@code - 1} in prefix position is the number {@code -1}. */
    private static List<N> unaryNumbers(List<N> items) {
        List<N> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            if ((x.isOp("-") || x.isOp("+")) && prefixPosition(items, i) && i + 1 < items.size()
                    && items.get(i + 1).kind == K.NUMBER && !items.get(i + 1).text.startsWith("-")) {
                out.add(N.of(K.NUMBER, (x.isOp("-") ? "-" : "") + items.get(i + 1).text));
                i++;
                continue;
            }
            out.add(x);
        }
        return out;
    }

    /** {@code !=} is {@code <>}; LIKE and ILIKE are the operators PostgreSQL stores them as. */
    private static List<N> operatorSpellings(List<N> items) {
        List<N> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            if (x.isOp("!=")) {
                out.add(N.of(K.OP, "<>"));
            } else if (x.isWord("not") && i + 1 < items.size() && items.get(i + 1).isWord("like")) {
                out.add(N.of(K.OP, "!~~"));
                i++;
            } else if (x.isWord("not") && i + 1 < items.size() && items.get(i + 1).isWord("ilike")) {
                out.add(N.of(K.OP, "!~~*"));
                i++;
            } else if (x.isWord("like")) {
                out.add(N.of(K.OP, "~~"));
            } else if (x.isWord("ilike")) {
                out.add(N.of(K.OP, "~~*"));
            } else {
                out.add(x);
            }
        }
        return out;
    }

    /** {@code x IN (a, b)} is {@code x = ANY (ARRAY[a, b])}; {@code NOT IN} is {@code <> ALL}; one element is {@code =}. */
    private static List<N> inLists(List<N> items) {
        List<N> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            boolean negated = x.isWord("not") && i + 2 < items.size() && items.get(i + 1).isWord("in");
            int in = negated ? i + 1 : i;
            if ((negated || x.isWord("in")) && in + 1 < items.size() && items.get(in + 1).isGroup('(')
                    && !isSubquery(items.get(in + 1).items) && !items.get(in + 1).items.isEmpty()) {
                List<N> list = items.get(in + 1).items;
                boolean single = splitTopLevel(list).size() == 1;
                out.add(N.of(K.OP, negated ? "<>" : "="));
                if (single) {
                    out.add(N.group('(', list));
                } else {
                    out.add(N.word(negated ? "all" : "any"));
                    out.add(N.group('(', List.of(N.word("array"), N.group('[', list))));
                }
                i = in + 1;
                continue;
            }
            out.add(x);
        }
        return out;
    }

    /** {@code x BETWEEN a AND b} is {@code x >= a AND x <= b}; NOT BETWEEN is {@code x < a OR x > b}. */
    private static List<N> between(List<N> items) {
        for (int b = 0; b < items.size(); b++) {
            if (!items.get(b).isWord("between")) {
                continue;
            }
            boolean negated = b > 0 && items.get(b - 1).isWord("not");
            int leftEnd = negated ? b - 1 : b;
            int leftStart = leftEnd;
            while (leftStart > 0 && !isBoundary(items, leftStart - 1, 5)) {
                leftStart--;
            }
            int loStart = b + 1;
            if (isWord(items, loStart, "symmetric")) {
                continue; // BETWEEN SYMMETRIC stays as written
            }
            if (isWord(items, loStart, "asymmetric")) {
                loStart++;
            }
            int and = loStart;
            while (and < items.size() && !items.get(and).isWord("and")) {
                and++;
            }
            if (and >= items.size() || leftStart == leftEnd || and == loStart) {
                continue;
            }
            int hiEnd = and + 1;
            while (hiEnd < items.size() && !isBoundary(items, hiEnd, 5)) {
                hiEnd++;
            }
            if (hiEnd == and + 1) {
                continue;
            }
            List<N> left = items.subList(leftStart, leftEnd);
            List<N> lo = items.subList(loStart, and);
            List<N> hi = items.subList(and + 1, hiEnd);
            List<N> rewritten = new ArrayList<>();
            rewritten.add(N.group('(', concat(left, List.of(N.of(K.OP, negated ? "<" : ">=")), lo)));
            rewritten.add(N.word(negated ? "or" : "and"));
            rewritten.add(N.group('(', concat(left, List.of(N.of(K.OP, negated ? ">" : "<=")), hi)));
            List<N> out = new ArrayList<>(items.subList(0, leftStart));
            out.add(N.group('(', rewritten));
            out.addAll(items.subList(hiEnd, items.size()));
            return between(out);
        }
        return items;
    }

    @SafeVarargs
    private static List<N> concat(List<N>... parts) {
        List<N> out = new ArrayList<>();
        for (List<N> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    /** True when items[i] is a comma or an operator binding no tighter than {@code level}. */
    private static boolean isBoundary(List<N> items, int i, int level) {
        N x = items.get(i);
        if (x.kind == K.COMMA || x.kind == K.SEMI) {
            return true;
        }
        int p = operatorPrecedence(items, i);
        return p >= 0 && p <= level;
    }

    /** {@code (x)}, {@code (f(x))}, {@code ('a')}: parentheses around a single operand go. */
    private static List<N> unwrapAtoms(List<N> items) {
        List<N> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            if (x.isGroup('(') && isGroupingPosition(items, i) && isPrimary(x.items)) {
                out.addAll(x.items);
            } else {
                out.add(x);
            }
        }
        return out;
    }

    /** Drops casts of literals and implicit text casts of columns; a numeric string cast to a number is the number. */
    private static List<N> stripLiteralCasts(List<N> items, Ctx ctx) {
        List<N> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            if (x.isOp("::") && i + 1 < items.size() && items.get(i + 1).kind == K.TYPE && !out.isEmpty()) {
                String type = items.get(i + 1).text;
                String bareType = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
                N operand = out.get(out.size() - 1);
                boolean operandIsName = operand.isName() && !(out.size() >= 2 && out.get(out.size() - 2).isOp("::"));
                if (operand.kind == K.STRING && type.equals("regclass")) {
                    out.set(out.size() - 1, regclassLiteral(operand, ctx));
                    i++;
                    continue;
                }
                boolean literal = operand.isGroup('[')
                        ? out.size() >= 2 && out.get(out.size() - 2).isWord("array") && isLiteralOperand(operand)
                        : isLiteralOperand(operand);
                if (literal) {
                    if (operand.kind == K.STRING && operand.raw.isEmpty() && NUMERIC_TYPES.contains(bareType)
                            && isNumber(operand.text)) {
                        out.set(out.size() - 1, N.of(K.NUMBER, operand.text.strip()));
                    } else if (operand.kind == K.STRING && bareType.equals("boolean")
                            && booleanLiteral(operand.text) != null) {
                        out.set(out.size() - 1, N.word(booleanLiteral(operand.text).toString()));
                    }
                    i++;
                    continue;
                }
                if (operandIsName && IMPLICIT_TEXT_TYPES.contains(type) && !isKeywordValue(operand)) {
                    i++;
                    continue;
                }
            }
            out.add(x);
        }
        return out;
    }

    private static boolean isKeywordValue(N x) {
        return x.kind == K.WORD && (x.text.startsWith("current_") || x.text.equals("session_user")
                || x.text.equals("user") || x.text.startsWith("local"));
    }

    private static boolean isLiteralOperand(N x) {
        if (x.isLiteral()) {
            return true;
        }
        if (x.isGroup('[')) {
            for (List<N> element : splitTopLevel(x.items)) {
                if (element.size() != 1 || !isLiteralOperand(element.get(0))) {
                    return false;
                }
            }
            return true;
        }
        if (x.isGroup('(') && x.items.size() == 1) {
            return isLiteralOperand(x.items.get(0));
        }
        return false;
    }

    /** {@code nextval('Users_id_seq')} names a relation: fold and drop the default schema as regclass input does. */
    private static List<N> implicitRegclass(List<N> items, Ctx ctx) {
        List<N> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            out.add(x);
            if ((x.isWord("nextval") || x.isWord("currval") || x.isWord("setval")) && i + 1 < items.size()
                    && items.get(i + 1).isGroup('(')) {
                List<N> args = new ArrayList<>(items.get(i + 1).items);
                if (!args.isEmpty() && args.get(0).kind == K.STRING && (args.size() == 1 || args.get(1).kind == K.COMMA)) {
                    args.set(0, regclassLiteral(args.get(0), ctx));
                }
                out.add(N.group('(', args));
                i++;
            }
        }
        return out;
    }

    private static N regclassLiteral(N string, Ctx ctx) {
        List<String> parts = parseQualifiedName(string.text);
        if (parts.isEmpty()) {
            return string;
        }
        if (parts.size() == 2 && (parts.get(0).equals(ctx.defaultSchema()) || parts.get(0).equals("pg_catalog"))) {
            parts = parts.subList(1, 2);
        }
        List<String> quoted = new ArrayList<>();
        for (String p : parts) {
            quoted.add(quoteIdentifier(p));
        }
        return N.string(String.join(".", quoted), "");
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s.strip());
            return !s.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String canonicalNumber(String text) {
        try {
            BigDecimal d = new BigDecimal(text);
            if (Math.abs((long) d.scale()) > 1000) {
                return text;
            }
            if (d.signum() == 0) {
                return "0";
            }
            return d.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return foldWord(text);
        }
    }

    /** True when a '(' group at position i is grouping (not a call's arguments, not a row or list). */
    private static boolean isGroupingPosition(List<N> items, int i) {
        N g = items.get(i);
        if (!g.isGroup('(') || g.items.isEmpty() || isSubquery(g.items)) {
            return false;
        }
        for (N x : g.items) {
            if (x.kind == K.COMMA) {
                return false;
            }
        }
        if (i == 0) {
            return true;
        }
        N prev = items.get(i - 1);
        if (prev.kind == K.COMMA || prev.kind == K.SEMI || prev.kind == K.OP) {
            return true;
        }
        return prev.kind == K.WORD && NON_CALL_WORDS.contains(prev.text);
    }

    /** No operators at the top level: a name, literal, call, array, or a cast of one. */
    private static boolean isPrimary(List<N> items) {
        if (items.isEmpty() || isSubquery(items)) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            if (x.kind == K.COMMA || x.kind == K.SEMI) {
                return false;
            }
            if (x.kind == K.WORD && (x.isWord("case") || x.isWord("when") || x.isWord("select"))) {
                return false;
            }
            int p = operatorPrecedence(items, i);
            if (p >= 0 && p < 13) {
                return false;
            }
        }
        return true;
    }

    private static final int PREC_PREFIX_NOT = 2;

    /**
     * Precedence of the operator at items[i] (PostgreSQL's table, OR lowest), or -1 when it is no operator.
     * 0 OR, 1 AND, 2 NOT, 3 IS, 4 comparison, 5 BETWEEN/IN/LIKE, 6 other operators, 7 + -, 8 * / %, 9 ^,
     * 10 AT, 11 COLLATE, 12 unary, 14 ::.
     */
    private static int operatorPrecedence(List<N> items, int i) {
        N x = items.get(i);
        if (x.kind == K.WORD) {
            switch (x.text) {
                case "or":
                    return 0;
                case "and":
                    return isBetweenAnd(items, i) ? -1 : 1;
                case "not":
                    if (i > 0 && items.get(i - 1).isWord("is")) {
                        return -1;
                    }
                    return i + 1 < items.size() && (items.get(i + 1).isWord("between") || items.get(i + 1).isWord("in")
                            || items.get(i + 1).isWord("similar")) ? -1 : PREC_PREFIX_NOT;
                case "is", "isnull", "notnull":
                    return 3;
                case "between", "in", "similar":
                    return 5;
                case "at":
                    return 10;
                case "collate":
                    return 11;
                default:
                    return -1;
            }
        }
        if (x.kind != K.OP) {
            return -1;
        }
        if (x.text.equals("::")) {
            return 14;
        }
        if (prefixPosition(items, i)) {
            return 12;
        }
        return switch (x.text) {
            case "<", ">", "=", "<=", ">=", "<>", "!=" -> 4;
            case "+", "-" -> 7;
            case "*", "/", "%" -> 8;
            case "^" -> 9;
            default -> 6;
        };
    }

    private static boolean isBetweenAnd(List<N> items, int i) {
        for (int k = i - 1; k >= 0; k--) {
            N x = items.get(k);
            if (x.isWord("between")) {
                return true;
            }
            if (x.isWord("and") || x.isWord("or") || x.kind == K.COMMA) {
                return false;
            }
        }
        return false;
    }

    /** True when an operator at items[i] is in prefix position (nothing to its left it could apply to). */
    private static boolean prefixPosition(List<N> items, int i) {
        if (i == 0) {
            return true;
        }
        N prev = items.get(i - 1);
        if (prev.kind == K.OP || prev.kind == K.COMMA || prev.kind == K.SEMI) {
            return true;
        }
        return prev.kind == K.WORD && NON_CALL_WORDS.contains(prev.text);
    }

    /** Removes parentheses that precedence makes redundant: {@code ((a > 0) AND (b < 1))} is {@code a > 0 AND b < 1}. */
    private static List<N> unwrapByPrecedence(List<N> items) {
        List<N> out = new ArrayList<>(items);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < out.size(); i++) {
                N g = out.get(i);
                if (!g.isGroup('(') || !isGroupingPosition(out, i)) {
                    continue;
                }
                int inner = lowestPrecedence(g.items);
                boolean isolated = (i == 0 || out.get(i - 1).kind == K.COMMA || out.get(i - 1).kind == K.WORD
                        && operatorPrecedence(out, i - 1) < 0)
                        && (i + 1 == out.size() || out.get(i + 1).kind == K.COMMA);
                if (isolated) {
                    out.remove(i);
                    out.addAll(i, g.items);
                    changed = true;
                    break;
                }
                if (inner < 0) {
                    continue;
                }
                int left = i > 0 ? operatorPrecedence(out, i - 1) : -1;
                int right = -1;
                if (i + 1 < out.size()) {
                    N next = out.get(i + 1);
                    right = next.kind == K.OP ? (next.isOp("::") ? 14 : binaryPrecedence(next.text))
                            : operatorPrecedence(out, i + 1);
                }
                int context = Math.max(left, right);
                boolean sameAssociative = inner == context && (inner == 0 || inner == 1)
                        && (left < 0 || left == inner) && (right < 0 || right == inner);
                if (inner > context || sameAssociative) {
                    out.remove(i);
                    out.addAll(i, g.items);
                    changed = true;
                    break;
                }
            }
        }
        return out;
    }

    private static int binaryPrecedence(String op) {
        return switch (op) {
            case "<", ">", "=", "<=", ">=", "<>", "!=" -> 4;
            case "+", "-" -> 7;
            case "*", "/", "%" -> 8;
            case "^" -> 9;
            default -> 6;
        };
    }

    /** The loosest operator at the top level of a group; 100 when there is none; -1 when the group is no expression. */
    private static int lowestPrecedence(List<N> items) {
        if (items.isEmpty() || isSubquery(items)) {
            return -1;
        }
        int lowest = 100;
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            if (x.kind == K.COMMA || x.kind == K.SEMI) {
                return -1;
            }
            if (x.isWord("case") || x.isWord("when") || x.isWord("then") || x.isWord("else")) {
                return -1;
            }
            int p = operatorPrecedence(items, i);
            if (p >= 0) {
                lowest = Math.min(lowest, p);
            }
        }
        return lowest;
    }

    /** End of a dotted name chain ({@code a}, {@code a.b}) starting at {@code start}. */
    private static int chainEnd(List<N> items, int start) {
        int i = start;
        if (i < items.size() && items.get(i).isName()) {
            i++;
            while (i + 1 < items.size() && items.get(i).kind == K.DOT && items.get(i + 1).isName()) {
                i += 2;
            }
        }
        return i;
    }

    private static int indexOfWord(List<N> items, String word) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    private static void removeSequence(List<N> items, String... words) {
        for (int i = 0; i + words.length <= items.size(); i++) {
            boolean match = true;
            for (int k = 0; k < words.length; k++) {
                if (!items.get(i + k).isWord(words[k])) {
                    match = false;
                    break;
                }
            }
            if (match) {
                for (int k = 0; k < words.length; k++) {
                    items.remove(i);
                }
                i--;
            }
        }
    }

    private static void removeTablespace(List<N> items) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).isWord("tablespace") && i + 1 < items.size() && items.get(i + 1).isName()) {
                items.remove(i + 1);
                items.remove(i);
                if (i >= 2 && items.get(i - 1).isWord("index") && items.get(i - 2).isWord("using")) {
                    items.remove(i - 1);
                    items.remove(i - 2);
                }
                i--;
            }
        }
    }

    /** {@code WITH (fillfactor = 70)} is stored as {@code fillfactor='70'}. */
    private static void storageParameters(List<N> items) {
        for (int i = 0; i + 1 < items.size(); i++) {
            if (items.get(i).isWord("with") && items.get(i + 1).isGroup('(')) {
                List<List<N>> params = new ArrayList<>();
                for (List<N> p : splitTopLevel(items.get(i + 1).items)) {
                    if (p.size() == 3 && p.get(0).isName() && p.get(1).isOp("=") && p.get(2).kind != K.GROUP) {
                        N v = p.get(2);
                        String value = v.kind == K.WORD ? v.raw : v.text;
                        p = List.of(p.get(0), p.get(1), N.string(v.kind == K.NUMBER ? canonicalNumber(value) : value,
                                ""));
                    }
                    params.add(p);
                }
                items.set(i + 1, N.group('(', joinWithCommas(params)));
            }
        }
    }

    /** One index key: its expression canonical, default ordering options dropped. */
    private static List<N> indexElement(List<N> element, Ctx ctx) {
        List<N> e = new ArrayList<>(element);
        boolean desc = indexOfWord(e, "desc") >= 0;
        removeSequence(e, "asc");
        removeSequence(e, desc ? List.of("nulls", "first").toArray(String[]::new)
                : List.of("nulls", "last").toArray(String[]::new));
        int exprEnd;
        if (!e.isEmpty() && e.get(0).isGroup('(')) {
            exprEnd = 1;
        } else {
            exprEnd = chainEnd(e, 0);
            if (exprEnd < e.size() && e.get(exprEnd).isGroup('(')) {
                exprEnd++; // a function call
            }
        }
        List<N> out = new ArrayList<>(expression(new ArrayList<>(e.subList(0, exprEnd)), ctx));
        out.addAll(stripQualifiers(e.subList(exprEnd, e.size()), ctx));
        return out;
    }

    // ------------------------------------------------------------------ rendering

    private static String render(List<N> items, Ctx ctx) {
        StringBuilder sb = new StringBuilder();
        renderInto(sb, items);
        return sb.toString();
    }

    private static void renderInto(StringBuilder sb, List<N> items) {
        for (int i = 0; i < items.size(); i++) {
            N x = items.get(i);
            if (i > 0 && needsSpace(items, i)) {
                sb.append(' ');
            }
            switch (x.kind) {
                case GROUP -> {
                    sb.append(x.open);
                    renderInto(sb, x.items);
                    sb.append(x.open == '(' ? ')' : ']');
                }
                case IDENT -> sb.append(quoteIdentifier(x.text));
                case STRING -> sb.append(x.raw).append('\'').append(x.text.replace("'", "''")).append('\'');
                default -> sb.append(x.text);
            }
        }
    }

    private static boolean needsSpace(List<N> items, int i) {
        N a = items.get(i - 1);
        N b = items.get(i);
        if (b.kind == K.COMMA || b.kind == K.SEMI || b.kind == K.DOT || a.kind == K.DOT) {
            return false;
        }
        if (a.isOp("::") || b.isOp("::")) {
            return false;
        }
        if (b.isGroup('[')) {
            return false;
        }
        if (b.isGroup('(') && (a.kind == K.IDENT || a.kind == K.WORD && !NON_CALL_WORDS.contains(a.text))) {
            return false;
        }
        return !(a.kind == K.OP && prefixPosition(items, i - 1) && !a.isOp("::"));
    }
}
