package io.github.migrationguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftConsoleReportTest {

    @Test
    void everySectionInTheIssuesOrderWithItsRecommendedActions() {
        assertEquals(List.of(
                "Connected to:",
                "  database:       shop",
                "  user:           deployer",
                "  server:         10.1.2.3:5433",
                "  current schema: app",
                "  search_path:    \"$user\", app, public",
                "  server version: 15.4 (Debian 15.4-1.pgdg120+1)",
                "  standby:        no",
                "  history table:  app.flyway_schema_history (flyway)",
                "  expected from:  replay of the migrations",
                "History vs files: 5 migration files, 4 applied, 0 pending",
                "  CHECKSUM_MISMATCH migration 3: V3__add_email.sql changed after it was applied (file checksum 12,"
                        + " history checksum -7)",
                "      recommended action: REALIGN_CHECKSUM",
                "Per-migration evidence (history vs live schema):",
                "  PHANTOM migration 2, table public.orders: history says applied, but none of its objects exists",
                "      recommended action: REMOVE_PHANTOM",
                "Expected vs live schema:",
                "  EXTRA_OBJECT index public.idx_hotfix: in the database, created by no migration",
                "      recommended action: write a migration that creates it, or drop it",
                "  CHANGED_OBJECT migration 5 a|b `c` *d* _e_ <f> & \"g\" \\h [i](j) line two \\u001B[31mred\\u202Eevil"
                        + " \ud83d\udc18 \uFFFD, column public.\"we|ird\".x: a|b `c` *d* _e_ <f> & \"g\" \\h [i](j) line"
                        + " two \\u001B[31mred\\u202Eevil \ud83d\udc18 \uFFFD",
                "      recommended action: a|b `c` *d* _e_ <f> & \"g\" \\h [i](j) line two \\u001B[31mred\\u202Eevil"
                        + " \ud83d\udc18 \uFFFD",
                "References:",
                "  BROKEN_REFERENCE migration 4, table public.user: foreign key to a table no earlier migration creates"
                        + " (did you mean public.users?)",
                "      recommended action: correct the reference in V4__orders.sql",
                "migration-guard detect-drift: 5 migrations, 4 applied, 5 findings (1 CHECKSUM_MISMATCH, 1 PHANTOM,"
                        + " 1 EXTRA_OBJECT, 1 CHANGED_OBJECT, 1 BROKEN_REFERENCE), 14 catalog queries, 0.81 s"),
                DriftConsoleReport.lines(DriftReportFixtures.report()));
    }

    @Test
    void aCleanDatabaseSaysNoneInEverySection() {
        List<String> lines = DriftConsoleReport.lines(DriftReportFixtures.clean());
        assertEquals(List.of(
                "History vs files: 5 migration files, 5 applied, 0 pending", "  none",
                "Per-migration evidence (history vs live schema):", "  none",
                "Expected vs live schema:", "  none",
                "References:", "  none",
                "migration-guard detect-drift: 5 migrations, 5 applied, 0 findings, 14 catalog queries, 0.41 s"),
                lines.subList(10, lines.size()));
    }

    @Test
    void pendingMigrationsAreCountedInTheHistoryHeader() {
        DriftFinding pending = new DriftFinding(DriftKind.PENDING, "6", null, "not applied yet", null);
        List<String> lines = DriftConsoleReport.lines(DriftReportFixtures.of(List.of(pending, pending)));
        assertTrue(lines.contains("History vs files: 2 migration files, 0 applied, 2 pending"), lines.toString());
        assertTrue(lines.contains("  PENDING migration 6: not applied yet"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains("recommended action")), "no action, no action line");
        assertTrue(lines.contains("  history table:  none found"), lines.toString());
        assertTrue(lines.contains("  expected from:  the migrations applied to a shadow database"), lines.toString());
    }

    @Test
    void aMigrationInProgressIsSaidInsteadOfFindings() {
        List<String> lines = DriftConsoleReport.lines(DriftReportFixtures.inProgress());
        assertEquals(List.of(
                "Connected to:",
                "  database:       shop",
                "  user:           reader",
                "  server:         local socket",
                "  current schema: (none)",
                "  search_path:    ",
                "  server version: 16.1",
                "  standby:        yes",
                "  history table:  public.flyway_schema_history (flyway)",
                "  expected from:  (not built)",
                "Migration in progress: another session holds the migration lock on public.flyway_schema_history."
                        + " Drift is not reported while a migration runs; run detect-drift again when it has finished.",
                "migration-guard detect-drift: migration in progress, drift not checked, 0.05 s"), lines);
    }

    @Test
    void noLineContainsALineBreak() {
        for (String line : DriftConsoleReport.lines(DriftReportFixtures.report())) {
            assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u001B"), line);
        }
    }
}
