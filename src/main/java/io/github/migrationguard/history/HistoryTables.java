package io.github.migrationguard.history;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.history.HistoryTable.Role;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the bookkeeping tables of migration tools, in every schema, with one catalog query.
 *
 * <p>Flyway's table is recognised by its columns, whatever it is called ({@code flyway_schema_history},
 * Flyway 4's {@code schema_version}, or a configured name); golang-migrate's by its {@code version bigint} +
 * {@code dirty boolean} columns; the rest by their well-known names: {@code supabase_migrations.schema_migrations}
 * (Supabase CLI), {@code schema_migrations} with a text {@code version} (dbmate, or Rails when
 * {@code ar_internal_metadata} sits next to it), {@code databasechangelog} (Liquibase), {@code goose_db_version},
 * {@code _sqlx_migrations}, {@code _prisma_migrations}, {@code __diesel_schema_migrations}, {@code knex_migrations},
 * {@code alembic_version}, and our own {@code migration_guard_audit}.
 */
public final class HistoryTables {

    static final List<String> FLYWAY_COLUMNS = List.of("installed_rank", "version", "description", "type", "script",
            "checksum", "installed_by", "installed_on", "execution_time", "success");

    static final List<String> KNOWN_NAMES = List.of("flyway_schema_history", "schema_version", "schema_migrations",
            "ar_internal_metadata", "databasechangelog", "databasechangeloglock", "goose_db_version",
            "_sqlx_migrations", "_prisma_migrations", "__diesel_schema_migrations", "knex_migrations",
            "knex_migrations_lock", "alembic_version", "migration_guard_audit");

    /**
     * One query: the columns of candidate tables only (known names, or a Flyway/golang-migrate marker column),
     * aggregated per table in a lateral subquery so the attributes of every other table are never scanned.
     */
    private static final String QUERY = "select n.nspname, c.relname, cols.names, cols.types"
            + " from pg_catalog.pg_class c"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " cross join lateral (select array_agg(a.attname::text order by a.attnum) as names,"
            + "   array_agg(pg_catalog.format_type(a.atttypid, a.atttypmod) order by a.attnum) as types"
            + "   from pg_catalog.pg_attribute a"
            + "   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) cols"
            + " where c.relkind in ('r', 'p')"
            + " and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'"
            + " and cols.names is not null"
            + " and (c.relname = any(?) or exists (select 1 from pg_catalog.pg_attribute x"
            + "   where x.attrelid = c.oid and x.attname in ('installed_rank', 'dirty') and not x.attisdropped))"
            + " order by 1, 2";

    private HistoryTables() {
    }

    /** Every recognised table, ordered by schema and name. */
    public static List<HistoryTable> detect(Connection connection, Masking masking) throws DatabaseAccessException {
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
            Array names = connection.createArrayOf("text", KNOWN_NAMES.toArray());
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getString(1), rs.getString(2),
                            Arrays.asList((String[]) rs.getArray(3).getArray()),
                            Arrays.asList((String[]) rs.getArray(4).getArray())));
                }
            }
        } catch (SQLException e) {
            throw Connections.queryFailed(e, "looking for migration history tables", masking);
        }
        return classifyAll(candidates);
    }

    /** A table with its columns and their types ({@code format_type} rendering), before classification. */
    record Candidate(String schema, String table, List<String> columns, List<String> types) {
        String typeOf(String column) {
            int i = columns.indexOf(column);
            return i < 0 ? null : types.get(i);
        }
    }

    static List<HistoryTable> classifyAll(List<Candidate> candidates) {
        Set<String> present = new HashSet<>();
        for (Candidate c : candidates) {
            present.add(c.schema() + "\u0000" + c.table());
        }
        List<HistoryTable> found = new ArrayList<>();
        for (Candidate c : candidates) {
            HistoryTable t = classify(c, present.contains(c.schema() + "\u0000ar_internal_metadata"));
            if (t != null) {
                found.add(t);
            }
        }
        return found;
    }

    static HistoryTable classify(Candidate c, boolean railsMetadataNextToIt) {
        String name = c.table();
        if (c.columns().containsAll(FLYWAY_COLUMNS)) {
            return new HistoryTable(c.schema(), name, HistoryTool.FLYWAY, Role.HISTORY);
        }
        if (c.schema().equals("supabase_migrations") && name.equals("schema_migrations")) {
            return new HistoryTable(c.schema(), name, HistoryTool.SUPABASE, Role.HISTORY);
        }
        if (c.columns().size() == 2 && "bigint".equals(c.typeOf("version")) && "boolean".equals(c.typeOf("dirty"))) {
            return new HistoryTable(c.schema(), name, HistoryTool.GOLANG_MIGRATE, Role.HISTORY);
        }
        String versionType = c.typeOf("version");
        boolean textVersion = versionType != null
                && (versionType.startsWith("character varying") || versionType.equals("text"));
        switch (name) {
            case "schema_migrations":
                if (textVersion && railsMetadataNextToIt) {
                    return new HistoryTable(c.schema(), name, HistoryTool.RAILS, Role.HISTORY);
                }
                if (textVersion && c.columns().size() == 1) {
                    return new HistoryTable(c.schema(), name, HistoryTool.DBMATE, Role.HISTORY);
                }
                return null;
            case "ar_internal_metadata":
                return new HistoryTable(c.schema(), name, HistoryTool.RAILS, Role.AUXILIARY);
            case "databasechangelog":
                return c.columns().containsAll(List.of("id", "author", "filename"))
                        ? new HistoryTable(c.schema(), name, HistoryTool.LIQUIBASE, Role.HISTORY) : null;
            case "databasechangeloglock":
                return new HistoryTable(c.schema(), name, HistoryTool.LIQUIBASE, Role.AUXILIARY);
            case "goose_db_version":
                return c.columns().contains("version_id")
                        ? new HistoryTable(c.schema(), name, HistoryTool.GOOSE, Role.HISTORY) : null;
            case "_sqlx_migrations":
                return new HistoryTable(c.schema(), name, HistoryTool.SQLX, Role.HISTORY);
            case "_prisma_migrations":
                return new HistoryTable(c.schema(), name, HistoryTool.PRISMA, Role.HISTORY);
            case "__diesel_schema_migrations":
                return new HistoryTable(c.schema(), name, HistoryTool.DIESEL, Role.HISTORY);
            case "knex_migrations":
                return new HistoryTable(c.schema(), name, HistoryTool.KNEX, Role.HISTORY);
            case "knex_migrations_lock":
                return new HistoryTable(c.schema(), name, HistoryTool.KNEX, Role.AUXILIARY);
            case "alembic_version":
                return new HistoryTable(c.schema(), name, HistoryTool.ALEMBIC, Role.HISTORY);
            case "migration_guard_audit":
                return new HistoryTable(c.schema(), name, HistoryTool.MIGRATION_GUARD, Role.AUXILIARY);
            default:
                return null;
        }
    }

    /**
     * The history table to use when none is configured: a Flyway table in {@code currentSchema}, else the only
     * Flyway table, else the only history table of a tool {@link GenericHistory} can read. Empty when there is
     * none or the choice is ambiguous (the caller lists the candidates and asks for configuration).
     */
    public static Optional<HistoryTable> preferred(List<HistoryTable> found, String currentSchema) {
        List<HistoryTable> flyway = found.stream()
                .filter(t -> t.tool() == HistoryTool.FLYWAY && t.role() == Role.HISTORY).toList();
        Optional<HistoryTable> inCurrent = flyway.stream()
                .filter(t -> t.schema().equals(currentSchema) && t.table().equals(FlywayHistory.DEFAULT_TABLE))
                .findFirst();
        if (inCurrent.isPresent()) {
            return inCurrent;
        }
        List<HistoryTable> flywayInCurrent = flyway.stream().filter(t -> t.schema().equals(currentSchema)).toList();
        if (flywayInCurrent.size() == 1) {
            return Optional.of(flywayInCurrent.get(0));
        }
        if (flyway.size() == 1) {
            return Optional.of(flyway.get(0));
        }
        if (!flyway.isEmpty()) {
            return Optional.empty();
        }
        List<HistoryTable> generic = found.stream()
                .filter(t -> t.role() == Role.HISTORY && GenericHistory.supports(t.tool())).toList();
        return generic.size() == 1 ? Optional.of(generic.get(0)) : Optional.empty();
    }
}
