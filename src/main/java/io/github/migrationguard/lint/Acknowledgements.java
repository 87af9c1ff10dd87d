package io.github.migrationguard.lint;

import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses inline acknowledgements from comments:
 * {@code -- migration-guard:allow <rule-id>[,<rule-id>] reason="..."} covers the statement that contains the comment
 * or, when the comment stands between statements, the next statement; {@code allow-file} covers the whole file.
 */
final class Acknowledgements {

    static final String MARKER = "migration-guard:";
    private static final Pattern DIRECTIVE = Pattern.compile(
            "^\\s*migration-guard:([A-Za-z-]*)(.*)$", Pattern.DOTALL);
    private static final Pattern REASON = Pattern.compile("reason\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

    /**
     * One parsed acknowledgement.
     *
     * @param fileWide  allow-file
     * @param ids       rule ids named (in order, without duplicates)
     * @param reason    trimmed reason, or null when absent/blank
     * @param directive the directive word as written (for errors)
     * @param start     comment start offset
     * @param end       comment end offset
     */
    record Ack(boolean fileWide, List<String> ids, String reason, String directive, int start, int end) {
    }

    private Acknowledgements() {
    }

    /** Comments that mention {@code migration-guard:}, parsed; returns them in source order. */
    static List<Ack> parse(List<Token> comments) {
        List<Ack> acks = new ArrayList<>();
        for (Token c : comments) {
            String body = commentBody(c);
            int at = body.indexOf(MARKER);
            if (at < 0) {
                continue;
            }
            Matcher m = DIRECTIVE.matcher(body);
            if (!m.matches()) {
                // the marker appears mid-comment (e.g. prose mentioning the tool): not a directive
                continue;
            }
            String directive = m.group(1);
            String rest = m.group(2);
            Matcher r = REASON.matcher(rest);
            String reason = null;
            String idPart = rest;
            if (r.find()) {
                reason = r.group(1) != null ? r.group(1) : r.group(2);
                reason = reason.strip();
                if (reason.isEmpty()) {
                    reason = null;
                }
                idPart = rest.substring(0, r.start());
            } else {
                int eq = rest.indexOf("reason");
                if (eq >= 0) {
                    idPart = rest.substring(0, eq);
                }
            }
            Set<String> ids = new LinkedHashSet<>();
            for (String id : idPart.split("[,\\s]+")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
            acks.add(new Ack(directive.equals("allow-file"), List.copyOf(ids), reason, directive, c.start(), c.end()));
        }
        return acks;
    }

    private static String commentBody(Token c) {
        String t = c.text();
        if (c.type() == TokenType.LINE_COMMENT) {
            return t.startsWith("--") ? t.substring(2) : t;
        }
        String s = t.startsWith("/*") ? t.substring(2) : t;
        return s.endsWith("*/") ? s.substring(0, s.length() - 2) : s;
    }

    static boolean isDirective(String directive) {
        return directive.equals("allow") || directive.equals("allow-file");
    }
}
