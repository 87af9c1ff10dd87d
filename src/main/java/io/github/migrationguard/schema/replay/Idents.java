package io.github.migrationguard.schema.replay;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Identifier rules of PostgreSQL that replay must follow to name objects the way the server does: the 63-byte limit,
 * generated names ({@code users_pkey}, {@code users_email_key}, ...) with numeric suffixes on collision, and quoting as
 * {@code quote_ident} does in the server's renderings.
 */
final class Idents {

    /** {@code NAMEDATALEN - 1}: the longest identifier PostgreSQL keeps, in bytes. */
    static final int MAX_BYTES = 63;

    /**
     * Keywords that {@code quote_ident} quotes: every reserved, column-name and type-or-function-name keyword
     * (PostgreSQL 15, {@code pg_get_keywords()} with a category other than unreserved).
     */
    private static final Set<String> QUOTED_KEYWORDS = Set.of(("all analyse analyze and any array as asc asymmetric "
            + "authorization between bigint binary bit boolean both case cast char character check coalesce collate "
            + "collation column concurrently constraint create cross current_catalog current_date current_role "
            + "current_schema current_time current_timestamp current_user dec decimal default deferrable desc distinct "
            + "do else end except exists extract false fetch float for foreign freeze from full grant greatest group "
            + "grouping having ilike in initially inner inout int integer intersect interval into is isnull join "
            + "lateral leading least left like limit localtime localtimestamp national natural nchar none normalize "
            + "not notnull null nullif numeric offset on only or order out outer overlaps overlay placing position "
            + "precision primary real references returning right row select session_user setof similar smallint some "
            + "substring symmetric table tablesample then time timestamp to trailing treat trim true union unique user "
            + "using values varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement "
            + "xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable").split(" "));

    private Idents() {
    }

    /** Truncates to at most 63 bytes of UTF-8 without splitting a character, as the server's lexer does. */
    static String truncate(String name) {
        return clip(name, MAX_BYTES);
    }

    /** The longest prefix of {@code s} whose UTF-8 encoding has at most {@code maxBytes} bytes. */
    static String clip(String s, int maxBytes) {
        if (s.length() * 3 <= maxBytes || bytes(s) <= maxBytes) {
            return s;
        }
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + n > maxBytes) {
                break;
            }
            used += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * {@code makeObjectName}: {@code name1_name2_label}, truncating the longer of the two names first so that the
     * result fits in 63 bytes; the label is never truncated. {@code name2} and {@code label} may be null.
     */
    static String objectName(String name1, String name2, String label) {
        int overhead = 0;
        int n1 = bytes(name1);
        int n2 = 0;
        if (name2 != null) {
            n2 = bytes(name2);
            overhead++;
        }
        if (label != null) {
            overhead += bytes(label) + 1;
        }
        int available = MAX_BYTES - overhead;
        while (n1 + n2 > available) {
            if (n1 > n2) {
                n1--;
            } else {
                n2--;
            }
        }
        StringBuilder name = new StringBuilder(clip(name1, n1));
        if (name2 != null) {
            name.append('_').append(clip(name2, n2));
        }
        if (label != null) {
            name.append('_').append(label);
        }
        return name.toString();
    }

    /**
     * {@code ChooseRelationName} / {@code ChooseConstraintName}: {@link #objectName} with the label, then with
     * {@code label1}, {@code label2}, ... until {@code taken} rejects the name no more.
     */
    static String choose(String name1, String name2, String label, Predicate<String> taken) {
        String name = objectName(name1, name2, label);
        int pass = 0;
        while (taken.test(name)) {
            name = objectName(name1, name2, label + (++pass));
        }
        return name;
    }

    /**
     * The column part of generated index and constraint names: names joined by {@code _}, cut once 63 bytes are
     * reached ({@code ChooseIndexNameAddition}).
     */
    static String joinedNames(Collection<String> names) {
        StringBuilder s = new StringBuilder();
        for (String n : names) {
            if (s.length() > 0) {
                s.append('_');
            }
            s.append(n);
            if (bytes(s.toString()) >= MAX_BYTES + 1) {
                break;
            }
        }
        return s.toString();
    }

    /**
     * Index column names as {@code ChooseIndexColumnNames} makes them unique: a repeated name gets {@code 1},
     * {@code 2}, ... appended.
     */
    static List<String> uniqueColumnNames(List<String> names) {
        java.util.ArrayList<String> result = new java.util.ArrayList<>();
        for (String original : names) {
            String current = original;
            for (int i = 1; result.contains(current); i++) {
                String suffix = Integer.toString(i);
                current = clip(original, MAX_BYTES - suffix.length()) + suffix;
            }
            result.add(current);
        }
        return result;
    }

    /** {@code quote_ident}: quoted unless it is a lower-case identifier that is not a keyword needing quotes. */
    static String quote(String name) {
        boolean safe = !name.isEmpty() && (isLower(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; safe && i < name.length(); i++) {
            char c = name.charAt(i);
            safe = isLower(c) || c == '_' || (c >= '0' && c <= '9');
        }
        if (safe && !QUOTED_KEYWORDS.contains(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code schema.name}, each part quoted when needed. */
    static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }
}
