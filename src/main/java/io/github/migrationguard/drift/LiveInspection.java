package io.github.migrationguard.drift;

import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.DatabaseAccessException.Reason;
import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.history.FlywayHistory;
import io.github.migrationguard.history.FlywayLock;
import io.github.migrationguard.history.GenericHistory;
import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.history.HistoryTable;
import io.github.migrationguard.history.HistoryTables;
import io.github.migrationguard.history.HistoryTool;
import io.github.migrationguard.schema.CatalogRead;
import io.github.migrationguard.schema.CatalogReader;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything detect-drift reads from the target, in one read-only snapshot: identity, the history table (configured
 * or detected), whether a migration holds Flyway's lock, the history rows and the live schema.
 *
 * @param identity            what the connection is connected to, read before the session settings were pinned
 * @param history             the history table used, or null when there is none
 * @param lockSchema          schema of the history table whose Flyway lock was checked
 * @param lockTable           name of that table
 * @param migrationInProgress another session holds Flyway's lock on it: nothing else was read
 * @param flywayRows          the Flyway history rows (empty for other tools)
 * @param genericRows         the rows of a golang-migrate, dbmate or Supabase history (empty for Flyway)
 * @param catalog             the live schema, or null when a migration is in progress
 */
record LiveInspection(DatabaseIdentity identity, HistoryTable history, String lockSchema, String lockTable,
                      boolean migrationInProgress, List<HistoryRow> flywayRows, List<GenericHistory.Row> genericRows,
                      CatalogRead catalog) {

    /** Reads the target. The connection must not be inside a transaction; it is left as it was. */
    static LiveInspection read(Connection target, DriftSettings settings, Masking masking)
            throws DatabaseAccessException {
        try (ReadOnlySession session = ReadOnlySession.begin(target, masking)) {
            return readIn(session.connection(), session.identity(), settings, masking);
        }
    }

    /**
     * Reads the target on a connection already inside a transaction whose settings are pinned as
     * {@link ReadOnlySession#pin} pins them; the transaction is left open.
     *
     * @param identity read in that transaction before the settings were pinned
     */
    static LiveInspection readIn(Connection c, DatabaseIdentity identity, DriftSettings settings, Masking masking)
            throws DatabaseAccessException {
        List<HistoryTable> found = HistoryTables.detect(c, masking);
        HistoryTable history = choose(found, settings.historyTable(), identity, masking);
        String[] location = location(history, settings, identity);
        String lockSchema = location[0];
        String lockTable = location[1];
        boolean flywayLike = history == null || history.tool() == HistoryTool.FLYWAY;
        if (flywayLike && FlywayLock.migrationInProgress(c, lockSchema, lockTable, masking)) {
            return new LiveInspection(identity, history, lockSchema, lockTable, true, List.of(), List.of(), null);
        }
        List<HistoryRow> flywayRows = List.of();
        List<GenericHistory.Row> genericRows = List.of();
        if (history != null && history.tool() == HistoryTool.FLYWAY) {
            flywayRows = FlywayHistory.read(c, history.schema(), history.table(), masking);
        } else if (history != null) {
            genericRows = GenericHistory.forTable(history).orElseThrow().read(c, masking);
        }
        CatalogRead catalog = CatalogReader.read(c, settings.schemas(), masking);
        return new LiveInspection(identity, history, lockSchema, lockTable, false, flywayRows, genericRows,
                catalog);
    }

    /** {@code {schema, table}} of the history table, or of where Flyway would create it. */
    static String[] locate(Connection c, DatabaseIdentity identity, DriftSettings settings, Masking masking)
            throws DatabaseAccessException {
        HistoryTable history = choose(HistoryTables.detect(c, masking), settings.historyTable(), identity, masking);
        return location(history, settings, identity);
    }

    private static String[] location(HistoryTable history, DriftSettings settings, DatabaseIdentity identity) {
        if (history != null) {
            return new String[] {history.schema(), history.table()};
        }
        String[] configured = settings.historyTable() == null ? null : split(settings.historyTable());
        return new String[] {configured != null && configured[0] != null ? configured[0] : defaultSchema(identity),
            configured != null ? configured[1] : FlywayHistory.DEFAULT_TABLE};
    }

    /** Flyway's default schema for its table: the first schema of the search_path. */
    private static String defaultSchema(DatabaseIdentity identity) {
        return identity.currentSchema() == null ? "public" : identity.currentSchema();
    }

    /**
     * The history table to read: the configured one (which must exist unless the database has no history table at
     * all, i.e. was never migrated), else the one {@link HistoryTables#preferred} picks. Null when the database has
     * none; an error when the choice is ambiguous or only tools we cannot read have one.
     */
    static HistoryTable choose(List<HistoryTable> found, String configured, DatabaseIdentity identity,
                               Masking masking) throws DatabaseAccessException {
        List<HistoryTable> histories = found.stream().filter(t -> t.role() == HistoryTable.Role.HISTORY).toList();
        if (configured != null && !configured.isBlank()) {
            String[] parts;
            try {
                parts = split(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new DatabaseAccessException(Reason.INVALID_SETTINGS, e.getMessage() + ".", masking);
            }
            String schema = parts[0] != null ? parts[0] : defaultSchema(identity);
            Optional<HistoryTable> match = found.stream()
                    .filter(t -> t.schema().equals(schema) && t.table().equals(parts[1])).findFirst();
            if (match.isPresent()) {
                HistoryTable t = match.get();
                if (t.tool() != HistoryTool.FLYWAY && !GenericHistory.supports(t.tool())) {
                    throw new DatabaseAccessException(Reason.INVALID_SETTINGS, "The configured historyTable "
                            + t.qualifiedName() + " is a " + t.tool().displayName() + " table; detect-drift reads the"
                            + " histories of Flyway, golang-migrate, dbmate and the Supabase CLI.", masking);
                }
                return t;
            }
            if (histories.isEmpty()) {
                return null; // never migrated: every migration is judged by evidence
            }
            throw new DatabaseAccessException(Reason.OBJECT_MISSING, "The configured historyTable " + schema + "."
                    + parts[1] + " does not exist in database " + identity.database() + "; history tables found: "
                    + names(histories) + ". Correct historyTable (schema.table).", masking);
        }
        Optional<HistoryTable> preferred = HistoryTables.preferred(found, defaultSchema(identity));
        if (preferred.isPresent()) {
            return preferred.get();
        }
        if (histories.isEmpty()) {
            return null;
        }
        List<HistoryTable> readable = histories.stream()
                .filter(t -> t.tool() == HistoryTool.FLYWAY || GenericHistory.supports(t.tool())).toList();
        if (readable.isEmpty()) {
            throw new DatabaseAccessException(Reason.INVALID_SETTINGS, "Database " + identity.database()
                    + " keeps its migration history in " + names(histories) + "; detect-drift reads the histories of"
                    + " Flyway, golang-migrate, dbmate and the Supabase CLI. Set historyTable to one of those.",
                    masking);
        }
        throw new DatabaseAccessException(Reason.INVALID_SETTINGS, "Database " + identity.database()
                + " has several migration history tables (" + names(readable) + "); set historyTable to the one"
                + " these migrations belong to.", masking);
    }

    private static String names(List<HistoryTable> tables) {
        return tables.stream().map(HistoryTable::toString).collect(Collectors.joining(", "));
    }

    /**
     * Splits {@code [schema.]table} where either part may be double-quoted ({@code "My Schema"."History"}); unquoted
     * parts are taken as written (PostgreSQL folds unquoted names, so a user writes them in lower case).
     *
     * @return {schema or null, table}
     */
    static String[] split(String qualified) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < qualified.length(); i++) {
            char ch = qualified.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < qualified.length() && qualified.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString());
        if (quoted || parts.size() > 2 || parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("historyTable must be [schema.]table, not '" + qualified + "'");
        }
        return parts.size() == 1 ? new String[] {null, parts.get(0)} : new String[] {parts.get(0), parts.get(1)};
    }
}
