package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.lint.Linter;
import io.github.migrationguard.migration.Migration;
import io.github.migrationguard.schema.replay.ObjectRef;
import io.github.migrationguard.schema.replay.ReplayInput;
import io.github.migrationguard.schema.replay.SchemaReplayer;
import io.github.migrationguard.sql.StatementSplitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The completing migration offered for a PARTIAL one: which statements, how they are guarded, what it says. */
class SuggestedMigrationTest {

    private static final FlywayVersion NEXT = FlywayVersion.parse("9");

    private static Migration migration(String version, String description, String sql) {
        String script = "V" + version + "__" + description.replace(' ', '_') + ".sql";
        return new Migration(Migration.Kind.VERSIONED, FlywayVersion.parse(version), description, script,
                Path.of("db/migration", script), 0, sql, List.of());
    }

    /** What replay says the last migration creates, restricted to the objects the test calls missing. */
    private static List<String> createdBy(List<Migration> migrations, Predicate<ObjectRef> missing) {
        List<ReplayInput> inputs = migrations.stream().map(Migration::toReplayInput).toList();
        List<ObjectRef> creates = new SchemaReplayer().replay(inputs).effects().get(migrations.size() - 1).creates();
        List<String> out = creates.stream().filter(missing).map(ObjectRef::display).toList();
        assertFalse(out.isEmpty(), "the test must name some missing objects");
        return out;
    }

    private static SuggestedMigration suggest(List<Migration> migrations, List<String> absent) {
        Optional<SuggestedMigration> s = SuggestedMigration.suggest(migrations, migrations.size() - 1, absent, NEXT);
        assertTrue(s.isPresent(), "a suggestion was expected for " + absent);
        assertLintsClean(s.get());
        return s.get();
    }

    /** The file passes validate-safe as it is: not one finding, not even an acknowledged one. */
    private static void assertLintsClean(SuggestedMigration s) {
        List<Finding> findings = new Linter(LintSettings.defaults())
                .lintSource("db/migration/" + s.fileName(), s.sql().getBytes(StandardCharsets.UTF_8)).findings();
        assertEquals("", findings.stream().map(f -> f.ruleId() + "@" + f.line() + ": " + f.message())
                .collect(Collectors.joining("\n")), s.sql());
    }

    /** The statements of the file, as psql would send them (comments are not part of them). */
    private static List<String> statementsOf(String sql) {
        return StatementSplitter.split(sql).statements().stream().map(st -> st.text()).toList();
    }

    @Test
    void onlyTheStatementsOfTheMissingTableAndIndexWithIfNotExists() {
        Migration v1 = migration("1", "users", "create table users (id int primary key);\n");
        Migration v2 = migration("2", "orders and items", """
                -- the orders
                create table orders (id bigint primary key, user_id int references users (id), status text);
                -- the items
                CREATE TABLE items (id int, name text);
                create index orders_status_idx on orders (status);
                create index on orders (user_id);
                create function touch(n integer) returns integer language sql as $$ select n + 1 $$;
                """);
        List<Migration> all = List.of(v1, v2);
        List<String> absent = createdBy(all, r -> "items".equals(r.name())
                || "orders_status_idx".equals(r.name()));
        assertEquals(List.of("table public.items", "column public.items.id", "column public.items.name",
                "index public.orders_status_idx"), absent);

        SuggestedMigration s = suggest(all, absent);

        assertEquals(List.of("CREATE TABLE IF NOT EXISTS items (id int, name text);",
                "create index if not exists orders_status_idx on orders (status);"), s.statements());
        assertEquals(s.statements(), statementsOf(s.sql()));
        assertEquals(absent, s.creates());
        assertEquals(List.of(), s.notCovered());
        assertFalse(s.sql().contains("the items"), "leading comments of the statements stay out");
        assertTrue(s.sql().startsWith("-- Completes migration 2 (V2__orders_and_items.sql)"), s.sql());
        assertTrue(s.sql().contains("--   table public.items\n"), s.sql());
        assertTrue(s.sql().contains("--   index public.orders_status_idx\n"), s.sql());
        assertTrue(s.sql().contains("-- 3 other statements create objects that exist; they are not repeated."),
                s.sql());
        assertTrue(s.sql().contains("-- Review before use; copy it into your migration directory to apply it with"
                + " your migration tool.\n"), s.sql());
        assertEquals("V9__complete_orders_and_items_safe.sql", s.fileName());
    }

    @Test
    void aMissingFunctionIsCreatedOnlyWhenItsStatementCanRunAgain() {
        Migration v1 = migration("1", "functions", """
                create table t (id int);
                create function touch(n integer) returns integer language sql as $$ select n + 1 $$;
                create function touch(n text) returns text language sql as $$ select n $$;
                create or replace function stamp() returns timestamptz language sql as $$ select now() $$;
                """);
        List<String> functions = createdBy(List.of(v1), r -> r.kind() == ObjectRef.Kind.FUNCTION);
        assertEquals(List.of("function public.touch(n integer)", "function public.touch(n text)",
                "function public.stamp()"), functions);

        // CREATE FUNCTION without OR REPLACE fails on every new database, where V1 created it: a person adds it
        assertEquals(Optional.empty(), SuggestedMigration.suggest(List.of(v1), 0,
                List.of("function public.touch(n integer)"), NEXT));

        // OR REPLACE runs again; named without its arguments, a function matches when it has no overloads
        SuggestedMigration bare = suggest(List.of(v1), List.of("function public.stamp"));
        assertEquals(List.of("create or replace function stamp() returns timestamptz language sql as $$ select now()"
                + " $$;"), bare.statements());
        // but not when overloads make it ambiguous
        assertEquals(Optional.empty(),
                SuggestedMigration.suggest(List.of(v1), 0, List.of("function public.touch(integer)"), NEXT));
    }

    @Test
    void keywordsInsideQuotedNamesAndCommentsAreNotTakenForKeywords() {
        Migration v1 = migration("1", "odd names", """
                create table keep (id int);
                CREATE /* table if not exists */ TABLE "create table" ("table" int, "if not exists" text);
                create schema "schema";
                create sequence "index" -- sequence
                  start 5;
                """);
        List<String> absent = List.of("table public.create table", "column public.create table.table",
                "column public.create table.if not exists", "schema schema", "sequence public.index");
        SuggestedMigration s = suggest(List.of(v1), absent);
        assertEquals(List.of(
                "CREATE /* table if not exists */ TABLE IF NOT EXISTS \"create table\" (\"table\" int,"
                        + " \"if not exists\" text);",
                "create schema if not exists \"schema\";",
                "create sequence if not exists \"index\" -- sequence\n  start 5;"), s.statements());
        assertEquals(absent, s.creates());
    }

    @Test
    void statementsAlreadyGuardedAreLeftAsWritten() {
        Migration v1 = migration("1", "guarded", """
                create table if not exists a (id int);
                create unique index if not exists a_id_idx on a (id);
                create extension if not exists pgcrypto;
                """);
        SuggestedMigration s = suggest(List.of(v1),
                List.of("table public.a", "column public.a.id", "index public.a_id_idx", "extension pgcrypto"));
        assertEquals(List.of("create table if not exists a (id int);",
                "create unique index if not exists a_id_idx on a (id);",
                "create extension if not exists pgcrypto;"), s.statements());
    }

    @Test
    void aColumnAddedByAlterTableGetsAddColumnIfNotExists() {
        Migration v1 = migration("1", "users", "create table users (id int primary key);\n");
        Migration v2 = migration("2", "user contact", """
                alter table users add column email text;
                ALTER TABLE users ADD phone text, ADD CONSTRAINT users_phone_check CHECK (phone <> '');
                alter table users add column if not exists nickname text;
                """);
        List<Migration> all = List.of(v1, v2);

        SuggestedMigration email = suggest(all, List.of("column public.users.email"));
        assertEquals(List.of("alter table users add column if not exists email text;"), email.statements());
        assertEquals(List.of("column public.users.email"), email.creates());

        SuggestedMigration phone = suggest(all, List.of("column public.users.phone",
                "constraint public.users.users_phone_check", "column public.users.nickname"));
        // ADD CONSTRAINT has no IF NOT EXISTS: on a new database, where V2 added it, the suggestion would fail
        assertEquals(List.of("alter table users add column if not exists nickname text;"), phone.statements());
        assertEquals(List.of("column public.users.phone", "constraint public.users.users_phone_check"),
                phone.notCovered());
        assertTrue(phone.sql().contains("no IF NOT EXISTS or OR REPLACE form"), phone.sql());
    }

    @Test
    void aConstraintDeclaredWithAnExistingColumnIsNotClaimed() {
        Migration v1 = migration("1", "users", "create table users (id int primary key);\n");
        Migration v2 = migration("2", "user email", "alter table users add column email text unique;\n");
        List<Migration> all = List.of(v1, v2);
        List<String> absent = createdBy(all, r -> r.kind() != ObjectRef.Kind.COLUMN);
        // the column exists, its unique constraint does not: ADD COLUMN IF NOT EXISTS would skip both
        assertEquals(Optional.empty(), SuggestedMigration.suggest(all, 1, absent, NEXT));
    }

    @Test
    void aMemberOfATableThatExistsIsNotClaimedByItsCreateTable() {
        Migration v1 = migration("1", "orders", "create table orders (id int primary key, status text);\n");
        // the table exists without its status column: CREATE TABLE IF NOT EXISTS would not add it
        assertEquals(Optional.empty(),
                SuggestedMigration.suggest(List.of(v1), 0, List.of("column public.orders.status"), NEXT));

        Migration v2 = migration("1", "orders", """
                create table orders (id int primary key, status text);
                create table audit (id int);
                """);
        SuggestedMigration s = suggest(List.of(v2), List.of("column public.orders.status", "table public.audit",
                "column public.audit.id"));
        assertEquals(List.of("create table if not exists audit (id int);"), s.statements());
        assertEquals(List.of("column public.orders.status"), s.notCovered());
        assertTrue(s.sql().contains("--   column public.orders.status: it is created by line 1 (create table orders"
                + " (id int primary key, status text);) together with table public.orders, which exists"), s.sql());
    }

    @Test
    void dataStatementsAreLeftOutAndNamedInTheHeader() {
        Migration v1 = migration("1", "settings", """
                create table settings (k text primary key, v text);
                insert into settings values ('mode', 'strict');
                grant select on settings to public;
                update settings set v = 'lax';
                delete from settings;
                create table settings_log (id int);
                drop table settings_log;
                """);
        List<String> absent = createdBy(List.of(v1), r -> "settings".equals(r.name()));
        SuggestedMigration s = suggest(List.of(v1), absent);
        assertEquals(List.of("create table if not exists settings (k text primary key, v text);"), s.statements());
        assertTrue(s.sql().contains("--   left out: line 2: insert into settings values ('mode', 'strict');\n"),
                s.sql());
        assertTrue(s.sql().contains("--   left out: line 3: grant select on settings to public;\n"), s.sql());
        assertTrue(s.sql().contains("--   left out: line 4: update settings set v = 'lax';\n"), s.sql());
        assertTrue(s.sql().contains("--   left out: line 5: delete from settings;\n"), s.sql());
        assertTrue(s.sql().contains("--   left out: line 7: drop table settings_log;\n"), s.sql());
        for (String statement : statementsOf(s.sql())) {
            assertTrue(statement.startsWith("create table"), statement);
        }
    }

    @Test
    void aStatementThatWouldNotPassValidateSafeIsNotUsed() {
        Migration v1 = migration("1", "cleanup function", """
                create table jobs (id int);
                create or replace function purge() returns void language plpgsql as $$ begin delete from jobs; end $$;
                """);
        List<String> absent = List.of("table public.jobs", "column public.jobs.id", "function public.purge()");
        SuggestedMigration s = suggest(List.of(v1), absent);
        assertEquals(List.of("create table if not exists jobs (id int);"), s.statements());
        assertEquals(List.of("function public.purge()"), s.notCovered());
        assertTrue(s.sql().contains("--   function public.purge(): it is created by line 2"
                + " (create or replace function"),
                s.sql());
        assertTrue(s.sql().contains("which would not pass validate-safe ("), s.sql());
    }

    @Test
    void theSearchPathTheStatementsResolveThroughIsKept() {
        Migration v1 = migration("1", "app schema", "create schema app;\n");
        Migration v2 = migration("2", "app orders", """
                set search_path to app;
                create table orders (id int);
                insert into orders values (1);
                set lock_timeout = '5s';
                """);
        SuggestedMigration s = suggest(List.of(v1, v2), List.of("table app.orders", "column app.orders.id"));
        assertEquals(List.of("set search_path to app;", "create table if not exists orders (id int);"),
                s.statements());
        assertTrue(s.sql().contains("--   left out: line 4: set lock_timeout = '5s';\n"), s.sql());
    }

    @Test
    void statementsAfterASessionSettingThatCannotBeKeptAreNotUsed() {
        // a placeholder without a value stays in the text; validate-safe refuses the statement holding it
        Migration v1 = migration("1", "placeholders", """
                create table a (id int);
                set search_path to ${app_schema};
                create table b (id int);
                """);
        List<String> absent = createdBy(List.of(v1), r -> r.member() == null);
        assertEquals(List.of("table public.a", "table public.b"), absent);
        SuggestedMigration s = suggest(List.of(v1), absent);
        assertEquals(List.of("create table if not exists a (id int);"), s.statements());
        assertEquals(List.of("table public.b"), s.notCovered());
        assertTrue(s.sql().contains("--   table public.b: it is created by line 3, which depends on the session"
                + " setting of line 2, which would not pass validate-safe (require-placeholder-value)"), s.sql());
        assertTrue(s.sql().contains("set search_path to $ {app_schema};"), "comments do not carry placeholders");
    }

    @Test
    void anUnnamedConcurrentIndexGetsItsGeneratedNameAndAWarning() {
        Migration v1 = migration("1", "orders", "create table orders (id int, status text);\n");
        Migration v2 = migration("2", "orders status index", "CREATE INDEX CONCURRENTLY ON orders (status);\n");
        SuggestedMigration s = suggest(List.of(v1, v2), List.of("index public.orders_status_idx"));
        assertEquals(List.of("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);"),
                s.statements());
        assertTrue(s.sql().contains("-- It holds CREATE INDEX CONCURRENTLY: it must not run inside a transaction"),
                s.sql());

        Migration plain = migration("2", "orders status index", "create index on orders (status);\n");
        SuggestedMigration p = suggest(List.of(v1, plain), List.of("index public.orders_status_idx"));
        assertFalse(p.sql().contains("CONCURRENTLY"), p.sql());
    }

    @Test
    void theStatementThatLeavesAnObjectInPlaceIsTheOneUsed() {
        Migration v1 = migration("1", "recreate", """
                create table a (id int);
                create table b (id int);
                drop table a;
                create table a (id bigint, note text);
                create table c (id int);
                alter table c rename to d;
                """);
        SuggestedMigration s = suggest(List.of(v1), List.of("table public.a", "column public.a.id",
                "column public.a.note", "table public.d"));
        assertEquals(List.of("create table if not exists a (id bigint, note text);"), s.statements());
        assertEquals(List.of("table public.d"), s.notCovered());
        assertTrue(s.sql().contains("--   table public.d: it is created by line 6 (alter table c rename to d;),"
                + " which also changes existing objects"), s.sql());
    }

    @Test
    void aLongMigrationAttributesEachMissingObjectToItsOwnStatement() {
        StringBuilder sql = new StringBuilder("create table base (id int primary key);\n");
        for (int i = 0; i < 40; i++) {
            sql.append("create table t").append(i).append(" (id int references base (id));\n");
            sql.append("create index t").append(i).append("_id_idx on t").append(i).append(" (id);\n");
            if (i % 10 == 0) {
                sql.append("insert into base values (").append(i).append(");\n");
            }
        }
        Migration v1 = migration("1", "many tables", sql.toString());
        SuggestedMigration s = suggest(List.of(v1), List.of("index public.t7_id_idx", "table public.t31",
                "column public.t31.id", "constraint public.t31.t31_id_fkey", "index public.t39_id_idx"));
        assertEquals(List.of("create index if not exists t7_id_idx on t7 (id);",
                "create table if not exists t31 (id int references base (id));",
                "create index if not exists t39_id_idx on t39 (id);"), s.statements());
        assertEquals(List.of(), s.notCovered());
        assertTrue(s.sql().contains("-- 78 other statements create objects that exist; they are not repeated."),
                s.sql());
        assertTrue(s.sql().contains("--   left out: line 4: insert into base values (0);\n"), s.sql());
    }

    @Test
    void nothingAttributableGivesNoSuggestion() {
        Migration v1 = migration("1", "data only", """
                create table t (id int);
                insert into t values (1);
                """);
        assertEquals(Optional.empty(),
                SuggestedMigration.suggest(List.of(v1), 0, List.of("table public.elsewhere"), NEXT));
        assertEquals(Optional.empty(), SuggestedMigration.suggest(List.of(v1), 0, List.of(), NEXT));

        Migration dynamic = migration("1", "dynamic", """
                do $$ begin
                  create table d (id int);
                exception when duplicate_table then null;
                end $$;
                """);
        List<String> absent = createdBy(List.of(dynamic), r -> true);
        assertEquals(Optional.empty(), SuggestedMigration.suggest(List.of(dynamic), 0, absent, NEXT));
    }

    @Test
    void missingObjectsNoStatementCreatesAreListedAsNotCovered() {
        Migration v1 = migration("1", "mixed", """
                create table a (id int);
                do $$ begin create table b (id int); exception when duplicate_table then null; end $$;
                """);
        List<String> absent = new ArrayList<>(List.of("table public.a", "column public.a.id", "table public.b",
                "table public.nowhere"));
        SuggestedMigration s = suggest(List.of(v1), absent);
        assertEquals(List.of("table public.a", "column public.a.id"), s.creates());
        assertEquals(List.of("table public.b", "table public.nowhere"), s.notCovered());
        assertTrue(s.sql().contains("--   table public.nowhere: no statement of the migration could be read as"
                + " creating it\n"), s.sql());
        assertTrue(s.sql().contains("--   table public.b: it is created by line 2"), s.sql());
    }

    @Test
    void onlyTheEarlierMigrationsAndThePartialOneAreReplayed() {
        Migration v1 = migration("1", "first", "create table a (id int);\n");
        Migration v2 = migration("2", "second", "create table b (id int);\n");
        Migration v3 = migration("3", "third", "create table c (id int);\n");
        Optional<SuggestedMigration> s = SuggestedMigration.suggest(List.of(v1, v2, v3), 1,
                List.of("table public.b", "column public.b.id"), NEXT);
        assertTrue(s.isPresent());
        assertEquals(List.of("create table if not exists b (id int);"), s.get().statements());
        assertEquals("V9__complete_second_safe.sql", s.get().fileName());
        assertThrows(IllegalArgumentException.class,
                () -> SuggestedMigration.suggest(List.of(v1), 1, List.of("table public.a"), NEXT));
    }

    @Test
    void fileNames() {
        Migration plain = migration("3", "Add Orders", "select 1;\n");
        assertEquals("V12__complete_add_orders_safe.sql",
                SuggestedMigration.fileName(FlywayVersion.parse("12"), plain));
        assertEquals("V4.1__complete_add_orders_safe.sql",
                SuggestedMigration.fileName(FlywayVersion.parse("4.1"), plain));

        Migration unicode = migration("3", "Crée la table «Größe» — v2", "select 1;\n");
        assertEquals("V9__complete_cree_la_table_gro_e_v2_safe.sql", SuggestedMigration.fileName(NEXT, unicode));

        Migration noLatin = migration("3.1", "注文テーブル", "select 1;\n");
        assertEquals("V9__complete_v3_1_safe.sql", SuggestedMigration.fileName(NEXT, noLatin));

        String longText = "add the customer loyalty programme tables with their points ledger and history";
        Migration longName = migration("3", longText, "select 1;\n");
        String name = SuggestedMigration.fileName(NEXT, longName);
        String slug = name.substring("V9__complete_".length(), name.length() - "_safe.sql".length());
        assertEquals("add_the_customer_loyalty_programme_tables_with_their_points", slug);
        assertTrue(slug.length() <= SuggestedMigration.MAX_DESCRIPTION, slug);

        // a cut that ends on a separator leaves no trailing underscore
        Migration cut = migration("3", "a".repeat(59) + " b", "select 1;\n");
        assertEquals("V9__complete_" + "a".repeat(59) + "_safe.sql", SuggestedMigration.fileName(NEXT, cut));
        assertEquals("x_y", SuggestedMigration.slug("__X--y__"));
    }

    @Test
    void theHeaderCannotBreakOutOfItsComments() {
        assertEquals("a b $ {x}", SuggestedMigration.commentSafe("a\r\nb ${x}"));
        assertEquals("\"order\"", SuggestedMigration.quoteIdentifier("order"));
        assertEquals("\"Mixed\"", SuggestedMigration.quoteIdentifier("Mixed"));
        assertEquals("\"a\"\"b\"", SuggestedMigration.quoteIdentifier("a\"b"));
        assertEquals("orders_status_idx", SuggestedMigration.quoteIdentifier("orders_status_idx"));
    }

    @Test
    void theSuggestionLintsCleanWhereThePartialMigrationDoesNot() {
        Migration v1 = migration("1", "risky", """
                create table a (id int);
                truncate a;
                create table b (id int);
                drop table a cascade;
                """);
        List<Finding> original = new Linter(LintSettings.defaults())
                .lintSource("V1__risky.sql", v1.text().getBytes(StandardCharsets.UTF_8)).findings();
        assertTrue(original.stream().anyMatch(f -> f.ruleId().equals("ban-drop")), original.toString());
        assertTrue(original.stream().anyMatch(f -> f.ruleId().equals("ban-truncate")), original.toString());

        SuggestedMigration s = suggest(List.of(v1), List.of("table public.b", "column public.b.id"));
        assertEquals(List.of("create table if not exists b (id int);"), s.statements());
        assertTrue(s.fileName().endsWith("_safe.sql"), s.fileName());
        assertEquals(List.of("table public.b", "column public.b.id"), s.creates());
    }
}
