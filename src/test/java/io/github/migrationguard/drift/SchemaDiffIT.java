package io.github.migrationguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.schema.CatalogReader;
import io.github.migrationguard.schema.Column;
import io.github.migrationguard.schema.Column.Generated;
import io.github.migrationguard.schema.Column.Identity;
import io.github.migrationguard.schema.Constraint;
import io.github.migrationguard.schema.Index;
import io.github.migrationguard.schema.QualifiedName;
import io.github.migrationguard.schema.Schema;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.Sequence;
import io.github.migrationguard.schema.Table;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real databases built by real Flyway from the same migrations; one of them then drifts by hand. The diff of their
 * catalogs must name exactly the drift, and nothing when there is none.
 */
class SchemaDiffIT {

    private static final String V1 = """
            create table users (
              id serial primary key,
              email varchar(320) not null,
              name text,
              created_at timestamptz not null default now(),
              status text default 'active'
            );
            create unique index idx_users_email on users (email);
            create table orders (
              id bigint generated always as identity primary key,
              user_id int not null references users(id),
              total numeric(12,2) not null default 0,
              note text
            );
            create index idx_orders_user on orders (user_id);
            create table tags (name text primary key);
            """;

    private static final String V2 = """
            create table audit_log (id bigserial primary key, at timestamptz default now());
            alter table users add constraint users_status_check check (status in ('active', 'blocked', 'new'));
            create index on orders (total) where total > 100;
            """;

    @TempDir
    Path migrations;

    private TestDatabase expectedDb;
    private TestDatabase liveDb;

    @BeforeEach
    void createDatabases() throws Exception {
        Files.writeString(migrations.resolve("V1__users_orders_tags.sql"), V1);
        Files.writeString(migrations.resolve("V2__audit.sql"), V2);
        expectedDb = TestDatabases.create("diffexpected");
        liveDb = TestDatabases.create("difflive");
        migrate(expectedDb);
        migrate(liveDb);
    }

    @AfterEach
    void dropDatabases() {
        expectedDb.close();
        liveDb.close();
    }

    private void migrate(TestDatabase db) {
        Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + migrations.toAbsolutePath()).load().migrate();
    }

    private static SchemaModel read(TestDatabase db) throws Exception {
        try (Connection c = Connections.open(db.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
            return CatalogReader.read(session.connection(), Set.of()).model();
        }
    }

    private static DriftFinding finding(DriftKind kind, String object, String detail, String action) {
        return new DriftFinding(kind, null, object, detail, action);
    }

    @Test
    void databasesBuiltByTheSameMigrationsHaveNoDrift() throws Exception {
        SchemaModel expected = read(expectedDb);
        SchemaModel live = read(liveDb);
        assertEquals(List.of(), SchemaDiff.diff(expected, live, List.of()));
        assertEquals(List.of(), SchemaDiff.diff(live, live, List.of()));
        assertTrue(live.tables().size() >= 4, "the comparison saw the tables: " + live);
    }

    @Test
    void everyObjectKindBuiltTwiceHasNoDrift() throws Exception {
        try (TestDatabase a = TestDatabases.create("diffkinds"); TestDatabase b = TestDatabases.create("diffkinds")) {
            for (TestDatabase db : List.of(a, b)) {
                Flyway.configure().dataSource(db.url(), db.user(), db.password())
                        .locations("classpath:io/github/migrationguard/schema").load().migrate();
            }
            SchemaModel ma = read(a);
            assertEquals(List.of(), SchemaDiff.diff(ma, read(b), List.of()));
            assertTrue(ma.views().size() >= 3 && ma.functions().size() >= 3 && !ma.policies().isEmpty());
        }
    }

    @Test
    void handMadeDriftIsNamedExactly() throws Exception {
        liveDb.execute("""
                alter table users add column last_login timestamptz;
                create index idx_users_created on users (created_at);
                alter table users rename column name to full_name;
                alter table orders drop column note;
                drop table tags;
                drop index idx_orders_user;
                alter table users alter column email type text;
                alter table users alter column status set default 'new';
                alter table orders alter column total drop not null;
                insert into audit_log (at) values ('2024-01-01'), ('2024-01-01');
                """);
        SQLException failed = assertThrows(SQLException.class,
                () -> liveDb.execute("create unique index concurrently idx_audit_at on audit_log (at)"));
        assertEquals("23505", failed.getSQLState(), "the duplicate rows make the unique index fail");

        List<DriftFinding> findings = SchemaDiff.diff(read(expectedDb), read(liveDb), List.of());

        assertEquals(List.of(
                finding(DriftKind.MISSING_OBJECT, "column public.orders.note", "column note text does not exist",
                        "write a *_safe.sql migration that adds column public.orders.note again (ADD COLUMN IF NOT "
                                + "EXISTS), or find out who dropped it"),
                finding(DriftKind.MISSING_OBJECT, "column public.users.name",
                        "column name does not exist; possibly renamed to full_name (same type text)",
                        "if it was renamed by hand, rename it back (ALTER TABLE public.users RENAME COLUMN full_name "
                                + "TO name) or write a *_safe.sql migration that renames it"),
                finding(DriftKind.MISSING_OBJECT, "index public.idx_orders_user",
                        "index idx_orders_user on public.orders does not exist",
                        "write a *_safe.sql migration that creates index public.idx_orders_user again (CREATE INDEX "
                                + "CONCURRENTLY IF NOT EXISTS), or find out who dropped it"),
                finding(DriftKind.MISSING_OBJECT, "table public.tags", "table public.tags does not exist",
                        "write a *_safe.sql migration that creates table public.tags again (CREATE TABLE IF NOT "
                                + "EXISTS), or find out who dropped it"),
                finding(DriftKind.EXTRA_OBJECT, "column public.users.full_name",
                        "no migration creates column full_name text; possibly renamed from name",
                        "write a *_safe.sql migration that adds column public.users.full_name (ADD COLUMN IF NOT "
                                + "EXISTS) so the migrations match the database, or drop the column by hand"),
                finding(DriftKind.EXTRA_OBJECT, "column public.users.last_login",
                        "no migration creates column last_login timestamp with time zone",
                        "write a *_safe.sql migration that adds column public.users.last_login (ADD COLUMN IF NOT "
                                + "EXISTS) so the migrations match the database, or drop the column by hand"),
                finding(DriftKind.EXTRA_OBJECT, "index public.idx_users_created",
                        "no migration creates index idx_users_created (CREATE INDEX idx_users_created ON "
                                + "public.users USING btree (created_at))",
                        "drop the index by hand or add a migration that creates it (CREATE INDEX CONCURRENTLY IF "
                                + "NOT EXISTS)"),
                finding(DriftKind.CHANGED_OBJECT, "column public.orders.total",
                        "nullability: expected NOT NULL, found nullable",
                        "write a *_safe.sql migration that alters column public.orders.total to the definition you "
                                + "want, so the migrations and the database agree"),
                finding(DriftKind.CHANGED_OBJECT, "column public.users.email",
                        "type: expected character varying(320), found text",
                        "write a *_safe.sql migration that alters column public.users.email to the definition you "
                                + "want, so the migrations and the database agree"),
                finding(DriftKind.CHANGED_OBJECT, "column public.users.status",
                        "default: expected 'active'::text, found 'new'::text",
                        "write a *_safe.sql migration that alters column public.users.status to the definition you "
                                + "want, so the migrations and the database agree"),
                finding(DriftKind.INVALID_INDEX, "index public.idx_audit_at",
                        "index idx_audit_at on public.audit_log is invalid (indisvalid = false, typically left by a "
                                + "failed CREATE INDEX CONCURRENTLY): it slows writes and is never used by queries; "
                                + "no migration creates it",
                        "drop it by hand (DROP INDEX CONCURRENTLY public.idx_audit_at)")), findings);

        // the same drift, with the hand-made objects ignored
        List<DriftFinding> filtered = SchemaDiff.diff(read(expectedDb), read(liveDb),
                List.of(java.util.regex.Pattern.compile("last_login|idx_users_created|idx_audit_at")));
        assertEquals(findings.size() - 3, filtered.size());
    }

    /**
     * An expected schema written by hand the way migrations spell it (what replaying the DDL yields) against the
     * database those migrations built: no drift.
     */
    @Test
    void migrationSpellingsMatchTheDatabaseTheyBuilt() throws Exception {
        QualifiedName users = new QualifiedName("public", "users");
        QualifiedName orders = new QualifiedName("public", "orders");
        QualifiedName tags = new QualifiedName("public", "tags");
        QualifiedName audit = new QualifiedName("public", "audit_log");
        List<Table> tables = List.of(
                table(users, col("id", 1, "serial", true, null), col("email", 2, "varchar(320)", true, null),
                        col("name", 3, "text", false, null), col("created_at", 4, "timestamptz", true, "now()"),
                        col("status", 5, "text", false, "'active'")),
                table(orders, new Column("id", 1, "bigint", true, null, Identity.ALWAYS, Generated.NONE, null, null,
                                true), col("user_id", 2, "int", true, null),
                        col("total", 3, "numeric(12,2)", true, "0"), col("note", 4, "text", false, null)),
                table(tags, col("name", 1, "text", true, null)),
                table(audit, col("id", 1, "bigserial", true, null), col("at", 2, "timestamptz", false, "now()")));
        List<Constraint> constraints = List.of(
                constraint(users, "users_pkey", Constraint.Type.PRIMARY_KEY, "primary key (id)"),
                constraint(users, "users_status_check", Constraint.Type.CHECK,
                        "check (status in ('active', 'blocked', 'new'))"),
                constraint(orders, "orders_pkey", Constraint.Type.PRIMARY_KEY, "primary key (id)"),
                constraint(orders, "orders_user_id_fkey", Constraint.Type.FOREIGN_KEY,
                        "foreign key (user_id) references users(id)"),
                constraint(tags, "tags_pkey", Constraint.Type.PRIMARY_KEY, "primary key (name)"),
                constraint(audit, "audit_log_pkey", Constraint.Type.PRIMARY_KEY, "primary key (id)"));
        List<Index> indexes = List.of(
                index(users, "idx_users_email", "create unique index idx_users_email on users (email)"),
                index(orders, "idx_orders_user", "create index idx_orders_user on orders (user_id)"),
                index(orders, "orders_total_idx", "create index on orders (total) where total > 100"));
        List<Sequence> sequences = List.of(
                new Sequence("public", "users_id_seq", "integer", 1, 1, 1, Integer.MAX_VALUE, 1, false, users, "id",
                        false),
                new Sequence("public", "audit_log_id_seq", "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, audit, "id",
                        false));
        SchemaModel expected = new SchemaModel(List.of(new Schema("public", "whoever")), tables, constraints, indexes,
                sequences, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        assertEquals(List.of(), SchemaDiff.diff(expected, read(liveDb), List.of()));
    }

    private static Column col(String name, int position, String type, boolean notNull, String dflt) {
        return new Column(name, position, type, notNull, dflt, Identity.NONE, Generated.NONE, null, null, true);
    }

    private static Table table(QualifiedName q, Column... columns) {
        return new Table(q.schema(), q.name(), Table.Kind.TABLE, List.of(columns), null, null, null, false, false,
                false, "whoever");
    }

    private static Constraint constraint(QualifiedName t, String name, Constraint.Type type, String definition) {
        return new Constraint(t, name, type, definition, List.of(), null, List.of(), false, false, true, true, null);
    }

    private static Index index(QualifiedName t, String name, String definition) {
        return new Index(t.schema(), name, t, definition, "btree", definition.contains("unique"), false, false, true,
                true, List.of(), List.of(), null, null, false);
    }
}
