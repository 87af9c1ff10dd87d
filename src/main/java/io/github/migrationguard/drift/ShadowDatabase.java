package io.github.migrationguard.drift;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.DatabaseAccessException.Reason;
import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.db.JdbcTarget;
import io.github.migrationguard.db.Masking;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.db.SqlIdentifiers;
import io.github.migrationguard.schema.CatalogReader;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.replay.ReplayInput;
import io.github.migrationguard.sql.LexProblem;
import io.github.migrationguard.sql.SourceText;
import io.github.migrationguard.sql.SplitResult;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.StatementSplitter;
import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Builds the expected schema by really applying the migrations: on the server {@code shadowUrl} names, a fresh,
 * uniquely named database ({@value #NAME_PREFIX}{@code <UTC timestamp>_<random>}) is created from
 * {@code template0}, every applied migration runs in order (statements split as psql splits them, each executed over
 * JDBC in auto-commit mode, {@code COPY ... FROM stdin} data sent through the COPY protocol, one fresh session per
 * migration so that settings never leak from one to the next), the result is read with the same
 * {@link CatalogReader} as the live database, and the database is dropped again, whatever happened.
 *
 * <p>A shadow that is the target itself is refused before anything is created: same database name on the same
 * server address and port, or the same database name with both servers on this machine. Testcontainers'
 * {@code jdbc:tc:postgresql:...} URLs work too (the container's own server is used).
 */
public final class ShadowDatabase {

    /** Every shadow database's name starts with this. */
    public static final String NAME_PREFIX = "migration_guard_shadow_";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SETTING = "shadowUrl";

    /** A migration that fails in the shadow database: names the script and the line. */
    public static final class MigrationFailedException extends DatabaseAccessException {

        private static final long serialVersionUID = 1L;

        private final String script;
        private final int line;

        MigrationFailedException(String script, int line, String message, String sqlState, Throwable cause,
                                 Masking masking) {
            super(Reason.OTHER, message, sqlState, cause, masking);
            this.script = script;
            this.line = line;
        }

        /** The migration, as {@link ReplayInput#script()} names it. */
        public String script() {
            return script;
        }

        /** 1-based line in the script. */
        public int line() {
            return line;
        }
    }

    private final JdbcTarget shadow;
    private final Masking masking;
    private final Connections.Options options;

    private ShadowDatabase(JdbcTarget shadow) {
        this.shadow = shadow;
        this.masking = shadow.masking();
        this.options = new Connections.Options(Connections.Options.DEFAULT.connectTimeout(),
                Connections.Options.DEFAULT.socketTimeout(), "migration-guard shadow");
    }

    /**
     * Applies {@code applied} to a new database on the shadow server and reads its schema.
     *
     * @param shadow  the shadow server (its database is only used to connect and to create and drop the shadow)
     * @param target  identity of the database being checked, to refuse a shadow that is the target
     * @param applied the migrations to apply, in order
     * @param schemas schemas to read; empty for every non-system schema
     * @throws DatabaseAccessException    when the shadow is the target, cannot be reached, may not create databases,
     *                                    or cannot be read or dropped
     * @throws MigrationFailedException when a migration fails there (script and line in the message)
     */
    public static SchemaModel build(JdbcTarget shadow, DatabaseIdentity target, List<ReplayInput> applied,
                                    Set<String> schemas) throws DatabaseAccessException {
        return build(shadow, target, applied, schemas, null);
    }

    /**
     * Like {@link #build(JdbcTarget, DatabaseIdentity, List, Set)}, for migrations a tool runs with its own default
     * schema first in the search path (created before the first migration), as Flyway does for the schema of its
     * history table.
     *
     * @param defaultSchema that schema, or null for the server's search path
     */
    public static SchemaModel build(JdbcTarget shadow, DatabaseIdentity target, List<ReplayInput> applied,
                                    Set<String> schemas, String defaultSchema) throws DatabaseAccessException {
        Objects.requireNonNull(shadow, "shadow");
        Objects.requireNonNull(target, "target");
        ShadowDatabase db = new ShadowDatabase(shadow);
        db.defaultSchema = defaultSchema;
        return db.run(target, List.copyOf(applied), schemas == null ? Set.of() : schemas);
    }

    /** The tool's default schema, put first in the search path of every migration; null for none. */
    private String defaultSchema;

    private SchemaModel run(DatabaseIdentity target, List<ReplayInput> applied, Set<String> schemas)
            throws DatabaseAccessException {
        refuseByUrl(target);
        Connection maintenance = openMaintenance();
        String name = NAME_PREFIX + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "_"
                + HexFormat.of().formatHex(randomBytes());
        DatabaseAccessException failure = null;
        try {
            DatabaseIdentity shadowIdentity;
            try {
                shadowIdentity = DatabaseIdentity.read(maintenance);
            } catch (SQLException e) {
                throw Connections.queryFailed(e, "reading the identity of the shadow server (" + setting() + ")",
                        masking);
            }
            refuse(shadowIdentity.database(), shadowIdentity.serverAddress(), shadowIdentity.serverPort(), target,
                    shadowIdentity.serverEndpoint());
            JdbcTarget database = targetFor(maintenance, shadowIdentity, name);
            create(maintenance, name, shadowIdentity);
            try {
                for (ReplayInput migration : applied) {
                    apply(database, migration, name);
                }
                return read(database, schemas);
            } catch (DatabaseAccessException e) {
                failure = e;
                throw e;
            } catch (RuntimeException e) {
                failure = new DatabaseAccessException(Reason.OTHER, "Building the shadow database " + name
                        + " failed: " + e, null, e, masking);
                throw failure;
            } finally {
                drop(maintenance, name, failure);
            }
        } finally {
            closeQuietly(maintenance);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return b;
    }

    // ------------------------------------------------------------------ refusing the target

    /** Before connecting: the URL's database and hosts against the target's identity. */
    private void refuseByUrl(DatabaseIdentity target) throws DatabaseAccessException {
        if (shadow.database() == null) {
            return;
        }
        for (String host : shadow.hosts()) {
            int colon = host.lastIndexOf(':');
            String address = colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
            Integer port = null;
            if (colon > 0 && !host.endsWith("]")) {
                try {
                    port = Integer.valueOf(host.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = null;
                }
            }
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            refuse(shadow.database(), address, port, target, host);
        }
    }

    private void refuse(String shadowDatabase, String address, Integer port, DatabaseIdentity target, String where)
            throws DatabaseAccessException {
        if (shadowDatabase == null || !shadowDatabase.equals(target.database())) {
            return;
        }
        boolean sameServer = address != null && address.equalsIgnoreCase(target.serverAddress())
                && Objects.equals(port, target.serverPort());
        boolean bothLocal = isLocal(address) && isLocal(target.serverAddress());
        if (sameServer || bothLocal) {
            throw new DatabaseAccessException(Reason.INVALID_SETTINGS, "Refusing to use the shadow database: "
                    + setting() + " points at the database being checked, " + shadowDatabase
                    + " on " + where + " (the target is " + target.database() + " on " + target.serverEndpoint()
                    + "). The shadow is a throw-away database created and dropped next to the one " + SETTING
                    + " names; point " + SETTING + " at another database, e.g. postgres, on a server where its user "
                    + "may CREATE DATABASE.", masking);
        }
    }

    /** Where the shadow settings come from, always naming {@code shadowUrl}. */
    private String setting() {
        String source = shadow.source();
        return source != null && source.contains(SETTING) ? source : SETTING + " from " + source;
    }

    /** Loopback addresses, {@code localhost}, and Unix-domain sockets (no address). */
    static boolean isLocal(String address) {
        if (address == null || address.isEmpty()) {
            return true;
        }
        String a = address.toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.equals("localhost") || a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")
                || a.startsWith("/");
    }

    // ------------------------------------------------------------------ connections

    private Connection openMaintenance() throws DatabaseAccessException {
        try {
            return Connections.open(shadow, options);
        } catch (DatabaseAccessException e) {
            if (e.reason() == Reason.UNKNOWN_DATABASE && isPgJdbc(shadow.jdbcUrl())
                    && !"postgres".equals(shadow.database())) {
                // the database in shadowUrl does not exist: use the server's usual maintenance database
                JdbcTarget postgres = new JdbcTarget(withDatabase(shadow.jdbcUrl(), "postgres"),
                        shadow.properties(), shadow.hosts(), "postgres", shadow.user(), shadow.sslMode(),
                        shadow.source(), shadow.ignoredParameters(), masking);
                try {
                    return Connections.open(postgres, options);
                } catch (DatabaseAccessException ignored) {
                    throw rephrase(e);
                }
            }
            throw rephrase(e);
        }
    }

    private DatabaseAccessException rephrase(DatabaseAccessException e) {
        return new DatabaseAccessException(e.reason(), "Could not connect to the shadow server (" + setting() + "): "
                + e.getMessage(), e.sqlState(), e, masking);
    }

    /** How to reach the new database: the shadow URL with another database, or the server behind a wrapper URL. */
    private JdbcTarget targetFor(Connection maintenance, DatabaseIdentity shadowIdentity, String database)
            throws DatabaseAccessException {
        if (isPgJdbc(shadow.jdbcUrl())) {
            return new JdbcTarget(withDatabase(shadow.jdbcUrl(), database), shadow.properties(), shadow.hosts(),
                    database, shadow.user(), shadow.sslMode(), shadow.source(), List.of(), masking);
        }
        // e.g. jdbc:tc:postgresql:...: the wrapper's driver connected to a real server; reach it directly
        String serverUrl;
        String user;
        try {
            serverUrl = maintenance.getMetaData().getURL();
            user = maintenance.getMetaData().getUserName();
        } catch (SQLException e) {
            throw Connections.queryFailed(e, "finding the server behind " + SETTING, masking);
        }
        if (serverUrl == null || !isPgJdbc(serverUrl)) {
            throw new DatabaseAccessException(Reason.INVALID_SETTINGS, "The driver for " + setting()
                    + " does not say which PostgreSQL server it connected to, so no shadow database "
                    + "can be created there; use a jdbc:postgresql: URL.", masking);
        }
        Properties props = shadow.properties();
        if (props.getProperty("user") == null && user != null) {
            props.setProperty("user", user);
        }
        Properties parsed = org.postgresql.Driver.parseURL(serverUrl, null);
        String urlPassword = parsed == null ? null : parsed.getProperty("password");
        if (props.getProperty("password") == null && urlPassword == null) {
            String password = testcontainersPassword(shadow.jdbcUrl());
            if (password != null) {
                props.setProperty("password", password);
            }
        }
        Masking m = masking.with(urlPassword).with(props.getProperty("password"));
        return new JdbcTarget(withDatabase(serverUrl, database), props, List.of(shadowIdentity.serverEndpoint()),
                database, props.getProperty("user"), null, shadow.source(), List.of(), m);
    }

    /**
     * The password of the container Testcontainers started for a {@code jdbc:tc:} URL, or null. Testcontainers keeps
     * it with the container, not in the URL, and offers no public lookup by URL.
     */
    static String testcontainersPassword(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:tc:", 0, 8)) {
            return null;
        }
        try {
            Class<?> driver = Class.forName("org.testcontainers.jdbc.ContainerDatabaseDriver", false,
                    Thread.currentThread().getContextClassLoader());
            Method lookup = driver.getDeclaredMethod("getContainer", String.class);
            lookup.setAccessible(true);
            Object container = lookup.invoke(null, url);
            if (container == null) {
                return null;
            }
            Object password = container.getClass().getMethod("getPassword").invoke(container);
            return password == null ? null : password.toString();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static boolean isPgJdbc(String url) {
        return url.regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length());
    }

    /** The JDBC URL with another database, hosts and parameters kept. */
    static String withDatabase(String url, String database) {
        String prefix = url.substring(0, "jdbc:postgresql:".length());
        String rest = url.substring(prefix.length());
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q);
        String path = q < 0 ? rest : rest.substring(0, q);
        if (path.startsWith("//")) {
            int slash = path.indexOf('/', 2);
            String hosts = slash < 0 ? path : path.substring(0, slash);
            return prefix + hosts + "/" + database + query;
        }
        return prefix + database + query;
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException | RuntimeException ignored) {
            // nothing left to do
        }
    }

    // ------------------------------------------------------------------ create, apply, read, drop

    private void create(Connection maintenance, String name, DatabaseIdentity server) throws DatabaseAccessException {
        try (Statement st = maintenance.createStatement()) {
            if (!maintenance.getAutoCommit()) {
                maintenance.setAutoCommit(true);
            }
            st.execute("CREATE DATABASE " + SqlIdentifiers.quote(name) + " TEMPLATE template0");
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals("42501")) {
                throw new DatabaseAccessException(Reason.PERMISSION_DENIED, "The user of " + setting()
                        + " may not create databases on " + server.serverEndpoint()
                        + ": grant it CREATEDB, or use a user or server where it may. [SQLState " + state + ": "
                        + e.getMessage() + "]", state, e, masking);
            }
            throw Connections.queryFailed(e, "creating the shadow database " + name + " on "
                    + server.serverEndpoint() + " (" + setting() + ")", masking);
        }
    }

    private void apply(JdbcTarget database, ReplayInput migration, String name) throws DatabaseAccessException {
        SourceText source = SourceText.of(migration.sql() == null ? "" : migration.sql());
        SplitResult split = StatementSplitter.split(source.text());
        if (!split.problems().isEmpty()) {
            LexProblem p = split.problems().get(0);
            throw failed(migration, source.line(p.start()), name, p.detail() + "; the migration cannot be applied",
                    null, null);
        }
        Connection c = Connections.open(database, options);
        try {
            if (defaultSchema != null) {
                try (Statement st = c.createStatement();
                     PreparedStatement ps = c.prepareStatement("select pg_catalog.set_config('search_path',"
                             + " pg_catalog.quote_ident(?) || ', \"$user\", public', false)")) {
                    st.execute("create schema if not exists " + SqlIdentifiers.quote(defaultSchema));
                    ps.setString(1, defaultSchema);
                    ps.execute();
                } catch (SQLException e) {
                    throw failed(migration, 1, name, "the default schema " + defaultSchema + " could not be set up: "
                            + e.getMessage(), e.getSQLState(), e);
                }
            }
            for (SqlStatement statement : split.statements()) {
                int line = source.line(statement.start());
                if (statement.metaCommand()) {
                    throw failed(migration, line, name, "psql meta-command " + firstLine(statement.text())
                            + " cannot be applied over JDBC; only psql understands it", null, null);
                }
                if (statement.body().isEmpty()) {
                    continue;
                }
                try {
                    execute(c, statement);
                } catch (SQLException e) {
                    int errorLine = line;
                    String what = e.getMessage();
                    if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
                        ServerErrorMessage sem = pe.getServerErrorMessage();
                        if (sem.getPosition() > 0) {
                            errorLine = source.line(statement.start() + sem.getPosition() - 1);
                        }
                        what = sem.getMessage() + (sem.getDetail() == null ? "" : " (" + sem.getDetail() + ")")
                                + (sem.getHint() == null ? "" : "; hint: " + sem.getHint());
                    }
                    throw failed(migration, errorLine, name, what, e.getSQLState(), e);
                } catch (IOException e) {
                    throw failed(migration, line, name, "COPY data could not be sent: " + e.getMessage(), null, e);
                }
            }
            finishTransaction(c, migration, name);
        } finally {
            closeQuietly(c);
        }
    }

    private MigrationFailedException failed(ReplayInput migration, int line, String name, String what,
                                            String sqlState, Throwable cause) {
        return new MigrationFailedException(migration.script(), line, "Migration " + migration.script()
                + " failed at line " + line + " while building the shadow database " + name + " (" + setting()
                + "): " + what + (sqlState == null ? "" : " [SQLState " + sqlState + "]")
                + ". The shadow database was dropped; the migrations must apply, in order, to an empty database.",
                sqlState, cause, masking);
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    private static void execute(Connection c, SqlStatement statement) throws SQLException, IOException {
        List<Token> body = statement.body();
        Token data = statement.tokens().get(statement.tokens().size() - 1);
        String sql = sqlOf(statement);
        if (body.get(0).isWord("copy")) {
            if (data.type() == TokenType.COPY_DATA) {
                PGConnection pg = c.unwrap(PGConnection.class);
                pg.getCopyAPI().copyIn(sql, new StringReader(withoutEndMarker(data.text())));
                return;
            }
            if (copiesToStdout(body)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, Writer.nullWriter());
                return;
            }
        }
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
        }
    }

    /** The statement's text without the terminating semicolon. */
    private static String sqlOf(SqlStatement statement) {
        List<Token> body = statement.body();
        Token last = body.get(body.size() - 1);
        return statement.text().substring(0, last.end() - statement.start());
    }

    private static boolean copiesToStdout(List<Token> body) {
        for (int i = 0; i + 1 < body.size(); i++) {
            if (body.get(i).isWord("to") && body.get(i + 1).isWord("stdout")) {
                return true;
            }
        }
        return false;
    }

    /** COPY data as the splitter keeps it ends with a {@code \.} line; the COPY protocol ends without it. */
    static String withoutEndMarker(String data) {
        String d = data;
        int end = d.length();
        while (end > 0 && (d.charAt(end - 1) == '\n' || d.charAt(end - 1) == '\r')) {
            end--;
        }
        int lineStart = Math.max(d.lastIndexOf('\n', end - 1), d.lastIndexOf('\r', end - 1)) + 1;
        if (d.substring(lineStart, end).equals("\\.")) {
            return d.substring(0, lineStart);
        }
        return d;
    }

    /** A migration that opened a transaction and left it open is committed, as Flyway's own transaction would be. */
    private void finishTransaction(Connection c, ReplayInput migration, String name) throws DatabaseAccessException {
        try {
            BaseConnection base = c.unwrap(BaseConnection.class);
            TransactionState state = base.getTransactionState();
            if (state == TransactionState.FAILED) {
                throw failed(migration, 1, name, "the migration leaves a failed transaction open", null, null);
            }
            if (state == TransactionState.OPEN) {
                try (Statement st = c.createStatement()) {
                    st.execute("COMMIT");
                }
            }
        } catch (SQLException e) {
            throw failed(migration, 1, name, "its open transaction could not be committed: " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }

    private SchemaModel read(JdbcTarget database, Set<String> schemas) throws DatabaseAccessException {
        Connection c = Connections.open(database, options);
        try (ReadOnlySession session = ReadOnlySession.begin(c, masking)) {
            return CatalogReader.read(session.connection(), schemas, masking).model();
        } finally {
            closeQuietly(c);
        }
    }

    /** Drops the shadow database; a failure to drop is reported, with the database's name, on top of any other. */
    private void drop(Connection maintenance, String name, DatabaseAccessException earlier)
            throws DatabaseAccessException {
        Connection c = maintenance;
        try {
            if (c.isClosed() || !c.isValid(5)) {
                c = Connections.open(shadow, options);
            }
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            boolean force = c.getMetaData().getDatabaseMajorVersion() >= 13;
            if (!force) {
                try (PreparedStatement ps = c.prepareStatement("select pg_catalog.pg_terminate_backend(pid)"
                        + " from pg_catalog.pg_stat_activity where datname = ? and pid <> pg_catalog.pg_backend_pid()")) {
                    ps.setString(1, name);
                    ps.execute();
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + SqlIdentifiers.quote(name) + (force ? " WITH (FORCE)" : ""));
            }
        } catch (SQLException | DatabaseAccessException | RuntimeException e) {
            DatabaseAccessException dropFailure = new DatabaseAccessException(Reason.OTHER, "Could not drop the "
                    + "shadow database " + name + " (" + setting() + "); drop it by hand: "
                    + "DROP DATABASE " + SqlIdentifiers.quote(name) + ". Cause: " + e.getMessage(), null, e, masking);
            if (earlier != null) {
                earlier.addSuppressed(dropFailure);
            } else {
                throw dropFailure;
            }
        } finally {
            if (c != maintenance) {
                closeQuietly(c);
            }
        }
    }
}
