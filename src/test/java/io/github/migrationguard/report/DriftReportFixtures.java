package io.github.migrationguard.report;

import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import java.util.List;

/** Drift reports for the renderer tests, with text that tries to break every output format. */
final class DriftReportFixtures {

    /** Markdown, HTML, JSON and terminal troublemakers, a line break, non-BMP text and an unpaired surrogate. */
    static final String NASTY = "a|b `c` *d* _e_ <f> & \"g\" \\h [i](j)\nline two \u001B[31mred\u202Eevil \ud83d\udc18 \ud800";

    static final DatabaseIdentity IDENTITY = new DatabaseIdentity("shop", "deployer", "10.1.2.3", 5433, "app",
            "\"$user\", app, public", "15.4 (Debian 15.4-1.pgdg120+1)", 150004, false, false);

    static final DatabaseIdentity SOCKET_STANDBY = new DatabaseIdentity("shop", "reader", null, null, null, "",
            "16.1", 160001, true, true);

    static final DriftFinding CHECKSUM = new DriftFinding(DriftKind.CHECKSUM_MISMATCH, "3", null,
            "V3__add_email.sql changed after it was applied (file checksum 12, history checksum -7)",
            "REALIGN_CHECKSUM");
    static final DriftFinding PHANTOM = new DriftFinding(DriftKind.PHANTOM, "2", "table public.orders",
            "history says applied, but none of its objects exists", "REMOVE_PHANTOM");
    static final DriftFinding EXTRA = new DriftFinding(DriftKind.EXTRA_OBJECT, null, "index public.idx_hotfix",
            "in the database, created by no migration", "write a migration that creates it, or drop it");
    static final DriftFinding BROKEN = new DriftFinding(DriftKind.BROKEN_REFERENCE, "4", "table public.user",
            "foreign key to a table no earlier migration creates (did you mean public.users?)",
            "correct the reference in V4__orders.sql");
    static final DriftFinding NASTY_FINDING = new DriftFinding(DriftKind.CHANGED_OBJECT, "5 " + NASTY,
            "column public.\"we|ird\".x", NASTY, NASTY);

    private DriftReportFixtures() {
    }

    /** Findings of every section, in the order the detector returns them. */
    static DriftReport report() {
        return new DriftReport(IDENTITY, 812, "app.flyway_schema_history", "flyway", "replay", false, 5, 4, 14,
                List.of(CHECKSUM, PHANTOM, EXTRA, NASTY_FINDING, BROKEN));
    }

    static DriftReport clean() {
        return new DriftReport(IDENTITY, 410, "app.flyway_schema_history", "flyway", "replay", false, 5, 5, 14,
                List.of());
    }

    static DriftReport inProgress() {
        return new DriftReport(SOCKET_STANDBY, 50, "public.flyway_schema_history", "flyway", null, true, 0, 0, 0,
                List.of());
    }

    static DriftReport of(List<DriftFinding> findings) {
        return new DriftReport(IDENTITY, 1000, null, null, "shadow", false, findings.size(), 0, 14, findings);
    }
}
