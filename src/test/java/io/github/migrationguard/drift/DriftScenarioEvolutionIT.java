package io.github.migrationguard.drift;

import static io.github.migrationguard.drift.DriftKind.EXTRA_OBJECT;
import static io.github.migrationguard.drift.DriftKind.MISSING_OBJECT;
import static io.github.migrationguard.drift.DriftKind.PARTIAL;
import static io.github.migrationguard.drift.DriftKind.PHANTOM;
import static io.github.migrationguard.drift.DriftKind.UNRECORDED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * drift-scenarios/evolution: a schema that changed its mind. V1 creates {@code customer}; V2 renames the table, a
 * column and an index, drops a column and changes types; V3 and V4 add and replace constraints and indexes and drop a
 * default; V5 adds a partitioned table with an explicit sequence; V6 a materialized view, a function and an extension.
 * What a migration created may live on under another name, and that still counts as its work.
 */
class DriftScenarioEvolutionIT extends DriftScenarioBaseIT {

    @BeforeEach
    void evolution() throws Exception {
        prepare("evolution");
        migrate();
        seedEvolution();
    }

    private void seedEvolution() throws SQLException {
        db.execute("""
                INSERT INTO customers (full_name, email) VALUES ('Ada Lovelace', 'ada@example.com'),
                    ('Charles Babbage', 'charles@example.com');
                INSERT INTO addresses (customer_id, line1, postcode, country, city) VALUES
                    (1, '12 St James''s Square', 'SW1Y 4JH', 'GB', 'London');
                INSERT INTO invoices (customer_id, issued_on, amount) VALUES (1, '2025-03-01', 100.00),
                    (2, '2026-02-01', 42.50);
                REFRESH MATERIALIZED VIEW customer_invoice_totals;
                """);
    }

    @Test
    void aSchemaBuiltThroughRenamesDropsAndReplacementsHasNoDrift() throws Exception {
        DriftReport report = detect();

        assertFindings(report);
        assertEquals(6, report.applied());
    }

    @Test
    void withTheHistoryGoneEveryMigrationIsUnrecordedAlsoTheOneWhoseTableWasRenamedLater() throws Exception {
        db.execute("DELETE FROM public.flyway_schema_history");

        // V1's table lives on as customers (V2 renamed it): running V1 again would create a stray customer table
        assertFindings(detect(),
                finding(UNRECORDED, "1", null),
                finding(UNRECORDED, "2", null),
                finding(UNRECORDED, "3", null),
                finding(UNRECORDED, "4", null),
                finding(UNRECORDED, "5", null),
                finding(UNRECORDED, "6", null));
    }

    @Test
    void theReportingObjectsAllGoneMakeTheirMigrationAPhantom() throws Exception {
        db.execute("""
                DROP MATERIALIZED VIEW customer_invoice_totals;
                DROP FUNCTION customer_count();
                DROP EXTENSION pgcrypto;
                """);

        assertFindings(detect(), finding(PHANTOM, "6", null));
    }

    @Test
    void aDroppedPartitionMakesItsMigrationPartial() throws Exception {
        db.execute("DROP TABLE invoices_2026");

        assertFindings(detect(), finding(PARTIAL, "5", "table public.invoices_2026"));
    }

    @Test
    void aRenameUndoneByHandIsTheRenamedColumnMissingAndTheOldOneExtra() throws Exception {
        db.execute("ALTER TABLE customers RENAME COLUMN created_at TO created");

        assertFindings(detect(),
                finding(MISSING_OBJECT, "2", "column public.customers.created_at"),
                finding(EXTRA_OBJECT, null, "column public.customers.created"));
    }
}
