package io.github.migrationguard.reconcile;

import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.drift.DriftInspection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Describes the database a plan is made for. */
public final class PlanDatabases {

    private PlanDatabases() {
    }

    /**
     * @param identity   read from the server
     * @param inspection detect-drift's inspection of it (for the history table)
     */
    public static PlanDatabase describe(Connection c, DatabaseIdentity identity, DriftInspection inspection)
            throws SQLException {
        long oid;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select d.oid::bigint from"
                + " pg_catalog.pg_database d where d.datname = pg_catalog.current_database()")) {
            rs.next();
            oid = rs.getLong(1);
        }
        String tool = inspection.report().historyTool() != null ? inspection.report().historyTool() : "flyway";
        return new PlanDatabase(identity.database(), oid, identity.user(), identity.serverEndpoint(),
                identity.serverVersion(), inspection.tableSchema() + "." + inspection.tableName(), tool,
                inspection.history() != null);
    }
}
