package io.github.migrationguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.history.HistoryTable.Role;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTablesIT {

    @TempDir
    Path dir;

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.create("hist");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private List<HistoryTable> detect() throws Exception {
        try (Connection c = Connections.open(db.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
            return HistoryTables.detect(session.connection(), Masking.none());
        }
    }

    @Test
    void findsEveryToolsTableInOneQueryAndSaysWhichToolItIs() throws Exception {
        Files.writeString(dir.resolve("V1__init.sql"), "create table users (id int);\n");
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("filesystem:" + dir)
                .load().migrate();
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("filesystem:" + dir)
                .schemas("billing").table("billing_history").load().migrate();
        db.execute("""
                create schema golang;
                create table golang.schema_migrations (version bigint not null primary key, dirty boolean not null);
                insert into golang.schema_migrations values (20240105120000, false);
                create schema dbm;
                create table dbm.schema_migrations (version varchar(128) primary key);
                insert into dbm.schema_migrations values ('20240105120000'), ('20240101000000'), ('99');
                create schema rails;
                create table rails.schema_migrations (version character varying not null primary key);
                create table rails.ar_internal_metadata (key varchar primary key, value varchar);
                create schema supabase_migrations;
                create table supabase_migrations.schema_migrations (version text primary key, statements text[],
                    name text);
                insert into supabase_migrations.schema_migrations values ('20240102030405', null, 'create_users');
                create schema ecto;
                create table ecto.schema_migrations (version bigint primary key, inserted_at timestamp);
                create table public.audit_log (id int, dirty boolean);
                create table public.migration_guard_audit (id int);
                create table public.databasechangelog (id text, author text, filename text);
                """);

        List<HistoryTable> found = detect();
        assertEquals(List.of(
                "billing.billing_history FLYWAY HISTORY",
                "dbm.schema_migrations DBMATE HISTORY",
                "golang.schema_migrations GOLANG_MIGRATE HISTORY",
                "public.databasechangelog LIQUIBASE HISTORY",
                "public.flyway_schema_history FLYWAY HISTORY",
                "public.migration_guard_audit MIGRATION_GUARD AUXILIARY",
                "rails.ar_internal_metadata RAILS AUXILIARY",
                "rails.schema_migrations RAILS HISTORY",
                "supabase_migrations.schema_migrations SUPABASE HISTORY"),
                found.stream().map(t -> t.qualifiedName() + " " + t.tool() + " " + t.role()).toList());

        assertEquals(Optional.of("public.flyway_schema_history"),
                HistoryTables.preferred(found, "public").map(HistoryTable::qualifiedName));
        assertEquals(Optional.of("billing.billing_history"),
                HistoryTables.preferred(found, "billing").map(HistoryTable::qualifiedName));
        assertTrue(HistoryTables.preferred(found, "elsewhere").isEmpty(), "two Flyway tables: ambiguous");
    }

    @Test
    void genericHistoriesAreReadInVersionOrder() throws Exception {
        db.execute("""
                create schema golang;
                create table golang.schema_migrations (version bigint not null primary key, dirty boolean not null);
                insert into golang.schema_migrations values (20240105120000, true);
                create schema dbm;
                create table dbm.schema_migrations (version varchar(128) primary key);
                insert into dbm.schema_migrations values ('20240105120000'), ('20240101000000'), ('99');
                create schema supabase_migrations;
                create table supabase_migrations.schema_migrations (version text primary key, statements text[],
                    name text);
                insert into supabase_migrations.schema_migrations values ('20240102030405', null, 'create_users');
                """);
        List<HistoryTable> found = detect();
        assertTrue(HistoryTables.preferred(found, "public").isEmpty(), "three generic histories: ambiguous");
        try (Connection c = Connections.open(db.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
            HistoryTable golang = found.stream().filter(t -> t.tool() == HistoryTool.GOLANG_MIGRATE).findFirst()
                    .orElseThrow();
            List<GenericHistory.Row> g = GenericHistory.forTable(golang).orElseThrow()
                    .read(session.connection(), Masking.none());
            assertEquals(List.of(new GenericHistory.Row("20240105120000", null, true)), g);
            assertTrue(golang.tool().storesOnlyLatestVersion());

            List<GenericHistory.Row> d = GenericHistory.dbmate("dbm").read(session.connection(), Masking.none());
            assertEquals(List.of("99", "20240101000000", "20240105120000"),
                    d.stream().map(GenericHistory.Row::version).toList());
            assertNull(d.get(0).dirty());

            List<GenericHistory.Row> s = GenericHistory.supabase().read(session.connection(), Masking.none());
            assertEquals(List.of(new GenericHistory.Row("20240102030405", "create_users", null)), s);
        }
    }

    @Test
    void anEmptyDatabaseHasNoHistoryTables() throws Exception {
        assertTrue(detect().isEmpty());
        assertFalse(HistoryTables.preferred(List.of(), "public").isPresent());
        assertEquals(Role.HISTORY, new HistoryTable("a", "b", HistoryTool.FLYWAY, Role.HISTORY).role());
    }
}
