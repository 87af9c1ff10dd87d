package io.github.migrationguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.ConnectionSettings;
import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.db.DatabaseUrls;
import io.github.migrationguard.db.JdbcTarget;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.schema.CatalogReader;
import io.github.migrationguard.schema.Column;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.Table;
import io.github.migrationguard.schema.replay.ReplayInput;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.Server;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShadowDatabaseIT {

    private static final Pattern SHADOW_NAME = Pattern.compile("migration_guard_shadow_\\d{14}_[0-9a-f]{8}");

    private static final ReplayInput V1 = new ReplayInput("V1__users.sql", """
            create table users (id serial primary key, email varchar(320) not null, name text);
            create unique index users_email_idx on users (email);
            -- data through the COPY protocol
            copy users (email, name) from stdin;
            a@example.com\talice
            b@example.com\tbob
            \\.
            do $$ begin
              if (select count(*) from users) <> 2 then raise exception 'COPY lost rows'; end if;
            end $$;
            -- the shadow's own name, as a table, so the test can look for the database afterwards
            do $$ begin execute format('create table %I (x int)', current_database()); end $$;
            create schema app;
            set search_path = app;
            """);

    private static final ReplayInput V2 = new ReplayInput("V2__orders.sql", """
            create table orders (id bigint generated always as identity primary key,
                                 user_id int not null references users(id));
            create index concurrently orders_user_idx on orders (user_id);
            begin;
            alter table users add column created_at timestamptz default now();
            """);

    private TestDatabase target;
    private DatabaseIdentity targetIdentity;

    @BeforeEach
    void createTarget() throws Exception {
        target = TestDatabases.create("shadowtarget");
        try (Connection c = target.connect()) {
            targetIdentity = DatabaseIdentity.read(c);
        }
    }

    @AfterEach
    void dropTarget() {
        target.close();
    }

    private static JdbcTarget shadowAt(String url) throws DatabaseAccessException {
        Server s = TestDatabases.server();
        return DatabaseUrls.resolve(new ConnectionSettings(url, s.user(), s.password(), "migrationGuard.shadowUrl"));
    }

    private static JdbcTarget shadowServer() throws DatabaseAccessException {
        return shadowAt(TestDatabases.server().url());
    }

    private static boolean databaseExists(String name) throws SQLException {
        Server s = TestDatabases.server();
        Properties p = new Properties();
        if (s.user() != null) {
            p.setProperty("user", s.user());
        }
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        try (Connection c = new org.postgresql.Driver().connect(s.url(), p);
             PreparedStatement ps = c.prepareStatement("select count(*) from pg_catalog.pg_database where datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    private static String shadowNameIn(SchemaModel model) {
        return model.tables().stream().map(Table::name).filter(n -> SHADOW_NAME.matcher(n).matches()).findFirst()
                .orElseThrow(() -> new AssertionError("the migration recorded no shadow name: " + model.tables()));
    }

    @Test
    void appliesTheMigrationsReadsTheSchemaAndDropsTheShadow() throws Exception {
        SchemaModel model = ShadowDatabase.build(shadowServer(), targetIdentity, List.of(V1, V2), Set.of());

        Table users = model.table("public", "users").orElseThrow();
        assertEquals(List.of("id", "email", "name", "created_at"), users.columns().stream().map(Column::name).toList());
        assertEquals("character varying(320)", users.column("email").orElseThrow().type());
        assertEquals("nextval('public.users_id_seq'::regclass)", users.column("id").orElseThrow().defaultExpression());
        // a fresh session per migration: V1's search_path did not put V2's table into app
        assertTrue(model.table("public", "orders").isPresent());
        assertTrue(model.table("app", "orders").isEmpty());
        assertTrue(model.index("public", "orders_user_idx").orElseThrow().valid());
        assertTrue(model.constraints().stream().anyMatch(c -> c.name().equals("orders_user_id_fkey")));

        String shadow = shadowNameIn(model);
        assertFalse(databaseExists(shadow), "the shadow database " + shadow + " must be dropped");

        // the shadow of the migrations equals a database the same migrations built
        target.execute(V1.sql().replace("copy users (email, name) from stdin;\na@example.com\talice\n"
                + "b@example.com\tbob\n\\.\n", "insert into users (email, name) values ('a@example.com', 'alice'),"
                + " ('b@example.com', 'bob');\n").replace("set search_path = app;", "")
                .replace("current_database()", "'" + shadow + "'"));
        target.execute("create table orders (id bigint generated always as identity primary key,"
                + " user_id int not null references users(id)); create index orders_user_idx on orders (user_id);"
                + " alter table users add column created_at timestamptz default now();");
        SchemaModel live;
        try (Connection c = Connections.open(target.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
            live = CatalogReader.read(session.connection(), Set.of()).model();
        }
        assertEquals(List.of(), SchemaDiff.diff(model, live, List.of()));
    }

    @Test
    void onlyTheRequestedSchemasAreRead() throws Exception {
        SchemaModel model = ShadowDatabase.build(shadowServer(), targetIdentity, List.of(V1), Set.of("app"));
        assertEquals(List.of(), model.tables());
        assertEquals(List.of("app"), model.schemas().stream().map(s -> s.name()).toList());
    }

    @Test
    void aFailingMigrationNamesScriptAndLineAndTheShadowIsDropped() throws Exception {
        ReplayInput bad = new ReplayInput("V3__bad.sql", """
                -- a good statement, then a bad one
                alter table users add column nickname text;

                insert into users (email)
                  select no_such_function(1);
                create table never (id int);
                """);
        ShadowDatabase.MigrationFailedException e = assertThrows(ShadowDatabase.MigrationFailedException.class,
                () -> ShadowDatabase.build(shadowServer(), targetIdentity, List.of(V1, V2, bad), Set.of()));
        assertEquals("V3__bad.sql", e.script());
        assertEquals(5, e.line(), "the line of the error position, not of the statement start");
        assertTrue(e.getMessage().startsWith("Migration V3__bad.sql failed at line 5 while building the shadow "
                + "database migration_guard_shadow_"), e.getMessage());
        assertTrue(e.getMessage().contains("function no_such_function(integer) does not exist; hint: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("[SQLState 42883]"), e.getMessage());
        assertTrue(e.getMessage().contains(" (migrationGuard.shadowUrl): "), e.getMessage());
        Matcher m = SHADOW_NAME.matcher(e.getMessage());
        assertTrue(m.find());
        assertFalse(databaseExists(m.group()), "the shadow database " + m.group() + " must be dropped");
        assertEquals(0, e.getSuppressed().length, "dropping worked");
    }

    @Test
    void psqlMetaCommandsAndUnterminatedTextAreRefusedWithTheirLine() throws Exception {
        ReplayInput meta = new ReplayInput("V2__meta.sql", "create table a (id int);\n\\set ON_ERROR_STOP on\n"
                + "create table b (id int);\n");
        ShadowDatabase.MigrationFailedException e = assertThrows(ShadowDatabase.MigrationFailedException.class,
                () -> ShadowDatabase.build(shadowServer(), targetIdentity, List.of(V1, meta), Set.of()));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("psql meta-command \\set ON_ERROR_STOP on cannot be applied over JDBC"),
                e.getMessage());
        Matcher m = SHADOW_NAME.matcher(e.getMessage());
        assertTrue(m.find());
        assertFalse(databaseExists(m.group()));

        ReplayInput open = new ReplayInput("V2__open.sql", "create table a (id int);\n\ninsert into a values ('x);\n");
        e = assertThrows(ShadowDatabase.MigrationFailedException.class,
                () -> ShadowDatabase.build(shadowServer(), targetIdentity, List.of(open), Set.of()));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
    }

    @Test
    void aShadowThatIsTheTargetIsRefused() throws Exception {
        DatabaseAccessException same = assertThrows(DatabaseAccessException.class,
                () -> ShadowDatabase.build(shadowAt(target.url()), targetIdentity, List.of(V1), Set.of()));
        assertEquals(DatabaseAccessException.Reason.INVALID_SETTINGS, same.reason());
        assertTrue(same.getMessage().startsWith("Refusing to use the shadow database: migrationGuard.shadowUrl "
                + "points at the database being checked, " + target.name()),
                same.getMessage());

        // another spelling of the same local server: localhost instead of the address, no port
        String local = target.url().replaceFirst("//[^/]+/", "//localhost/");
        if (targetIdentity.serverPort() != null && targetIdentity.serverPort() == 5432) {
            local = target.url().replaceFirst("//[^/:]+(:5432)?/", "//localhost/");
        }
        String spelled = local;
        DatabaseAccessException other = assertThrows(DatabaseAccessException.class,
                () -> ShadowDatabase.build(shadowAt(spelled), targetIdentity, List.of(V1), Set.of()));
        assertTrue(other.getMessage().contains("shadowUrl"), other.getMessage());

        // the same database name on the same server, seen only after connecting (the URL names another host)
        DatabaseIdentity elsewhere = new DatabaseIdentity(target.name(), "u", "10.1.2.3", 5432, "public", "", "15",
                150000, false, false);
        SchemaModel fine = ShadowDatabase.build(shadowServer(), elsewhere, List.of(), Set.of());
        assertNotNull(fine, "a different database name on a remote server is not the target");
    }

    @Test
    void anUnknownMaintenanceDatabaseFallsBackToPostgres() throws Exception {
        String url = ShadowDatabase.withDatabase(TestDatabases.server().url(), "no_such_database_here");
        SchemaModel model = ShadowDatabase.build(shadowAt(url), targetIdentity, List.of(V1), Set.of());
        assertTrue(model.table("public", "users").isPresent());
    }

    /** A URL of another driver that connects to PostgreSQL underneath, the way Testcontainers' jdbc:tc: does. */
    @Test
    void aWrappingDriverUrlReachesTheServerBehindIt() throws Exception {
        Driver proxy = new ProxyDriver(TestDatabases.server().url());
        DriverManager.registerDriver(proxy);
        try {
            Server s = TestDatabases.server();
            Properties props = new Properties();
            if (s.user() != null) {
                props.setProperty("user", s.user());
            }
            if (s.password() != null) {
                props.setProperty("password", s.password());
            }
            JdbcTarget wrapped = new JdbcTarget("jdbc:mgproxy:anything", props, List.of(), null, s.user(), null,
                    "migrationGuard.shadowUrl", List.of(), Masking.none());
            SchemaModel model = ShadowDatabase.build(wrapped, targetIdentity, List.of(V1, V2), Set.of());
            assertTrue(model.table("public", "orders").isPresent());
            assertFalse(databaseExists(shadowNameIn(model)));
        } finally {
            DriverManager.deregisterDriver(proxy);
        }
    }

    @Test
    void helpers() {
        assertEquals("jdbc:postgresql://h:1,k:2/x?ssl=true",
                ShadowDatabase.withDatabase("jdbc:postgresql://h:1,k:2/db?ssl=true", "x"));
        assertEquals("jdbc:postgresql://h/x", ShadowDatabase.withDatabase("jdbc:postgresql://h", "x"));
        assertEquals("jdbc:postgresql:x?u=1", ShadowDatabase.withDatabase("jdbc:postgresql:db?u=1", "x"));
        assertEquals("a\tb\n", ShadowDatabase.withoutEndMarker("a\tb\n\\.\n"));
        assertEquals("a\tb\r\n", ShadowDatabase.withoutEndMarker("a\tb\r\n\\.\r\n"));
        assertEquals("", ShadowDatabase.withoutEndMarker("\\.\n"));
        assertEquals("a\n", ShadowDatabase.withoutEndMarker("a\n"));
        assertTrue(ShadowDatabase.isLocal(null));
        assertTrue(ShadowDatabase.isLocal("127.0.0.1"));
        assertTrue(ShadowDatabase.isLocal("::1"));
        assertTrue(ShadowDatabase.isLocal("[::1]"));
        assertTrue(ShadowDatabase.isLocal("LOCALHOST"));
        assertFalse(ShadowDatabase.isLocal("10.0.0.1"));
        assertFalse(ShadowDatabase.isLocal("db.example.com"));
        // no container was started for this URL: no password to find
        assertEquals(null, ShadowDatabase.testcontainersPassword("jdbc:tc:postgresql:15:///x"));
        assertEquals(null, ShadowDatabase.testcontainersPassword("jdbc:postgresql://h/x"));
    }

    /** Accepts {@code jdbc:mgproxy:} and connects to a fixed PostgreSQL URL, like a container driver. */
    private static final class ProxyDriver implements Driver {
        private final String realUrl;

        ProxyDriver(String realUrl) {
            this.realUrl = realUrl;
        }

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            return acceptsURL(url) ? new org.postgresql.Driver().connect(realUrl, info) : null;
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.startsWith("jdbc:mgproxy:");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }
    }
}
