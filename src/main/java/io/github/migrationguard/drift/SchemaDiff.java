package io.github.migrationguard.drift;

import io.github.migrationguard.schema.Column;
import io.github.migrationguard.schema.Constraint;
import io.github.migrationguard.schema.EnumType;
import io.github.migrationguard.schema.Extension;
import io.github.migrationguard.schema.Function;
import io.github.migrationguard.schema.Index;
import io.github.migrationguard.schema.Normalizer;
import io.github.migrationguard.schema.Policy;
import io.github.migrationguard.schema.QualifiedName;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.Sequence;
import io.github.migrationguard.schema.Table;
import io.github.migrationguard.schema.Trigger;
import io.github.migrationguard.schema.View;
import io.github.migrationguard.schema.replay.ObjectRef;
import io.github.migrationguard.schema.replay.ObjectRef.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Compares the schema the migrations build (expected) with a live one and names every difference.
 *
 * <ul>
 *   <li>{@link DriftKind#MISSING_OBJECT}: in expected, not live. A missing table (or schema) is one finding, not one
 *       per column, constraint and index of it.</li>
 *   <li>{@link DriftKind#EXTRA_OBJECT}: live, not expected (a hand-added column, index, table, ...). A renamed
 *       column is a missing one plus an extra one; both say "possibly renamed" when their types match.</li>
 *   <li>{@link DriftKind#CHANGED_OBJECT}: on both sides but different: a column's type, nullability, default,
 *       identity, generation or collation; a constraint's or an index's definition; enum labels; sequence settings;
 *       view and function definitions (only when the expected side has one), trigger and policy definitions.</li>
 *   <li>{@link DriftKind#INVALID_INDEX}: a live index left invalid, whether or not the migrations create it.</li>
 * </ul>
 * Comparisons go through {@link Normalizer}, so spellings that PostgreSQL stores identically
 * ({@code varchar(20)}/{@code character varying(20)}, {@code serial}/{@code integer} with its {@code nextval}
 * default, generated constraint and index names, schema qualification) are no drift. Owners, privileges,
 * tablespaces, statistics and policy roles are not compared; neither are migration-tool tables nor
 * {@code plpgsql}. The result is ordered by kind, then object.
 */
public final class SchemaDiff {

    /** Bookkeeping tables of migration tools: never schema drift. */
    private static final Set<String> TOOL_TABLES = Set.of("flyway_schema_history", "schema_version",
            "schema_migrations", "ar_internal_metadata", "databasechangelog", "databasechangeloglock",
            "goose_db_version", "_sqlx_migrations", "_prisma_migrations", "__diesel_schema_migrations",
            "knex_migrations", "knex_migrations_lock", "alembic_version", "migration_guard_audit");

    /** Extensions every database has. */
    private static final Set<String> BUILT_IN_EXTENSIONS = Set.of("plpgsql");

    private static final int DETAIL_EXCERPT = 160;

    private final SchemaModel expected;
    private final SchemaModel live;
    private final List<Pattern> ignore;
    private final List<DriftFinding> findings = new ArrayList<>();
    /** Schemas reported missing or extra: nothing inside them is reported again. */
    private final Set<String> skippedSchemas = new HashSet<>();
    /** Tables and views present on both sides: their members are compared. */
    private final Set<QualifiedName> onBothSides = new HashSet<>();

    private SchemaDiff(SchemaModel expected, SchemaModel live, List<Pattern> ignore) {
        this.expected = expected;
        this.live = live;
        this.ignore = ignore == null ? List.of() : List.copyOf(ignore);
    }

    /**
     * Every difference between the two models, ordered by kind and object.
     *
     * @param expected what the migrations build
     * @param live     what the database has
     * @param ignore   patterns matched (find) against each object's display name, e.g. {@code table public.audit_.*};
     *                 an ignored table takes its columns, constraints, indexes, triggers and policies with it
     */
    public static List<DriftFinding> diff(SchemaModel expected, SchemaModel live, List<Pattern> ignore) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(live, "live");
        SchemaDiff d = new SchemaDiff(expected, live, ignore);
        d.schemas();
        d.extensions();
        d.tables();
        d.views();
        d.constraints();
        d.indexes();
        d.sequences();
        d.enums();
        d.functions();
        d.triggers();
        d.policies();
        List<DriftFinding> result = new ArrayList<>(d.findings);
        result.sort(Comparator.comparing(DriftFinding::kind).thenComparing(DriftFinding::object)
                .thenComparing(f -> f.detail() == null ? "" : f.detail()));
        return List.copyOf(result);
    }

    // ------------------------------------------------------------------ schemas and extensions

    private static Set<String> schemaNames(SchemaModel m) {
        Set<String> names = new TreeSet<>();
        m.schemas().forEach(s -> names.add(s.name()));
        m.tables().forEach(t -> names.add(t.schema()));
        m.views().forEach(v -> names.add(v.schema()));
        m.indexes().forEach(i -> names.add(i.schema()));
        m.sequences().forEach(s -> names.add(s.schema()));
        m.enums().forEach(e -> names.add(e.schema()));
        m.functions().forEach(f -> names.add(f.schema()));
        return names;
    }

    private void schemas() {
        Set<String> exp = schemaNames(expected);
        Set<String> act = schemaNames(live);
        for (String s : exp) {
            if (!act.contains(s) && !s.equals(Normalizer.DEFAULT_SCHEMA)) {
                String obj = ref(Kind.SCHEMA, null, s, null);
                if (!ignored(obj, null)) {
                    skippedSchemas.add(s);
                    add(DriftKind.MISSING_OBJECT, obj, "schema " + s + " does not exist",
                            "write a *_safe.sql migration that creates schema " + s
                                    + " again (CREATE SCHEMA IF NOT EXISTS), or find out who dropped it");
                }
            }
        }
        for (String s : act) {
            if (!exp.contains(s) && !s.equals(Normalizer.DEFAULT_SCHEMA)) {
                String obj = ref(Kind.SCHEMA, null, s, null);
                if (!ignored(obj, null)) {
                    skippedSchemas.add(s);
                    add(DriftKind.EXTRA_OBJECT, obj, "no migration creates schema " + s,
                            "write a *_safe.sql migration that creates schema " + s
                                    + " (CREATE SCHEMA IF NOT EXISTS), or drop it by hand if nothing uses it");
                }
            }
        }
    }

    private void extensions() {
        Map<String, Extension> exp = byKey(expected.extensions(), Extension::name);
        Map<String, Extension> act = byKey(live.extensions(), Extension::name);
        compareSets(exp, act, (name, e) -> {
            String obj = ref(Kind.EXTENSION, null, name, null);
            if (!BUILT_IN_EXTENSIONS.contains(name) && !ignored(obj, null)) {
                add(DriftKind.MISSING_OBJECT, obj, "extension " + name + " is not installed",
                        "write a *_safe.sql migration that creates extension " + name
                                + " (CREATE EXTENSION IF NOT EXISTS), or install it by hand");
            }
        }, (name, e) -> {
            String obj = ref(Kind.EXTENSION, null, name, null);
            if (!BUILT_IN_EXTENSIONS.contains(name) && !ignored(obj, null)) {
                add(DriftKind.EXTRA_OBJECT, obj, "no migration creates extension " + name,
                        "write a *_safe.sql migration that creates extension " + name
                                + " (CREATE EXTENSION IF NOT EXISTS), or drop it by hand if nothing uses it");
            }
        });
    }

    // ------------------------------------------------------------------ tables and columns

    private boolean skipTable(QualifiedName t) {
        return skippedSchemas.contains(t.schema()) || TOOL_TABLES.contains(t.name());
    }

    private void tables() {
        Map<QualifiedName, Table> exp = byKey(expected.tables(), Table::qualifiedName);
        Map<QualifiedName, Table> act = byKey(live.tables(), Table::qualifiedName);
        for (Table e : exp.values()) {
            QualifiedName q = e.qualifiedName();
            if (skipTable(q)) {
                continue;
            }
            String obj = tableRef(q);
            Table a = act.get(q);
            if (a == null) {
                if (!ignored(obj, q)) {
                    add(DriftKind.MISSING_OBJECT, obj, "table " + q + " does not exist",
                            "write a *_safe.sql migration that creates table " + q
                                    + " again (CREATE TABLE IF NOT EXISTS), or find out who dropped it");
                }
                continue;
            }
            onBothSides.add(q);
            if (!ignored(obj, q)) {
                compareTable(e, a, obj);
                compareColumns(e, a);
            }
        }
        for (Table a : act.values()) {
            QualifiedName q = a.qualifiedName();
            if (skipTable(q) || exp.containsKey(q)) {
                continue;
            }
            String obj = tableRef(q);
            if (!ignored(obj, q)) {
                add(DriftKind.EXTRA_OBJECT, obj, "no migration creates table " + q + " (" + a.columns().size()
                                + " column" + (a.columns().size() == 1 ? "" : "s") + ")",
                        "write a *_safe.sql migration that creates table " + q
                                + " (CREATE TABLE IF NOT EXISTS), or drop it by hand if nothing uses it");
            }
        }
    }

    private void compareTable(Table e, Table a, String obj) {
        List<String> diffs = new ArrayList<>();
        if (e.kind() != a.kind()) {
            diffs.add("kind: expected " + kindName(e.kind()) + ", found " + kindName(a.kind()));
        } else if (!Objects.equals(Normalizer.canonicalSql(e.partitionKey()),
                Normalizer.canonicalSql(a.partitionKey()))) {
            diffs.add("partition key: expected " + orNone(e.partitionKey()) + ", found " + orNone(a.partitionKey()));
        }
        if (!Objects.equals(e.partitionOf(), a.partitionOf())) {
            diffs.add("partition of: expected " + orNone(e.partitionOf()) + ", found " + orNone(a.partitionOf()));
        } else if (e.partitionOf() != null && !Objects.equals(Normalizer.canonicalSql(e.partitionBound()),
                Normalizer.canonicalSql(a.partitionBound()))) {
            diffs.add("partition bound: expected " + orNone(e.partitionBound()) + ", found "
                    + orNone(a.partitionBound()));
        }
        if (e.unlogged() != a.unlogged()) {
            diffs.add("persistence: expected " + (e.unlogged() ? "unlogged" : "logged") + ", found "
                    + (a.unlogged() ? "unlogged" : "logged"));
        }
        if (e.rowSecurity() != a.rowSecurity()) {
            diffs.add("row level security: expected " + enabled(e.rowSecurity()) + ", found "
                    + enabled(a.rowSecurity()));
        }
        if (e.forceRowSecurity() != a.forceRowSecurity()) {
            diffs.add("forced row level security: expected " + enabled(e.forceRowSecurity()) + ", found "
                    + enabled(a.forceRowSecurity()));
        }
        if (!diffs.isEmpty()) {
            add(DriftKind.CHANGED_OBJECT, obj, String.join("; ", diffs), "write a *_safe.sql migration that "
                    + "alters table " + e.qualifiedName() + " to the definition you want, so the migrations and "
                    + "the database agree");
        }
    }

    private void compareColumns(Table e, Table a) {
        QualifiedName q = e.qualifiedName();
        List<Column> missing = new ArrayList<>();
        List<Column> extra = new ArrayList<>();
        for (Column ec : e.columns()) {
            Column ac = a.column(ec.name()).orElse(null);
            if (ac == null) {
                missing.add(ec);
            } else {
                String obj = ref(Kind.COLUMN, q.schema(), q.name(), ec.name());
                if (!ignored(obj, q)) {
                    compareColumn(q, ec, ac, obj);
                }
            }
        }
        for (Column ac : a.columns()) {
            if (e.column(ac.name()).isEmpty()) {
                extra.add(ac);
            }
        }
        Map<Column, Column> renamed = renames(missing, extra);
        for (Column ec : missing) {
            String obj = ref(Kind.COLUMN, q.schema(), q.name(), ec.name());
            if (ignored(obj, q)) {
                continue;
            }
            Column to = renamed.get(ec);
            if (to != null) {
                add(DriftKind.MISSING_OBJECT, obj, "column " + ec.name() + " does not exist; possibly renamed to "
                                + to.name() + " (same type " + Normalizer.canonicalType(to.type()) + ")",
                        "if it was renamed by hand, rename it back (ALTER TABLE " + q + " RENAME COLUMN " + to.name()
                                + " TO " + ec.name() + ") or write a *_safe.sql migration that renames it");
            } else {
                add(DriftKind.MISSING_OBJECT, obj, "column " + ec.name() + " " + Normalizer.canonicalType(ec.type())
                                + " does not exist",
                        "write a *_safe.sql migration that adds column " + q + "." + ec.name()
                                + " again (ADD COLUMN IF NOT EXISTS), or find out who dropped it");
            }
        }
        Map<Column, Column> renamedFrom = new LinkedHashMap<>();
        renamed.forEach((from, to) -> renamedFrom.put(to, from));
        for (Column ac : extra) {
            String obj = ref(Kind.COLUMN, q.schema(), q.name(), ac.name());
            if (ignored(obj, q)) {
                continue;
            }
            Column from = renamedFrom.get(ac);
            String detail = "no migration creates column " + ac.name() + " " + Normalizer.canonicalType(ac.type())
                    + (from == null ? "" : "; possibly renamed from " + from.name());
            add(DriftKind.EXTRA_OBJECT, obj, detail, "write a *_safe.sql migration that adds column " + q + "."
                    + ac.name() + " (ADD COLUMN IF NOT EXISTS) so the migrations match the database, or drop the "
                    + "column by hand");
        }
    }

    /** Pairs missing and extra columns of one table whose types match: same position first, else a unique match. */
    private static Map<Column, Column> renames(List<Column> missing, List<Column> extra) {
        Map<Column, Column> pairs = new LinkedHashMap<>();
        Set<Column> used = new HashSet<>();
        for (Column m : missing) {
            for (Column x : extra) {
                if (!used.contains(x) && x.position() == m.position() && Normalizer.sameType(m.type(), x.type())) {
                    pairs.put(m, x);
                    used.add(x);
                    break;
                }
            }
        }
        for (Column m : missing) {
            if (pairs.containsKey(m)) {
                continue;
            }
            List<Column> candidates = extra.stream().filter(x -> !used.contains(x)
                    && Normalizer.sameType(m.type(), x.type())).toList();
            long rivals = missing.stream().filter(o -> !pairs.containsKey(o)
                    && Normalizer.sameType(o.type(), m.type())).count();
            if (candidates.size() == 1 && rivals == 1) {
                pairs.put(m, candidates.get(0));
                used.add(candidates.get(0));
            }
        }
        return pairs;
    }

    private void compareColumn(QualifiedName table, Column e, Column a, String obj) {
        List<String> diffs = new ArrayList<>();
        String et = Normalizer.canonicalType(e.type());
        String at = Normalizer.canonicalType(a.type());
        if (!Objects.equals(et, at)) {
            diffs.add("type: expected " + et + ", found " + at);
        }
        if (e.notNull() != a.notNull()) {
            diffs.add("nullability: expected " + nullability(e.notNull()) + ", found " + nullability(a.notNull()));
        }
        String expectedDefault = e.defaultExpression();
        if (expectedDefault == null && Normalizer.isSerialType(e.type()) && e.identity() == Column.Identity.NONE) {
            String seq = Normalizer.generatedName(table.name(), e.name(), "seq");
            expectedDefault = "nextval('" + Normalizer.qualifiedName(table.schema(), seq).replace("'", "''")
                    + "'::regclass)";
        }
        if (!Normalizer.sameDefault(expectedDefault, a.defaultExpression(), at)) {
            diffs.add("default: expected " + orNone(expectedDefault) + ", found " + orNone(a.defaultExpression()));
        }
        if (e.identity() != a.identity()) {
            diffs.add("identity: expected " + identity(e.identity()) + ", found " + identity(a.identity()));
        }
        if (e.generated() != a.generated() || e.generated() != Column.Generated.NONE
                && !Normalizer.sameExpression(e.generationExpression(), a.generationExpression())) {
            diffs.add("generated: expected " + generated(e) + ", found " + generated(a));
        }
        String ec = Normalizer.canonicalCollation(e.collation());
        String ac = Normalizer.canonicalCollation(a.collation());
        if (!Objects.equals(ec, ac)) {
            diffs.add("collation: expected " + (ec == null ? "default" : ec) + ", found "
                    + (ac == null ? "default" : ac));
        }
        if (!diffs.isEmpty()) {
            add(DriftKind.CHANGED_OBJECT, obj, String.join("; ", diffs), "write a *_safe.sql migration that alters "
                    + "column " + table + "." + e.name() + " to the definition you want, so the migrations and the "
                    + "database agree");
        }
    }

    // ------------------------------------------------------------------ views

    private void views() {
        Map<QualifiedName, View> exp = byKey(expected.views(), View::qualifiedName);
        Map<QualifiedName, View> act = byKey(live.views(), View::qualifiedName);
        for (View e : exp.values()) {
            QualifiedName q = e.qualifiedName();
            if (skippedSchemas.contains(q.schema())) {
                continue;
            }
            String obj = viewRef(e);
            View a = act.get(q);
            if (ignored(obj, q)) {
                continue;
            }
            if (a == null) {
                add(DriftKind.MISSING_OBJECT, obj, kindName(e) + " " + q + " does not exist",
                        "write a *_safe.sql migration that creates " + kindName(e) + " " + q
                                + " again, or find out who dropped it");
                continue;
            }
            onBothSides.add(q);
            List<String> diffs = new ArrayList<>();
            if (e.materialized() != a.materialized()) {
                diffs.add("kind: expected " + kindName(e) + ", found " + kindName(a));
            } else if (e.definition() != null && !Objects.equals(Normalizer.canonicalSql(e.definition()),
                    Normalizer.canonicalSql(a.definition()))) {
                diffs.add("query: expected " + excerpt(e.definition()) + ", found " + excerpt(a.definition()));
            }
            if (e.definition() != null && !new TreeSet<>(e.options()).equals(new TreeSet<>(a.options()))) {
                diffs.add("options: expected " + e.options() + ", found " + a.options());
            }
            if (!diffs.isEmpty()) {
                add(DriftKind.CHANGED_OBJECT, obj, String.join("; ", diffs), "write a *_safe.sql migration that "
                        + "recreates " + kindName(e) + " " + q + " as you want it, so the migrations and the "
                        + "database agree");
            }
        }
        for (View a : act.values()) {
            QualifiedName q = a.qualifiedName();
            if (skippedSchemas.contains(q.schema()) || exp.containsKey(q)) {
                continue;
            }
            String obj = viewRef(a);
            if (!ignored(obj, q)) {
                add(DriftKind.EXTRA_OBJECT, obj, "no migration creates " + kindName(a) + " " + q,
                        "write a *_safe.sql migration that creates " + kindName(a) + " " + q
                                + ", or drop it by hand if nothing uses it");
            }
        }
    }

    // ------------------------------------------------------------------ constraints

    private record ConstraintKey(QualifiedName table, String name) {
    }

    private void constraints() {
        Map<ConstraintKey, Constraint> exp = new LinkedHashMap<>();
        Map<ConstraintKey, Constraint> act = new LinkedHashMap<>();
        for (Constraint c : expected.constraints()) {
            if (comparable(c)) {
                exp.putIfAbsent(new ConstraintKey(c.table(), c.name()), c);
            }
        }
        for (Constraint c : live.constraints()) {
            if (comparable(c)) {
                act.putIfAbsent(new ConstraintKey(c.table(), c.name()), c);
            }
        }
        List<Constraint> missing = new ArrayList<>();
        List<Constraint> extra = new ArrayList<>();
        for (Map.Entry<ConstraintKey, Constraint> en : exp.entrySet()) {
            Constraint a = act.get(en.getKey());
            if (a == null) {
                missing.add(en.getValue());
            } else {
                compareConstraint(en.getValue(), a);
            }
        }
        for (Map.Entry<ConstraintKey, Constraint> en : act.entrySet()) {
            if (!exp.containsKey(en.getKey())) {
                extra.add(en.getValue());
            }
        }
        // the same constraint under another generated name is no drift
        Map<Constraint, Constraint> renamed = new LinkedHashMap<>();
        Set<Constraint> used = new HashSet<>();
        for (Constraint m : missing) {
            for (Constraint x : extra) {
                if (!used.contains(x) && x.table().equals(m.table()) && x.type() == m.type()
                        && Normalizer.sameConstraintDefinition(m.definition(), x.definition())) {
                    renamed.put(m, x);
                    used.add(x);
                    break;
                }
            }
        }
        for (Constraint m : missing) {
            Constraint to = renamed.get(m);
            if (to != null && (Normalizer.looksGenerated(m.name()) || Normalizer.looksGenerated(to.name()))) {
                continue;
            }
            String obj = constraintRef(m);
            add(DriftKind.MISSING_OBJECT, obj, constraintType(m) + " constraint " + m.name() + " does not exist"
                            + (to == null ? "" : "; possibly renamed to " + to.name() + " (same definition)"),
                    "write a *_safe.sql migration that adds constraint " + m.name() + " on " + m.table()
                            + " again (" + m.definition() + "), or find out who dropped it");
        }
        Map<Constraint, Constraint> renamedFrom = new LinkedHashMap<>();
        renamed.forEach((from, to) -> renamedFrom.put(to, from));
        for (Constraint x : extra) {
            Constraint from = renamedFrom.get(x);
            if (from != null && (Normalizer.looksGenerated(from.name()) || Normalizer.looksGenerated(x.name()))) {
                continue;
            }
            String obj = constraintRef(x);
            add(DriftKind.EXTRA_OBJECT, obj, "no migration creates " + constraintType(x) + " constraint " + x.name()
                            + " (" + x.definition() + ")"
                            + (from == null ? "" : "; possibly renamed from " + from.name()),
                    "write a *_safe.sql migration that adds constraint " + x.name() + " on " + x.table()
                            + " so the migrations match the database, or drop it by hand");
        }
    }

    /** Constraints on tables both sides have, not inherited, not NOT NULL (compared with the column). */
    private boolean comparable(Constraint c) {
        return onBothSides.contains(c.table()) && c.local() && c.type() != Constraint.Type.NOT_NULL
                && c.type() != Constraint.Type.TRIGGER && !ignored(constraintRef(c), c.table());
    }

    private void compareConstraint(Constraint e, Constraint a) {
        List<String> diffs = new ArrayList<>();
        if (e.type() != a.type() || !Normalizer.sameConstraintDefinition(e.definition(), a.definition())) {
            diffs.add("definition: expected " + stripNotValid(e.definition()) + ", found "
                    + stripNotValid(a.definition()));
        }
        if (e.validated() != a.validated()) {
            diffs.add("validation: expected " + (e.validated() ? "validated" : "NOT VALID") + ", found "
                    + (a.validated() ? "validated" : "NOT VALID"));
        }
        if (!diffs.isEmpty()) {
            add(DriftKind.CHANGED_OBJECT, constraintRef(e), String.join("; ", diffs), "write a *_safe.sql migration "
                    + "that replaces constraint " + e.name() + " on " + e.table() + " with the definition you want, "
                    + "so the migrations and the database agree");
        }
    }

    private static String stripNotValid(String definition) {
        if (definition == null) {
            return "none";
        }
        return definition.endsWith(" NOT VALID") ? definition.substring(0, definition.length() - 10) : definition;
    }

    // ------------------------------------------------------------------ indexes

    private void indexes() {
        Map<QualifiedName, Index> exp = new LinkedHashMap<>();
        Map<QualifiedName, Index> act = new LinkedHashMap<>();
        for (Index i : expected.indexes()) {
            if (i.constraint() == null) {
                exp.putIfAbsent(i.qualifiedName(), i);
            }
        }
        for (Index i : live.indexes()) {
            if (!i.valid() && !skippedSchemas.contains(i.schema()) && !TOOL_TABLES.contains(i.table().name())) {
                String obj = ref(Kind.INDEX, i.schema(), i.name(), null);
                if (!ignored(obj, i.table())) {
                    boolean wanted = exp.containsKey(i.qualifiedName());
                    add(DriftKind.INVALID_INDEX, obj, "index " + i.name() + " on " + i.table() + " is invalid "
                                    + "(indisvalid = false, typically left by a failed CREATE INDEX CONCURRENTLY): "
                                    + "it slows writes and is never used by queries"
                                    + (wanted ? "" : "; no migration creates it"),
                            wanted ? "drop it by hand (DROP INDEX CONCURRENTLY " + i.qualifiedName() + ") and create "
                                    + "it again" + (i.unique() ? " after removing the duplicate rows" : "")
                                    : "drop it by hand (DROP INDEX CONCURRENTLY " + i.qualifiedName() + ")");
                }
            }
            // constraint-backed ones too, for an expected plain index of the same name and definition
            act.putIfAbsent(i.qualifiedName(), i);
        }
        List<Index> missing = new ArrayList<>();
        List<Index> extra = new ArrayList<>();
        for (Index e : exp.values()) {
            if (!onBothSides.contains(e.table()) || ignored(indexRef(e), e.table())) {
                continue;
            }
            Index a = act.get(e.qualifiedName());
            if (a == null) {
                missing.add(e);
            } else if (a.valid()) {
                compareIndex(e, a);
            }
        }
        for (Index a : act.values()) {
            if (a.constraint() != null || !onBothSides.contains(a.table()) || exp.containsKey(a.qualifiedName())
                    || !a.valid() || ignored(indexRef(a), a.table())) {
                continue;
            }
            extra.add(a);
        }
        Map<Index, Index> renamed = new LinkedHashMap<>();
        Set<Index> used = new HashSet<>();
        for (Index m : missing) {
            for (Index x : extra) {
                if (!used.contains(x) && x.table().equals(m.table())
                        && Normalizer.sameIndexDefinition(definition(m), definition(x))) {
                    renamed.put(m, x);
                    used.add(x);
                    break;
                }
            }
        }
        for (Index m : missing) {
            Index to = renamed.get(m);
            if (to != null && (Normalizer.looksGenerated(m.name()) || Normalizer.looksGenerated(to.name()))) {
                continue;
            }
            add(DriftKind.MISSING_OBJECT, indexRef(m), "index " + m.name() + " on " + m.table() + " does not exist"
                            + (to == null ? "" : "; possibly renamed to " + to.name() + " (same definition)"),
                    "write a *_safe.sql migration that creates index " + m.qualifiedName()
                            + " again (CREATE INDEX CONCURRENTLY IF NOT EXISTS), or find out who dropped it");
        }
        Map<Index, Index> renamedFrom = new LinkedHashMap<>();
        renamed.forEach((from, to) -> renamedFrom.put(to, from));
        for (Index x : extra) {
            Index from = renamedFrom.get(x);
            if (from != null && (Normalizer.looksGenerated(from.name()) || Normalizer.looksGenerated(x.name()))) {
                continue;
            }
            add(DriftKind.EXTRA_OBJECT, indexRef(x), "no migration creates index " + x.name() + " (" + x.definition()
                            + ")" + (from == null ? "" : "; possibly renamed from " + from.name()),
                    "drop the index by hand or add a migration that creates it (CREATE INDEX CONCURRENTLY IF NOT "
                            + "EXISTS)");
        }
    }

    /** The definition, rebuilt from the parts when the expected side has none. */
    private static String definition(Index i) {
        if (i.definition() != null) {
            return i.definition();
        }
        StringBuilder sb = new StringBuilder("CREATE ").append(i.unique() ? "UNIQUE " : "").append("INDEX ")
                .append(Normalizer.quoteIdentifier(i.name())).append(" ON ")
                .append(Normalizer.qualifiedName(i.table().schema(), i.table().name())).append(" USING ")
                .append(i.method() == null ? "btree" : i.method()).append(" (")
                .append(String.join(", ", i.keyColumns())).append(')');
        if (!i.includeColumns().isEmpty()) {
            sb.append(" INCLUDE (").append(String.join(", ", i.includeColumns())).append(')');
        }
        if (i.predicate() != null) {
            sb.append(" WHERE (").append(i.predicate()).append(')');
        }
        return sb.toString();
    }

    private void compareIndex(Index e, Index a) {
        String ed = definition(e);
        String ad = definition(a);
        if (e.table().equals(a.table()) && Normalizer.sameIndexDefinition(ed, ad)) {
            return;
        }
        List<String> diffs = new ArrayList<>();
        if (!e.table().equals(a.table())) {
            diffs.add("table: expected " + e.table() + ", found " + a.table());
        }
        if (e.unique() != a.unique()) {
            diffs.add("uniqueness: expected " + (e.unique() ? "unique" : "not unique") + ", found "
                    + (a.unique() ? "unique" : "not unique"));
        }
        String ep = predicateOf(ed);
        String ap = predicateOf(ad);
        if (!Objects.equals(ep, ap)) {
            diffs.add("predicate: expected " + orNone(predicateText(e, ed)) + ", found "
                    + orNone(predicateText(a, ad)));
        }
        if (!Objects.equals(keyPart(ed), keyPart(ad))) {
            diffs.add("definition: expected " + ed + ", found " + ad);
        }
        if (diffs.isEmpty()) {
            diffs.add("definition: expected " + ed + ", found " + ad);
        }
        add(DriftKind.CHANGED_OBJECT, indexRef(e), String.join("; ", diffs), "recreate index " + e.qualifiedName()
                + " as the migrations define it (CREATE INDEX CONCURRENTLY under a new name, then drop the old one), "
                + "or write a *_safe.sql migration that records the live definition");
    }

    /** The canonical definition without uniqueness and predicate: what is indexed, and how. */
    private static String keyPart(String definition) {
        String c = Normalizer.canonicalIndexDefinition(definition);
        if (c.startsWith("unique ")) {
            c = c.substring(7);
        }
        int where = c.indexOf(" where ");
        return where < 0 ? c : c.substring(0, where);
    }

    private static String predicateOf(String definition) {
        String c = Normalizer.canonicalIndexDefinition(definition);
        int where = c.indexOf(" where ");
        return where < 0 ? null : c.substring(where + 7);
    }

    private static String predicateText(Index i, String definition) {
        if (i.predicate() != null) {
            return i.predicate();
        }
        int where = definition.toUpperCase(Locale.ROOT).lastIndexOf(" WHERE ");
        return where < 0 ? null : definition.substring(where + 7);
    }

    // ------------------------------------------------------------------ sequences and enums

    private void sequences() {
        Map<QualifiedName, Sequence> exp = byKey(expected.sequences(), Sequence::qualifiedName);
        Map<QualifiedName, Sequence> act = byKey(live.sequences(), Sequence::qualifiedName);
        for (Sequence e : exp.values()) {
            QualifiedName q = e.qualifiedName();
            String obj = ref(Kind.SEQUENCE, q.schema(), q.name(), null);
            if (skippedSchemas.contains(q.schema()) || ignored(obj, e.ownedByTable())) {
                continue;
            }
            Sequence a = act.get(q);
            if (a == null) {
                // a serial's or identity's sequence goes with its column, which is compared on its own
                if (e.ownedByTable() == null) {
                    add(DriftKind.MISSING_OBJECT, obj, "sequence " + q + " does not exist",
                            "write a *_safe.sql migration that creates sequence " + q
                                    + " again (CREATE SEQUENCE IF NOT EXISTS), or find out who dropped it");
                }
                continue;
            }
            if (e.ownedByTable() != null && !onBothSides.contains(e.ownedByTable())) {
                continue;
            }
            List<String> diffs = new ArrayList<>();
            if (!Normalizer.sameType(e.dataType(), a.dataType())) {
                diffs.add("type: expected " + Normalizer.canonicalType(e.dataType()) + ", found "
                        + Normalizer.canonicalType(a.dataType()));
            }
            setting(diffs, "start", e.start(), a.start());
            setting(diffs, "increment", e.increment(), a.increment());
            setting(diffs, "minvalue", e.minValue(), a.minValue());
            setting(diffs, "maxvalue", e.maxValue(), a.maxValue());
            setting(diffs, "cache", e.cache(), a.cache());
            if (e.cycle() != a.cycle()) {
                diffs.add("cycle: expected " + (e.cycle() ? "CYCLE" : "NO CYCLE") + ", found "
                        + (a.cycle() ? "CYCLE" : "NO CYCLE"));
            }
            if (!diffs.isEmpty()) {
                add(DriftKind.CHANGED_OBJECT, obj, String.join("; ", diffs), "write a *_safe.sql migration that "
                        + "alters sequence " + q + " to the settings you want, so the migrations and the database "
                        + "agree");
            }
        }
        for (Sequence a : act.values()) {
            QualifiedName q = a.qualifiedName();
            String obj = ref(Kind.SEQUENCE, q.schema(), q.name(), null);
            if (skippedSchemas.contains(q.schema()) || exp.containsKey(q) || a.ownedByTable() != null
                    || ignored(obj, null)) {
                continue;
            }
            add(DriftKind.EXTRA_OBJECT, obj, "no migration creates sequence " + q,
                    "write a *_safe.sql migration that creates sequence " + q
                            + " (CREATE SEQUENCE IF NOT EXISTS), or drop it by hand if nothing uses it");
        }
    }

    private static void setting(List<String> diffs, String name, long e, long a) {
        if (e != a) {
            diffs.add(name + ": expected " + e + ", found " + a);
        }
    }

    private void enums() {
        Map<QualifiedName, EnumType> exp = byKey(expected.enums(), EnumType::qualifiedName);
        Map<QualifiedName, EnumType> act = byKey(live.enums(), EnumType::qualifiedName);
        for (EnumType e : exp.values()) {
            QualifiedName q = e.qualifiedName();
            String obj = ref(Kind.TYPE, q.schema(), q.name(), null);
            if (skippedSchemas.contains(q.schema()) || ignored(obj, null)) {
                continue;
            }
            EnumType a = act.get(q);
            if (a == null) {
                add(DriftKind.MISSING_OBJECT, obj, "enum type " + q + " does not exist",
                        "write a *_safe.sql migration that creates type " + q + " again, or find out who dropped it");
            } else if (!e.labels().equals(a.labels())) {
                add(DriftKind.CHANGED_OBJECT, obj, "labels: expected " + e.labels() + ", found " + a.labels(),
                        "write a *_safe.sql migration that brings the labels of " + q + " in line (ALTER TYPE ... "
                                + "ADD VALUE), so the migrations and the database agree");
            }
        }
        for (EnumType a : act.values()) {
            QualifiedName q = a.qualifiedName();
            String obj = ref(Kind.TYPE, q.schema(), q.name(), null);
            if (!skippedSchemas.contains(q.schema()) && !exp.containsKey(q) && !ignored(obj, null)) {
                add(DriftKind.EXTRA_OBJECT, obj, "no migration creates enum type " + q + " " + a.labels(),
                        "write a *_safe.sql migration that creates type " + q + ", or drop it by hand if nothing "
                                + "uses it");
            }
        }
    }

    // ------------------------------------------------------------------ functions, triggers, policies

    private static String functionKey(Function f) {
        return f.schema() + "." + f.name() + "(" + Normalizer.canonicalArguments(f.identityArguments()) + ")";
    }

    private void functions() {
        Map<String, Function> exp = byKey(expected.functions(), SchemaDiff::functionKey);
        Map<String, Function> act = byKey(live.functions(), SchemaDiff::functionKey);
        for (Map.Entry<String, Function> en : exp.entrySet()) {
            Function e = en.getValue();
            String obj = functionRef(e);
            if (skippedSchemas.contains(e.schema()) || ignored(obj, null)) {
                continue;
            }
            Function a = act.get(en.getKey());
            String what = e.kind().name().toLowerCase(Locale.ROOT);
            if (a == null) {
                add(DriftKind.MISSING_OBJECT, obj, what + " " + e.signature() + " does not exist",
                        "write a *_safe.sql migration that creates " + what + " " + e.signature()
                                + " again (CREATE OR REPLACE), or find out who dropped it");
            } else if (e.definition() != null && !Objects.equals(Normalizer.canonicalSql(e.definition()),
                    Normalizer.canonicalSql(a.definition()))) {
                add(DriftKind.CHANGED_OBJECT, obj, "definition: expected " + excerpt(e.definition()) + ", found "
                                + excerpt(a.definition()),
                        "write a *_safe.sql migration that replaces " + what + " " + e.signature()
                                + " (CREATE OR REPLACE) with the version you want, so the migrations and the "
                                + "database agree");
            }
        }
        for (Map.Entry<String, Function> en : act.entrySet()) {
            Function a = en.getValue();
            String obj = functionRef(a);
            if (!skippedSchemas.contains(a.schema()) && !exp.containsKey(en.getKey()) && !ignored(obj, null)) {
                String what = a.kind().name().toLowerCase(Locale.ROOT);
                add(DriftKind.EXTRA_OBJECT, obj, "no migration creates " + what + " " + a.signature(),
                        "write a *_safe.sql migration that creates " + what + " " + a.signature()
                                + ", or drop it by hand if nothing uses it");
            }
        }
    }

    private record MemberKey(QualifiedName table, String name) {
    }

    private void triggers() {
        Map<MemberKey, Trigger> exp = new LinkedHashMap<>();
        Map<MemberKey, Trigger> act = new LinkedHashMap<>();
        expected.triggers().stream().filter(t -> !t.inherited() && onBothSides.contains(t.table()))
                .forEach(t -> exp.putIfAbsent(new MemberKey(t.table(), t.name()), t));
        live.triggers().stream().filter(t -> !t.inherited() && onBothSides.contains(t.table()))
                .forEach(t -> act.putIfAbsent(new MemberKey(t.table(), t.name()), t));
        for (Map.Entry<MemberKey, Trigger> en : exp.entrySet()) {
            Trigger e = en.getValue();
            String obj = ref(Kind.TRIGGER, e.table().schema(), e.table().name(), e.name());
            if (ignored(obj, e.table())) {
                continue;
            }
            Trigger a = act.get(en.getKey());
            if (a == null) {
                add(DriftKind.MISSING_OBJECT, obj, "trigger " + e.name() + " on " + e.table() + " does not exist",
                        "write a *_safe.sql migration that creates trigger " + e.name() + " on " + e.table()
                                + " again, or find out who dropped it");
                continue;
            }
            List<String> diffs = new ArrayList<>();
            if (e.definition() != null && !Objects.equals(Normalizer.canonicalSql(e.definition()),
                    Normalizer.canonicalSql(a.definition()))) {
                diffs.add("definition: expected " + excerpt(e.definition()) + ", found " + excerpt(a.definition()));
            }
            if (e.enabled() != a.enabled()) {
                diffs.add("firing: expected " + firing(e.enabled()) + ", found " + firing(a.enabled()));
            }
            if (!diffs.isEmpty()) {
                add(DriftKind.CHANGED_OBJECT, obj, String.join("; ", diffs), "write a *_safe.sql migration that "
                        + "recreates trigger " + e.name() + " on " + e.table() + " as you want it, so the migrations "
                        + "and the database agree");
            }
        }
        for (Map.Entry<MemberKey, Trigger> en : act.entrySet()) {
            Trigger a = en.getValue();
            String obj = ref(Kind.TRIGGER, a.table().schema(), a.table().name(), a.name());
            if (!exp.containsKey(en.getKey()) && !ignored(obj, a.table())) {
                add(DriftKind.EXTRA_OBJECT, obj, "no migration creates trigger " + a.name() + " on " + a.table(),
                        "write a *_safe.sql migration that creates trigger " + a.name() + " on " + a.table()
                                + ", or drop it by hand");
            }
        }
    }

    private void policies() {
        Map<MemberKey, Policy> exp = new LinkedHashMap<>();
        Map<MemberKey, Policy> act = new LinkedHashMap<>();
        expected.policies().stream().filter(p -> onBothSides.contains(p.table()))
                .forEach(p -> exp.putIfAbsent(new MemberKey(p.table(), p.name()), p));
        live.policies().stream().filter(p -> onBothSides.contains(p.table()))
                .forEach(p -> act.putIfAbsent(new MemberKey(p.table(), p.name()), p));
        for (Map.Entry<MemberKey, Policy> en : exp.entrySet()) {
            Policy e = en.getValue();
            String obj = ref(Kind.POLICY, e.table().schema(), e.table().name(), e.name());
            if (ignored(obj, e.table())) {
                continue;
            }
            Policy a = act.get(en.getKey());
            if (a == null) {
                add(DriftKind.MISSING_OBJECT, obj, "policy " + e.name() + " on " + e.table() + " does not exist",
                        "write a *_safe.sql migration that creates policy " + e.name() + " on " + e.table()
                                + " again, or find out who dropped it");
                continue;
            }
            List<String> diffs = new ArrayList<>();
            if (!e.command().equals(a.command())) {
                diffs.add("command: expected " + e.command() + ", found " + a.command());
            }
            if (e.permissive() != a.permissive()) {
                diffs.add("mode: expected " + (e.permissive() ? "PERMISSIVE" : "RESTRICTIVE") + ", found "
                        + (a.permissive() ? "PERMISSIVE" : "RESTRICTIVE"));
            }
            if (!samePolicyExpression(e.using(), a.using())) {
                diffs.add("using: expected " + orNone(e.using()) + ", found " + orNone(a.using()));
            }
            if (!samePolicyExpression(e.withCheck(), a.withCheck())) {
                diffs.add("with check: expected " + orNone(e.withCheck()) + ", found " + orNone(a.withCheck()));
            }
            if (!diffs.isEmpty()) {
                add(DriftKind.CHANGED_OBJECT, obj, String.join("; ", diffs), "write a *_safe.sql migration that "
                        + "recreates policy " + e.name() + " on " + e.table() + " as you want it, so the migrations "
                        + "and the database agree");
            }
        }
        for (Map.Entry<MemberKey, Policy> en : act.entrySet()) {
            Policy a = en.getValue();
            String obj = ref(Kind.POLICY, a.table().schema(), a.table().name(), a.name());
            if (!exp.containsKey(en.getKey()) && !ignored(obj, a.table())) {
                add(DriftKind.EXTRA_OBJECT, obj, "no migration creates policy " + a.name() + " on " + a.table(),
                        "write a *_safe.sql migration that creates policy " + a.name() + " on " + a.table()
                                + ", or drop it by hand");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private void add(DriftKind kind, String object, String detail, String action) {
        findings.add(new DriftFinding(kind, null, object, detail, action));
    }

    /** True when the object, or the table it belongs to, matches an ignore pattern. */
    private boolean ignored(String display, QualifiedName table) {
        String tableDisplay = table == null ? null : tableRef(table);
        for (Pattern p : ignore) {
            if (p.matcher(display).find() || tableDisplay != null && p.matcher(tableDisplay).find()) {
                return true;
            }
        }
        return false;
    }

    private static <K, V> Map<K, V> byKey(List<V> items, java.util.function.Function<V, K> key) {
        Map<K, V> map = new LinkedHashMap<>();
        for (V v : items) {
            map.putIfAbsent(key.apply(v), v);
        }
        return map;
    }

    private static <K, V> void compareSets(Map<K, V> exp, Map<K, V> act, BiConsumer<K, V> missing,
                                           BiConsumer<K, V> extra) {
        exp.forEach((k, v) -> {
            if (!act.containsKey(k)) {
                missing.accept(k, v);
            }
        });
        act.forEach((k, v) -> {
            if (!exp.containsKey(k)) {
                extra.accept(k, v);
            }
        });
    }

    private static String ref(Kind kind, String schema, String name, String member) {
        return new ObjectRef(kind, schema, name, member).display();
    }

    private static String tableRef(QualifiedName q) {
        return ref(Kind.TABLE, q.schema(), q.name(), null);
    }

    private static String viewRef(View v) {
        return ref(v.materialized() ? Kind.MATERIALIZED_VIEW : Kind.VIEW, v.schema(), v.name(), null);
    }

    private static String indexRef(Index i) {
        return ref(Kind.INDEX, i.schema(), i.name(), null);
    }

    private static String constraintRef(Constraint c) {
        return ref(Kind.CONSTRAINT, c.table().schema(), c.table().name(), c.name());
    }

    private static String functionRef(Function f) {
        return ref(Kind.FUNCTION, f.schema(), f.name() + "(" + f.identityArguments() + ")", null);
    }

    private static String kindName(Table.Kind k) {
        return k.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String kindName(View v) {
        return v.materialized() ? "materialized view" : "view";
    }

    private static String constraintType(Constraint c) {
        return switch (c.type()) {
            case PRIMARY_KEY -> "primary key";
            case UNIQUE -> "unique";
            case FOREIGN_KEY -> "foreign key";
            case CHECK -> "check";
            case EXCLUSION -> "exclusion";
            case TRIGGER -> "trigger";
            case NOT_NULL -> "not-null";
        };
    }

    private static String enabled(boolean on) {
        return on ? "enabled" : "disabled";
    }

    private static String nullability(boolean notNull) {
        return notNull ? "NOT NULL" : "nullable";
    }

    private static String identity(Column.Identity i) {
        return switch (i) {
            case ALWAYS -> "GENERATED ALWAYS AS IDENTITY";
            case BY_DEFAULT -> "GENERATED BY DEFAULT AS IDENTITY";
            case NONE -> "none";
        };
    }

    private static String generated(Column c) {
        return c.generated() == Column.Generated.NONE ? "none"
                : c.generated().name() + " (" + c.generationExpression() + ")";
    }

    private static String firing(Trigger.Firing f) {
        return switch (f) {
            case ORIGIN -> "enabled";
            case DISABLED -> "disabled";
            case REPLICA -> "replica only";
            case ALWAYS -> "always";
        };
    }

    private static String orNone(Object value) {
        return value == null ? "none" : value.toString();
    }

    /** One line, at most {@value #DETAIL_EXCERPT} characters. */
    private static String excerpt(String text) {
        if (text == null) {
            return "none";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= DETAIL_EXCERPT ? line : line.substring(0, DETAIL_EXCERPT - 3) + "...";
    }

    private static final java.util.regex.Pattern SUBQUERY =
            java.util.regex.Pattern.compile("(?i)\\bselect\\b");

    /**
     * Policy expressions may hold sub-queries, which PostgreSQL stores re-written (columns qualified, aliases and
     * casts added) in ways migrations never spell. Rather than report drift nobody made, a policy expression with a
     * sub-query on either side is compared by presence only; everything else is compared as a canonical expression.
     */
    static boolean samePolicyExpression(String expected, String live) {
        if (expected != null && live != null
                && (SUBQUERY.matcher(expected).find() || SUBQUERY.matcher(live).find())) {
            return true;
        }
        return Normalizer.sameExpression(expected, live);
    }
}
