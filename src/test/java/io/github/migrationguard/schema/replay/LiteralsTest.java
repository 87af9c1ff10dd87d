package io.github.migrationguard.schema.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values are what PostgreSQL 15 prints for the same literals (UTC, ISO dates). */
class LiteralsTest {

    private static String as(String value, String type) {
        return Literals.normalize(value, PgType.builtin(type));
    }

    @Test
    void intervalsInThePostgresStyle() {
        assertEquals("01:30:00", as("90 minutes", PgType.INTERVAL));
        assertEquals("14 days", as("2 weeks", PgType.INTERVAL));
        assertEquals("1 year 2 mons", as("1 year 2 months", PgType.INTERVAL));
        assertEquals("-01:00:00", as("1 hour ago", PgType.INTERVAL));
        assertEquals("1 day 02:00:00", as("1 day 2 hours", PgType.INTERVAL));
        assertEquals("-1 days +02:00:00", as("-1 day 2 hours", PgType.INTERVAL));
        assertEquals("01:30:00", as("1.5 hours", PgType.INTERVAL));
        assertEquals("not an interval", as("not an interval", PgType.INTERVAL));
    }

    @Test
    void timestampsInUtcAndIso() {
        assertEquals("2024-01-01 10:00:00+00", as("2024-01-01 12:00:00+02", PgType.TIMESTAMPTZ));
        assertEquals("2024-01-01 10:00:00+00", as("2024-01-01T10:00:00Z", PgType.TIMESTAMPTZ));
        assertEquals("2024-01-01 00:00:00", as("2024-01-01", PgType.TIMESTAMP));
        assertEquals("2024-01-01 10:00:00.12", as("2024-01-01 10:00:00.120", PgType.TIMESTAMP));
        assertEquals("2024-01-02", as("2024-1-2", PgType.DATE));
    }

    @Test
    void numbersBooleansAndUuids() {
        assertEquals("1000", as("1e3", PgType.NUMERIC));
        assertEquals("0.5", as(".5", PgType.NUMERIC));
        assertEquals("true", as("yes", PgType.BOOL));
        assertEquals("42", as("042", PgType.INT4));
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                as("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", PgType.UUID));
    }

    @Test
    void jsonbSortsKeysByLengthKeepsTheLastDuplicateAndSpacesSeparators() {
        assertEquals("{\"a\": 4, \"b\": 3, \"bb\": 1}", as("{\"bb\":1,\"a\":2,\"b\":3,\"a\":4}", PgType.JSONB));
        assertEquals("{\"a\": {\"c\": null, \"d\": [1, 2.50]}, \"b\": 1}",
                as("{\"b\":1,\"a\":{\"d\":[1,2.50],\"c\":null}}", PgType.JSONB));
        assertEquals("{not json", as("{not json", PgType.JSONB));
        assertEquals("{\"b\":1,\"a\":2}", as("{\"b\":1,\"a\":2}", PgType.JSON), "json keeps its text");
    }
}
