package io.github.migrationguard.schema.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.history.HistoryTable;
import io.github.migrationguard.schema.CatalogRead;
import io.github.migrationguard.schema.CatalogReader;
import io.github.migrationguard.schema.Column;
import io.github.migrationguard.schema.Constraint;
import io.github.migrationguard.schema.Index;
import io.github.migrationguard.schema.Policy;
import io.github.migrationguard.schema.QualifiedName;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.Table;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Builds a database with real Flyway from a realistic migration set (every normalisation case of detect-drift:
 * serial, int4/integer, varchar/character varying, timestamptz, mixed case and quoted identifiers, generated names,
 * schema-qualified and unqualified names, foreign keys, partial/expression/unique indexes, enums, identity, defaults,
 * checks, partitions, views, functions, triggers, policies, DO blocks, pg_dump style), reads it with the catalog
 * reader, and compares it with the replay of the same files.
 *
 * <p>Names, kinds, types, nullability and the like must match exactly. Renderings of expressions (defaults, check
 * and index definitions, predicates, policies) are measured: each mismatch is printed, and the test fails when one
 * appears that is not in the list of known differences below.
 */
class SchemaReplayerIT {

    private static final String LOCATION = "replay/realistic";
    private static final String[] FILES = {"V1__extensions_and_schemas.sql", "V2__users.sql", "V3__billing.sql",
        "V4__reporting.sql", "V5__alter_tables.sql", "V6__concurrent_index.sql",
        "V7__functions_triggers_policies.sql", "V8__idempotent.sql", "V9__partitions_and_more.sql",
        "V10__pg_dump_style.sql", "V11__more_expressions.sql", "V12__more_ddl.sql", "V13__edge_cases.sql", "V14__hard_cases.sql", "V15__like.sql", "V16__orm_styles.sql", "V17__search_and_dates.sql", "V18__more_hard_cases.sql"};

    /**
     * Renderings replay does not reproduce exactly (what a loose comparison has to cover), as {@code what: object}.
     */
    private static final Set<String> KNOWN_DIFFERENCES = Set.of(
            // sub-queries are kept as written; the server prints them re-formatted, with qualified column names
            "policy using: public.tickets.tickets_admins",
            "policy using: public.tickets.tickets_exists");

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabases.create("replay");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    static List<ReplayInput> migrations(String location, String... files) throws IOException {
        List<ReplayInput> inputs = new ArrayList<>();
        for (String f : files) {
            try (InputStream in = SchemaReplayerIT.class.getClassLoader().getResourceAsStream(location + "/" + f)) {
                inputs.add(new ReplayInput(f, new String(Objects.requireNonNull(in, f).readAllBytes(),
                        StandardCharsets.UTF_8)));
            }
        }
        return inputs;
    }

    private CatalogRead live(String location) throws Exception {
        // without the transactional lock, CREATE INDEX CONCURRENTLY does not wait for Flyway's own lock transaction
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:" + location)
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
        try (Connection c = Connections.open(db.settings());
             ReadOnlySession session = ReadOnlySession.begin(c, Masking.none())) {
            return CatalogReader.read(session.connection(), Set.of());
        }
    }

    private static <T> List<String> keys(List<T> items, Function<T, String> key) {
        return items.stream().map(key).sorted().toList();
    }

    @Test
    void aDatabaseBuiltByTheMigrationsMatchesTheReplay() throws Exception {
        int renderings = compareWithReplay(LOCATION, FILES, KNOWN_DIFFERENCES);
        assertTrue(renderings > 500, "the set exercises many renderings: " + renderings);
    }

    @Test
    void theCatalogReadersFixtureMatchesTheReplay() throws Exception {
        int renderings = compareWithReplay("io/github/migrationguard/schema",
                new String[] {"V1__every_object_kind.sql"}, Set.of());
        assertTrue(renderings > 50, "renderings: " + renderings);
    }

    /**
     * Builds the database with Flyway, replays the same files, asserts that names and shapes are equal and that
     * renderings differ only where listed in {@code known}; returns how many renderings were compared.
     */
    private int compareWithReplay(String location, String[] files, Set<String> known) throws Exception {
        CatalogRead read = live(location);
        SchemaModel live = read.model();
        ReplayResult replay = new SchemaReplayer().replay(migrations(location, files));
        SchemaModel expected = withoutToolTables(replay.expected(), read.excludedTables());

        List<String> notReplayed = replay.effects().stream().flatMap(e -> e.notReplayed().stream()
                .map(n -> e.script() + " " + n)).toList();
        assertEquals(List.of(), notReplayed, "every statement of the set is replayed");

        // effects: what each migration creates is there, unless a later one drops it; what it needs is there too
        List<String> absent = new ArrayList<>();
        for (int i = 0; i < replay.effects().size(); i++) {
            MigrationEffects e = replay.effects().get(i);
            Set<ObjectRef> droppedLater = new java.util.HashSet<>();
            replay.effects().subList(i + 1, replay.effects().size()).forEach(x -> droppedLater.addAll(x.drops()));
            Set<ObjectRef> droppedFromHere = new java.util.HashSet<>(droppedLater);
            droppedFromHere.addAll(e.drops());
            for (ObjectRef ref : e.creates()) {
                if (!droppedLater.contains(ref) && !toolTable(read, ref) && present(live, ref) == Boolean.FALSE) {
                    absent.add(e.script() + " creates " + ref.display());
                }
            }
            for (ObjectRef ref : e.references()) {
                if (!droppedFromHere.contains(ref) && present(live, ref) == Boolean.FALSE) {
                    absent.add(e.script() + " references " + ref.display());
                }
            }
        }
        assertEquals(List.of(), absent, "effects that the database does not confirm");

        // exact: object names, kinds, types, nullability, ...
        sameKeys("schemas", keys(live.schemas(), s -> s.name()), keys(expected.schemas(), s -> s.name()));
        sameKeys("extensions", keys(live.extensions(), e -> e.name() + " in " + e.schema()),
                keys(expected.extensions(), e -> e.name() + " in " + e.schema()));
        sameKeys("tables", keys(live.tables(), SchemaReplayerIT::tableShape),
                keys(expected.tables(), SchemaReplayerIT::tableShape));
        Map<String, Table> liveTables = byKey(live.tables(), t -> t.qualifiedName().toString());
        for (Table e : expected.tables()) {
            Table l = liveTables.get(e.qualifiedName().toString());
            sameKeys("columns of " + e.name(), l.columns().stream().map(SchemaReplayerIT::columnShape).toList(),
                    e.columns().stream().map(SchemaReplayerIT::columnShape).toList());
        }
        sameKeys("constraints", keys(live.constraints(), SchemaReplayerIT::constraintShape),
                keys(expected.constraints(), SchemaReplayerIT::constraintShape));
        sameKeys("indexes", keys(live.indexes(), SchemaReplayerIT::indexShape),
                keys(expected.indexes(), SchemaReplayerIT::indexShape));
        sameKeys("sequences", keys(live.sequences(), Object::toString), keys(expected.sequences(), Object::toString));
        sameKeys("enums", keys(live.enums(), Object::toString), keys(expected.enums(), Object::toString));
        sameKeys("views", keys(live.views(), v -> v.qualifiedName() + " materialized=" + v.materialized() + " options="
                + v.options() + " populated=" + v.populated()), keys(expected.views(), v -> v.qualifiedName()
                + " materialized=" + v.materialized() + " options=" + v.options() + " populated=" + v.populated()));
        sameKeys("functions", keys(live.functions(), SchemaReplayerIT::functionShape),
                keys(expected.functions(), SchemaReplayerIT::functionShape));
        sameKeys("triggers", keys(live.triggers(), t -> t.table() + "." + t.name() + " " + t.enabled() + " " + t.function()
                + " constraint=" + t.constraint() + " inherited=" + t.inherited()), keys(expected.triggers(),
                t -> t.table() + "." + t.name() + " " + t.enabled() + " " + t.function() + " constraint="
                        + t.constraint() + " inherited=" + t.inherited()));
        // a policy TO CURRENT_USER names the role that ran the migration: replay keeps current_user
        sameKeys("policies", keys(live.policies(), p -> p.table() + "." + p.name() + " " + p.command() + " " + p.permissive()
                + " " + p.roles()), keys(expected.policies(), p -> p.table() + "." + p.name() + " " + p.command()
                + " " + p.permissive() + " " + p.roles().stream().map(r -> r.equals("current_user") ? db.user() : r)
                .toList()));

        // measured: PostgreSQL's renderings of expressions and definitions
        Map<String, String[]> renderings = new TreeMap<>();
        for (Table e : expected.tables()) {
            Table l = liveTables.get(e.qualifiedName().toString());
            for (Column ec : e.columns()) {
                Column lc = l.column(ec.name()).orElseThrow();
                compare(renderings, "default: " + e.qualifiedName() + "." + ec.name(), lc.defaultExpression(),
                        ec.defaultExpression());
                compare(renderings, "generated: " + e.qualifiedName() + "." + ec.name(), lc.generationExpression(),
                        ec.generationExpression());
            }
            compare(renderings, "partition key: " + e.qualifiedName(), l.partitionKey(), e.partitionKey());
            compare(renderings, "partition bound: " + e.qualifiedName(), l.partitionBound(), e.partitionBound());
        }
        Map<String, Constraint> liveCons = byKey(live.constraints(), c -> c.table() + "." + c.name());
        for (Constraint e : expected.constraints()) {
            Constraint l = liveCons.get(e.table() + "." + e.name());
            compare(renderings, "constraint: " + e.table() + "." + e.name(), l.definition(), e.definition());
            compare(renderings, "constraint columns: " + e.table() + "." + e.name(), l.columns().toString(),
                    e.columns().toString());
            compare(renderings, "constraint index: " + e.table() + "." + e.name(), l.index(), e.index());
            compare(renderings, "constraint flags: " + e.table() + "." + e.name(), flags(l), flags(e));
        }
        Map<String, Index> liveIdx = byKey(live.indexes(), i -> i.schema() + "." + i.name());
        for (Index e : expected.indexes()) {
            Index l = liveIdx.get(e.schema() + "." + e.name());
            compare(renderings, "index: " + e.schema() + "." + e.name(), l.definition(), e.definition());
            compare(renderings, "index keys: " + e.schema() + "." + e.name(), l.keyColumns() + " include "
                    + l.includeColumns(), e.keyColumns() + " include " + e.includeColumns());
            compare(renderings, "index predicate: " + e.schema() + "." + e.name(), l.predicate(), e.predicate());
            compare(renderings, "index constraint: " + e.schema() + "." + e.name(), l.constraint(), e.constraint());
        }
        Map<String, Policy> livePol = byKey(live.policies(), p -> p.table() + "." + p.name());
        for (Policy e : expected.policies()) {
            Policy l = livePol.get(e.table() + "." + e.name());
            compare(renderings, "policy using: " + e.table() + "." + e.name(), l.using(), e.using());
            compare(renderings, "policy check: " + e.table() + "." + e.name(), l.withCheck(), e.withCheck());
        }
        Map<String, io.github.migrationguard.schema.Trigger> liveTr = byKey(live.triggers(),
                t -> t.table() + "." + t.name());
        for (io.github.migrationguard.schema.Trigger e : expected.triggers()) {
            compare(renderings, "trigger: " + e.table() + "." + e.name(),
                    liveTr.get(e.table() + "." + e.name()).definition(), e.definition());
        }

        List<String> mismatches = renderings.entrySet().stream().filter(x -> !Objects.equals(x.getValue()[0],
                x.getValue()[1])).map(x -> x.getKey() + "\n    live:     " + x.getValue()[0] + "\n    replayed: "
                + x.getValue()[1]).toList();
        long exact = renderings.size() - mismatches.size();
        System.out.println("SchemaReplayerIT: " + exact + " of " + renderings.size()
                + " renderings match exactly; mismatches:");
        mismatches.forEach(m -> System.out.println("  " + m));
        List<String> unknown = mismatches.stream().map(m -> m.substring(0, m.indexOf('\n')))
                .filter(k -> !known.contains(k)).toList();
        assertEquals(List.of(), unknown, "renderings that differ and are not known differences");
        return renderings.size();
    }

    /** The catalog reader leaves migration-tool tables out; so does the comparison. */
    private static SchemaModel withoutToolTables(SchemaModel m, List<HistoryTable> tools) {
        Set<QualifiedName> t = tools.stream().map(h -> new QualifiedName(h.schema(), h.table()))
                .collect(java.util.stream.Collectors.toSet());
        return new SchemaModel(m.schemas(), m.tables().stream().filter(x -> !t.contains(x.qualifiedName())).toList(),
                m.constraints().stream().filter(x -> !t.contains(x.table())).toList(),
                m.indexes().stream().filter(x -> !t.contains(x.table())).toList(),
                m.sequences().stream().filter(x -> x.ownedByTable() == null || !t.contains(x.ownedByTable())).toList(),
                m.enums(), m.views(), m.functions(), m.triggers().stream().filter(x -> !t.contains(x.table())).toList(),
                m.policies().stream().filter(x -> !t.contains(x.table())).toList(), m.extensions());
    }

    /** Objects of migration-tool tables, which the catalog reader leaves out. */
    private static boolean toolTable(CatalogRead read, ObjectRef ref) {
        return ref.schema() != null && read.excludedTables().stream().anyMatch(h -> h.schema().equals(ref.schema())
                && (h.table().equals(ref.name()) || (ref.kind() == ObjectRef.Kind.INDEX
                && ref.name().startsWith(h.table()))));
    }

    /** Whether the catalog has the object; null for kinds it does not read (domains, composite types). */
    static Boolean present(SchemaModel m, ObjectRef ref) {
        QualifiedName table = ref.schema() == null ? null : new QualifiedName(ref.schema(), ref.name());
        return switch (ref.kind()) {
            case SCHEMA -> m.schemas().stream().anyMatch(x -> x.name().equals(ref.name()));
            case EXTENSION -> m.extensions().stream().anyMatch(x -> x.name().equals(ref.name()));
            case TABLE -> m.table(ref.schema(), ref.name()).isPresent();
            case COLUMN -> m.table(ref.schema(), ref.name()).flatMap(t -> t.column(ref.member())).isPresent();
            case CONSTRAINT -> m.constraintsOf(table).stream().anyMatch(c -> c.name().equals(ref.member()));
            case INDEX -> m.index(ref.schema(), ref.name()).isPresent();
            case SEQUENCE -> m.sequence(ref.schema(), ref.name()).isPresent();
            case TYPE -> m.enumType(ref.schema(), ref.name()).isPresent() ? Boolean.TRUE : null;
            case VIEW, MATERIALIZED_VIEW -> m.view(ref.schema(), ref.name()).isPresent();
            case FUNCTION -> m.functions().stream().anyMatch(f -> f.schema().equals(ref.schema())
                    && (f.name() + "(" + f.identityArguments() + ")").equals(ref.name()));
            case TRIGGER -> m.triggersOf(table).stream().anyMatch(t -> t.name().equals(ref.member()));
            case POLICY -> m.policiesOf(table).stream().anyMatch(p -> p.name().equals(ref.member()));
        };
    }

    /** Fails naming what only the live database has and what only the replay has. */
    private static void sameKeys(String what, List<String> live, List<String> replayed) {
        List<String> onlyLive = live.stream().filter(x -> !replayed.contains(x)).toList();
        List<String> onlyReplayed = replayed.stream().filter(x -> !live.contains(x)).toList();
        assertTrue(onlyLive.isEmpty() && onlyReplayed.isEmpty(), what + " differ:\n  only live:     " + onlyLive
                + "\n  only replayed: " + onlyReplayed);
        assertEquals(live, replayed, what);
    }

    private static void compare(Map<String, String[]> out, String key, String live, String replayed) {
        if (live == null && replayed == null) {
            return;
        }
        out.put(key, new String[] {live, replayed});
    }

    private static String flags(Constraint c) {
        return "deferrable=" + c.deferrable() + " deferred=" + c.initiallyDeferred() + " validated=" + c.validated()
                + " local=" + c.local() + " references=" + c.referencedTable() + c.referencedColumns();
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T t : items) {
            m.put(key.apply(t), t);
        }
        return m;
    }

    private static String tableShape(Table t) {
        return t.qualifiedName() + " " + t.kind() + " partitionOf=" + t.partitionOf() + " rls=" + t.rowSecurity()
                + "/" + t.forceRowSecurity() + " unlogged=" + t.unlogged();
    }

    private static String columnShape(Column c) {
        return c.position() + " " + c.name() + " " + c.type() + (c.notNull() ? " not null" : "") + " identity="
                + c.identity() + " generated=" + c.generated() + " collation=" + c.collation() + " local="
                + c.local() + " default=" + (c.defaultExpression() != null);
    }

    private static String constraintShape(Constraint c) {
        return c.table() + "." + c.name() + " " + c.type();
    }

    private static String indexShape(Index i) {
        return i.schema() + "." + i.name() + " on " + i.table() + " " + i.method() + " unique=" + i.unique()
                + " primary=" + i.primary() + " exclusion=" + i.exclusion() + " partitioned=" + i.partitioned();
    }

    private static String functionShape(io.github.migrationguard.schema.Function f) {
        return f.signature() + " " + f.kind() + " returns " + f.result() + " " + f.language() + " "
                + f.volatility() + " secdef=" + f.securityDefiner() + " strict=" + f.strict();
    }
}
