package io.github.migrationguard.drift;

import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.migration.Migration;
import io.github.migrationguard.schema.Column;
import io.github.migrationguard.schema.Constraint;
import io.github.migrationguard.schema.Function;
import io.github.migrationguard.schema.Index;
import io.github.migrationguard.schema.QualifiedName;
import io.github.migrationguard.schema.Schema;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.Table;
import io.github.migrationguard.schema.View;
import io.github.migrationguard.schema.replay.MigrationEffects;
import io.github.migrationguard.schema.replay.ObjectRef;
import io.github.migrationguard.schema.replay.ObjectRef.Kind;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-built schema models, migrations, effects and history rows for the drift logic tests. */
final class DriftFixtures {

    private DriftFixtures() {
    }

    static ObjectRef table(String name) {
        return new ObjectRef(Kind.TABLE, "public", name, null);
    }

    static ObjectRef column(String table, String column) {
        return new ObjectRef(Kind.COLUMN, "public", table, column);
    }

    static ObjectRef index(String name) {
        return new ObjectRef(Kind.INDEX, "public", name, null);
    }

    static ObjectRef view(String name) {
        return new ObjectRef(Kind.VIEW, "public", name, null);
    }

    static ObjectRef function(String name) {
        return new ObjectRef(Kind.FUNCTION, "public", name, null);
    }

    static ObjectRef constraint(String table, String name) {
        return new ObjectRef(Kind.CONSTRAINT, "public", table, name);
    }

    static ObjectRef in(String schema, ObjectRef ref) {
        return new ObjectRef(ref.kind(), schema, ref.name(), ref.member());
    }

    /** A table with its columns, as creates would list them. */
    static List<ObjectRef> tableWith(String name, String... columns) {
        List<ObjectRef> refs = new ArrayList<>();
        refs.add(table(name));
        for (String c : columns) {
            refs.add(column(name, c));
        }
        return refs;
    }

    static Migration versioned(String version, String description) {
        String script = "V" + version + "__" + description.replace(' ', '_') + ".sql";
        return new Migration(Migration.Kind.VERSIONED, FlywayVersion.parse(version), description, script,
                Path.of("db/migration", script), 1000 + version.hashCode(), "-- " + script, List.of());
    }

    static Migration repeatable(String description, int checksum) {
        String script = "R__" + description.replace(' ', '_') + ".sql";
        return new Migration(Migration.Kind.REPEATABLE, null, description, script, Path.of("db/migration", script),
                checksum, "-- " + script, List.of());
    }

    static MigrationEffects effects(Migration m, List<ObjectRef> creates) {
        return new MigrationEffects(m.script(), creates, List.of(), List.of(), List.of());
    }

    static MigrationEffects effects(Migration m, List<ObjectRef> creates, List<ObjectRef> drops,
                                    List<ObjectRef> references) {
        return new MigrationEffects(m.script(), creates, drops, references, List.of());
    }

    static final LocalDateTime WHEN = LocalDateTime.of(2024, 3, 1, 12, 0);

    static HistoryRow row(int rank, Migration m) {
        return new HistoryRow(rank, m.version() == null ? null : m.version().toString(), m.historyDescription(),
                "SQL", m.script(), m.checksum(), "deployer", WHEN, 5, true);
    }

    static HistoryRow row(int rank, Migration m, int checksum, boolean success) {
        return new HistoryRow(rank, m.version() == null ? null : m.version().toString(), m.historyDescription(),
                "SQL", m.script(), checksum, "deployer", WHEN, 5, success);
    }

    static HistoryRow marker(int rank, String version, String description, String type) {
        return new HistoryRow(rank, version, description, type, description, null, "deployer", WHEN, 0, true);
    }

    /**
     * A schema model holding exactly the given objects (tables get their columns from column refs; indexes,
     * constraints, views and functions are attached to the first table or created standalone).
     */
    static SchemaModel model(Iterable<ObjectRef> objects) {
        Map<QualifiedName, List<Column>> tables = new LinkedHashMap<>();
        List<Constraint> constraints = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        List<View> views = new ArrayList<>();
        List<Function> functions = new ArrayList<>();
        Set<String> schemas = new LinkedHashSet<>();
        for (ObjectRef r : objects) {
            if (r.schema() != null) {
                schemas.add(r.schema());
            }
            QualifiedName qn = r.schema() == null ? null : new QualifiedName(r.schema(), r.name());
            switch (r.kind()) {
                case TABLE -> tables.computeIfAbsent(qn, k -> new ArrayList<>());
                case COLUMN -> {
                    List<Column> cols = tables.computeIfAbsent(qn, k -> new ArrayList<>());
                    cols.add(new Column(r.member(), cols.size() + 1, "integer", false, null, Column.Identity.NONE,
                            Column.Generated.NONE, null, null, true));
                }
                case CONSTRAINT -> constraints.add(new Constraint(qn, r.member(), Constraint.Type.UNIQUE,
                        "UNIQUE (x)", List.of("x"), null, List.of(), false, false, true, true, null));
                case INDEX -> {
                    QualifiedName on = tables.isEmpty() ? new QualifiedName(r.schema(), "t")
                            : tables.keySet().iterator().next();
                    indexes.add(new Index(r.schema(), r.name(), on, "CREATE INDEX " + r.name(), "btree", false,
                            false, false, true, true, List.of("x"), List.of(), null, null, false));
                }
                case VIEW, MATERIALIZED_VIEW -> views.add(new View(r.schema(), r.name(),
                        r.kind() == Kind.MATERIALIZED_VIEW, " SELECT 1", List.of(), true));
                case FUNCTION -> functions.add(new Function(r.schema(), r.name(), "", "integer",
                        Function.Kind.FUNCTION, "sql", "v", false, false, "select 1"));
                default -> throw new IllegalArgumentException("fixture does not model " + r.kind());
            }
        }
        List<Table> tableList = new ArrayList<>();
        tables.forEach((qn, cols) -> tableList.add(new Table(qn.schema(), qn.name(), Table.Kind.TABLE, cols, null,
                null, null, false, false, false, "owner")));
        List<Schema> schemaList = schemas.stream().map(s -> new Schema(s, "owner")).toList();
        return new SchemaModel(schemaList, tableList, constraints, indexes, List.of(), List.of(), views, functions,
                List.of(), List.of(), List.of());
    }

    @SafeVarargs
    static List<ObjectRef> all(List<ObjectRef>... lists) {
        List<ObjectRef> out = new ArrayList<>();
        for (List<ObjectRef> l : lists) {
            out.addAll(l);
        }
        return out;
    }
}
