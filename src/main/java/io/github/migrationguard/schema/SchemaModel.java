package io.github.migrationguard.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the catalog reader found, as immutable lists in a stable order (by schema, table, name), with lookups
 * by name. Renderings are PostgreSQL's own, unnormalised; comparing two models faithfully requires that both were
 * read with the same session settings (see {@code ReadOnlySession}).
 */
public final class SchemaModel {

    private final List<Schema> schemas;
    private final List<Table> tables;
    private final List<Constraint> constraints;
    private final List<Index> indexes;
    private final List<Sequence> sequences;
    private final List<EnumType> enums;
    private final List<View> views;
    private final List<io.github.migrationguard.schema.Function> functions;
    private final List<Trigger> triggers;
    private final List<Policy> policies;
    private final List<Extension> extensions;

    private final Map<QualifiedName, Table> tablesByName;
    private final Map<QualifiedName, List<Constraint>> constraintsByTable;
    private final Map<QualifiedName, List<Index>> indexesByTable;
    private final Map<QualifiedName, List<Trigger>> triggersByTable;
    private final Map<QualifiedName, List<Policy>> policiesByTable;

    public SchemaModel(List<Schema> schemas, List<Table> tables, List<Constraint> constraints, List<Index> indexes,
                       List<Sequence> sequences, List<EnumType> enums, List<View> views,
                       List<io.github.migrationguard.schema.Function> functions, List<Trigger> triggers,
                       List<Policy> policies, List<Extension> extensions) {
        this.schemas = List.copyOf(schemas);
        this.tables = List.copyOf(tables);
        this.constraints = List.copyOf(constraints);
        this.indexes = List.copyOf(indexes);
        this.sequences = List.copyOf(sequences);
        this.enums = List.copyOf(enums);
        this.views = List.copyOf(views);
        this.functions = List.copyOf(functions);
        this.triggers = List.copyOf(triggers);
        this.policies = List.copyOf(policies);
        this.extensions = List.copyOf(extensions);
        this.tablesByName = this.tables.stream().collect(Collectors.toMap(Table::qualifiedName, t -> t,
                (a, b) -> a, LinkedHashMap::new));
        this.constraintsByTable = group(this.constraints, Constraint::table);
        this.indexesByTable = group(this.indexes, Index::table);
        this.triggersByTable = group(this.triggers, Trigger::table);
        this.policiesByTable = group(this.policies, Policy::table);
    }

    private static <T> Map<QualifiedName, List<T>> group(List<T> items, Function<T, QualifiedName> key) {
        Map<QualifiedName, List<T>> map = items.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new,
                Collectors.toUnmodifiableList()));
        return Collections.unmodifiableMap(map);
    }

    public List<Schema> schemas() {
        return schemas;
    }

    public List<Table> tables() {
        return tables;
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    public List<Index> indexes() {
        return indexes;
    }

    public List<Sequence> sequences() {
        return sequences;
    }

    public List<EnumType> enums() {
        return enums;
    }

    public List<View> views() {
        return views;
    }

    public List<io.github.migrationguard.schema.Function> functions() {
        return functions;
    }

    public List<Trigger> triggers() {
        return triggers;
    }

    public List<Policy> policies() {
        return policies;
    }

    public List<Extension> extensions() {
        return extensions;
    }

    public Optional<Table> table(String schema, String name) {
        return Optional.ofNullable(tablesByName.get(new QualifiedName(schema, name)));
    }

    public List<Constraint> constraintsOf(QualifiedName table) {
        return constraintsByTable.getOrDefault(table, List.of());
    }

    public List<Index> indexesOf(QualifiedName table) {
        return indexesByTable.getOrDefault(table, List.of());
    }

    public List<Trigger> triggersOf(QualifiedName table) {
        return triggersByTable.getOrDefault(table, List.of());
    }

    public List<Policy> policiesOf(QualifiedName table) {
        return policiesByTable.getOrDefault(table, List.of());
    }

    public Optional<Index> index(String schema, String name) {
        return indexes.stream().filter(i -> i.schema().equals(schema) && i.name().equals(name)).findFirst();
    }

    public Optional<View> view(String schema, String name) {
        return views.stream().filter(v -> v.schema().equals(schema) && v.name().equals(name)).findFirst();
    }

    public Optional<Sequence> sequence(String schema, String name) {
        return sequences.stream().filter(s -> s.schema().equals(schema) && s.name().equals(name)).findFirst();
    }

    public Optional<EnumType> enumType(String schema, String name) {
        return enums.stream().filter(e -> e.schema().equals(schema) && e.name().equals(name)).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchemaModel m && schemas.equals(m.schemas) && tables.equals(m.tables)
                && constraints.equals(m.constraints) && indexes.equals(m.indexes) && sequences.equals(m.sequences)
                && enums.equals(m.enums) && views.equals(m.views) && functions.equals(m.functions)
                && triggers.equals(m.triggers) && policies.equals(m.policies) && extensions.equals(m.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schemas, tables, constraints, indexes, sequences, enums, views, functions, triggers,
                policies, extensions);
    }

    @Override
    public String toString() {
        return "SchemaModel[" + schemas.size() + " schemas, " + tables.size() + " tables, " + constraints.size()
                + " constraints, " + indexes.size() + " indexes, " + sequences.size() + " sequences, "
                + enums.size() + " enums, " + views.size() + " views, " + functions.size() + " functions, "
                + triggers.size() + " triggers, " + policies.size() + " policies, " + extensions.size()
                + " extensions]";
    }
}
