package io.github.migrationguard.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.history.HistoryTable;
import io.github.migrationguard.schema.Column.Generated;
import io.github.migrationguard.schema.Column.Identity;
import io.github.migrationguard.schema.Constraint.Type;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Builds a schema with every object kind (by a real Flyway migration, so the Flyway history table exists too) and
 * checks the model against PostgreSQL's own renderings, as psql shows them with an empty search_path.
 */
class CatalogReaderIT {

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.create("catalog");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private void migrateFixture() {
        Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("classpath:io/github/migrationguard/schema").load().migrate();
    }

    private CatalogRead read(Set<String> schemas) throws Exception {
        try (Connection c = Connections.open(db.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
            return CatalogReader.read(session.connection(), schemas);
        }
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, x -> x));
    }

    @Test
    void readsEveryObjectKindFaithfully() throws Exception {
        migrateFixture();
        CatalogRead read = read(Set.of());
        SchemaModel m = read.model();

        assertEquals(List.of("public.flyway_schema_history", "app.schema_migrations").stream().sorted().toList(),
                read.excludedTables().stream().map(HistoryTable::qualifiedName).sorted().toList());
        assertEquals(List.of("app", "public"), m.schemas().stream().map(Schema::name).toList());

        // tables, sorted; no migration-tool tables
        assertEquals(List.of("app.cache", "app.events", "app.events_2024", "app.orders", "app.reservations",
                "app.users"), m.tables().stream().map(t -> t.qualifiedName().toString()).toList());
        Table events = m.table("app", "events").orElseThrow();
        assertEquals(Table.Kind.PARTITIONED_TABLE, events.kind());
        assertEquals("RANGE (happened_at)", events.partitionKey());
        Table partition = m.table("app", "events_2024").orElseThrow();
        assertEquals(Table.Kind.TABLE, partition.kind());
        assertEquals(new QualifiedName("app", "events"), partition.partitionOf());
        assertEquals("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", partition.partitionBound());
        assertTrue(m.table("app", "cache").orElseThrow().unlogged());
        assertTrue(m.table("app", "orders").orElseThrow().rowSecurity());
        assertFalse(m.table("app", "users").orElseThrow().rowSecurity());
        assertEquals(db.user(), m.table("app", "users").orElseThrow().owner());

        // columns
        Table users = m.table("app", "users").orElseThrow();
        assertEquals(List.of("id", "email", "name", "mood", "created_at", "score", "code", "legacy_id",
                "upper_email"), users.columns().stream().map(Column::name).toList());
        assertEquals(new Column("id", 1, "bigint", true, "nextval('app.users_id_seq'::regclass)", Identity.NONE,
                Generated.NONE, null, null, true), users.column("id").orElseThrow());
        assertEquals("public.citext", users.column("email").orElseThrow().type());
        Column name = users.column("name").orElseThrow();
        assertEquals("character varying(50)", name.type());
        assertEquals("'anon'::character varying", name.defaultExpression());
        assertTrue(name.notNull());
        assertEquals("app.mood", users.column("mood").orElseThrow().type());
        assertEquals("'ok'::app.mood", users.column("mood").orElseThrow().defaultExpression());
        assertEquals("timestamp with time zone", users.column("created_at").orElseThrow().type());
        assertEquals("now()", users.column("created_at").orElseThrow().defaultExpression());
        assertEquals("numeric(10,2)", users.column("score").orElseThrow().type());
        assertFalse(users.column("score").orElseThrow().notNull());
        assertEquals("pg_catalog.C", users.column("code").orElseThrow().collation());
        assertNull(users.column("name").orElseThrow().collation());
        Column legacy = users.column("legacy_id").orElseThrow();
        assertEquals(Identity.BY_DEFAULT, legacy.identity());
        assertTrue(legacy.notNull());
        assertNull(legacy.defaultExpression());
        Column upper = users.column("upper_email").orElseThrow();
        assertEquals(Generated.STORED, upper.generated());
        assertEquals("upper((email)::text)", upper.generationExpression());
        assertNull(upper.defaultExpression());
        assertEquals(Identity.ALWAYS, m.table("app", "orders").orElseThrow().column("id").orElseThrow().identity());
        assertEquals(List.of("id", "happened_at", "payload"),
                partition.columns().stream().map(Column::name).toList());
        assertFalse(partition.column("id").orElseThrow().local(), "partition columns come from the parent");

        // constraints
        Map<String, Constraint> cons = byName(m.constraints(), Constraint::name);
        assertEquals(Set.of("users_pkey", "users_email_key", "users_score_check", "orders_pkey",
                "orders_user_id_fkey", "orders_total_positive", "orders_user_placed_key",
                "reservations_room_during_excl", "cache_pkey"), cons.keySet());
        assertEquals(new Constraint(new QualifiedName("app", "orders"), "orders_user_id_fkey", Type.FOREIGN_KEY,
                "FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE", List.of("user_id"),
                new QualifiedName("app", "users"), List.of("id"), false, false, true, true, "users_pkey"),
                cons.get("orders_user_id_fkey"));
        assertEquals("PRIMARY KEY (id)", cons.get("users_pkey").definition());
        assertEquals(Type.PRIMARY_KEY, cons.get("users_pkey").type());
        assertEquals("users_pkey", cons.get("users_pkey").index());
        assertEquals("UNIQUE (email)", cons.get("users_email_key").definition());
        assertEquals("CHECK ((score >= (0)::numeric))", cons.get("users_score_check").definition());
        assertEquals(List.of("score"), cons.get("users_score_check").columns());
        assertFalse(cons.get("orders_total_positive").validated());
        assertEquals("CHECK ((total >= (0)::numeric)) NOT VALID", cons.get("orders_total_positive").definition());
        Constraint deferred = cons.get("orders_user_placed_key");
        assertEquals("UNIQUE (user_id, placed_at) DEFERRABLE INITIALLY DEFERRED", deferred.definition());
        assertEquals(List.of("user_id", "placed_at"), deferred.columns());
        assertTrue(deferred.deferrable() && deferred.initiallyDeferred());
        assertEquals(Type.EXCLUSION, cons.get("reservations_room_during_excl").type());
        assertEquals("EXCLUDE USING gist (room WITH =, during WITH &&)",
                cons.get("reservations_room_during_excl").definition());

        // indexes
        Map<String, Index> idx = byName(m.indexes(), Index::name);
        assertEquals(Set.of("users_pkey", "users_email_key", "orders_pkey", "orders_user_placed_key",
                "orders_recent_idx", "users_lower_email_idx", "reservations_room_during_excl",
                "events_happened_idx", "events_2024_happened_at_idx", "cache_pkey", "order_totals_user_idx"),
                idx.keySet());
        Index partial = idx.get("orders_recent_idx");
        assertEquals("CREATE INDEX orders_recent_idx ON app.orders USING btree (placed_at DESC) "
                + "WHERE (total > (100)::numeric)", partial.definition());
        assertEquals("(total > (100)::numeric)", partial.predicate());
        assertEquals(List.of("placed_at"), partial.keyColumns());
        assertEquals("btree", partial.method());
        assertTrue(partial.valid());
        assertFalse(partial.unique());
        Index expression = idx.get("users_lower_email_idx");
        assertEquals("CREATE INDEX users_lower_email_idx ON app.users USING btree (lower((email)::text)) "
                + "INCLUDE (name)", expression.definition());
        assertEquals(List.of("lower((email)::text)"), expression.keyColumns());
        assertEquals(List.of("name"), expression.includeColumns());
        Index pkey = idx.get("users_pkey");
        assertTrue(pkey.primary() && pkey.unique());
        assertEquals("users_pkey", pkey.constraint());
        assertTrue(idx.get("reservations_room_during_excl").exclusion());
        assertEquals("gist", idx.get("reservations_room_during_excl").method());
        assertTrue(idx.get("events_happened_idx").partitioned());
        assertEquals("CREATE INDEX events_happened_idx ON ONLY app.events USING btree (happened_at)",
                idx.get("events_happened_idx").definition());
        assertFalse(idx.get("events_2024_happened_at_idx").partitioned());
        assertEquals(new QualifiedName("app", "order_totals"), idx.get("order_totals_user_idx").table());
        assertEquals(List.of("users_email_key", "users_lower_email_idx", "users_pkey"),
                m.indexesOf(users.qualifiedName()).stream().map(Index::name).toList());

        // sequences
        Map<String, Sequence> seqs = byName(m.sequences(), Sequence::name);
        assertEquals(Set.of("invoice_no", "users_id_seq", "users_legacy_id_seq", "orders_id_seq"), seqs.keySet());
        assertEquals(new Sequence("app", "invoice_no", "bigint", 1000, 10, 1, Long.MAX_VALUE, 5, false, null, null,
                false), seqs.get("invoice_no"));
        Sequence serial = seqs.get("users_id_seq");
        assertEquals(new QualifiedName("app", "users"), serial.ownedByTable());
        assertEquals("id", serial.ownedByColumn());
        assertFalse(serial.identity());
        Sequence identity = seqs.get("orders_id_seq");
        assertTrue(identity.identity());
        assertEquals("integer", identity.dataType());
        assertEquals(Integer.MAX_VALUE, identity.maxValue());

        // enums
        assertEquals(List.of(new EnumType("app", "mood", List.of("sad", "ok", "happy"))), m.enums());

        // views
        Map<String, View> views = byName(m.views(), View::name);
        assertEquals(Set.of("active_users", "secure_users", "order_totals"), views.keySet());
        assertEquals(" SELECT users.id,\n    users.email\n   FROM app.users\n  WHERE (users.mood <> 'sad'::app.mood);",
                views.get("active_users").definition());
        assertFalse(views.get("active_users").materialized());
        assertTrue(views.get("active_users").populated());
        assertEquals(List.of("security_barrier=true"), views.get("secure_users").options());
        assertTrue(views.get("order_totals").materialized());
        assertFalse(views.get("order_totals").populated(), "created WITH NO DATA");

        // functions: ours only, none of citext's or btree_gist's
        Map<String, io.github.migrationguard.schema.Function> fns =
                byName(m.functions(), io.github.migrationguard.schema.Function::signature);
        assertEquals(Set.of("app.touch()", "app.cleanup(IN days integer)", "app.total_of(numeric)",
                "app.add(a integer, b integer)"), fns.keySet());
        io.github.migrationguard.schema.Function touch = fns.get("app.touch()");
        assertEquals("trigger", touch.result());
        assertEquals("plpgsql", touch.language());
        assertEquals("VOLATILE", touch.volatility());
        assertTrue(touch.definition().startsWith("CREATE OR REPLACE FUNCTION app.touch()"), touch.definition());
        io.github.migrationguard.schema.Function add = fns.get("app.add(a integer, b integer)");
        assertEquals("IMMUTABLE", add.volatility());
        assertTrue(add.strict());
        assertEquals("sql", add.language());
        assertEquals("integer", add.result());
        assertEquals(io.github.migrationguard.schema.Function.Kind.PROCEDURE,
                fns.get("app.cleanup(IN days integer)").kind());
        io.github.migrationguard.schema.Function aggregate = fns.get("app.total_of(numeric)");
        assertEquals(io.github.migrationguard.schema.Function.Kind.AGGREGATE, aggregate.kind());
        assertNull(aggregate.definition());

        // triggers: the user trigger, not the internal ones of the foreign key
        assertEquals(List.of(new Trigger(new QualifiedName("app", "orders"), "orders_touch",
                "CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch()",
                Trigger.Firing.ORIGIN, new QualifiedName("app", "touch"), false, false)), m.triggers());

        // policies
        Map<String, Policy> pols = byName(m.policies(), Policy::name);
        assertEquals(new Policy(new QualifiedName("app", "orders"), "own_orders", "SELECT", true, List.of("public"),
                "(user_id = 1)", null), pols.get("own_orders"));
        assertEquals(new Policy(new QualifiedName("app", "orders"), "admins", "UPDATE", false, List.of(db.user()),
                "true", "(total >= (0)::numeric)"), pols.get("admins"));

        // extensions are listed, their members are not
        Set<String> extensions = m.extensions().stream().map(Extension::name).collect(Collectors.toSet());
        assertTrue(extensions.containsAll(Set.of("citext", "btree_gist", "plpgsql")), extensions.toString());
        assertEquals("public", m.extensions().stream().filter(e -> e.name().equals("citext")).findFirst()
                .orElseThrow().schema());
        assertTrue(m.functions().stream().noneMatch(f -> f.schema().equals("public")));
    }

    @Test
    void aSchemaFilterRestrictsEveryKind() throws Exception {
        migrateFixture();
        db.execute("create table public.other (id int primary key); create view public.v as select 1 as x;");
        SchemaModel all = read(Set.of()).model();
        assertTrue(all.table("public", "other").isPresent());
        SchemaModel onlyApp = read(Set.of("app")).model();
        assertEquals(List.of("app"), onlyApp.schemas().stream().map(Schema::name).toList());
        assertTrue(onlyApp.table("public", "other").isEmpty());
        assertTrue(onlyApp.view("public", "v").isEmpty());
        assertTrue(onlyApp.indexes().stream().allMatch(i -> i.schema().equals("app")));
        assertEquals(all.tables().stream().filter(t -> t.schema().equals("app")).toList(), onlyApp.tables());
    }

    @Test
    void anInvalidIndexFromAFailedConcurrentBuildIsReported() throws Exception {
        db.execute("create table public.t (v int); insert into public.t values (1), (1);");
        try (Connection c = db.connect()) {
            assertThrows(java.sql.SQLException.class,
                    () -> c.createStatement().execute("create unique index concurrently t_v_key on public.t (v)"));
        }
        Index index = read(Set.of()).model().index("public", "t_v_key").orElseThrow();
        assertFalse(index.valid());
    }

    @Test
    void theNumberOfQueriesDoesNotGrowWithTheNumberOfTables() throws Exception {
        db.execute("create table public.parent (id int primary key)");
        CatalogRead one = read(Set.of());
        assertEquals(1, one.model().tables().size());

        StringBuilder ddl = new StringBuilder();
        for (int i = 0; i < 199; i++) {
            ddl.append("create table public.t").append(i).append(" (id serial primary key, parent_id int ")
                    .append("references public.parent(id), name text not null default 'x' check (name <> ''));")
                    .append("create index t").append(i).append("_name_idx on public.t").append(i)
                    .append(" (lower(name)) where name <> 'y';");
        }
        db.execute(ddl.toString());
        CatalogRead many = read(Set.of());
        assertEquals(200, many.model().tables().size());
        assertEquals(199 * 3 + 1, many.model().constraints().size());
        assertEquals(199 * 2 + 1, many.model().indexes().size());
        assertEquals(199, many.model().sequences().size());
        assertEquals(one.queryCount(), many.queryCount());
        assertEquals(13, many.queryCount(), "one query per object kind plus schemas and tool-table detection");
    }

    @Test
    void refusesASessionWithASearchPath() throws Exception {
        try (Connection c = db.connect()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> CatalogReader.read(c, Set.of()));
            assertTrue(e.getMessage().contains("empty search_path"), e.getMessage());
        }
    }
}
