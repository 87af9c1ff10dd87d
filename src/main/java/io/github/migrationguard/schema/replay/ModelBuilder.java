package io.github.migrationguard.schema.replay;

import io.github.migrationguard.schema.Column;
import io.github.migrationguard.schema.Constraint;
import io.github.migrationguard.schema.EnumType;
import io.github.migrationguard.schema.Extension;
import io.github.migrationguard.schema.Function;
import io.github.migrationguard.schema.Index;
import io.github.migrationguard.schema.Policy;
import io.github.migrationguard.schema.QualifiedName;
import io.github.migrationguard.schema.Schema;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.Sequence;
import io.github.migrationguard.schema.Table;
import io.github.migrationguard.schema.Trigger;
import io.github.migrationguard.schema.View;
import io.github.migrationguard.schema.replay.ReplayModel.IndexElem;
import io.github.migrationguard.schema.replay.ReplayModel.MColumn;
import io.github.migrationguard.schema.replay.ReplayModel.MConstraint;
import io.github.migrationguard.schema.replay.ReplayModel.MFunction;
import io.github.migrationguard.schema.replay.ReplayModel.MIndex;
import io.github.migrationguard.schema.replay.ReplayModel.MPolicy;
import io.github.migrationguard.schema.replay.ReplayModel.MSequence;
import io.github.migrationguard.schema.replay.ReplayModel.MTable;
import io.github.migrationguard.schema.replay.ReplayModel.MTrigger;
import io.github.migrationguard.schema.replay.ReplayModel.RelKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Turns the replayed state into the catalog reader's {@link SchemaModel}, rendering definitions as the server's
 * {@code pg_get_*def} functions do with an empty search_path. Things replay cannot know are null: owners, view
 * definitions ({@code pg_get_viewdef}), function definitions ({@code pg_get_functiondef}), extension versions not
 * given in the migration.
 */
final class ModelBuilder {

    private final ReplayModel m;
    private final ExprRenderer renderer;

    ModelBuilder(ReplayModel m, ExprRenderer renderer) {
        this.m = m;
        this.renderer = renderer;
    }

    SchemaModel build() {
        List<Schema> schemas = m.schemas.stream().sorted().map(s -> new Schema(s, null)).toList();
        List<MTable> relations = new ArrayList<>(m.tables);
        relations.sort(Comparator.comparing((MTable t) -> t.schema).thenComparing(t -> t.name));
        List<Table> tables = new ArrayList<>();
        List<View> views = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        List<Trigger> triggers = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        for (MTable t : relations) {
            if (t.isView()) {
                views.add(new View(t.schema, t.name, t.kind == RelKind.MATERIALIZED_VIEW, null, t.options,
                        t.populated));
                continue;
            }
            tables.add(table(t));
            List<MConstraint> cons = new ArrayList<>(t.constraints);
            cons.sort(Comparator.comparing(c -> c.name));
            for (MConstraint c : cons) {
                constraints.add(constraint(c));
            }
            List<MTrigger> trs = new ArrayList<>(t.triggers);
            trs.sort(Comparator.comparing(x -> x.name));
            for (MTrigger tr : trs) {
                triggers.add(new Trigger(qn(t), tr.name, Functions.triggerDefinition(tr, renderer), tr.firing,
                        new QualifiedName(tr.function != null ? tr.function.schema : tr.functionSchema,
                                tr.function != null ? tr.function.name : tr.functionName), tr.constraint,
                        tr.inherited));
            }
            List<MPolicy> pols = new ArrayList<>(t.policies);
            pols.sort(Comparator.comparing(x -> x.name));
            for (MPolicy p : pols) {
                policies.add(new Policy(qn(t), p.name, p.command, p.permissive, p.roles,
                        p.using == null ? null : renderer.boolExpr(p.using),
                        p.withCheck == null ? null : renderer.boolExpr(p.withCheck)));
            }
        }
        List<MIndex> idx = new ArrayList<>(m.indexes);
        idx.sort(Comparator.comparing((MIndex i) -> i.schema()).thenComparing(i -> i.name));
        List<Index> indexes = idx.stream().map(this::index).toList();
        List<MSequence> seqs = new ArrayList<>(m.sequences);
        seqs.sort(Comparator.comparing((MSequence s) -> s.schema).thenComparing(s -> s.name));
        List<Sequence> sequences = seqs.stream().map(s -> new Sequence(s.schema, s.name, s.type.render(),
                s.startValue(), s.increment, s.minValue(), s.maxValue(), s.cache, s.cycle,
                s.ownedBy == null ? null : qn(s.ownedBy.table), s.ownedBy == null ? null : s.ownedBy.name,
                s.identity)).toList();
        List<EnumType> enums = m.types.stream().filter(t -> t.kind == UserType.Kind.ENUM)
                .sorted(Comparator.comparing((UserType t) -> t.schema).thenComparing(t -> t.name))
                .map(t -> new EnumType(t.schema, t.name, t.labels)).toList();
        List<MFunction> fns = new ArrayList<>(m.functions);
        fns.sort(Comparator.comparing((MFunction f) -> f.schema).thenComparing(f -> f.name)
                .thenComparing(Functions::identityArguments));
        List<Function> functions = fns.stream().map(f -> new Function(f.schema, f.name,
                Functions.identityArguments(f), Functions.result(f), f.kind, f.language, f.volatility,
                f.securityDefiner, f.strict, null)).toList();
        List<Extension> extensions = m.extensions.stream().sorted(Comparator.comparing(e -> e.name))
                .map(e -> new Extension(e.name, e.schema, e.version)).toList();
        return new SchemaModel(schemas, tables, constraints, indexes, sequences, enums, views, functions, triggers,
                policies, extensions);
    }

    private static QualifiedName qn(MTable t) {
        return new QualifiedName(t.schema, t.name);
    }

    private Table table(MTable t) {
        List<Column> columns = new ArrayList<>();
        for (MColumn c : t.columns) {
            String def = null;
            String gen = null;
            if (c.generated != Column.Generated.NONE && c.generationExpr != null) {
                gen = renderer.defaultExpr(c.generationExpr, c.type);
            } else if (c.identity == Column.Identity.NONE && c.defaultExpr != null) {
                def = renderer.defaultExpr(c.defaultExpr, c.type);
            }
            columns.add(new Column(c.name, c.attnum, c.type == null ? null : c.type.render(), c.notNull, def,
                    c.identity, c.generated, gen, c.collation, c.local));
        }
        Table.Kind kind = switch (t.kind) {
            case PARTITIONED_TABLE -> Table.Kind.PARTITIONED_TABLE;
            case FOREIGN_TABLE -> Table.Kind.FOREIGN_TABLE;
            default -> Table.Kind.TABLE;
        };
        String partitionKey = null;
        if (t.partitionStrategy != null) {
            List<String> keys = new ArrayList<>();
            for (Object k : t.partitionKey) {
                keys.add(element((IndexElem) k, false));
            }
            partitionKey = t.partitionStrategy + " (" + String.join(", ", keys) + ")";
        }
        return new Table(t.schema, t.name, kind, columns, partitionKey,
                t.partitionOf == null ? null : qn(t.partitionOf), t.partitionBound, t.rowSecurity,
                t.forceRowSecurity, t.unlogged, null);
    }

    // ------------------------------------------------------------------ constraints

    private Constraint constraint(MConstraint c) {
        String def = constraintDefinition(c);
        List<String> cols = c.columns.stream().map(x -> x.name).toList();
        QualifiedName ref = c.refTable == null ? null : qn(c.refTable);
        List<String> refCols = c.refColumns.stream().map(x -> x.name).toList();
        String index = null;
        if (c.index != null) {
            index = c.index.name;
        } else if (c.type == Constraint.Type.FOREIGN_KEY && c.refTable != null) {
            index = referencedIndex(c);
        }
        return new Constraint(qn(c.table), c.name, c.type, def, cols, ref, refCols, c.deferrable,
                c.initiallyDeferred, c.validated, c.local, index);
    }

    /** The unique index of the referenced table whose columns are the referenced columns (primary key first). */
    private String referencedIndex(MConstraint fk) {
        Set<MColumn> wanted = Set.copyOf(fk.refColumns);
        MIndex best = null;
        for (MIndex i : m.indexesOf(fk.refTable)) {
            if (!i.unique || i.predicate != null || i.elements.stream().anyMatch(e -> e.column == null)) {
                continue;
            }
            Set<MColumn> have = Set.copyOf(i.elements.stream().map(e -> e.column).toList());
            if (have.equals(wanted) && (best == null || i.primary)) {
                best = i;
            }
        }
        return best == null ? null : best.name;
    }

    String constraintDefinition(MConstraint c) {
        StringBuilder s = new StringBuilder();
        switch (c.type) {
            case PRIMARY_KEY, UNIQUE -> {
                s.append(c.type == Constraint.Type.PRIMARY_KEY ? "PRIMARY KEY " : "UNIQUE ");
                if (c.nullsNotDistinct) {
                    s.append("NULLS NOT DISTINCT ");
                }
                s.append('(').append(names(c.columns)).append(')');
                if (!c.include.isEmpty()) {
                    s.append(" INCLUDE (").append(names(c.include)).append(')');
                }
                if (!c.storage.isEmpty()) {
                    s.append(" WITH (").append(reloptions(c.storage)).append(')');
                }
            }
            case FOREIGN_KEY -> {
                s.append("FOREIGN KEY (").append(names(c.columns)).append(") REFERENCES ")
                        .append(c.refTable.qualified()).append('(').append(names(c.refColumns)).append(')');
                if (c.match != null) {
                    s.append(" MATCH ").append(c.match);
                }
                if (c.onUpdate != null) {
                    s.append(" ON UPDATE ").append(c.onUpdate);
                }
                if (c.onDelete != null) {
                    s.append(" ON DELETE ").append(c.onDelete);
                    if (!c.onDeleteSetColumns.isEmpty()) {
                        s.append(" (").append(names(c.onDeleteSetColumns)).append(')');
                    }
                }
            }
            case CHECK -> {
                s.append("CHECK (").append(renderer.boolExpr(c.check)).append(')');
                if (c.noInherit) {
                    s.append(" NO INHERIT");
                }
            }
            case EXCLUSION -> {
                s.append("EXCLUDE USING ").append(c.method).append(" (");
                for (int i = 0; i < c.elements.size(); i++) {
                    if (i > 0) {
                        s.append(", ");
                    }
                    IndexElem e = c.elements.get(i);
                    s.append(element(e, true)).append(" WITH ").append(e.operator);
                }
                s.append(')');
                if (!c.include.isEmpty()) {
                    s.append(" INCLUDE (").append(names(c.include)).append(')');
                }
                if (c.predicate != null) {
                    s.append(" WHERE (").append(renderer.boolExpr(c.predicate)).append(')');
                }
            }
            case TRIGGER -> s.append("TRIGGER");
            default -> {
            }
        }
        if (c.type != Constraint.Type.CHECK && c.deferrable) {
            s.append(" DEFERRABLE");
        }
        if (c.type != Constraint.Type.CHECK && c.initiallyDeferred) {
            s.append(" INITIALLY DEFERRED");
        }
        if (!c.validated) {
            s.append(" NOT VALID");
        }
        return s.toString();
    }

    private static String names(List<MColumn> cols) {
        List<String> out = new ArrayList<>();
        for (MColumn c : cols) {
            out.add(Idents.quote(c.name));
        }
        return String.join(", ", out);
    }

    /** {@code flatten_reloptions}: values quoted unless they are plain identifiers. */
    static String reloptions(List<String> options) {
        List<String> out = new ArrayList<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            String key = o.substring(0, eq);
            String value = o.substring(eq + 1);
            String v = Idents.quote(value).equals(value) ? value : ExprRenderer.quoteLiteral(value);
            out.add(key + "=" + v);
        }
        return String.join(", ", out);
    }

    // ------------------------------------------------------------------ indexes

    private Index index(MIndex i) {
        List<String> keys = new ArrayList<>();
        for (IndexElem e : i.elements) {
            keys.add(e.column != null ? Idents.quote(e.column.name) : renderer.indexExpr(e.expr));
        }
        List<String> include = i.include.stream().map(c -> Idents.quote(c.name)).toList();
        String predicate = i.predicate == null ? null : renderer.boolExpr(i.predicate);
        return new Index(i.schema(), i.name, qn(i.table), indexDefinition(i, predicate), i.method, i.unique,
                i.primary, i.exclusion, true, true, keys, include, predicate,
                i.constraint == null ? null : i.constraint.name, i.table.kind == RelKind.PARTITIONED_TABLE);
    }

    private String indexDefinition(MIndex i, String predicate) {
        StringBuilder s = new StringBuilder("CREATE ");
        if (i.unique) {
            s.append("UNIQUE ");
        }
        s.append("INDEX ").append(Idents.quote(i.name)).append(" ON ");
        if (i.table.kind == RelKind.PARTITIONED_TABLE) {
            s.append("ONLY ");
        }
        s.append(i.table.qualified()).append(" USING ").append(i.method).append(" (");
        for (int k = 0; k < i.elements.size(); k++) {
            if (k > 0) {
                s.append(", ");
            }
            s.append(element(i.elements.get(k), true));
        }
        s.append(')');
        if (!i.include.isEmpty()) {
            s.append(" INCLUDE (").append(names(i.include)).append(')');
        }
        if (i.nullsNotDistinct) {
            s.append(" NULLS NOT DISTINCT");
        }
        if (!i.storage.isEmpty()) {
            s.append(" WITH (").append(reloptions(i.storage)).append(')');
        }
        if (predicate != null) {
            s.append(" WHERE ").append(predicate);
        }
        return s.toString();
    }

    /** One key of an index, exclusion constraint or partition key, with collation, opclass and ordering. */
    private String element(IndexElem e, boolean ordering) {
        StringBuilder s = new StringBuilder();
        s.append(e.column != null ? Idents.quote(e.column.name) : renderer.indexExpr(e.expr));
        if (e.collation != null) {
            s.append(" COLLATE ").append(e.collation);
        }
        if (e.opclass != null) {
            s.append(' ').append(e.opclass);
        }
        if (ordering) {
            if (e.desc) {
                s.append(" DESC");
                if (Boolean.FALSE.equals(e.nullsFirst)) {
                    s.append(" NULLS LAST");
                }
            } else if (Boolean.TRUE.equals(e.nullsFirst)) {
                s.append(" NULLS FIRST");
            }
        }
        return s.toString();
    }
}
