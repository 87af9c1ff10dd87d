package io.github.migrationguard.schema.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.schema.Column;
import io.github.migrationguard.schema.Constraint;
import io.github.migrationguard.schema.Index;
import io.github.migrationguard.schema.QualifiedName;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.Sequence;
import io.github.migrationguard.schema.Table;
import io.github.migrationguard.schema.replay.ObjectRef.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Replay of inline migrations: the model it builds (renderings as PostgreSQL prints them) and the effects. */
class SchemaReplayerTest {

    static ReplayResult replay(String... migrations) {
        List<ReplayInput> inputs = new ArrayList<>();
        for (int i = 0; i < migrations.length; i++) {
            inputs.add(new ReplayInput("V" + (i + 1) + "__m.sql", migrations[i]));
        }
        return new SchemaReplayer().replay(inputs);
    }

    static SchemaModel model(String... migrations) {
        ReplayResult r = replay(migrations);
        List<String> notes = r.effects().stream().flatMap(e -> e.notReplayed().stream()).toList();
        assertEquals(List.of(), notes, "statements not replayed");
        return r.expected();
    }

    static Table table(SchemaModel m, String schema, String name) {
        return m.table(schema, name).orElseThrow(() -> new AssertionError("no table " + schema + "." + name
                + " in " + m.tables().stream().map(t -> t.qualifiedName().toString()).toList()));
    }

    static Column column(SchemaModel m, String table, String column) {
        return table(m, "public", table).column(column).orElseThrow(() -> new AssertionError("no column " + column));
    }

    static Constraint constraint(SchemaModel m, String table, String name) {
        return m.constraints().stream().filter(c -> c.table().name().equals(table) && c.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no constraint " + name + " in " + names(m)));
    }

    static List<String> names(SchemaModel m) {
        return m.constraints().stream().map(Constraint::name).sorted().toList();
    }

    static Index index(SchemaModel m, String name) {
        return m.indexes().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no index " + name + " in " + m.indexes().stream().map(Index::name)
                        .toList()));
    }

    static Set<String> display(List<ObjectRef> refs) {
        return refs.stream().map(ObjectRef::display).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    // ------------------------------------------------------------------ tables, columns, types

    @Test
    void serialBecomesAnIntegerWithAnOwnedSequenceAndANextvalDefault() {
        SchemaModel m = model("create table users (id serial primary key, code bigserial, n smallserial);");
        assertEquals(new Column("id", 1, "integer", true, "nextval('public.users_id_seq'::regclass)",
                Column.Identity.NONE, Column.Generated.NONE, null, null, true), column(m, "users", "id"));
        assertEquals("bigint", column(m, "users", "code").type());
        assertEquals("smallint", column(m, "users", "n").type());
        Sequence seq = m.sequence("public", "users_id_seq").orElseThrow();
        assertEquals(new Sequence("public", "users_id_seq", "integer", 1, 1, 1, Integer.MAX_VALUE, 1, false,
                new QualifiedName("public", "users"), "id", false), seq);
        assertEquals(Short.MAX_VALUE, m.sequence("public", "users_n_seq").orElseThrow().maxValue());
    }

    @Test
    void typeSpellingsAreTheOnesFormatTypePrints() {
        SchemaModel m = model("""
                create table t (a int, b int4, c INTEGER, d varchar(20), e character varying, f timestamptz,
                  g timestamp, h timestamp(3) with time zone, i numeric(10), j decimal(10,2), k double precision,
                  l float4, m float, n char, o char(3), p text[], q int array, r bool, s "char", t2 interval day to second,
                  u bit, v varbit(4), w pg_catalog.int8, x time with time zone, y int[][]);
                """);
        Table t = table(m, "public", "t");
        assertEquals(List.of("integer", "integer", "integer", "character varying(20)", "character varying",
                "timestamp with time zone", "timestamp without time zone", "timestamp(3) with time zone",
                "numeric(10,0)", "numeric(10,2)", "double precision", "real", "double precision", "character(1)",
                "character(3)", "text[]", "integer[]", "boolean", "\"char\"", "interval day to second", "bit(1)",
                "bit varying(4)", "bigint", "time with time zone", "integer[]"),
                t.columns().stream().map(Column::type).toList());
    }

    @Test
    void userTypesAreSchemaQualifiedAndExtensionTypesLiveInTheExtensionsSchema() {
        SchemaModel m = model("""
                create schema ext;
                create extension citext with schema ext;
                create type mood as enum ('sad', 'ok');
                create table t (a mood default 'ok', b citext, c mood[]);
                """);
        assertEquals("public.mood", column(m, "t", "a").type());
        assertEquals("'ok'::public.mood", column(m, "t", "a").defaultExpression());
        assertEquals("ext.citext", column(m, "t", "b").type());
        assertEquals("public.mood[]", column(m, "t", "c").type());
        assertEquals(List.of("sad", "ok"), m.enumType("public", "mood").orElseThrow().labels());
        assertTrue(m.extensions().stream().anyMatch(e -> e.name().equals("citext") && e.schema().equals("ext")));
        assertTrue(m.extensions().stream().anyMatch(e -> e.name().equals("plpgsql")),
                "every database has plpgsql");
    }

    @Test
    void defaultsArePrintedAsPgGetExprPrintsThem() {
        SchemaModel m = model("""
                create table t (a varchar(10) default 'x', b numeric(10,2) default 0, c boolean default false,
                  d timestamptz default now(), e uuid default gen_random_uuid(), f int default -1,
                  g bigint default 5000000000, h jsonb default '{"b":1,"a":2}', i text[] default '{}',
                  j interval default '90 minutes', k timestamp default current_timestamp, l numeric default 1.50,
                  m char(2) default 'ab', n text default null, o date default '2024-1-2');
                """);
        Table t = table(m, "public", "t");
        assertEquals(List.of("'x'::character varying", "0", "false", "now()", "gen_random_uuid()", "'-1'::integer",
                "'5000000000'::bigint", "'{\"a\": 2, \"b\": 1}'::jsonb", "'{}'::text[]", "'01:30:00'::interval",
                "CURRENT_TIMESTAMP", "1.50", "'ab'::bpchar"),
                t.columns().stream().map(Column::defaultExpression).filter(java.util.Objects::nonNull).limit(13)
                        .toList());
        assertNull(t.column("n").orElseThrow().defaultExpression(), "DEFAULT NULL stores no default");
        assertEquals("'2024-01-02'::date", t.column("o").orElseThrow().defaultExpression());
    }

    @Test
    void identityColumnsHaveAnIdentitySequenceAndNoDefault() {
        SchemaModel m = model("create table t (id bigint generated always as identity (start with 10 increment by 5),"
                + " n int generated by default as identity);");
        Column id = column(m, "t", "id");
        assertEquals(Column.Identity.ALWAYS, id.identity());
        assertTrue(id.notNull());
        assertNull(id.defaultExpression());
        Sequence s = m.sequence("public", "t_id_seq").orElseThrow();
        assertEquals(10, s.start());
        assertEquals(5, s.increment());
        assertTrue(s.identity());
        assertEquals(Column.Identity.BY_DEFAULT, column(m, "t", "n").identity());
    }

    @Test
    void generatedColumnsKeepTheirExpressionApartFromDefaults() {
        SchemaModel m = model("create table t (a int, b varchar(5), c int generated always as (a * 2) stored,"
                + " d text generated always as (upper(b)) stored);");
        Column c = column(m, "t", "c");
        assertEquals(Column.Generated.STORED, c.generated());
        assertEquals("(a * 2)", c.generationExpression());
        assertNull(c.defaultExpression());
        assertEquals("upper((b)::text)", column(m, "t", "d").generationExpression());
    }

    @Test
    void unquotedNamesFoldAndQuotedNamesKeepTheirCase() {
        SchemaModel m = model("create table Users (ID int primary key, \"Email\" text unique);"
                + "create table \"Orders\" (\"UserId\" int references USERS (id));");
        Table users = table(m, "public", "users");
        assertEquals(List.of("id", "Email"), users.columns().stream().map(Column::name).toList());
        assertEquals("UNIQUE (\"Email\")", constraint(m, "users", "users_Email_key").definition());
        assertEquals("FOREIGN KEY (\"UserId\") REFERENCES public.users(id)",
                constraint(m, "Orders", "Orders_UserId_fkey").definition());
        assertEquals("CREATE UNIQUE INDEX \"users_Email_key\" ON public.users USING btree (\"Email\")",
                index(m, "users_Email_key").definition());
    }

    // ------------------------------------------------------------------ generated names

    @Test
    void constraintsAndIndexesGetPostgresqlsGeneratedNames() {
        SchemaModel m = model("""
                create table users (id int primary key, email text unique, age int check (age > 0),
                  a int, b int, check (a < b), check (age < 200));
                create table orders (id int, user_id int references users, room int, during tsrange,
                  unique (user_id, room), exclude using gist (room with =, during with &&));
                create index on users (lower(email));
                create index on users (a, b);
                create index on users ((a + b), (a - b));
                create index on users (a);
                create index on users (a);
                """);
        assertEquals(List.of("orders_room_during_excl", "orders_user_id_fkey", "orders_user_id_room_key",
                "users_age_check", "users_age_check1", "users_check", "users_email_key", "users_pkey"), names(m));
        assertEquals(Constraint.Type.EXCLUSION, constraint(m, "orders", "orders_room_during_excl").type());
        Set<String> indexes = m.indexes().stream().map(Index::name).collect(Collectors.toSet());
        assertTrue(indexes.containsAll(Set.of("users_lower_idx", "users_a_b_idx", "users_expr_expr1_idx",
                "users_a_idx", "users_a_idx1")), indexes.toString());
    }

    @Test
    void longNamesAreCutTo63BytesAsPostgresqlCutsThem() {
        String table = "a_really_long_table_name_that_goes_on_and_on_and_on_forever_more_and_more";
        String col = "a_really_long_column_name_that_is_also_quite_long_indeed_yes";
        SchemaModel m = model("create table " + table + " (" + col + " serial primary key, other_long_column_name_"
                + "for_a_unique_constraint_test text unique);");
        String cut = "a_really_long_table_name_that_goes_on_and_on_and_on_forever_mor";
        assertEquals(63, cut.length());
        Table t = table(m, "public", cut);
        assertEquals("nextval('public.a_really_long_table_name_that_a_really_long_column_name_tha_seq'::regclass)",
                t.columns().get(0).defaultExpression());
        assertEquals(List.of("a_really_long_table_name_that_goes_on_and_on_and_on_foreve_pkey",
                "a_really_long_table_name_that_other_long_column_name_for_a__key"), names(m));
    }

    // ------------------------------------------------------------------ expressions

    @Test
    void checksArePrintedWithTheCastsThePlannerAdds() {
        SchemaModel m = model("""
                create table t (status varchar(10) check (status in ('a', 'b')), score numeric check (score >= 0),
                  name text check (name <> ''), n int check (n between 1 and 10), big bigint check (big in (1, 2)),
                  f float8 check (f > 0), flag boolean, check (flag or n is not null));
                """);
        assertEquals("CHECK (((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])"
                + "::text[])))", constraint(m, "t", "t_status_check").definition());
        assertEquals("CHECK ((score >= (0)::numeric))", constraint(m, "t", "t_score_check").definition());
        assertEquals("CHECK ((name <> ''::text))", constraint(m, "t", "t_name_check").definition());
        assertEquals("CHECK (((n >= 1) AND (n <= 10)))", constraint(m, "t", "t_n_check").definition());
        assertEquals("CHECK ((big = ANY (ARRAY[(1)::bigint, (2)::bigint])))",
                constraint(m, "t", "t_big_check").definition());
        assertEquals("CHECK ((f > (0)::double precision))", constraint(m, "t", "t_f_check").definition());
        assertEquals("CHECK ((flag OR (n IS NOT NULL)))", constraint(m, "t", "t_check").definition());
    }

    @Test
    void indexDefinitionsCoverExpressionsPartialIndexesAndOptions() {
        SchemaModel m = model("""
                create table t (id int, email varchar(100), deleted_at timestamptz, total numeric, tags text[]);
                create unique index t_email_key on t (lower(email)) where deleted_at is null;
                create index on t (total desc nulls last, id nulls first);
                create index on t using gin (tags);
                create index on t (email text_pattern_ops) include (id);
                create index t_big on t (id) where total > 100;
                """);
        assertEquals("CREATE UNIQUE INDEX t_email_key ON public.t USING btree (lower((email)::text)) "
                + "WHERE (deleted_at IS NULL)", index(m, "t_email_key").definition());
        assertEquals(List.of("lower((email)::text)"), index(m, "t_email_key").keyColumns());
        assertEquals("CREATE INDEX t_total_id_idx ON public.t USING btree (total DESC NULLS LAST, id NULLS FIRST)",
                index(m, "t_total_id_idx").definition());
        assertEquals("gin", index(m, "t_tags_idx").method());
        assertEquals("CREATE INDEX t_email_id_idx ON public.t USING btree (email text_pattern_ops) INCLUDE (id)",
                index(m, "t_email_id_idx").definition());
        assertEquals("(total > (100)::numeric)", index(m, "t_big").predicate());
    }

    @Test
    void renamesShowInEveryRenderingThatMentionsTheObject() {
        SchemaModel m = model("""
                create table users (id serial primary key, email text unique check (email <> ''));
                create table orders (user_id int references users);
                alter table users rename column email to mail;
                alter table users rename to accounts;
                """);
        assertEquals("UNIQUE (mail)", constraint(m, "accounts", "users_email_key").definition());
        assertEquals("CHECK ((mail <> ''::text))", constraint(m, "accounts", "users_email_check").definition());
        assertEquals("FOREIGN KEY (user_id) REFERENCES public.accounts(id)",
                constraint(m, "orders", "orders_user_id_fkey").definition());
        assertEquals("nextval('public.users_id_seq'::regclass)", column(m, "accounts", "id").defaultExpression(),
                "the sequence keeps its name");
        assertEquals("CREATE UNIQUE INDEX users_pkey ON public.accounts USING btree (id)",
                index(m, "users_pkey").definition());
    }

    @Test
    void alterColumnTypeReprintsDependentChecksAsTheServerDoes() {
        SchemaModel m = model("""
                create table t (s varchar(5) check (s = 'a'), n int);
                alter table t alter column s type text, alter column n set data type bigint;
                """);
        assertEquals("CHECK ((s = 'a'::text))", constraint(m, "t", "t_s_check").definition());
        assertEquals("bigint", column(m, "t", "n").type());
    }

    // ------------------------------------------------------------------ search path

    @Test
    void unqualifiedNamesFollowTheSearchPathOfTheirMigration() {
        ReplayResult r = replay("create schema app; set search_path to app, public; create table a (id int);",
                "create table b (id int);");
        assertTrue(r.expected().table("app", "a").isPresent());
        assertTrue(r.expected().table("public", "b").isPresent(), "the next migration starts with the default path");

        List<ReplayInput> inputs = List.of(new ReplayInput("1", "create schema app; set search_path = app;"),
                new ReplayInput("2", "create table b (id int);"));
        assertTrue(new SchemaReplayer(true).replay(inputs).expected().table("app", "b").isPresent(),
                "kept across migrations when asked");
    }

    @Test
    void dollarUserInTheSearchPathIsTheMigrationRoleWhenItsSchemaExists() {
        List<ReplayInput> inputs = List.of(new ReplayInput("1", "create table t (id int); create schema app;"
                        + " create table t2 (id int);"), new ReplayInput("2", "create table u (id int);"));
        SchemaModel m = new SchemaReplayer(false, "app").replay(inputs).expected();
        assertTrue(m.table("public", "t").isPresent(), "the schema did not exist yet when t was created");
        assertTrue(m.table("app", "t2").isPresent());
        assertTrue(m.table("app", "u").isPresent());
        assertTrue(new SchemaReplayer().replay(inputs).expected().table("public", "u").isPresent(),
                "without a known role, $user is skipped");
    }

    @Test
    void pgDumpStyleMigrationsAreReplayed() {
        SchemaModel m = model("""
                SELECT pg_catalog.set_config('search_path', '', false);
                CREATE TABLE public.accounts (id integer NOT NULL, code character varying(32) NOT NULL);
                CREATE SEQUENCE public.accounts_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE
                    NO MAXVALUE CACHE 1;
                ALTER SEQUENCE public.accounts_id_seq OWNED BY public.accounts.id;
                ALTER TABLE ONLY public.accounts ALTER COLUMN id SET DEFAULT
                    nextval('public.accounts_id_seq'::regclass);
                ALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);
                CREATE UNIQUE INDEX accounts_code_idx ON public.accounts USING btree (lower((code)::text));
                COMMENT ON TABLE public.accounts IS 'x';
                """);
        assertEquals("nextval('public.accounts_id_seq'::regclass)", column(m, "accounts", "id").defaultExpression());
        assertEquals(new QualifiedName("public", "accounts"),
                m.sequence("public", "accounts_id_seq").orElseThrow().ownedByTable());
        assertEquals("CREATE UNIQUE INDEX accounts_code_idx ON public.accounts USING btree (lower((code)::text))",
                index(m, "accounts_code_idx").definition());
    }

    // ------------------------------------------------------------------ effects

    @Test
    void effectsListWhatEachMigrationCreatesDropsAndNeeds() {
        ReplayResult r = replay("""
                create table users (id serial primary key, email text);
                create index users_email_idx on users (email);
                """, """
                alter table users add column name text;
                alter table users drop column email;
                create table orders (id int, user_id int references users (id));
                create table tmp (id int);
                drop table tmp;
                """);
        MigrationEffects first = r.effects().get(0);
        assertEquals(Set.of("table public.users", "column public.users.id", "column public.users.email",
                "sequence public.users_id_seq", "constraint public.users.users_pkey", "index public.users_pkey",
                "index public.users_email_idx"), display(first.creates()));
        assertEquals(List.of(), first.references(), "what the migration created itself is no reference");
        assertEquals(List.of(), first.drops());

        MigrationEffects second = r.effects().get(1);
        assertEquals(Set.of("column public.users.name", "table public.orders", "column public.orders.id",
                "column public.orders.user_id", "constraint public.orders.orders_user_id_fkey"),
                display(second.creates()), "tmp was created and dropped again");
        assertEquals(Set.of("column public.users.email", "index public.users_email_idx"), display(second.drops()),
                "the index on the column goes with it");
        assertEquals(Set.of("table public.users", "column public.users.email", "column public.users.id"),
                display(second.references()));
    }

    @Test
    void aForeignKeyToATableNobodyCreatedIsAReferenceAndNotReplayed() {
        ReplayResult r = replay("create table orders (id int, customer_id int references customers (id));");
        MigrationEffects e = r.effects().get(0);
        assertTrue(display(e.references()).containsAll(Set.of("table public.customers",
                "column public.customers.id")), display(e.references()).toString());
        assertEquals(1, e.notReplayed().size());
        assertTrue(e.notReplayed().get(0).startsWith("line 1: create table orders"), e.notReplayed().get(0));
        assertTrue(r.expected().table("public", "orders").isPresent(), "the table itself is still created");
    }

    @Test
    void dataStatementsReferenceTheTablesAndColumnsTheyWrite() {
        ReplayResult r = replay("create table users (id int, name text);", """
                insert into users (id, name) values (1, 'a');
                update only users set name = 'b', id = 2 where id = 1;
                delete from audit where true;
                copy users (id) from stdin;
                1
                \\.
                truncate table sessions, users;
                insert into users select * from other;
                """);
        MigrationEffects e = r.effects().get(1);
        assertEquals(Set.of("table public.users", "column public.users.id", "column public.users.name",
                "table public.audit", "table public.sessions"), display(e.references()));
        assertEquals(List.of(), e.notReplayed());
        assertEquals(List.of(), e.creates());
    }

    @Test
    void aColumnThatAStatementUsesButReplayDoesNotKnowIsAReference() {
        ReplayResult r = replay("create table t (a int);", "alter table t add constraint t_b check (b > 0);"
                + "create index on t ((a + c));");
        Set<String> refs = display(r.effects().get(1).references());
        assertTrue(refs.containsAll(Set.of("table public.t", "column public.t.a", "column public.t.b",
                "column public.t.c")), refs.toString());
    }

    @Test
    void notesNameTheLineOfTheStatementAndWhy() {
        ReplayResult r = replay("create table a (id int);\n\n-- a comment\nimport foreign schema remote\n"
                + "  from server s into public;\nselect 1;\n");
        assertEquals(List.of("line 4: import foreign schema remote from server s into public; (IMPORT FOREIGN SCHEMA)"),
                r.effects().get(0).notReplayed());
    }

    @Test
    void temporaryTablesAreNeitherSchemaNorReferences() {
        ReplayResult r = replay("""
                create temp table staging (id int, name text);
                insert into staging (id, name) values (1, 'a');
                create index on staging (id);
                alter table staging add column extra int;
                create table real_users (id int);
                insert into real_users select id from staging;
                drop table staging;
                """);
        MigrationEffects e = r.effects().get(0);
        assertEquals(Set.of("table public.real_users", "column public.real_users.id"), display(e.creates()));
        assertEquals(List.of(), e.references());
        assertEquals(List.of(), e.notReplayed());
        assertEquals(List.of(), e.drops());
    }

    @Test
    void renamesAreADropAndACreate() {
        ReplayResult r = replay("create table a (x int);", "alter table a rename to b; alter table b rename x to y;");
        MigrationEffects e = r.effects().get(1);
        assertTrue(display(e.drops()).containsAll(Set.of("table public.a", "column public.a.x")));
        assertTrue(display(e.creates()).containsAll(Set.of("table public.b", "column public.b.y")));
        assertFalse(display(e.creates()).contains("column public.b.x"));
    }

    @Test
    void movingOrRenamingATableOrSchemaMovesWhatIsNamedThroughIt() {
        ReplayResult r = replay("create schema a; create table a.t (id serial primary key);",
                "alter table a.t set schema public;", "alter schema a rename to b; create type b.mood as enum ('x');"
                        + "alter schema b rename to c;");
        assertEquals(Set.of("table public.t", "column public.t.id", "constraint public.t.t_pkey", "index public.t_pkey",
                "sequence public.t_id_seq"), display(r.effects().get(1).creates()));
        assertEquals(Set.of("table a.t", "column a.t.id", "constraint a.t.t_pkey", "index a.t_pkey",
                "sequence a.t_id_seq"), display(r.effects().get(1).drops()));
        assertEquals(Set.of("schema c", "type c.mood"), display(r.effects().get(2).creates()));
        assertEquals(Set.of("schema a"), display(r.effects().get(2).drops()));
    }

    @Test
    void objectsOfEveryKindAreCreatedEffects() {
        ReplayResult r = replay("""
                create schema s;
                create extension if not exists pgcrypto;
                create type s.mood as enum ('a');
                create sequence s.seq;
                create table s.t (id int primary key);
                create view s.v as select id from s.t;
                create materialized view s.mv as select id from s.t;
                create function s.f(a integer, b text) returns int language sql as 'select 1';
                create function s.trg() returns trigger language plpgsql as $$ begin return new; end $$;
                create trigger t_trg before insert on s.t for each row execute function s.trg();
                create policy p on s.t using (id > 0);
                """);
        Set<String> creates = display(r.effects().get(0).creates());
        assertTrue(creates.containsAll(Set.of("schema s", "extension pgcrypto", "type s.mood", "sequence s.seq",
                "table s.t", "view s.v", "materialized view s.mv", "function s.f(a integer, b text)",
                "function s.trg()", "trigger s.t.t_trg", "policy s.t.p")), creates.toString());
    }

    // ------------------------------------------------------------------ not replayed, bad input

    @Test
    void statementsThatChangeNoSchemaLeaveNoTrace() {
        ReplayResult r = replay("""
                insert into t values (1);
                update t set a = 1 where b = 2;
                grant select on t to public;
                comment on table t is 'x';
                begin; commit;
                set statement_timeout = 0;
                analyze;
                """);
        assertEquals(List.of(), r.effects().get(0).notReplayed());
        assertEquals(List.of(), r.effects().get(0).creates());
    }

    @Test
    void doBlocksThatRunDdlAreNotReplayedUnlessTheyAreTheIdempotentForms() {
        ReplayResult r = replay("""
                create table t (a int);
                do $$ begin execute 'create table x (id int)'; end $$;
                do $$ begin create type mood as enum ('a'); exception when duplicate_object then null; end $$;
                do $$
                begin
                  if not exists (select 1 from pg_constraint where conname = 't_a_positive') then
                    alter table t add constraint t_a_positive check (a > 0);
                  end if;
                end $$;
                do $$ begin raise notice 'hello'; end $$;
                """);
        List<String> notes = r.effects().get(0).notReplayed();
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("line 2: do $$ begin execute"), notes.get(0));
        assertTrue(r.expected().enumType("public", "mood").isPresent());
        assertEquals("CHECK ((a > 0))", constraint(r.expected(), "t", "t_a_positive").definition());
    }

    @Test
    void badInputIsReportedNeverThrown() {
        ReplayResult r = replay("create table t (id int;", "create tabel x (id int);", "select 'unterminated",
                "\\i other.sql\ncreate table ok (id int);", "alter table missing add column x int;", "",
                "create table (", "create index on nothing (x);", "\u0000\u0001 garbage ))) ;");
        assertEquals(9, r.effects().size());
        assertFalse(r.effects().get(0).notReplayed().isEmpty());
        assertFalse(r.effects().get(1).notReplayed().isEmpty());
        assertFalse(r.effects().get(2).notReplayed().isEmpty());
        assertTrue(r.effects().get(3).notReplayed().get(0).startsWith("line 1: \\i other.sql"));
        assertTrue(r.expected().table("public", "ok").isPresent());
        assertEquals(Set.of("table public.missing"), display(r.effects().get(4).references()));
        assertEquals(List.of(), r.effects().get(5).notReplayed());
        assertFalse(r.effects().get(6).notReplayed().isEmpty());
        assertFalse(r.effects().get(8).notReplayed().isEmpty());
        assertEquals(List.of(), new SchemaReplayer().replay(List.of(new ReplayInput("null", null))).effects().get(0)
                .notReplayed());
    }

    // ------------------------------------------------------------------ other object kinds

    @Test
    void enumLabelsFollowAddValueAndRenameValue() {
        SchemaModel m = model("create type mood as enum ('sad', 'happy');"
                + "alter type mood add value 'ok' before 'happy';"
                + "alter type mood add value if not exists 'ok';"
                + "alter type mood add value 'ecstatic' after 'happy';"
                + "alter type mood rename value 'sad' to 'blue';");
        assertEquals(List.of("blue", "ok", "happy", "ecstatic"), m.enumType("public", "mood").orElseThrow().labels());
    }

    @Test
    void dropsCascadeToWhatDependsOnTheDroppedObject() {
        SchemaModel m = model("""
                create table users (id int primary key, email text, code text);
                create table orders (id int, user_id int references users);
                create index users_email_idx on users (email);
                alter table users add constraint users_code_check check (code <> '');
                alter table users drop column email;
                alter table users drop column code;
                drop table users cascade;
                """);
        assertTrue(m.table("public", "users").isEmpty());
        assertEquals(List.of(), names(m), "the foreign key went with the table");
        assertTrue(m.indexes().isEmpty());
    }

    @Test
    void viewsArePresentWithoutDefinition() {
        SchemaModel m = model("create table t (id int);"
                + "create view v with (security_barrier) as select id from t;"
                + "create view checked as select id from t where id > 0 with local check option;"
                + "create materialized view mv as select id from t with no data;");
        assertEquals(List.of("check_option=local"), m.view("public", "checked").orElseThrow().options());
        io.github.migrationguard.schema.View v = m.view("public", "v").orElseThrow();
        assertNull(v.definition());
        assertEquals(List.of("security_barrier=true"), v.options());
        assertFalse(m.view("public", "mv").orElseThrow().populated());
        assertTrue(m.view("public", "mv").orElseThrow().materialized());
    }

    @Test
    void functionsAreIdentifiedAsPgGetFunctionIdentityArgumentsPrintsThem() {
        SchemaModel m = model("""
                create function add(a int, b integer default 1) returns int language sql immutable strict
                    as 'select a + b';
                create function add(numeric, numeric) returns numeric language sql as 'select 1';
                create procedure cleanup(days int, out removed bigint) language plpgsql as $$ begin end $$;
                create function list(variadic items text[]) returns setof text language sql as 'select 1';
                drop function add(numeric, numeric);
                """);
        List<String> signatures = m.functions().stream().map(io.github.migrationguard.schema.Function::signature)
                .toList();
        assertEquals(List.of("public.add(a integer, b integer)", "public.cleanup(IN days integer, OUT removed bigint)",
                "public.list(VARIADIC items text[])"), signatures);
        io.github.migrationguard.schema.Function add = m.functions().get(0);
        assertEquals("integer", add.result());
        assertEquals("IMMUTABLE", add.volatility());
        assertTrue(add.strict());
        assertNull(m.functions().get(1).result(), "procedures have no result");
        assertEquals("SETOF text", m.functions().get(2).result());
    }

    @Test
    void triggersAndPoliciesArePrintedAsTheServerPrintsThem() {
        SchemaModel m = model("""
                create table t (a int, b text);
                create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
                create trigger t_touch before update of a, b or insert on t for each row when (new.a > 0)
                    execute procedure touch('x');
                alter table t enable row level security;
                create policy own on t as restrictive for update to public using (a = 1) with check (b <> '');
                """);
        assertEquals("CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE OF a, b ON public.t FOR EACH ROW "
                + "WHEN ((new.a > 0)) EXECUTE FUNCTION public.touch('x')", m.triggers().get(0).definition());
        io.github.migrationguard.schema.Policy p = m.policies().get(0);
        assertEquals("UPDATE", p.command());
        assertFalse(p.permissive());
        assertEquals(List.of("public"), p.roles());
        assertEquals("(a = 1)", p.using());
        assertEquals("(b <> ''::text)", p.withCheck());
        assertTrue(table(m, "public", "t").rowSecurity());
    }

    @Test
    void partitionsCopyColumnsAndGetTheirOwnKeyAndIndexNames() {
        SchemaModel m = model("""
                create table events (id bigint, at date not null, kind text, primary key (id, at))
                    partition by range (at);
                create index on events (kind);
                create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
                create table events_other partition of events default;
                """);
        Table events = table(m, "public", "events");
        assertEquals(Table.Kind.PARTITIONED_TABLE, events.kind());
        assertEquals("RANGE (at)", events.partitionKey());
        Table p = table(m, "public", "events_2024");
        assertEquals(new QualifiedName("public", "events"), p.partitionOf());
        assertEquals("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", p.partitionBound());
        assertFalse(p.column("id").orElseThrow().local());
        assertEquals("DEFAULT", table(m, "public", "events_other").partitionBound());
        assertTrue(names(m).containsAll(List.of("events_pkey", "events_2024_pkey", "events_other_pkey")));
        assertEquals("CREATE INDEX events_kind_idx ON ONLY public.events USING btree (kind)",
                index(m, "events_kind_idx").definition());
        assertEquals("CREATE INDEX events_2024_kind_idx ON public.events_2024 USING btree (kind)",
                index(m, "events_2024_kind_idx").definition());
    }

    @Test
    void aPartitionCreatesItsCopiesOfTheParentsKeysAndIndexes() {
        ReplayResult r = replay("create table e (id int, at date, primary key (id, at)) partition by range (at);"
                + "create index on e (at);", "create table e_1 partition of e for values from ('2024-01-01') to "
                + "('2025-01-01');");
        assertEquals(Set.of("table public.e_1", "column public.e_1.id", "column public.e_1.at",
                "index public.e_1_pkey", "constraint public.e_1.e_1_pkey", "index public.e_1_at_idx"),
                display(r.effects().get(1).creates()));
        assertEquals(Set.of("table public.e"), display(r.effects().get(1).references()));
    }

    @Test
    void foreignKeysPointAtTheReferencedKeyIndex() {
        SchemaModel m = model("create table a (id int primary key, code text unique);"
                + "create table b (a_id int references a, a_code text references a (code) on update cascade"
                + " deferrable initially deferred);");
        assertEquals("a_pkey", constraint(m, "b", "b_a_id_fkey").index());
        Constraint byCode = constraint(m, "b", "b_a_code_fkey");
        assertEquals("a_code_key", byCode.index());
        assertEquals("FOREIGN KEY (a_code) REFERENCES public.a(code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED",
                byCode.definition());
        assertTrue(byCode.deferrable() && byCode.initiallyDeferred());
    }

    @Test
    void notValidConstraintsBecomeValidWhenValidated() {
        SchemaModel m = model("create table t (a int);"
                + "alter table t add constraint t_a_check check (a > 0) not valid;"
                + "alter table t add constraint t_b check (a < 10) not valid;"
                + "alter table t validate constraint t_a_check;");
        assertTrue(constraint(m, "t", "t_a_check").validated());
        assertEquals("CHECK ((a < 10)) NOT VALID", constraint(m, "t", "t_b").definition());
        assertFalse(constraint(m, "t", "t_b").validated());
    }
}
