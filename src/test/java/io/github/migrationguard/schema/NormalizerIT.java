package io.github.migrationguard.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The normaliser against PostgreSQL itself: what a migration writes and what the server renders for it (read by the
 * catalog reader, with an empty search_path) must compare equal; the renderings come from the server, not from us.
 */
class NormalizerIT {

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.create("normalizer");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private SchemaModel read() throws Exception {
        try (Connection c = Connections.open(db.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
            return CatalogReader.read(session.connection(), Set.of()).model();
        }
    }

    /** Column spellings as migrations write them; the server decides what each one is. */
    private static final List<String> TYPE_SPELLINGS = List.of("int", "int4", "integer", "serial", "serial4", "int8",
            "bigint", "bigserial", "serial8", "int2", "smallint", "smallserial", "varchar(10)",
            "character varying(10)", "VARCHAR ( 255 )", "varchar", "char", "character", "character(5)", "char(3)",
            "bpchar", "bool", "boolean", "float8", "double precision", "float4", "real", "float", "float(10)",
            "float(24)", "float(25)", "float(53)", "decimal", "dec(7,1)", "numeric", "numeric(10,2)", "decimal(5)",
            "timestamptz", "timestamp with time zone", "timestamptz(3)", "timestamp", "timestamp without time zone",
            "timestamp(3)", "time", "time without time zone", "timetz", "time with time zone", "time(2) with time zone",
            "interval", "interval year to month", "interval(3)", "interval day to second(2)", "interval second(3)",
            "interval hour", "interval minute to second", "bit", "bit(5)", "varbit", "bit varying", "bit varying(7)",
            "int[]", "integer[][]", "_int4", "integer array", "integer array[3]", "varchar(20)[]", "_varchar",
            "char(1)[]", "timestamptz[]", "double precision[]", "text", "name", "uuid", "json", "jsonb", "bytea",
            "date", "inet", "cidr", "macaddr", "money", "tsvector", "xml", "tsrange", "tstzrange", "daterange",
            "int4range", "numrange", "point", "oid", "\"char\"", "pg_catalog.int4", "pg_catalog.varchar(8)",
            "\"varchar\"(5)", "mood", "public.mood", "Public.Mood", "\"Mood X\"", "app.mood", "app.\"Mood X\"",
            "mood[]", "national character varying(4)", "nchar(2)");

    @Test
    void everyTypeSpellingBecomesFormatTypesRendering() throws Exception {
        StringBuilder ddl = new StringBuilder("create schema app;"
                + " create type public.mood as enum ('a'); create type public.\"Mood X\" as enum ('a');"
                + " create type app.mood as enum ('a'); create type app.\"Mood X\" as enum ('a');"
                + " create table public.spellings (");
        for (int i = 0; i < TYPE_SPELLINGS.size(); i++) {
            ddl.append(i == 0 ? "" : ", ").append("c").append(i).append(' ').append(TYPE_SPELLINGS.get(i));
        }
        db.execute(ddl.append(")").toString());
        Table table = read().table("public", "spellings").orElseThrow();
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < TYPE_SPELLINGS.size(); i++) {
            String spelling = TYPE_SPELLINGS.get(i);
            String rendered = table.column("c" + i).orElseThrow().type();
            if (!rendered.equals(Normalizer.canonicalType(spelling))) {
                mismatches.add(spelling + ": server " + rendered + ", normaliser " + Normalizer.canonicalType(spelling));
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void defaultsAsWrittenEqualDefaultsAsRendered() throws Exception {
        Map<String, String[]> columns = new LinkedHashMap<>();
        // column -> type, default as written
        columns.put("a", new String[] {"varchar(10)", "'x'"});
        columns.put("b", new String[] {"text", "'y'"});
        columns.put("c", new String[] {"int", "0"});
        columns.put("d", new String[] {"int", "-1"});
        columns.put("e", new String[] {"numeric(10,2)", "0"});
        columns.put("f", new String[] {"numeric", "1.50"});
        columns.put("g", new String[] {"timestamptz", "now()"});
        columns.put("h", new String[] {"timestamptz", "CURRENT_TIMESTAMP"});
        columns.put("i", new String[] {"date", "current_date"});
        columns.put("j", new String[] {"boolean", "'t'"});
        columns.put("k", new String[] {"bool", "FALSE"});
        columns.put("l", new String[] {"text[]", "'{}'"});
        columns.put("m", new String[] {"mood", "'a'"});
        columns.put("n", new String[] {"interval", "'1 day'"});
        columns.put("o", new String[] {"timestamptz", "now() + interval '1 day'"});
        columns.put("p", new String[] {"bigint", "10000000000"});
        columns.put("q", new String[] {"float8", "1e3"});
        columns.put("r", new String[] {"text", "E'a\\nb'"});
        columns.put("s", new String[] {"jsonb", "'{}'::jsonb"});
        columns.put("t", new String[] {"uuid", "gen_random_uuid()"});
        columns.put("u", new String[] {"text", "lower('ABC')"});
        columns.put("v", new String[] {"int", "(1+2)*3"});
        columns.put("w", new String[] {"varchar(5)", "'a'::text"});
        columns.put("x", new String[] {"timestamp", "'2024-01-01'"});
        columns.put("y", new String[] {"text", "current_user"});
        columns.put("z", new String[] {"int", "1::int"});
        columns.put("aa", new String[] {"real", "-2.5"});
        columns.put("ab", new String[] {"text", "'it''s'"});
        columns.put("ac", new String[] {"int", "nextval('seq_a')"});
        columns.put("ad", new String[] {"int", "nextval('public.seq_a'::regclass)"});
        columns.put("ae", new String[] {"timestamp", "timezone('utc', now())"});
        columns.put("af", new String[] {"int[]", "array[1, 2]"});
        StringBuilder ddl = new StringBuilder("create type mood as enum ('a'); create sequence seq_a;"
                + " create table defaults (");
        columns.forEach((name, spec) -> ddl.append(name.equals("a") ? "" : ", ").append(name).append(' ')
                .append(spec[0]).append(" default ").append(spec[1]));
        db.execute(ddl.append(")").toString());
        Table table = read().table("public", "defaults").orElseThrow();
        List<String> mismatches = new ArrayList<>();
        columns.forEach((name, spec) -> {
            String rendered = table.column(name).orElseThrow().defaultExpression();
            if (!Normalizer.sameDefault(spec[1], rendered, spec[0])) {
                mismatches.add(spec[1] + ": server " + rendered + " -> " + Normalizer.canonicalDefault(rendered, spec[0])
                        + ", written -> " + Normalizer.canonicalDefault(spec[1], spec[0]));
            }
        });
        assertEquals(List.of(), mismatches);
        // and the two that must stay apart
        assertFalse(Normalizer.sameDefault(table.column("g").orElseThrow().defaultExpression(),
                table.column("h").orElseThrow().defaultExpression(), "timestamptz"));
    }

    @Test
    void checksAndIndexesAsWrittenEqualTheirRenderings() throws Exception {
        List<String> checks = List.of("w in ('a','b')", "x between 1 and 10", "x not between 1 and 10",
                "y like 'a%' and y <> ''", "y ilike 'A%'", "y not like 'b%'", "not (x > 5) or x is null",
                "aa >= 0", "x not in (1,2)", "x in (3)", "y ~ '^[a-z]+$'", "x > 0 and (x < 100 or x = 1000)",
                "char_length(w) <= 5", "aa between 0 and 1.5", "y is not null", "x <> 7", "x != 8",
                "coalesce(x, 0) >= 0", "w::text <> ''", "(x + 1) * 2 > 3", "case when x > 0 then y else 'n' end <> 'z'");
        List<String> indexes = List.of("create unique index i1 on t (w)", "create index i2 on t (lower(w))",
                "create index i3 on t (lower(w)) include (y)", "create index i4 on t using hash (y)",
                "create index i5 on t (x desc nulls last, y)", "create index i6 on t (x) where aa > 100",
                "create index i7 on t (y text_pattern_ops)", "create index i8 on t (y collate \"C\")",
                "create index i9 on t ((w || y))", "create index i10 on t (x asc nulls last) where y is not null and x > 0",
                "create index concurrently if not exists i11 on public.t (x, aa desc)",
                "create index i12 on t (x) where w in ('a', 'b')", "create index i13 on t using gin (j jsonb_path_ops)",
                "create index i14 on t (x) with (fillfactor = 70)");
        StringBuilder ddl = new StringBuilder("create table t (x int, y text, w varchar(5), aa numeric, j jsonb");
        for (int i = 0; i < checks.size(); i++) {
            ddl.append(", constraint c").append(i).append(" check (").append(checks.get(i)).append(')');
        }
        ddl.append(");");
        db.execute(ddl.toString());
        for (String index : indexes) {
            db.execute(index);
        }
        SchemaModel model = read();
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            String name = "c" + i;
            Constraint c = model.constraints().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
            String written = "CHECK (" + checks.get(i) + ")";
            if (!Normalizer.sameConstraintDefinition(written, c.definition())) {
                mismatches.add(written + ": server " + c.definition() + " -> "
                        + Normalizer.canonicalConstraintDefinition(c.definition()) + ", written -> "
                        + Normalizer.canonicalConstraintDefinition(written));
            }
        }
        for (int i = 0; i < indexes.size(); i++) {
            String name = "i" + (i + 1);
            Index x = model.index("public", name).orElseThrow();
            if (!Normalizer.sameIndexDefinition(indexes.get(i), x.definition())) {
                mismatches.add(indexes.get(i) + ": server " + x.definition() + " -> "
                        + Normalizer.canonicalIndexDefinition(x.definition()) + ", written -> "
                        + Normalizer.canonicalIndexDefinition(indexes.get(i)));
            }
            if (x.predicate() != null) {
                String written = indexes.get(i).substring(indexes.get(i).indexOf(" where ") + 7);
                if (!Normalizer.sameExpression(written, x.predicate())) {
                    mismatches.add("predicate " + written + ": server " + x.predicate());
                }
            }
        }
        assertEquals(List.of(), mismatches);
        // different indexes on the same columns stay different
        assertFalse(Normalizer.sameIndexDefinition(model.index("public", "i2").orElseThrow().definition(),
                model.index("public", "i3").orElseThrow().definition()));
        assertTrue(Normalizer.sameIndexDefinition(model.index("public", "i1").orElseThrow().definition(),
                "CREATE UNIQUE INDEX another_name ON public.t USING btree (w)"));
    }

    @Test
    void foreignKeysPrimaryKeysAndUniquesAsWrittenEqualTheirRenderings() throws Exception {
        db.execute("create schema app; create table app.users (id bigint primary key, email text,"
                + " constraint users_email_key unique (email));"
                + " create table public.orders (id int primary key, user_id bigint, other bigint,"
                + " constraint f1 foreign key (user_id) references app.users (id) on delete cascade,"
                + " constraint f2 foreign key (other) references app.users match full on update set null deferrable"
                + " initially deferred,"
                + " constraint u1 unique (user_id, other) deferrable)");
        SchemaModel model = read();
        Map<String, String> written = Map.of(
                "f1", "foreign key (user_id) references app.users (id) on delete cascade on update no action",
                "f2", "foreign key (other) references app.users(id) match full on update set null deferrable "
                        + "initially deferred",
                "u1", "unique (user_id, other) deferrable initially immediate",
                "orders_pkey", "primary key (id)",
                "users_pkey", "PRIMARY KEY (id)",
                "users_email_key", "UNIQUE (email)");
        List<String> mismatches = new ArrayList<>();
        written.forEach((name, def) -> {
            Constraint c = model.constraints().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
            if (!Normalizer.sameConstraintDefinition(def, c.definition())) {
                mismatches.add(def + ": server " + c.definition());
            }
        });
        assertEquals(List.of(), mismatches);
        // the generated names are the ones PostgreSQL chose
        assertTrue(model.constraints().stream().anyMatch(c -> c.name().equals(Normalizer.generatedName("orders",
                null, "pkey"))));
    }
}
