package io.github.migrationguard.schema.replay;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the server prints a constant of a type after reading it from a literal: {@code '2024-01-01'} as a timestamp is
 * {@code 2024-01-01 00:00:00}, {@code '1 hour'} as an interval is {@code 01:00:00}, {@code '{"b":1,"a":2}'} as jsonb
 * is {@code {"a": 2, "b": 1}}. Values replay cannot read are kept as written. Session settings assumed: UTC time zone,
 * ISO dates, the postgres interval style.
 */
final class Literals {

    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{1,2}-\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?)?\\s*"
                    + "(Z|UTC|[+-]\\d{1,2}(?::?\\d{2})?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?");
    private static final Pattern INTERVAL_PART = Pattern.compile(
            "([+-]?\\d+(?:\\.\\d+)?)\\s*([a-z]+)|([+-]?\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?");

    private Literals() {
    }

    /** The output form of {@code value} read as {@code type}. */
    static String normalize(String value, PgType type) {
        PgType t = type.base();
        if (t.array || t.user != null || t.builtin == null) {
            return value;
        }
        try {
            switch (t.builtin) {
                case PgType.INT2:
                case PgType.INT4:
                case PgType.INT8:
                    return new BigInteger(value.trim()).toString();
                case PgType.NUMERIC:
                    return numeric(value.trim());
                case PgType.FLOAT4:
                case PgType.FLOAT8:
                    return floating(value.trim());
                case PgType.BOOL:
                    return bool(value);
                case PgType.DATE:
                    return date(value.trim());
                case PgType.TIMESTAMP:
                    return timestamp(value.trim(), false);
                case PgType.TIMESTAMPTZ:
                    return timestamp(value.trim(), true);
                case PgType.TIME:
                    return time(value.trim());
                case PgType.INTERVAL:
                    return interval(value.trim());
                case PgType.UUID:
                    return uuid(value.trim());
                case PgType.JSONB:
                    return Json.normalize(value);
                default:
                    return value;
            }
        } catch (RuntimeException e) {
            return value;
        }
    }

    static String numeric(String s) {
        if (s.equalsIgnoreCase("nan")) {
            return "NaN";
        }
        BigDecimal d = new BigDecimal(s);
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        return d.toPlainString();
    }

    private static String floating(String s) {
        double d = Double.parseDouble(s);
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static String bool(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return s;
        }
        if ("true".startsWith(v) || "yes".startsWith(v) || v.equals("on") || v.equals("1")) {
            return "true";
        }
        if ("false".startsWith(v) || "no".startsWith(v) || v.equals("off") || v.equals("0")) {
            return "false";
        }
        return s;
    }

    private static String date(String s) {
        Matcher m = DATE.matcher(s);
        if (!m.matches()) {
            return s;
        }
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                .toString();
    }

    private static String timestamp(String s, boolean withZone) {
        Matcher m = DATE_TIME.matcher(s);
        if (!m.matches()) {
            return s;
        }
        LocalDate day = LocalDate.parse(date(m.group(1)));
        int hour = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int minute = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int second = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        String fraction = m.group(5) == null ? "" : m.group(5);
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction.substring(1) + "000000000").substring(0, 9));
        LocalDateTime local = LocalDateTime.of(day, LocalTime.of(hour, minute, second, nanos));
        if (withZone) {
            ZoneOffset offset = offset(m.group(6));
            local = OffsetDateTime.of(local, offset).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        String text = local.toLocalDate() + " " + clock(local.toLocalTime());
        return withZone ? text + "+00" : text;
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equalsIgnoreCase("z") || zone.equalsIgnoreCase("utc")) {
            return ZoneOffset.UTC;
        }
        String z = zone.replace(":", "");
        int sign = z.charAt(0) == '-' ? -1 : 1;
        String digits = z.substring(1);
        int hours;
        int minutes = 0;
        if (digits.length() <= 2) {
            hours = Integer.parseInt(digits);
        } else {
            hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
            minutes = Integer.parseInt(digits.substring(digits.length() - 2));
        }
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /** {@code HH:MM:SS[.ffffff]} with trailing zeros of the fraction removed. */
    private static String clock(LocalTime t) {
        String base = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() == 0) {
            return base;
        }
        String f = String.format(Locale.ROOT, "%09d", t.getNano()).substring(0, 6).replaceAll("0+$", "");
        return f.isEmpty() ? base : base + "." + f;
    }

    private static String time(String s) {
        Matcher m = TIME.matcher(s);
        if (!m.matches()) {
            return s;
        }
        String fraction = m.group(4) == null ? "" : m.group(4);
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction.substring(1) + "000000000").substring(0, 9));
        return clock(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), nanos));
    }

    /** The postgres interval style: {@code 1 year 2 mons 3 days 04:05:06}. */
    static String interval(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("@")) {
            v = v.substring(1).trim();
        }
        boolean ago = v.endsWith(" ago");
        if (ago) {
            v = v.substring(0, v.length() - 4).trim();
        }
        long months = 0;
        long days = 0;
        BigDecimal micros = BigDecimal.ZERO;
        Matcher m = INTERVAL_PART.matcher(v);
        int at = 0;
        while (at < v.length()) {
            while (at < v.length() && (v.charAt(at) == ' ' || v.charAt(at) == ',')) {
                at++;
            }
            if (at >= v.length()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                return s;
            }
            if (m.group(1) != null) {
                BigDecimal n = new BigDecimal(m.group(1));
                String unit = m.group(2);
                switch (unitOf(unit)) {
                    case "year" -> months += n.multiply(BigDecimal.valueOf(12)).longValueExact();
                    case "month" -> months += n.longValueExact();
                    case "week" -> days += n.multiply(BigDecimal.valueOf(7)).longValueExact();
                    case "day" -> days += n.longValueExact();
                    case "hour" -> micros = micros.add(n.multiply(BigDecimal.valueOf(3_600_000_000L)));
                    case "minute" -> micros = micros.add(n.multiply(BigDecimal.valueOf(60_000_000L)));
                    case "second" -> micros = micros.add(n.multiply(BigDecimal.valueOf(1_000_000L)));
                    case "millisecond" -> micros = micros.add(n.multiply(BigDecimal.valueOf(1000L)));
                    case "microsecond" -> micros = micros.add(n);
                    default -> {
                        return s;
                    }
                }
            } else {
                int sign = m.group(3).startsWith("-") ? -1 : 1;
                long h = Math.abs(Long.parseLong(m.group(3)));
                long mi = Long.parseLong(m.group(4));
                long sec = m.group(5) == null ? 0 : Long.parseLong(m.group(5));
                BigDecimal frac = m.group(6) == null ? BigDecimal.ZERO
                        : new BigDecimal("0" + m.group(6)).multiply(BigDecimal.valueOf(1_000_000L));
                BigDecimal t = BigDecimal.valueOf(((h * 60 + mi) * 60 + sec) * 1_000_000L).add(frac);
                micros = micros.add(sign < 0 ? t.negate() : t);
            }
            at = m.end();
        }
        if (ago) {
            months = -months;
            days = -days;
            micros = micros.negate();
        }
        return formatInterval(months, days, micros.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
    }

    private static String unitOf(String unit) {
        Map<String, String> units = new TreeMap<>();
        for (String u : new String[] {"year", "years", "y", "yr", "yrs"}) {
            units.put(u, "year");
        }
        for (String u : new String[] {"month", "months", "mon", "mons"}) {
            units.put(u, "month");
        }
        for (String u : new String[] {"week", "weeks", "w"}) {
            units.put(u, "week");
        }
        for (String u : new String[] {"day", "days", "d"}) {
            units.put(u, "day");
        }
        for (String u : new String[] {"hour", "hours", "h", "hr", "hrs"}) {
            units.put(u, "hour");
        }
        for (String u : new String[] {"minute", "minutes", "min", "mins", "m"}) {
            units.put(u, "minute");
        }
        for (String u : new String[] {"second", "seconds", "sec", "secs", "s"}) {
            units.put(u, "second");
        }
        for (String u : new String[] {"millisecond", "milliseconds", "ms", "msec", "msecs"}) {
            units.put(u, "millisecond");
        }
        for (String u : new String[] {"microsecond", "microseconds", "us", "usec", "usecs"}) {
            units.put(u, "microsecond");
        }
        return units.getOrDefault(unit, "?");
    }

    private static String formatInterval(long months, long days, long micros) {
        List<String> parts = new ArrayList<>();
        long years = months / 12;
        long mons = months % 12;
        if (years != 0) {
            parts.add(years + (years == 1 ? " year" : " years"));
        }
        if (mons != 0) {
            parts.add(mons + (mons == 1 ? " mon" : " mons"));
        }
        if (days != 0) {
            parts.add(days + (days == 1 ? " day" : " days"));
        }
        if (micros != 0 || parts.isEmpty()) {
            boolean negative = micros < 0;
            long abs = Math.abs(micros);
            long totalSeconds = abs / 1_000_000L;
            long fraction = abs % 1_000_000L;
            String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", totalSeconds / 3600,
                    (totalSeconds / 60) % 60, totalSeconds % 60);
            if (fraction != 0) {
                clock += "." + String.format(Locale.ROOT, "%06d", fraction).replaceAll("0+$", "");
            }
            boolean needSign = negative || (!parts.isEmpty() && hasNegative(years, mons, days));
            parts.add((negative ? "-" : needSign ? "+" : "") + clock);
        }
        return String.join(" ", parts);
    }

    private static boolean hasNegative(long... values) {
        for (long v : values) {
            if (v < 0) {
                return true;
            }
        }
        return false;
    }

    private static String uuid(String s) {
        String hex = s.replace("{", "").replace("}", "").replace("-", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{32}")) {
            return s;
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
