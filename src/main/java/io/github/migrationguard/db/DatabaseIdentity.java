package io.github.migrationguard.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a connection is actually connected to, read from the server (not from the URL, which may point through a
 * proxy or pooler).
 *
 * @param database             {@code current_database()}
 * @param user                 {@code current_user}
 * @param serverAddress        {@code inet_server_addr()} as text, null over a Unix-domain socket
 * @param serverPort           {@code inet_server_port()}, null over a Unix-domain socket
 * @param currentSchema        {@code current_schema()}: the first existing schema of the search_path, or null
 * @param searchPath           the session's {@code search_path} as the user's configuration left it
 * @param serverVersion        {@code server_version}, e.g. {@code 15.4 (Debian 15.4-1)}
 * @param serverVersionNum     {@code server_version_num}, e.g. {@code 150004}
 * @param inRecovery           {@code pg_is_in_recovery()}: true on a hot standby
 * @param defaultReadOnly      {@code default_transaction_read_only} is on for this session
 */
public record DatabaseIdentity(String database, String user, String serverAddress, Integer serverPort,
                               String currentSchema, String searchPath, String serverVersion, int serverVersionNum,
                               boolean inRecovery, boolean defaultReadOnly) {

    static final String QUERY = "select pg_catalog.current_database(), current_user,"
            + " pg_catalog.host(pg_catalog.inet_server_addr()), pg_catalog.inet_server_port(),"
            + " pg_catalog.current_schema(), pg_catalog.current_setting('search_path'),"
            + " pg_catalog.current_setting('server_version'),"
            + " pg_catalog.current_setting('server_version_num')::int, pg_catalog.pg_is_in_recovery(),"
            + " pg_catalog.current_setting('default_transaction_read_only') = 'on'";

    /** Reads the identity with one query. Read it before pinning {@code search_path}. */
    public static DatabaseIdentity read(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            rs.next();
            int port = rs.getInt(4);
            Integer serverPort = rs.wasNull() ? null : port;
            return new DatabaseIdentity(rs.getString(1), rs.getString(2), rs.getString(3), serverPort,
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getBoolean(9),
                    rs.getBoolean(10));
        }
    }

    /** Major version, e.g. 15 for 150004. */
    public int majorVersion() {
        return serverVersionNum / 10000;
    }

    /** {@code address:port}, or {@code local socket} when connected through a Unix-domain socket. */
    public String serverEndpoint() {
        if (serverAddress == null) {
            return "local socket";
        }
        String host = serverAddress.indexOf(':') >= 0 ? "[" + serverAddress + "]" : serverAddress;
        return host + ":" + serverPort;
    }

    /** A one-line description for logs and reports; contains no secret. */
    @Override
    public String toString() {
        return "database " + database + " as " + user + " on " + serverEndpoint() + " (PostgreSQL " + serverVersion
                + (inRecovery ? ", standby" : "") + "), current schema " + currentSchema + ", search_path "
                + searchPath;
    }
}
