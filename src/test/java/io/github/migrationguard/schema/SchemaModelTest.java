package io.github.migrationguard.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaModelTest {

    private static final QualifiedName USERS = new QualifiedName("app", "users");
    private static final QualifiedName ORDERS = new QualifiedName("app", "orders");

    private static Table table(QualifiedName q, String... columns) {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            cols.add(new Column(columns[i], i + 1, "integer", false, null, Column.Identity.NONE, Column.Generated.NONE,
                    null, null, true));
        }
        return new Table(q.schema(), q.name(), Table.Kind.TABLE, cols, null, null, null, false, false, false, "o");
    }

    private static Index index(QualifiedName table, String name) {
        return new Index(table.schema(), name, table, "CREATE INDEX " + name, "btree", false, false, false, true,
                true, List.of("id"), List.of(), null, null, false);
    }

    private static SchemaModel model(List<Table> tables, List<Index> indexes) {
        return new SchemaModel(List.of(new Schema("app", "o")), tables, List.of(), indexes, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void lookupsByNameAndByTable() {
        SchemaModel m = model(List.of(table(ORDERS, "id", "user_id"), table(USERS, "id")),
                List.of(index(ORDERS, "orders_a"), index(USERS, "users_a"), index(ORDERS, "orders_b")));
        assertEquals(List.of("id", "user_id"),
                m.table("app", "orders").orElseThrow().columns().stream().map(Column::name).toList());
        assertTrue(m.table("app", "nope").isEmpty());
        assertTrue(m.table("other", "orders").isEmpty());
        assertEquals(List.of("orders_a", "orders_b"), m.indexesOf(ORDERS).stream().map(Index::name).toList());
        assertEquals(List.of(), m.indexesOf(new QualifiedName("app", "nope")));
        assertEquals("users_a", m.index("app", "users_a").orElseThrow().name());
        assertTrue(m.table("app", "users").orElseThrow().column("missing").isEmpty());
        assertEquals("SchemaModel[1 schemas, 2 tables, 0 constraints, 3 indexes, 0 sequences, 0 enums, 0 views, "
                + "0 functions, 0 triggers, 0 policies, 0 extensions]", m.toString());
    }

    @Test
    void modelsAreValuesAndImmutable() {
        List<Table> tables = new ArrayList<>(List.of(table(USERS, "id")));
        SchemaModel a = model(tables, List.of());
        tables.add(table(ORDERS, "id"));
        assertEquals(1, a.tables().size(), "a defensive copy");
        assertEquals(a, model(List.of(table(USERS, "id")), List.of()));
        assertEquals(a.hashCode(), model(List.of(table(USERS, "id")), List.of()).hashCode());
        assertNotEquals(a, model(List.of(table(USERS, "id", "name")), List.of()));
        assertThrows(UnsupportedOperationException.class, () -> a.tables().add(table(ORDERS)));
    }

    @Test
    void catalogCodesMapToKinds() {
        assertEquals(Table.Kind.PARTITIONED_TABLE, Table.Kind.of("p"));
        assertEquals(Table.Kind.FOREIGN_TABLE, Table.Kind.of("f"));
        assertEquals(Table.Kind.TABLE, Table.Kind.of("r"));
        assertEquals(Constraint.Type.EXCLUSION, Constraint.Type.of("x"));
        assertEquals(Constraint.Type.NOT_NULL, Constraint.Type.of("n"));
        assertThrows(IllegalArgumentException.class, () -> Constraint.Type.of("?"));
        assertEquals(Column.Identity.ALWAYS, Column.Identity.of("a"));
        assertEquals(Column.Identity.BY_DEFAULT, Column.Identity.of("d"));
        assertEquals(Column.Identity.NONE, Column.Identity.of(""));
        assertEquals(Column.Generated.STORED, Column.Generated.of("s"));
        assertEquals(Column.Generated.NONE, Column.Generated.of(""));
        assertEquals(Function.Kind.WINDOW, Function.Kind.of("w"));
        assertEquals(Trigger.Firing.DISABLED, Trigger.Firing.of("D"));
        assertEquals("UPDATE", Policy.commandOf("w"));
        assertEquals("ALL", Policy.commandOf("*"));
    }

    @Test
    void qualifiedNamesOrderBySchemaThenName() {
        List<QualifiedName> names = new ArrayList<>(List.of(new QualifiedName("b", "a"), new QualifiedName("a", "z"),
                new QualifiedName("a", "b")));
        names.sort(null);
        assertEquals("[a.b, a.z, b.a]", names.toString());
        assertNull(QualifiedName.ofNullable(null, "x"));
        assertEquals("app.add(a integer)", new Function("app", "add", "a integer", "integer", Function.Kind.FUNCTION,
                "sql", "IMMUTABLE", false, true, null).signature());
    }
}
