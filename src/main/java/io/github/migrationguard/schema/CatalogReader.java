package io.github.migrationguard.schema;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.history.HistoryTable;
import io.github.migrationguard.history.HistoryTables;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the schema objects of a live database into a {@link SchemaModel} with one set-based query per object kind,
 * so the number of queries is the same for one table and for fifty thousand.
 *
 * <p>Left out: the system schemas ({@code pg_catalog}, {@code information_schema}, {@code pg_toast*},
 * {@code pg_temp*}), every object that belongs to an extension ({@code pg_depend.deptype = 'e'}), and the
 * bookkeeping tables of migration tools found by {@link HistoryTables#detect} (with their columns, constraints,
 * indexes, triggers, policies and owned sequences). Extensions themselves are all listed.
 *
 * <p>The connection must have an empty {@code search_path} (use {@code ReadOnlySession}): PostgreSQL then qualifies
 * every user object in its renderings ({@code format_type}, {@code pg_get_expr}, {@code pg_get_indexdef}, ...), so
 * two databases read this way render the same objects identically. Requires PostgreSQL 12 or later.
 */
public final class CatalogReader {

    /** Oldest supported server: generated columns ({@code attgenerated}) exist from 12. */
    public static final int MIN_SERVER_VERSION = 120000;

    private final Connection connection;
    private final Set<String> schemaFilter;
    private final Masking masking;
    private final int serverVersion;
    private List<HistoryTable> excluded = List.of();
    private int queries;

    private CatalogReader(Connection connection, Set<String> schemaFilter, Masking masking, int serverVersion) {
        this.connection = connection;
        this.schemaFilter = schemaFilter == null ? Set.of() : Set.copyOf(schemaFilter);
        this.masking = masking;
        this.serverVersion = serverVersion;
    }

    /**
     * Reads the given schemas, or every non-system schema when {@code schemas} is null or empty.
     *
     * @throws IllegalStateException when the session's search_path is not empty
     */
    public static CatalogRead read(Connection connection, Set<String> schemas) throws DatabaseAccessException {
        return read(connection, schemas, Masking.none());
    }

    /** As {@link #read(Connection, Set)}, masking secrets in error messages. */
    public static CatalogRead read(Connection connection, Set<String> schemas, Masking masking)
            throws DatabaseAccessException {
        long start = System.nanoTime();
        int version;
        try {
            // known from the connection's startup parameters: no query
            version = connection.getMetaData().getDatabaseMajorVersion() * 10000
                    + (connection.getMetaData().getDatabaseMajorVersion() >= 10
                    ? connection.getMetaData().getDatabaseMinorVersion()
                    : connection.getMetaData().getDatabaseMinorVersion() * 100);
        } catch (SQLException e) {
            throw Connections.queryFailed(e, "reading the server version", masking);
        }
        if (version < MIN_SERVER_VERSION) {
            throw new DatabaseAccessException(DatabaseAccessException.Reason.OTHER, "Reading the schema needs "
                    + "PostgreSQL 12 or later; the server is older.", masking);
        }
        CatalogReader reader = new CatalogReader(connection, schemas, masking, version);
        SchemaModel model = reader.readAll();
        return new CatalogRead(model, reader.queries, Duration.ofNanos(System.nanoTime() - start), reader.excluded);
    }

    private SchemaModel readAll() throws DatabaseAccessException {
        List<Schema> schemas = readSchemas();
        excluded = HistoryTables.detect(connection, masking);
        queries++;
        List<Table> tables = readTables(readColumns());
        return new SchemaModel(schemas, tables, readConstraints(), readIndexes(), readSequences(), readEnums(),
                readViews(), readFunctions(), readTriggers(), readPolicies(), readExtensions());
    }

    // ------------------------------------------------------------------ queries

    private List<Schema> readSchemas() throws DatabaseAccessException {
        Query q = new Query("select s.search_path, x.nspname, x.owner from"
                + " (select pg_catalog.current_setting('search_path') as search_path) s left join"
                + " (select n.nspname, pg_catalog.pg_get_userbyid(n.nspowner) as owner"
                + "  from pg_catalog.pg_namespace n where true");
        schemaFilter(q, "n");
        q.sql(") x on true order by x.nspname");
        List<Schema> result = new ArrayList<>();
        run(q, "schemas", rs -> {
            String searchPath = rs.getString(1);
            if (searchPath != null && !searchPath.isEmpty() && !searchPath.equals("\"\"")) {
                throw new IllegalStateException("The catalog must be read with an empty search_path (use "
                        + "ReadOnlySession), so that PostgreSQL qualifies object names; it is '" + searchPath + "'.");
            }
            if (rs.getString(2) != null) {
                result.add(new Schema(rs.getString(2), rs.getString(3)));
            }
        });
        return result;
    }

    private Map<QualifiedName, List<Column>> readColumns() throws DatabaseAccessException {
        Query q = new Query("select n.nspname, c.relname, a.attnum, a.attname,"
                + " pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " case when a.attgenerated = '' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end,"
                + " a.attidentity, a.attgenerated,"
                + " case when a.attgenerated <> '' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end,"
                + " case when a.attcollation <> t.typcollation then cn.nspname || '.' || co.collname end,"
                + " a.attislocal"
                + " from pg_catalog.pg_attribute a"
                + " join pg_catalog.pg_class c on c.oid = a.attrelid"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " join pg_catalog.pg_type t on t.oid = a.atttypid"
                + " left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum"
                + " left join pg_catalog.pg_collation co on co.oid = a.attcollation"
                + " left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace"
                + " where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'f')");
        tableFilter(q, "n", "c");
        // no ORDER BY: sorting 50,000 rows by name spills to disk on the server; each table's few columns are
        // put in position order here instead
        Map<QualifiedName, List<Column>> columns = new LinkedHashMap<>();
        run(q, "columns", rs -> columns.computeIfAbsent(new QualifiedName(rs.getString(1), rs.getString(2)),
                k -> new ArrayList<>()).add(new Column(rs.getString(4), rs.getInt(3), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), Column.Identity.of(rs.getString(8)),
                Column.Generated.of(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getBoolean(12))));
        for (List<Column> list : columns.values()) {
            list.sort(java.util.Comparator.comparingInt(Column::position));
        }
        return columns;
    }

    private List<Table> readTables(Map<QualifiedName, List<Column>> columns) throws DatabaseAccessException {
        Query q = new Query("select n.nspname, c.relname, c.relkind, c.relpersistence = 'u', c.relrowsecurity,"
                + " c.relforcerowsecurity,"
                + " case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end,"
                + " pn.nspname, pc.relname,"
                + " case when c.relispartition then pg_catalog.pg_get_expr(c.relpartbound, c.oid) end,"
                + " pg_catalog.pg_get_userbyid(c.relowner)"
                + " from pg_catalog.pg_class c"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_catalog.pg_inherits i on i.inhrelid = c.oid and c.relispartition"
                + " left join pg_catalog.pg_class pc on pc.oid = i.inhparent"
                + " left join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace"
                + " where c.relkind in ('r', 'p', 'f')");
        tableFilter(q, "n", "c");
        q.sql(" order by n.nspname, c.relname");
        List<Table> tables = new ArrayList<>();
        run(q, "tables", rs -> {
            QualifiedName name = new QualifiedName(rs.getString(1), rs.getString(2));
            tables.add(new Table(name.schema(), name.name(), Table.Kind.of(rs.getString(3)),
                    columns.getOrDefault(name, List.of()), rs.getString(7),
                    QualifiedName.ofNullable(rs.getString(8), rs.getString(9)), rs.getString(10), rs.getBoolean(5),
                    rs.getBoolean(6), rs.getBoolean(4), rs.getString(11)));
        });
        return tables;
    }

    private List<Constraint> readConstraints() throws DatabaseAccessException {
        Query q = new Query("select n.nspname, c.relname, con.conname, con.contype,"
                + " pg_catalog.pg_get_constraintdef(con.oid),"
                // each key column looked up by (relation, number): no join over all of a table's attributes
                + " array(select (select a.attname::text from pg_catalog.pg_attribute a"
                + "     where a.attrelid = con.conrelid and a.attnum = k.num)"
                + "   from pg_catalog.unnest(con.conkey) with ordinality k(num, ord) order by k.ord),"
                + " fn.nspname, fc.relname,"
                + " array(select (select a.attname::text from pg_catalog.pg_attribute a"
                + "     where a.attrelid = con.confrelid and a.attnum = k.num)"
                + "   from pg_catalog.unnest(con.confkey) with ordinality k(num, ord) order by k.ord),"
                + " con.condeferrable, con.condeferred, con.convalidated, con.conislocal, ic.relname"
                + " from pg_catalog.pg_constraint con"
                + " join pg_catalog.pg_class c on c.oid = con.conrelid"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_catalog.pg_class fc on fc.oid = con.confrelid"
                + " left join pg_catalog.pg_namespace fn on fn.oid = fc.relnamespace"
                + " left join pg_catalog.pg_class ic on ic.oid = con.conindid"
                + " where c.relkind in ('r', 'p', 'f')");
        tableFilter(q, "n", "c");
        q.sql(" order by n.nspname, c.relname, con.conname");
        List<Constraint> result = new ArrayList<>();
        run(q, "constraints", rs -> result.add(new Constraint(new QualifiedName(rs.getString(1), rs.getString(2)),
                rs.getString(3), Constraint.Type.of(rs.getString(4)), rs.getString(5), strings(rs, 6),
                QualifiedName.ofNullable(rs.getString(7), rs.getString(8)), strings(rs, 9), rs.getBoolean(10),
                rs.getBoolean(11), rs.getBoolean(12), rs.getBoolean(13), rs.getString(14))));
        return result;
    }

    private List<Index> readIndexes() throws DatabaseAccessException {
        Query q = new Query("select n.nspname, ic.relname, c.relname, pg_catalog.pg_get_indexdef(i.indexrelid),"
                + " am.amname, i.indisunique, i.indisprimary, i.indisexclusion, i.indisvalid, i.indisready,"
                + " array(select pg_catalog.pg_get_indexdef(i.indexrelid, k, false)"
                + "   from pg_catalog.generate_series(1, i.indnkeyatts) k order by k),"
                + " array(select pg_catalog.pg_get_indexdef(i.indexrelid, k, false)"
                + "   from pg_catalog.generate_series(i.indnkeyatts + 1, i.indnatts) k order by k),"
                + " pg_catalog.pg_get_expr(i.indpred, i.indrelid), con.conname, ic.relkind = 'I'"
                + " from pg_catalog.pg_index i"
                + " join pg_catalog.pg_class ic on ic.oid = i.indexrelid"
                + " join pg_catalog.pg_class c on c.oid = i.indrelid"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " join pg_catalog.pg_am am on am.oid = ic.relam"
                + " left join pg_catalog.pg_constraint con on con.conindid = i.indexrelid"
                + "   and con.conrelid = i.indrelid and con.contype in ('p', 'u', 'x')"
                + " where c.relkind in ('r', 'p', 'f', 'm')");
        tableFilter(q, "n", "c");
        q.sql(" order by n.nspname, ic.relname");
        List<Index> result = new ArrayList<>();
        run(q, "indexes", rs -> result.add(new Index(rs.getString(1), rs.getString(2),
                new QualifiedName(rs.getString(1), rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10),
                strings(rs, 11), strings(rs, 12), rs.getString(13), rs.getString(14), rs.getBoolean(15))));
        return result;
    }

    private List<Sequence> readSequences() throws DatabaseAccessException {
        Query q = new Query("select n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, null), s.seqstart,"
                + " s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,"
                + " own.nspname, own.relname, own.attname, coalesce(own.deptype = 'i', false)"
                + " from pg_catalog.pg_sequence s"
                + " join pg_catalog.pg_class c on c.oid = s.seqrelid"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " left join lateral (select tn.nspname, tc.relname, ta.attname::text, d.deptype"
                + "   from pg_catalog.pg_depend d"
                + "   join pg_catalog.pg_class tc on tc.oid = d.refobjid"
                + "   join pg_catalog.pg_namespace tn on tn.oid = tc.relnamespace"
                + "   left join pg_catalog.pg_attribute ta on ta.attrelid = tc.oid and ta.attnum = d.refobjsubid"
                + "   where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid"
                + "   and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.deptype in ('a', 'i')"
                + "   limit 1) own on true"
                + " where c.relkind = 'S'");
        schemaFilter(q, "n");
        notExtensionMember(q, "pg_class", "c.oid");
        notToolTable(q, "own.nspname", "own.relname");
        q.sql(" order by n.nspname, c.relname");
        List<Sequence> result = new ArrayList<>();
        run(q, "sequences", rs -> result.add(new Sequence(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9),
                QualifiedName.ofNullable(rs.getString(10), rs.getString(11)), rs.getString(12),
                rs.getBoolean(13))));
        return result;
    }

    private List<EnumType> readEnums() throws DatabaseAccessException {
        Query q = new Query("select n.nspname, t.typname,"
                + " array(select e.enumlabel::text from pg_catalog.pg_enum e where e.enumtypid = t.oid"
                + "   order by e.enumsortorder)"
                + " from pg_catalog.pg_type t"
                + " join pg_catalog.pg_namespace n on n.oid = t.typnamespace"
                + " where t.typtype = 'e'");
        schemaFilter(q, "n");
        notExtensionMember(q, "pg_type", "t.oid");
        q.sql(" order by n.nspname, t.typname");
        List<EnumType> result = new ArrayList<>();
        run(q, "enums", rs -> result.add(new EnumType(rs.getString(1), rs.getString(2), strings(rs, 3))));
        return result;
    }

    private List<View> readViews() throws DatabaseAccessException {
        Query q = new Query("select n.nspname, c.relname, c.relkind = 'm', pg_catalog.pg_get_viewdef(c.oid),"
                + " coalesce(c.reloptions, '{}'::text[]), c.relispopulated"
                + " from pg_catalog.pg_class c"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " where c.relkind in ('v', 'm')");
        tableFilter(q, "n", "c");
        q.sql(" order by n.nspname, c.relname");
        List<View> result = new ArrayList<>();
        run(q, "views", rs -> result.add(new View(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                rs.getString(4), strings(rs, 5), rs.getBoolean(6))));
        return result;
    }

    private List<Function> readFunctions() throws DatabaseAccessException {
        Query q = new Query("select n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid),"
                + " pg_catalog.pg_get_function_result(p.oid), p.prokind, l.lanname,"
                + " case p.provolatile when 'i' then 'IMMUTABLE' when 's' then 'STABLE' else 'VOLATILE' end,"
                + " p.prosecdef, p.proisstrict,"
                + " case when p.prokind <> 'a' then pg_catalog.pg_get_functiondef(p.oid) end"
                + " from pg_catalog.pg_proc p"
                + " join pg_catalog.pg_namespace n on n.oid = p.pronamespace"
                + " join pg_catalog.pg_language l on l.oid = p.prolang"
                + " where true");
        schemaFilter(q, "n");
        notExtensionMember(q, "pg_proc", "p.oid");
        q.sql(" order by n.nspname, p.proname, 3");
        List<Function> result = new ArrayList<>();
        run(q, "functions", rs -> result.add(new Function(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), Function.Kind.of(rs.getString(5)), rs.getString(6), rs.getString(7),
                rs.getBoolean(8), rs.getBoolean(9), rs.getString(10))));
        return result;
    }

    private List<Trigger> readTriggers() throws DatabaseAccessException {
        String inherited = serverVersion >= 130000 ? "t.tgparentid <> 0" : "false";
        Query q = new Query("select n.nspname, c.relname, t.tgname, pg_catalog.pg_get_triggerdef(t.oid),"
                + " t.tgenabled, fn.nspname, p.proname, t.tgconstraint <> 0, " + inherited
                + " from pg_catalog.pg_trigger t"
                + " join pg_catalog.pg_class c on c.oid = t.tgrelid"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " join pg_catalog.pg_proc p on p.oid = t.tgfoid"
                + " join pg_catalog.pg_namespace fn on fn.oid = p.pronamespace"
                + " where not t.tgisinternal");
        tableFilter(q, "n", "c");
        q.sql(" order by n.nspname, c.relname, t.tgname");
        List<Trigger> result = new ArrayList<>();
        run(q, "triggers", rs -> result.add(new Trigger(new QualifiedName(rs.getString(1), rs.getString(2)),
                rs.getString(3), rs.getString(4), Trigger.Firing.of(rs.getString(5)),
                new QualifiedName(rs.getString(6), rs.getString(7)), rs.getBoolean(8), rs.getBoolean(9))));
        return result;
    }

    private List<Policy> readPolicies() throws DatabaseAccessException {
        Query q = new Query("select n.nspname, c.relname, pol.polname, pol.polcmd, pol.polpermissive,"
                + " array(select case when r = 0 then 'public' else pg_catalog.pg_get_userbyid(r)::text end"
                + "   from pg_catalog.unnest(pol.polroles) r order by 1),"
                + " pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),"
                + " pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid)"
                + " from pg_catalog.pg_policy pol"
                + " join pg_catalog.pg_class c on c.oid = pol.polrelid"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " where true");
        tableFilter(q, "n", "c");
        q.sql(" order by n.nspname, c.relname, pol.polname");
        List<Policy> result = new ArrayList<>();
        run(q, "policies", rs -> result.add(new Policy(new QualifiedName(rs.getString(1), rs.getString(2)),
                rs.getString(3), Policy.commandOf(rs.getString(4)), rs.getBoolean(5), strings(rs, 6),
                rs.getString(7), rs.getString(8))));
        return result;
    }

    private List<Extension> readExtensions() throws DatabaseAccessException {
        Query q = new Query("select e.extname, n.nspname, e.extversion from pg_catalog.pg_extension e"
                + " join pg_catalog.pg_namespace n on n.oid = e.extnamespace order by e.extname");
        List<Extension> result = new ArrayList<>();
        run(q, "extensions", rs -> result.add(new Extension(rs.getString(1), rs.getString(2), rs.getString(3))));
        return result;
    }

    // ------------------------------------------------------------------ filters

    /** Non-system schemas that are not extension members, restricted to the requested ones. */
    private void schemaFilter(Query q, String ns) {
        q.sql(" and " + ns + ".nspname <> 'information_schema' and " + ns + ".nspname !~ '^pg_'");
        notExtensionMember(q, "pg_namespace", ns + ".oid");
        if (!schemaFilter.isEmpty()) {
            q.sql(" and " + ns + ".nspname = any(").param(schemaFilter.toArray(String[]::new)).sql(")");
        }
    }

    /** {@link #schemaFilter} plus: the relation is no extension member and no migration-tool table. */
    private void tableFilter(Query q, String ns, String rel) {
        schemaFilter(q, ns);
        notExtensionMember(q, "pg_class", rel + ".oid");
        notToolTable(q, ns + ".nspname", rel + ".relname");
    }

    private static void notExtensionMember(Query q, String catalog, String oid) {
        q.sql(" and not exists (select 1 from pg_catalog.pg_depend ext where ext.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass and ext.objid = " + oid + " and ext.deptype = 'e')");
    }

    private void notToolTable(Query q, String schemaExpr, String nameExpr) {
        if (excluded.isEmpty()) {
            return;
        }
        String[] schemas = excluded.stream().map(HistoryTable::schema).toArray(String[]::new);
        String[] names = excluded.stream().map(HistoryTable::table).toArray(String[]::new);
        q.sql(" and not exists (select 1 from rows from (pg_catalog.unnest(").param(schemas)
                .sql("), pg_catalog.unnest(").param(names)
                .sql(")) tool(s, t) where tool.s = " + schemaExpr + " and tool.t = " + nameExpr + ")");
    }

    // ------------------------------------------------------------------ plumbing

    /** SQL text with positional parameters (text arrays). */
    private static final class Query {
        private final StringBuilder sql;
        private final List<String[]> params = new ArrayList<>();

        Query(String sql) {
            this.sql = new StringBuilder(sql);
        }

        Query sql(String more) {
            sql.append(more);
            return this;
        }

        Query param(String[] values) {
            sql.append("?::text[]");
            params.add(values);
            return this;
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private void run(Query q, String what, RowHandler handler) throws DatabaseAccessException {
        queries++;
        try (PreparedStatement ps = connection.prepareStatement(q.sql.toString())) {
            for (int i = 0; i < q.params.size(); i++) {
                Array array = connection.createArrayOf("text", q.params.get(i));
                ps.setArray(i + 1, array);
            }
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw Connections.queryFailed(e, "reading the catalog (" + what + ")", masking);
        }
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }
}
