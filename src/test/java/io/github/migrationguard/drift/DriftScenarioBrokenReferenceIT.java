package io.github.migrationguard.drift;

import static io.github.migrationguard.drift.DriftKind.BROKEN_REFERENCE;
import static io.github.migrationguard.drift.DriftKind.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * drift-scenarios/broken-reference: V1 creates {@code customers}, V2 adds a foreign key to {@code customer}, a table
 * nobody ever created. Real Flyway fails on V2 (PostgreSQL rolls it back, so no history row); detect-drift must name
 * the broken reference in V2, not just report it as pending.
 */
class DriftScenarioBrokenReferenceIT extends DriftScenarioBaseIT {

    @BeforeEach
    void brokenReference() throws Exception {
        prepare("broken-reference");
    }

    @Test
    void aForeignKeyToATableNobodyCreatedIsABrokenReference() throws Exception {
        FlywayException failure = assertThrows(FlywayException.class, this::migrate);
        assertTrue(failure.getMessage().contains("customer"), failure::getMessage);
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select string_agg(version || ':' || success, ',' order by installed_rank)"
                     + " from public.flyway_schema_history")) {
            rs.next();
            assertEquals("1:true", rs.getString(1), "V1 applied, V2 rolled back and not recorded");
        }
        db.execute("INSERT INTO customers (name) VALUES ('Acme'), ('Globex')");

        assertFindings(detect(),
                finding(PENDING, "2", null),
                finding(BROKEN_REFERENCE, "2", "table public.customer"));
    }

    @Test
    void theBrokenReferenceIsFoundBeforeAnythingRanAtAll() throws Exception {
        db.execute("SELECT 1");

        DriftReport report = detect();

        assertEquals(null, report.historyTable(), "no history table yet");
        assertFindings(report,
                finding(PENDING, "1", null),
                finding(PENDING, "2", null),
                finding(BROKEN_REFERENCE, "2", "table public.customer"));
    }
}
