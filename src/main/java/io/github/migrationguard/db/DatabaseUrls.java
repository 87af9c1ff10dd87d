package io.github.migrationguard.db;

import io.github.migrationguard.db.DatabaseAccessException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Turns what users write into a pgjdbc target.
 *
 * <ul>
 *   <li>{@code jdbc:postgresql:...} URLs are used as they are (an explicit user or password replaces the one in the
 *       URL); {@code jdbc:tc:...} (Testcontainers) URLs are passed through untouched.</li>
 *   <li>libpq URIs, {@code postgresql://[user[:password]@][host][:port][,host[:port]...][/dbname][?param=value&...]}
 *       (also {@code postgres://}), with percent-encoding, IPv6 literals in brackets and several hosts, are parsed the
 *       way libpq does and rebuilt as a JDBC URL plus properties.</li>
 *   <li>libpq key/value strings ({@code host=db.example.com dbname=app sslmode=require}) likewise.</li>
 * </ul>
 * libpq parameters are translated to their pgjdbc names ({@code sslmode} passes through, {@code connect_timeout}
 * becomes {@code connectTimeout}, {@code application_name} becomes {@code ApplicationName}, ...); pgjdbc property
 * names are accepted too. Parameters of other tools that often sit in a {@code DATABASE_URL}
 * ({@code pgbouncer}, {@code schema}, {@code connection_limit}, ...) are ignored and listed in
 * {@link JdbcTarget#ignoredParameters()}. Anything else is an error naming the parameter, never silently dropped.
 * Unix-domain sockets are not supported by pgjdbc and are rejected with an explanation.
 */
public final class DatabaseUrls {

    /** PostgreSQL's default port. */
    public static final int DEFAULT_PORT = 5432;

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** Parameters other tools put into DATABASE_URL; they mean nothing to libpq or pgjdbc. */
    private static final Set<String> FOREIGN_PARAMETERS = Set.of("pgbouncer", "schema", "connection_limit",
            "pool_timeout", "statement_cache_size", "socket_timeout", "sslaccept", "sslidentity", "pool");

    /** libpq name to pgjdbc name, for parameters whose value needs no translation. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("sslmode", "sslmode"),
            Map.entry("sslcert", "sslcert"),
            Map.entry("sslkey", "sslkey"),
            Map.entry("sslrootcert", "sslrootcert"),
            Map.entry("sslpassword", "sslpassword"),
            Map.entry("sslnegotiation", "sslNegotiation"),
            Map.entry("connect_timeout", "connectTimeout"),
            Map.entry("application_name", "ApplicationName"),
            Map.entry("options", "options"),
            Map.entry("gssencmode", "gssEncMode"),
            Map.entry("channel_binding", "channelBinding"),
            Map.entry("service", "service"),
            Map.entry("krbsrvname", "kerberosServerName"));

    private DatabaseUrls() {
    }

    /** Resolves the settings into a JDBC URL and driver properties. */
    public static JdbcTarget resolve(ConnectionSettings settings) throws DatabaseAccessException {
        Masking masking = settings.masking();
        String url = settings.url() == null ? "" : settings.url().strip();
        if (url.isEmpty()) {
            throw new DatabaseAccessException(Reason.INVALID_SETTINGS,
                    "No database URL is configured: set " + settings.source() + ".", masking);
        }
        String lower = url.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("jdbc:postgresql:")) {
                return fromJdbc(url, settings, masking);
            }
            if (lower.startsWith("jdbc:tc:")) {
                return passThrough(url, settings, masking);
            }
            if (lower.startsWith("jdbc:")) {
                throw new BadUrl("it is a JDBC URL for another database; only PostgreSQL (jdbc:postgresql:) is "
                        + "supported");
            }
            Parsed parsed;
            if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
                parsed = parseUri(url);
            } else if (looksLikeKeyValue(url)) {
                parsed = parseKeyValue(url);
            } else {
                throw new BadUrl("expected postgresql://user@host:port/database, postgres://..., "
                        + "jdbc:postgresql://host:port/database or host=... dbname=...");
            }
            return fromParsed(parsed, settings, masking);
        } catch (BadUrl e) {
            throw new DatabaseAccessException(Reason.INVALID_SETTINGS,
                    "The database URL in " + settings.source() + " is not valid: " + e.getMessage() + ".", masking);
        }
    }

    /**
     * Passwords written into a URL (user-info, {@code password=} and {@code sslpassword=} parameters), for masking.
     * Never fails: a URL that cannot be parsed yields what a lenient scan finds.
     */
    static List<String> embeddedSecrets(String url) {
        List<String> secrets = new ArrayList<>();
        if (url == null || url.isBlank()) {
            return secrets;
        }
        String s = url.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("jdbc:postgresql:")) {
                Properties p = Driver.parseURL(s, null);
                if (p != null) {
                    secrets.add(p.getProperty("password"));
                    secrets.add(p.getProperty("sslpassword"));
                }
            } else if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
                Parsed p = parseUri(s);
                secrets.add(p.password);
                secrets.add(p.params.get("password"));
                secrets.add(p.params.get("sslpassword"));
            } else if (looksLikeKeyValue(s)) {
                Parsed p = parseKeyValue(s);
                secrets.add(p.params.get("password"));
                secrets.add(p.params.get("sslpassword"));
            }
        } catch (BadUrl | RuntimeException e) {
            // fall through to the raw scan below
        }
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            int at = s.lastIndexOf('@');
            int colon = s.indexOf(':', scheme + 3);
            if (at > colon && colon > 0) {
                secrets.add(s.substring(colon + 1, at));
            }
        }
        secrets.removeIf(x -> x == null || x.isEmpty());
        return secrets;
    }

    // ---------------------------------------------------------------- jdbc URLs

    private static JdbcTarget fromJdbc(String url, ConnectionSettings settings, Masking masking) throws BadUrl {
        Properties parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            throw new BadUrl("pgjdbc cannot parse it (expected jdbc:postgresql://host:port/database?param=value)");
        }
        String jdbcUrl = url;
        Properties props = new Properties();
        if (settings.user() != null) {
            jdbcUrl = withoutQueryParameter(jdbcUrl, "user");
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            jdbcUrl = withoutQueryParameter(jdbcUrl, "password");
            props.setProperty("password", settings.password());
        }
        String sslMode = parsed.getProperty("sslmode");
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw new BadUrl("sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        List<String> hosts = new ArrayList<>();
        String[] hostNames = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", String.valueOf(DEFAULT_PORT)).split(",");
        for (int i = 0; i < hostNames.length; i++) {
            hosts.add(hostNames[i] + ":" + (i < ports.length ? ports[i] : ports[ports.length - 1]));
        }
        String user = settings.user() != null ? settings.user() : parsed.getProperty("user");
        Masking m = masking.with(parsed.getProperty("password")).with(parsed.getProperty("sslpassword"));
        return new JdbcTarget(jdbcUrl, props, hosts, parsed.getProperty("PGDBNAME"), user, sslMode,
                settings.source(), List.of(), m);
    }

    private static JdbcTarget passThrough(String url, ConnectionSettings settings, Masking masking) {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        return new JdbcTarget(url, props, List.of(), null, settings.user(), null, settings.source(), List.of(),
                masking);
    }

    /** Removes every {@code name=...} parameter from the query part of a JDBC URL. */
    static String withoutQueryParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        List<String> kept = new ArrayList<>();
        for (String part : url.substring(q + 1).split("&", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            if (!key.equals(name) && !part.isEmpty()) {
                kept.add(part);
            }
        }
        return url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }

    // ---------------------------------------------------------------- libpq forms

    /** What a libpq URI or key/value string says, before translation. */
    private static final class Parsed {
        final List<String> hostSpecs = new ArrayList<>();
        final List<String> portSpecs = new ArrayList<>();
        String user;
        String password;
        String dbname;
        final Map<String, String> params = new LinkedHashMap<>();
    }

    private static Parsed parseUri(String uri) throws BadUrl {
        Parsed p = new Parsed();
        String rest = uri.substring(uri.indexOf("://") + 3);
        int len = rest.length();
        // like libpq: user-info ends at the first '@' that comes before any '/'
        int i = 0;
        while (i < len && rest.charAt(i) != '@' && rest.charAt(i) != '/') {
            i++;
        }
        int pos = 0;
        if (i < len && rest.charAt(i) == '@') {
            String userInfo = rest.substring(0, i);
            int colon = userInfo.indexOf(':');
            p.user = emptyToNull(decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name"));
            if (colon >= 0) {
                p.password = decode(userInfo.substring(colon + 1), "password");
            }
            pos = i + 1;
        }
        int hostEnd = pos;
        while (hostEnd < len && rest.charAt(hostEnd) != '/' && rest.charAt(hostEnd) != '?') {
            hostEnd++;
        }
        parseHostList(rest.substring(pos, hostEnd), p);
        pos = hostEnd;
        if (pos < len && rest.charAt(pos) == '/') {
            int dbEnd = rest.indexOf('?', pos);
            if (dbEnd < 0) {
                dbEnd = len;
            }
            p.dbname = emptyToNull(decode(rest.substring(pos + 1, dbEnd), "database name"));
            pos = dbEnd;
        }
        if (pos < len && rest.charAt(pos) == '?') {
            for (String part : rest.substring(pos + 1).split("&", -1)) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new BadUrl("query parameter without '=' (percent-encode '&' in values as %26)");
                }
                if (part.indexOf('=', eq + 1) >= 0) {
                    throw new BadUrl("a query parameter contains a second '=' (percent-encode '=' in values "
                            + "as %3D)");
                }
                String key = decode(part.substring(0, eq), "parameter name");
                p.params.put(key, decode(part.substring(eq + 1), "value of parameter '" + safeName(key) + "'"));
            }
        }
        return p;
    }

    private static void parseHostList(String hostList, Parsed p) throws BadUrl {
        if (hostList.isEmpty()) {
            return;
        }
        for (String entry : hostList.split(",", -1)) {
            String host;
            String port = null;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new BadUrl("an IPv6 host address lacks its closing ']'");
                }
                host = entry.substring(1, close);
                String after = entry.substring(close + 1);
                if (after.startsWith(":")) {
                    port = after.substring(1);
                } else if (!after.isEmpty()) {
                    throw new BadUrl("unexpected text after an IPv6 host address (expected ':port')");
                }
                if (host.isEmpty()) {
                    throw new BadUrl("empty IPv6 host address");
                }
                host = "[" + host + "]";
            } else {
                int colon = entry.indexOf(':');
                host = colon < 0 ? entry : entry.substring(0, colon);
                port = colon < 0 ? null : entry.substring(colon + 1);
                host = decode(host, "host name");
            }
            p.hostSpecs.add(host);
            p.portSpecs.add(port == null || port.isEmpty() ? null : port);
        }
    }

    private static boolean looksLikeKeyValue(String s) {
        return !s.contains("://") && s.matches("(?s)\\s*[A-Za-z_][A-Za-z0-9_]*\\s*=.*");
    }

    private static Parsed parseKeyValue(String s) throws BadUrl {
        Parsed p = new Parsed();
        int i = 0;
        int len = s.length();
        while (true) {
            while (i < len && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int keyStart = i;
            while (i < len && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            String key = s.substring(keyStart, i);
            while (i < len && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (key.isEmpty() || i >= len || s.charAt(i) != '=') {
                throw new BadUrl("expected key=value pairs separated by spaces");
            }
            i++;
            while (i < len && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < len && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < len) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < len) {
                        value.append(s.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new BadUrl("unterminated quoted value of '" + safeName(key) + "'");
                }
            } else {
                while (i < len && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < len) {
                        value.append(s.charAt(i++));
                    } else {
                        value.append(c);
                    }
                }
            }
            p.params.put(key, value.toString());
        }
        return p;
    }

    private static JdbcTarget fromParsed(Parsed p, ConnectionSettings settings, Masking masking) throws BadUrl {
        Map<String, String> params = new LinkedHashMap<>(p.params);
        List<String> hostSpecs = new ArrayList<>(p.hostSpecs);
        List<String> portSpecs = new ArrayList<>(p.portSpecs);
        String hostParam = params.remove("host");
        if (hostParam != null) {
            hostSpecs.clear();
            for (String h : hostParam.split(",", -1)) {
                hostSpecs.add(h.contains(":") && !h.startsWith("[") && !h.startsWith("/") ? "[" + h + "]" : h);
            }
        }
        String portParam = params.remove("port");
        if (portParam != null) {
            portSpecs.clear();
            for (String port : portParam.split(",", -1)) {
                portSpecs.add(port.isEmpty() ? null : port);
            }
        }
        if (hostSpecs.isEmpty()) {
            hostSpecs.add("localhost");
        }
        if (portSpecs.size() != hostSpecs.size() && portSpecs.size() > 1) {
            throw new BadUrl(hostSpecs.size() + " hosts but " + portSpecs.size() + " ports are given");
        }
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < hostSpecs.size(); i++) {
            String host = hostSpecs.get(i);
            if (host.isEmpty()) {
                host = "localhost";
            }
            checkHost(host);
            String portSpec = portSpecs.isEmpty() ? null : portSpecs.get(portSpecs.size() == 1 ? 0 : i);
            hosts.add(host + ":" + port(portSpec));
        }

        String dbname = params.containsKey("dbname") ? emptyToNull(params.remove("dbname")) : p.dbname;
        String user = params.containsKey("user") ? emptyToNull(params.remove("user")) : p.user;
        String password = params.containsKey("password") ? params.remove("password") : p.password;
        if (settings.user() != null) {
            user = settings.user();
        }
        if (settings.password() != null) {
            password = settings.password();
        }
        if (dbname == null) {
            dbname = user; // libpq's default
        }

        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        List<String> ignored = new ArrayList<>();
        String sslMode = null;
        String fallbackApplicationName = params.remove("fallback_application_name");
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            switch (key) {
                case "sslmode" -> {
                    if (!SSL_MODES.contains(value)) {
                        throw new BadUrl("sslmode must be one of disable, allow, prefer, require, verify-ca, "
                                + "verify-full");
                    }
                    sslMode = value;
                    props.setProperty("sslmode", value);
                }
                case "target_session_attrs" -> props.setProperty("targetServerType", targetServerType(value));
                case "keepalives" -> props.setProperty("tcpKeepAlive", String.valueOf(!"0".equals(value)));
                case "connect_timeout" -> {
                    if (!value.matches("\\d{1,9}")) {
                        throw new BadUrl("connect_timeout must be a whole number of seconds");
                    }
                    props.setProperty("connectTimeout", value);
                }
                default -> {
                    if (RENAMED.containsKey(key)) {
                        props.setProperty(RENAMED.get(key), value);
                    } else if (FOREIGN_PARAMETERS.contains(key)) {
                        ignored.add(key);
                    } else if (PGProperty.forName(key) != null && !key.startsWith("PG")) {
                        props.setProperty(key, value);
                    } else {
                        throw new BadUrl("unsupported parameter '" + safeName(key) + "' (supported: host, port, "
                                + "dbname, user, password, sslmode, sslcert, sslkey, sslrootcert, sslpassword, "
                                + "connect_timeout, application_name, options, target_session_attrs, gssencmode, "
                                + "channel_binding, keepalives, and pgjdbc property names)");
                    }
                }
            }
        }
        if (fallbackApplicationName != null && !props.containsKey("ApplicationName")) {
            props.setProperty("ApplicationName", fallbackApplicationName);
        }
        String jdbcUrl = "jdbc:postgresql://" + String.join(",", hosts) + "/"
                + (dbname == null ? "" : encodePathSegment(dbname));
        if (Driver.parseURL(jdbcUrl, props) == null) {
            throw new BadUrl("the resulting JDBC URL is not accepted by pgjdbc");
        }
        Masking m = masking.with(password).with(props.getProperty("sslpassword"));
        return new JdbcTarget(jdbcUrl, props, hosts, dbname, user, sslMode, settings.source(), ignored, m);
    }

    private static void checkHost(String host) throws BadUrl {
        if (host.startsWith("/") || host.startsWith("@")) {
            throw new BadUrl("Unix-domain socket directories are not supported by the JDBC driver; "
                    + "use host=localhost (or the server's address) and a port instead");
        }
        if (host.startsWith("[")) {
            if (!host.matches("\\[[0-9A-Fa-f:.%a-zA-Z]+]")) {
                throw new BadUrl("the IPv6 host address is malformed");
            }
            return;
        }
        if (host.indexOf('@') >= 0) {
            throw new BadUrl("the host part contains '@'; if the password contains '@', ':', '/', '?', '#' or '%', "
                    + "percent-encode it (e.g. '@' as %40)");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
                throw new BadUrl("the host name contains an invalid character (percent-encode special characters "
                        + "in the user name and password)");
            }
        }
    }

    private static int port(String spec) throws BadUrl {
        if (spec == null) {
            return DEFAULT_PORT;
        }
        if (!spec.matches("\\d{1,5}")) {
            throw new BadUrl("a port is not a number between 1 and 65535");
        }
        int port = Integer.parseInt(spec);
        if (port < 1 || port > 65535) {
            throw new BadUrl("a port is not a number between 1 and 65535");
        }
        return port;
    }

    private static String targetServerType(String attrs) throws BadUrl {
        return switch (attrs) {
            case "any" -> "any";
            case "read-write", "primary" -> "primary";
            case "read-only", "standby" -> "secondary";
            case "prefer-standby" -> "preferSecondary";
            default -> throw new BadUrl("target_session_attrs must be one of any, read-write, read-only, primary, "
                    + "standby, prefer-standby");
        };
    }

    /** Percent-decodes like libpq: {@code %HH} only ({@code +} stays a plus), UTF-8, no NUL. */
    static String decode(String s, String what) throws BadUrl {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new BadUrl("invalid percent-encoding in the " + what);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadUrl("invalid percent-encoding in the " + what);
                }
                int b = hi * 16 + lo;
                if (b == 0) {
                    throw new BadUrl("the " + what + " contains an encoded NUL (%00)");
                }
                bytes.write(b);
                i += 2;
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    enc = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(enc, 0, enc.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Encodes a database name for the path of a JDBC URL (pgjdbc decodes '+' as a space, so it is encoded). */
    static String encodePathSegment(String s) {
        return Masking.percentEncode(s, true);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A parameter name is echoed in messages only when it looks like one (it could be part of a password). */
    private static String safeName(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_.]{0,40}") ? key : "?";
    }

    /** A problem with the URL; the message never contains the URL or a value from it. */
    private static final class BadUrl extends Exception {
        private static final long serialVersionUID = 1L;

        BadUrl(String message) {
            super(message, null, false, false);
        }
    }
}
