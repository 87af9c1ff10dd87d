package io.github.migrationguard.sql.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Functions that run SQL passed to them as text (now, on a schedule, or at CREATE EXTENSION for pg_tle's
 * extension scripts), and which of their arguments is that text. A constant argument is
 * scanned like any other SQL; a value known only at run time is dynamic SQL.
 */
final class SqlTextFunctions {

    private static final Set<String> NAMES = Set.of("dblink", "dblink_exec", "dblink_send_query", "dblink_open",
            "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "pg_background_launch",
            "schedule", "schedule_in_database", "alter_job", "ts_stat", "ts_rewrite", "crosstab", "crosstab2", "crosstab3",
            "crosstab4", "install_extension", "install_extension_version_sql", "install_update_path");

    /** pg_tle's functions: the script they store runs at CREATE EXTENSION / ALTER EXTENSION ... UPDATE. */
    private static final Set<String> PG_TLE = Set.of("install_extension", "install_extension_version_sql",
            "install_update_path");

    private SqlTextFunctions() {
    }

    /**
     * True for a call of a function that runs SQL text.
     *
     * @param qualifier the schema before the name, or null; {@code schedule} counts only as pg_cron's
     *                  {@code cron.schedule}
     */
    static boolean isSqlTextFunction(String name, String qualifier) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(n)) {
            return false;
        }
        if (PG_TLE.contains(n)) {
            return qualifier == null || qualifier.equals("pgtle");
        }
        if (n.equals("alter_job")) {
            return "cron".equals(qualifier);
        }
        if (n.equals("schedule") || n.equals("schedule_in_database")) {
            return qualifier == null ? n.equals("schedule_in_database") : qualifier.equals("cron");
        }
        return true;
    }

    /** Indices of the arguments that hold SQL text, for a call with {@code count} arguments. */
    static int[] sqlArguments(String name, int count, DestructiveScanner.Pass p, List<int[]> args) {
        if (count == 0) {
            return new int[0];
        }
        switch (name) {
            case "dblink", "dblink_exec" -> {
                // (sql), (sql, fail_on_error), (conn, sql), (conn, sql, fail_on_error)
                if (count == 1) {
                    return new int[] {0};
                }
                if (count == 2) {
                    int[] second = args.get(1);
                    boolean flag = second[1] == second[0] + 1 && p.tok(second[0]).isAnyWord("true", "false");
                    return flag ? new int[] {0} : new int[] {1};
                }
                return new int[] {1};
            }
            case "dblink_send_query" -> {
                return new int[] {count - 1};
            }
            case "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "pg_background_launch",
                    "ts_stat" -> {
                return new int[] {0};
            }
            case "ts_rewrite" -> {
                return count == 2 ? new int[] {1} : new int[0];
            }
            case "schedule" -> {
                // cron.schedule(schedule, command) or cron.schedule(job_name, schedule, command)
                return new int[] {count - 1};
            }
            case "alter_job" -> {
                // cron.alter_job(job_id, schedule, command, database, username, active)
                return count >= 3 ? new int[] {2} : new int[0];
            }
            case "install_extension", "install_update_path" -> {
                // pgtle.install_extension(name, version, description, ext [, requires [, schema]]),
                // pgtle.install_update_path(name, fromvers, tovers, ext)
                return count >= 4 ? new int[] {3} : new int[0];
            }
            case "install_extension_version_sql" -> {
                // pgtle.install_extension_version_sql(name, version, ext)
                return count >= 3 ? new int[] {2} : new int[0];
            }
            case "schedule_in_database" -> {
                return count >= 3 ? new int[] {2} : all(count);
            }
            default -> {
                // dblink_open and crosstab*: every argument may be query text
                return all(count);
            }
        }
    }

    private static int[] all(int count) {
        int[] a = new int[count];
        for (int i = 0; i < count; i++) {
            a[i] = i;
        }
        return a;
    }
}
