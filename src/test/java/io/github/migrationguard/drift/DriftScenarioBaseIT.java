package io.github.migrationguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.migrationguard.db.ConnectionSettings;
import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseUrls;
import io.github.migrationguard.db.JdbcTarget;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every drift scenario needs: a fresh database, a private copy of a migration set (so a scenario may edit or
 * delete files), real Flyway to build the database and write its history, and a detect-drift run that must leave
 * the database exactly as it found it.
 */
public abstract class DriftScenarioBaseIT {

    /** Flyway placeholders of the scenario sets; detect-drift gets the same values. */
    protected static final Map<String, String> PLACEHOLDERS = Map.of("default_currency", "EUR");

    @TempDir
    protected Path project;

    protected TestDatabase db;

    /** The migration directory of this scenario, inside {@link #project}. */
    protected Path migrations;

    @AfterEach
    protected void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    /** Creates the database and copies the named set from {@code src/test/resources/drift-scenarios/<set>}. */
    protected void prepare(String set) throws IOException {
        prepare(set, "drift" + set);
    }

    /** Like {@link #prepare(String)}, with the database name starting {@code mg_<databasePrefix>_}. */
    protected void prepare(String set, String databasePrefix) throws IOException {
        db = TestDatabases.create(databasePrefix);
        migrations = project.resolve("src/main/resources/db/migration");
        Files.createDirectories(migrations);
        Path source = resource("drift-scenarios/" + set);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.sorted().toList()) {
                Files.copy(file, migrations.resolve(file.getFileName().toString()));
            }
        }
    }

    private static Path resource(String name) {
        URL url = DriftScenarioBaseIT.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    protected FluentConfiguration flyway() {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + migrations).placeholders(PLACEHOLDERS).cleanDisabled(true);
    }

    /** Real {@code flyway migrate} of the scenario's files. */
    protected void migrate() {
        flyway().load().migrate();
    }

    protected DriftSettings settings() {
        return settings(null);
    }

    protected DriftSettings settings(JdbcTarget shadow) {
        return new DriftSettings(project, List.of("src/main/resources/db/migration"), List.of(), List.of(),
                PLACEHOLDERS, Set.of(), null, List.of(), shadow);
    }

    /** The test server itself (its maintenance database), as a shadow target. */
    protected static JdbcTarget testServerAsShadow() throws Exception {
        TestDatabases.Server server = TestDatabases.server();
        return DatabaseUrls.resolve(new ConnectionSettings(server.url(), server.user(), server.password(),
                "migrationGuard.shadowUrl"));
    }

    /** Runs detect-drift with the default settings and checks that it changed nothing. */
    protected DriftReport detect() throws Exception {
        return detect(settings());
    }

    /** Runs detect-drift and checks that the history, the application tables and the schema are unchanged. */
    protected DriftReport detect(DriftSettings settings) throws Exception {
        Snapshot before = snapshot();
        DriftReport report;
        try (Connection c = Connections.open(db.settings())) {
            report = new DriftDetector(settings).detect(c);
        }
        Snapshot after = snapshot();
        assertEquals(before, after, "detect-drift must not change the database");
        return report;
    }

    /** One finding as the scenarios state it: kind, migration, object. */
    public record Expected(DriftKind kind, String migration, String object) {
        @Override
        public String toString() {
            return kind + " " + migration + " " + object;
        }
    }

    protected static Expected finding(DriftKind kind, String migration, String object) {
        return new Expected(kind, migration, object);
    }

    /** The report's findings must be exactly these (as a multiset: a duplicate is a failure too). */
    protected static void assertFindings(DriftReport report, Expected... expected) {
        assertFalse(report.migrationInProgress(), "no migration is running");
        Comparator<Expected> order = Comparator.comparing(Expected::toString);
        List<Expected> want = Stream.of(expected).sorted(order).toList();
        List<Expected> got = report.findings().stream()
                .map(f -> new Expected(f.kind(), f.migration(), f.object())).sorted(order).toList();
        assertEquals(want.stream().map(Expected::toString).collect(Collectors.joining("\n")),
                got.stream().map(Expected::toString).collect(Collectors.joining("\n")),
                () -> "findings differ; the report said:\n" + describe(report));
    }

    protected static String describe(DriftReport report) {
        StringBuilder s = new StringBuilder();
        for (DriftFinding f : report.findings()) {
            s.append("  ").append(f.kind()).append(" | ").append(f.migration()).append(" | ").append(f.object())
                    .append(" | ").append(f.detail()).append(" | ").append(f.recommendedAction()).append('\n');
        }
        return s.append("  (").append(report.findings().size()).append(" findings, history ")
                .append(report.historyTable()).append(", expected from ").append(report.expectedSource())
                .append(", ").append(report.migrations()).append(" migrations, ").append(report.applied())
                .append(" applied)").toString();
    }

    /** Some rows in the application tables, so that "unchanged" means something. */
    protected void seed() throws SQLException {
        db.execute("""
                INSERT INTO users (email, display_name, is_active) VALUES
                    ('ada@example.com', 'Ada', true), ('bob@example.com', 'Bob', false);
                INSERT INTO app.orders (user_id, status, total_cents) VALUES (1, 'paid', 1250), (1, 'new', 0),
                    (2, 'shipped', 990);
                INSERT INTO app.order_items (order_id, line_no, sku, quantity, price_cents) VALUES
                    (1, 1, 'TEA-01', 2, 500), (1, 2, 'MUG-02', 1, 250), (3, 1, 'TEA-01', 1, 990);
                INSERT INTO "Billing"."Invoice" (orderid, "AmountCents") VALUES (1, 1250);
                INSERT INTO app.shipments (order_id, tracking_code) VALUES (3, 'TRK123'), (1, NULL);
                INSERT INTO products (sku, name, price_cents, tags) VALUES ('TEA-01', 'Green tea', 500, '{tea}'),
                    ('MUG-02', 'Mug', 250, DEFAULT);
                INSERT INTO product_reviews (sku, rating, body) VALUES ('TEA-01', 5, 'Lovely');
                UPDATE users SET display_name = 'Ada L.' WHERE id = 1;
                """);
    }

    /** Everything detect-drift must leave alone. */
    public record Snapshot(String history, Map<String, String> tables, String catalog) {
    }

    protected Snapshot snapshot() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            String history = null;
            try (ResultSet rs = st.executeQuery("select pg_catalog.to_regclass('public.flyway_schema_history')")) {
                rs.next();
                if (rs.getString(1) != null) {
                    try (ResultSet h = st.executeQuery("select count(*) || ':' || coalesce(md5(string_agg(t::text, "
                            + "'|' order by installed_rank)), '') from public.flyway_schema_history t")) {
                        h.next();
                        history = h.getString(1);
                    }
                }
            }
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select pg_catalog.quote_ident(n.nspname) || '.' || "
                    + "pg_catalog.quote_ident(c.relname) from pg_catalog.pg_class c join pg_catalog.pg_namespace n "
                    + "on n.oid = c.relnamespace where c.relkind in ('r', 'p') and n.nspname not like 'pg\\_%' "
                    + "and n.nspname <> 'information_schema' order by 1")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            Map<String, String> tables = new LinkedHashMap<>();
            for (String name : names) {
                try (ResultSet rs = st.executeQuery("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' "
                        + "order by t::text)), '') from " + name + " t")) {
                    rs.next();
                    tables.put(name, rs.getString(1));
                }
            }
            String catalog;
            try (ResultSet rs = st.executeQuery("""
                    select md5(string_agg(x, '|' order by x)) from (
                      select c.oid::regclass::text || ':' || c.relkind::text || ':' || c.relnatts as x
                        from pg_catalog.pg_class c
                        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                        where n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
                      union all
                      select a.attrelid::regclass::text || '.' || a.attname || ':' || a.atttypid || ':'
                             || a.attnotnull || ':' || a.attisdropped
                        from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid
                        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                        where a.attnum > 0 and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
                      union all
                      select conrelid::regclass::text || '.' || conname || ':' || convalidated
                        from pg_catalog.pg_constraint where connamespace not in
                          (select oid from pg_catalog.pg_namespace where nspname like 'pg\\_%')
                      union all
                      select 'schema ' || nspname from pg_catalog.pg_namespace
                    ) s""")) {
                rs.next();
                catalog = rs.getString(1);
            }
            return new Snapshot(history, tables, catalog);
        }
    }

    /** Names of the databases on the test server. */
    protected static Set<String> databases() throws SQLException {
        TestDatabases.Server server = TestDatabases.server();
        java.util.Properties p = new java.util.Properties();
        if (server.user() != null) {
            p.setProperty("user", server.user());
        }
        if (server.password() != null) {
            p.setProperty("password", server.password());
        }
        try (Connection c = new org.postgresql.Driver().connect(server.url(), p); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select datname from pg_catalog.pg_database")) {
            Set<String> names = new java.util.TreeSet<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
