package io.github.migrationguard.drift;

import static io.github.migrationguard.drift.DriftKind.EXTRA_OBJECT;
import static io.github.migrationguard.drift.DriftKind.UNRECORDED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * drift-scenarios/styles: migrations written the way people write them (mixed case, IF NOT EXISTS, a DO block that
 * creates an enum type, CREATE INDEX CONCURRENTLY in its own migration, NOT VALID and deferrable constraints, gin and
 * INCLUDE indexes, a security-barrier view, a RETURNS TABLE function, a trigger with WHEN, row-level security, a
 * quoted column with a dash in its name, defaults PostgreSQL rewrites such as {@code -1} on a double precision
 * column). A database they built must show no drift, by replay and by shadow alike.
 */
class DriftScenarioStylesIT extends DriftScenarioBaseIT {

    /**
     * CREATE INDEX CONCURRENTLY waits for every open transaction, including the one in which Flyway holds its
     * transactional lock; projects with such migrations switch Flyway to its session lock.
     */
    @Override
    protected FluentConfiguration flyway() {
        return super.flyway().configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }

    @BeforeEach
    void styles() throws Exception {
        prepare("styles");
        migrate();
        db.execute("""
                INSERT INTO "Accounts" (handle, "e-mail", balance) VALUES ('ada', 'ada@example.com', 10),
                    ('bob', NULL, 0);
                INSERT INTO events (account_id, kind)
                    SELECT "Id", 'created' FROM "Accounts";
                """);
    }

    @Test
    void everyStyleReplaysToTheSchemaItBuilt() throws Exception {
        DriftReport report = detect();

        assertFindings(report);
        assertEquals(4, report.applied());
    }

    @Test
    void everyStyleAppliedToAShadowDatabaseBuildsTheSameSchema() throws Exception {
        DriftReport report = detect(settings(testServerAsShadow()));

        assertEquals("shadow", report.expectedSource());
        assertFindings(report);
    }

    @Test
    void withTheHistoryGoneEveryMigrationIsUnrecorded() throws Exception {
        db.execute("TRUNCATE public.flyway_schema_history");

        assertFindings(detect(),
                finding(UNRECORDED, "1", null),
                finding(UNRECORDED, "2", null),
                finding(UNRECORDED, "3", null),
                finding(UNRECORDED, "4", null));
    }

    @Test
    void aHandMadePolicyAndTriggerAreExtraObjects() throws Exception {
        db.execute("""
                CREATE POLICY events_everyone ON events FOR INSERT WITH CHECK (true);
                CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                    FOR EACH ROW EXECUTE FUNCTION forbid_hard_delete();
                """);

        assertFindings(detect(),
                finding(EXTRA_OBJECT, null, "policy public.events.events_everyone"),
                finding(EXTRA_OBJECT, null, "trigger public.events.events_no_delete"));
    }
}
