package io.github.migrationguard.schema.replay;

import io.github.migrationguard.schema.Column;
import io.github.migrationguard.schema.Constraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema while migrations are replayed: mutable objects that refer to each other directly (not by name), so that
 * a rename, a type change or a move to another schema shows in every rendering made at the end, as it does in the
 * server's catalog.
 */
final class ReplayModel {

    final List<String> schemas = new ArrayList<>();
    final List<MTable> tables = new Tracked<>(this::tableAdded, this::tableRemoved);
    final List<MIndex> indexes = new Tracked<>(this::indexAdded, this::indexRemoved);
    final List<MSequence> sequences = new Tracked<>(this::sequenceAdded, this::sequenceRemoved);
    final List<UserType> types = new ArrayList<>();
    final List<MFunction> functions = new ArrayList<>();
    final List<MExtension> extensions = new ArrayList<>();

    // name lookups, kept up to date by the tracked lists and rebuilt by reindex() after renames
    private final Map<String, MTable> relationByName = new HashMap<>();
    private final Map<String, MIndex> indexByName = new HashMap<>();
    private final Map<String, MSequence> sequenceByName = new HashMap<>();
    private final Map<String, Integer> constraintNames = new HashMap<>();
    private final Map<MTable, List<MIndex>> indexesByTable = new IdentityHashMap<>();
    /** Set once a table inherits or is a partition: only then are children searched for. */
    boolean hierarchies;

    private static String key(String schema, String name) {
        return schema + "\u0000" + name;
    }

    private void tableAdded(MTable t) {
        t.owner = this;
        relationByName.put(key(t.schema, t.name), t);
        for (MConstraint c : t.constraints) {
            constraintAdded(c);
        }
    }

    private void tableRemoved(MTable t) {
        relationByName.remove(key(t.schema, t.name), t);
        for (MConstraint c : t.constraints) {
            constraintRemoved(c);
        }
        t.owner = null;
    }

    private void indexAdded(MIndex i) {
        indexByName.put(key(i.schema(), i.name), i);
        indexesByTable.computeIfAbsent(i.table, k -> new ArrayList<>()).add(i);
    }

    private void indexRemoved(MIndex i) {
        indexByName.remove(key(i.schema(), i.name), i);
        List<MIndex> list = indexesByTable.get(i.table);
        if (list != null) {
            list.remove(i);
        }
    }

    private void sequenceAdded(MSequence s) {
        sequenceByName.put(key(s.schema, s.name), s);
    }

    private void sequenceRemoved(MSequence s) {
        sequenceByName.remove(key(s.schema, s.name), s);
    }

    void constraintAdded(MConstraint c) {
        constraintNames.merge(key(c.table.schema, c.name), 1, Integer::sum);
    }

    void constraintRemoved(MConstraint c) {
        constraintNames.computeIfPresent(key(c.table.schema, c.name), (k, n) -> n > 1 ? n - 1 : null);
    }

    /** Rebuilds the name lookups; called after anything is renamed or moved to another schema. */
    void reindex() {
        relationByName.clear();
        indexByName.clear();
        sequenceByName.clear();
        constraintNames.clear();
        indexesByTable.clear();
        for (MTable t : tables) {
            relationByName.put(key(t.schema, t.name), t);
            for (MConstraint c : t.constraints) {
                constraintAdded(c);
            }
        }
        for (MIndex i : indexes) {
            indexByName.put(key(i.schema(), i.name), i);
            indexesByTable.computeIfAbsent(i.table, k -> new ArrayList<>()).add(i);
        }
        for (MSequence s : sequences) {
            sequenceByName.put(key(s.schema, s.name), s);
        }
    }

    /** Relation kinds; views and materialized views are relations too (their columns are known only by name). */
    enum RelKind {
        TABLE, PARTITIONED_TABLE, FOREIGN_TABLE, VIEW, MATERIALIZED_VIEW
    }

    static final class MTable {
        String schema;
        String name;
        RelKind kind;
        final List<MColumn> columns = new ArrayList<>();
        int nextAttnum = 1;
        /** Partition key items: columns or expressions, with the strategy. */
        String partitionStrategy;
        final List<Object> partitionKey = new ArrayList<>();
        MTable partitionOf;
        String partitionBound;
        final List<MTable> inherits = new ArrayList<>();
        boolean rowSecurity;
        boolean forceRowSecurity;
        boolean unlogged;
        /** The model the table belongs to, while it does. */
        ReplayModel owner;
        final List<MConstraint> constraints = new Tracked<>(c -> {
            if (owner != null) {
                owner.constraintAdded(c);
            }
        }, c -> {
            if (owner != null) {
                owner.constraintRemoved(c);
            }
        });
        final List<MTrigger> triggers = new ArrayList<>();
        final List<MPolicy> policies = new ArrayList<>();
        /** The table's row type (tables are types too). */
        UserType rowType;
        /** Views: reloptions and WITH NO DATA. */
        final List<String> options = new ArrayList<>();
        boolean populated = true;

        MTable(String schema, String name, RelKind kind) {
            this.schema = schema;
            this.name = name;
            this.kind = kind;
        }

        boolean isView() {
            return kind == RelKind.VIEW || kind == RelKind.MATERIALIZED_VIEW;
        }

        boolean isTable() {
            return !isView();
        }

        Optional<MColumn> column(String columnName) {
            return columns.stream().filter(c -> c.name.equals(columnName)).findFirst();
        }

        MColumn addColumn(String columnName, PgType type) {
            MColumn c = new MColumn(this, columnName, nextAttnum++, type);
            columns.add(c);
            return c;
        }

        Optional<MConstraint> constraint(String constraintName) {
            return constraints.stream().filter(c -> c.name.equals(constraintName)).findFirst();
        }

        Optional<MConstraint> primaryKey() {
            return constraints.stream().filter(c -> c.type == Constraint.Type.PRIMARY_KEY).findFirst();
        }

        String qualified() {
            return Idents.qualified(schema, name);
        }

        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    static final class MColumn {
        final MTable table;
        String name;
        final int attnum;
        PgType type;
        boolean notNull;
        Expr defaultExpr;
        Column.Identity identity = Column.Identity.NONE;
        Column.Generated generated = Column.Generated.NONE;
        Expr generationExpr;
        String collation;
        boolean local = true;
        /** A serial's or identity's sequence (for rendering {@code nextval}); null otherwise. */
        MSequence serialSequence;

        MColumn(MTable table, String name, int attnum, PgType type) {
            this.table = table;
            this.name = name;
            this.attnum = attnum;
            this.type = type;
        }

        @Override
        public String toString() {
            return table + "." + name;
        }
    }

    /** One key of an index or exclusion constraint. */
    static final class IndexElem {
        MColumn column;
        Expr expr;
        /** Name used for generated index names: the column, the function name, or {@code expr}. */
        String nameHint;
        String collation;
        String opclass;
        boolean desc;
        /** null: the default for the direction. */
        Boolean nullsFirst;
        /** Exclusion operator, else null. */
        String operator;
    }

    static final class MConstraint {
        final MTable table;
        String name;
        final Constraint.Type type;
        final List<MColumn> columns = new ArrayList<>();
        final List<MColumn> include = new ArrayList<>();
        MTable refTable;
        final List<MColumn> refColumns = new ArrayList<>();
        String match;
        String onUpdate;
        String onDelete;
        final List<MColumn> onDeleteSetColumns = new ArrayList<>();
        Expr check;
        boolean noInherit;
        boolean deferrable;
        boolean initiallyDeferred;
        boolean validated = true;
        boolean local = true;
        boolean nullsNotDistinct;
        MIndex index;
        /** Exclusion constraints: method, elements (with operators), predicate. */
        String method;
        final List<IndexElem> elements = new ArrayList<>();
        Expr predicate;
        /** Constraint triggers: the trigger. */
        MTrigger trigger;
        /** Storage parameters of the index, as {@code reloptions} holds them. */
        final List<String> storage = new ArrayList<>();

        MConstraint(MTable table, String name, Constraint.Type type) {
            this.table = table;
            this.name = name;
            this.type = type;
        }

        boolean uses(MColumn c) {
            return columns.contains(c) || include.contains(c) || refColumns.contains(c)
                    || (check != null && Exprs.mentions(check, c)) || (predicate != null && Exprs.mentions(predicate, c))
                    || elements.stream().anyMatch(e -> e.column == c || (e.expr != null && Exprs.mentions(e.expr, c)));
        }
    }

    static final class MIndex {
        String name;
        final MTable table;
        String method = "btree";
        boolean unique;
        boolean primary;
        boolean exclusion;
        boolean nullsNotDistinct;
        final List<IndexElem> elements = new ArrayList<>();
        final List<MColumn> include = new ArrayList<>();
        Expr predicate;
        MConstraint constraint;
        /** {@code CREATE INDEX ... ON ONLY}, or an index of a partitioned table. */
        boolean only;
        /** An index made for a partition from its parent's index. */
        MIndex parent;
        /** Storage parameters, as {@code reloptions} holds them. */
        final List<String> storage = new ArrayList<>();

        MIndex(String name, MTable table) {
            this.name = name;
            this.table = table;
        }

        String schema() {
            return table.schema;
        }

        boolean uses(MColumn c) {
            return include.contains(c) || (predicate != null && Exprs.mentions(predicate, c))
                    || elements.stream().anyMatch(e -> e.column == c || (e.expr != null && Exprs.mentions(e.expr, c)));
        }
    }

    static final class MSequence {
        String schema;
        String name;
        PgType type = PgType.T_INT8;
        Long start;
        long increment = 1;
        Long min;
        Long max;
        long cache = 1;
        boolean cycle;
        MColumn ownedBy;
        boolean identity;

        MSequence(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        long typeMax() {
            if (type.is(PgType.INT2)) {
                return Short.MAX_VALUE;
            }
            if (type.is(PgType.INT4)) {
                return Integer.MAX_VALUE;
            }
            return Long.MAX_VALUE;
        }

        long typeMin() {
            if (type.is(PgType.INT2)) {
                return Short.MIN_VALUE;
            }
            if (type.is(PgType.INT4)) {
                return Integer.MIN_VALUE;
            }
            return Long.MIN_VALUE;
        }

        long minValue() {
            return min != null ? min : increment > 0 ? 1 : typeMin();
        }

        long maxValue() {
            return max != null ? max : increment > 0 ? typeMax() : -1;
        }

        long startValue() {
            return start != null ? start : increment > 0 ? minValue() : maxValue();
        }
    }

    static final class FunctionArg {
        String mode = "IN";
        String name;
        PgType type;
        boolean hasDefault;
    }

    static final class MFunction {
        String schema;
        String name;
        final List<FunctionArg> args = new ArrayList<>();
        /** Rendered result without schema-dependent parts resolved: type, or null for procedures. */
        PgType returnType;
        boolean returnsSet;
        /** {@code RETURNS TABLE (...)} columns. */
        final List<FunctionArg> tableColumns = new ArrayList<>();
        String resultPseudo;
        io.github.migrationguard.schema.Function.Kind kind = io.github.migrationguard.schema.Function.Kind.FUNCTION;
        String language;
        String volatility = "VOLATILE";
        boolean securityDefiner;
        boolean strict;

        MFunction(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        /** Input argument types, for telling overloads apart (what the catalog keys a function by). */
        List<String> inputTypes() {
            List<String> types = new ArrayList<>();
            for (FunctionArg a : args) {
                if (kind == io.github.migrationguard.schema.Function.Kind.PROCEDURE ? !a.mode.equals("TABLE")
                        : a.mode.equals("IN") || a.mode.equals("INOUT") || a.mode.equals("VARIADIC")) {
                    types.add(a.type.label());
                }
            }
            return types;
        }
    }

    static final class MTrigger {
        final MTable table;
        String name;
        String timing;
        final List<String> events = new ArrayList<>();
        final List<MColumn> updateColumns = new ArrayList<>();
        boolean forEachRow;
        Expr when;
        String functionSchema;
        String functionName;
        MFunction function;
        final List<String> args = new ArrayList<>();
        boolean constraint;
        boolean deferrable;
        boolean initiallyDeferred;
        String referencing;
        MTable constraintFrom;
        io.github.migrationguard.schema.Trigger.Firing firing = io.github.migrationguard.schema.Trigger.Firing.ORIGIN;
        boolean inherited;

        MTrigger(MTable table, String name) {
            this.table = table;
            this.name = name;
        }
    }

    static final class MPolicy {
        final MTable table;
        String name;
        String command = "ALL";
        boolean permissive = true;
        final List<String> roles = new ArrayList<>();
        Expr using;
        Expr withCheck;

        MPolicy(MTable table, String name) {
            this.table = table;
            this.name = name;
        }
    }

    static final class MExtension {
        final String name;
        String schema;
        String version;

        MExtension(String name, String schema, String version) {
            this.name = name;
            this.schema = schema;
            this.version = version;
        }
    }

    // ------------------------------------------------------------------ lookups

    boolean hasSchema(String name) {
        return schemas.contains(name);
    }

    Optional<MTable> relation(String schema, String name) {
        MTable t = relationByName.get(key(schema, name));
        return t != null && t.schema.equals(schema) && t.name.equals(name) ? Optional.of(t) : Optional.empty();
    }

    Optional<MIndex> index(String schema, String name) {
        MIndex i = indexByName.get(key(schema, name));
        return i != null && i.schema().equals(schema) && i.name.equals(name) ? Optional.of(i) : Optional.empty();
    }

    Optional<MSequence> sequence(String schema, String name) {
        MSequence s = sequenceByName.get(key(schema, name));
        return s != null && s.schema.equals(schema) && s.name.equals(name) ? Optional.of(s) : Optional.empty();
    }

    Optional<UserType> type(String schema, String name) {
        return types.stream().filter(t -> t.schema.equals(schema) && t.name.equals(name)).findFirst();
    }

    Optional<MExtension> extension(String name) {
        return extensions.stream().filter(e -> e.name.equals(name)).findFirst();
    }

    /** Is this name taken by any relation of the schema (tables, views, indexes, sequences, composite types)? */
    boolean relationNameTaken(String schema, String name) {
        return relation(schema, name).isPresent() || index(schema, name).isPresent()
                || sequence(schema, name).isPresent()
                || types.stream().anyMatch(t -> t.kind == UserType.Kind.COMPOSITE && t.schema.equals(schema)
                && t.name.equals(name));
    }

    /** Is this name used by a constraint of any table of the schema? */
    boolean constraintNameTaken(String schema, String name) {
        return constraintNames.containsKey(key(schema, name));
    }

    List<MIndex> indexesOf(MTable table) {
        return List.copyOf(indexesByTable.getOrDefault(table, List.of()));
    }

    List<MSequence> sequencesOwnedBy(MTable table) {
        return sequences.stream().filter(s -> s.ownedBy != null && s.ownedBy.table == table).toList();
    }

    List<MTable> partitionsOf(MTable table) {
        if (!hierarchies) {
            return List.of();
        }
        return tables.stream().filter(t -> t.partitionOf == table).toList();
    }

    List<MTable> childrenOf(MTable table) {
        if (!hierarchies) {
            return List.of();
        }
        return tables.stream().filter(t -> t.partitionOf == table || t.inherits.contains(table)).toList();
    }
}
