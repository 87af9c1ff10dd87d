package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.Connections;
import io.github.migrationguard.drift.DriftDetector;
import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftSettings;
import io.github.migrationguard.testsupport.TestDatabases;
import io.github.migrationguard.testsupport.TestDatabases.TestDatabase;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two classic incidents on migration sets written independently of the detector's own fixtures (a multi-tenant
 * SaaS schema, a general ledger in its own schema, ORM-generated migrations), judged by real Flyway:
 * <ul>
 *   <li><b>history emptied</b> and <b>history dropped</b> while every table stays: after the runbook (plan, state
 *       by hand what the schema cannot show, apply) {@code flyway validate} passes and {@code flyway migrate} has
 *       nothing to run;</li>
 *   <li><b>tables dropped</b> by hand (those of the last two migrations that create tables) with the history kept:
 *       after the apply {@code flyway migrate} creates them again.</li>
 * </ul>
 * Either way detect-drift reports no history finding afterwards, a new plan has nothing to do, and the apply changed
 * no application row.
 */
class ReconcileUnseenIT {

    private static final String RESOURCES = "reconcile-unseen/";

    private static final Set<DriftKind> HISTORY_KINDS = EnumSet.of(DriftKind.PHANTOM, DriftKind.UNRECORDED,
            DriftKind.FAILED, DriftKind.CHECKSUM_MISMATCH);

    /** The incidents, as an operator finds them. */
    enum Incident {
        HISTORY_EMPTIED, HISTORY_DROPPED, TABLES_DROPPED
    }

    /**
     * A migration set with a few rows of application data, and what "dropped by hand" means for it.
     *
     * @param name    directory under {@value #RESOURCES}
     * @param seed    rows the application would have written
     * @param drop    the hand-run statements that drop the tables of the last two migrations that create tables
     * @param dropped every table those statements drop (partitions included), as {@code format('%I.%I')} names it
     */
    record UnseenSet(String name, String seed, String drop, List<String> dropped) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final UnseenSet SAAS = new UnseenSet("saas", """
            INSERT INTO tenants (slug, display_name, status, plan_id)
                SELECT 'acme', 'Acme GmbH', 'active', id FROM plans WHERE code = 'team';
            INSERT INTO tenants (slug, display_name) VALUES ('globex', 'Globex Corporation');
            INSERT INTO users (email, full_name, locale) VALUES
                ('Ada@Acme.example', 'Ada Lovelace', 'en'),
                ('grace@acme.example', 'Grace Hopper', 'en'),
                ('hank@globex.example', 'Hank Scorpio', 'de');
            INSERT INTO memberships (tenant_id, user_id, role, accepted_at)
                SELECT t.id, u.id, 'owner', now() FROM tenants t, users u
                 WHERE t.slug = 'acme' AND u.email = 'ada@acme.example';
            INSERT INTO memberships (tenant_id, user_id, role, invited_by)
                SELECT t.id, u.id, 'member', (SELECT id FROM users WHERE email = 'ada@acme.example')
                  FROM tenants t, users u WHERE t.slug = 'acme' AND u.email = 'grace@acme.example';
            INSERT INTO memberships (tenant_id, user_id, role, accepted_at)
                SELECT t.id, u.id, 'owner', now() FROM tenants t, users u
                 WHERE t.slug = 'globex' AND u.email = 'hank@globex.example';
            UPDATE users SET last_login_at = now() WHERE email = 'ada@acme.example';
            INSERT INTO audit_events (tenant_id, actor_id, action, target, payload)
                SELECT m.tenant_id, m.user_id, 'member.invited', 'grace@acme.example', '{"role": "member"}'
                  FROM memberships m WHERE m.role = 'owner';
            INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, created_by)
                SELECT t.id, 'ci', 'mgk_0001', digest('not-a-real-secret', 'sha256'), u.id
                  FROM tenants t, users u WHERE t.slug = 'acme' AND u.email = 'ada@acme.example';
            REFRESH MATERIALIZED VIEW CONCURRENTLY tenant_seat_usage;
            """, """
            DROP TABLE public.api_keys;
            DROP TABLE public.audit_events;
            """, List.of("public.api_keys", "public.audit_events"));

    static final UnseenSet LEDGER = new UnseenSet("ledger", """
            INSERT INTO ledger.accounts (account_no, name, kind, currency) VALUES
                ('1000', 'Bank', 'asset', 'EUR'),
                ('1200', 'Receivables', 'asset', 'EUR'),
                ('4000', 'Revenue', 'income', 'EUR');
            UPDATE ledger.accounts SET parent_id = (SELECT id FROM ledger.accounts WHERE account_no = '1000')
             WHERE account_no = '1200';
            WITH e AS (INSERT INTO ledger.journal_entries (booked_on, description)
                       VALUES ('2025-01-15', 'Invoice 2025-001') RETURNING id)
            INSERT INTO ledger.entry_lines (entry_id, account_id, amount)
            SELECT e.id, a.id, v.amount
              FROM e CROSS JOIN (VALUES ('1200', 119.00), ('4000', -119.00)) AS v (account_no, amount)
              JOIN ledger.accounts a ON a.account_no = v.account_no;
            WITH e AS (INSERT INTO ledger.journal_entries (booked_on, description)
                       VALUES ('2025-02-01', 'Payment of invoice 2025-001') RETURNING id)
            INSERT INTO ledger.entry_lines (entry_id, account_id, amount)
            SELECT e.id, a.id, v.amount
              FROM e CROSS JOIN (VALUES ('1000', 119.00), ('1200', -119.00)) AS v (account_no, amount)
              JOIN ledger.accounts a ON a.account_no = v.account_no;
            INSERT INTO ledger.fx_rates (base, quote, valid_on, rate) VALUES
                ('EUR', 'USD', '2025-01-02', 1.03520000),
                ('EUR', 'USD', '2025-01-03', 1.02890000),
                ('EUR', 'GBP', '2025-01-03', 0.82930000);
            INSERT INTO ledger.balance_snapshots (account_id, taken_on, balance)
                SELECT id, d::date, ledger.account_balance(id, d::date)
                  FROM ledger.accounts, (VALUES ('2024-12-31'), ('2025-01-31')) AS t (d);
            """, """
            DROP TABLE ledger.balance_snapshots;
            DROP TABLE ledger.fx_rates CASCADE;
            """, List.of("ledger.balance_snapshots", "ledger.balance_snapshots_2024", "ledger.balance_snapshots_2025",
            "ledger.fx_rates"));

    static final UnseenSet ORM = new UnseenSet("orm", """
            INSERT INTO "Organization" ("name", "website") VALUES ('Acme', 'https://acme.example');
            INSERT INTO "User" ("email", "displayName", "passwordHash", "organizationId", "lastLoginAt")
                SELECT 'ada@acme.example', 'Ada', '$2a$10$abcdefghijklmnopqrstuv', "id", now() FROM "Organization";
            INSERT INTO "User" ("email", "displayName", "passwordHash")
                VALUES ('bob@example.com', 'Bob', '$2a$10$vutsrqponmlkjihgfedcba');
            INSERT INTO "Post" ("title", "body", "status", "authorId", "slug", "publishedAt")
                SELECT 'Hello, world', 'First post.', 'PUBLISHED', "id", 'hello-world', now()
                  FROM "User" WHERE "email" = 'ada@acme.example';
            INSERT INTO "Tag" ("name") VALUES ('news'), ('howto');
            INSERT INTO "post_tags_tag" ("postId", "tagId") SELECT p."id", t."id" FROM "Post" p, "Tag" t;
            INSERT INTO "Comment" ("body", "postId", "authorId")
                SELECT 'Welcome!', p."id", u."id" FROM "Post" p, "User" u WHERE u."email" = 'bob@example.com';
            INSERT INTO "Session" ("id", "userId", "userAgent", "expiresAt")
                SELECT 'sess_01HZX', "id", 'Mozilla/5.0', now() + INTERVAL '1 day'
                  FROM "User" WHERE "email" = 'ada@acme.example';
            """, """
            DROP TABLE "Session";
            DROP TABLE "Comment";
            """, List.of("public.\"Session\"", "public.\"Comment\""));

    /**
     * Every set with every incident. Ledger's V11 only alters column types (its change is its evidence); orm's last
     * migration only updates rows, so a person states it with markApplied after the plan asks.
     */
    static Stream<Arguments> cases() {
        return Stream.of(SAAS, LEDGER, ORM).flatMap(set -> Stream.of(Incident.values())
                .map(incident -> Arguments.of(set, incident)));
    }

    @TempDir
    Path project;

    private TestDatabase db;

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void runbookRepairsTheIncident(UnseenSet set, Incident incident) throws Exception {
        Path location = prepare(set.name());
        int applied = flyway(location).load().migrate().migrationsExecuted;
        assertTrue(applied >= 8, "the set applies with real Flyway");
        db.execute(set.seed());
        Map<String, Long> before = rowCounts();
        List<DriftFinding> baseline = detect();
        assertEquals(List.of(), baseline, () -> "detect-drift is clean right after flyway migrate:"
                + ReconcileHarness.lines(baseline));

        switch (incident) {
            case HISTORY_EMPTIED -> db.execute("DELETE FROM public.flyway_schema_history");
            case HISTORY_DROPPED -> db.execute("DROP TABLE public.flyway_schema_history");
            case TABLES_DROPPED -> db.execute(set.drop());
        }
        Map<String, Long> afterIncident = rowCounts();
        if (incident == Incident.TABLES_DROPPED) {
            assertTrue(set.dropped().stream().noneMatch(afterIncident::containsKey), "the incident drops the tables");
        }

        // the runbook: plan; what the plan says only a person can check is stated with markApplied, then plan again
        ReconcilePlan first = plan(PlanOptions.DEFAULT);
        List<String> stated = first.manual().stream()
                .filter(m -> m.instruction() != null && m.instruction().contains("-DmigrationGuard.markApplied="))
                .map(ManualStep::migration).distinct().toList();
        ReconcilePlan plan = stated.isEmpty() ? first : plan(new PlanOptions(false, stated));
        String context = "\n" + ReconcileHarness.describe(plan);

        if (incident == Incident.TABLES_DROPPED) {
            assertFalse(plan.actions().isEmpty(), "the plan removes the phantom rows" + context);
            assertTrue(plan.actions().stream().allMatch(a -> a.type() == ActionType.REMOVE_PHANTOM),
                    "only REMOVE_PHANTOM" + context);
        } else {
            assertEquals(applied, plan.actions().size(), "every migration Flyway applied is marked applied" + context);
            assertTrue(plan.actions().stream().allMatch(a -> a.type() == ActionType.MARK_APPLIED),
                    "only MARK_APPLIED" + context);
        }

        ReconcileApplier.Result result = apply(plan);
        assertFalse(result.nothingToDo(), context);
        assertEquals(afterIncident, rowCounts(), "the apply changes no application row" + context);

        if (incident == Incident.TABLES_DROPPED) {
            boolean outOfOrder = plan.actions().stream()
                    .anyMatch(a -> a.note() != null && a.note().contains("out-of-order"));
            int rerun = flyway(location).outOfOrder(outOfOrder).load().migrate().migrationsExecuted;
            assertEquals(plan.actions().size(), rerun, "flyway migrate runs the removed migrations again" + context);
            Map<String, Long> now = rowCounts();
            for (String table : set.dropped()) {
                assertEquals(0L, now.get(table), table + " is created again, empty" + context);
            }
            Map<String, Long> kept = new TreeMap<>(now);
            set.dropped().forEach(kept::remove);
            assertEquals(new TreeMap<>(afterIncident), kept, "tables the incident left keep their rows");
            ValidateResult validate = flyway(location).load().validateWithResult();
            assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages()
                    + context);
        } else {
            assertEquals(before, rowCounts(), "no table was touched");
            ValidateResult validate = flyway(location).load().validateWithResult();
            assertTrue(validate.validationSuccessful, () -> "flyway validate: " + validate.getAllErrorMessages()
                    + context);
            assertEquals(0, flyway(location).load().migrate().migrationsExecuted,
                    "flyway migrate has nothing to do" + context);
        }

        List<DriftFinding> findings = detect();
        List<DriftFinding> history = findings.stream().filter(f -> HISTORY_KINDS.contains(f.kind())).toList();
        assertEquals(List.of(), history, () -> "detect-drift reports no history finding after the repair; all: "
                + ReconcileHarness.lines(findings));
        ReconcilePlan second = plan(new PlanOptions(false, stated));
        assertTrue(second.actions().isEmpty(), () -> "a new plan has nothing to do\n"
                + ReconcileHarness.describe(second));
    }

    private Path prepare(String set) throws Exception {
        db = TestDatabases.create("unseentest");
        Path target = project.resolve("db/migration");
        Files.createDirectories(target);
        URL dir = Objects.requireNonNull(getClass().getClassLoader().getResource(RESOURCES + set), set);
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path f : files.toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    Files.copy(in, target.resolve(f.getFileName().toString()));
                }
            }
        }
        return target;
    }

    private FluentConfiguration flyway(Path location) {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("filesystem:" + location)
                .cleanDisabled(true).configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }

    private DriftSettings settings() {
        return new DriftSettings(project, List.of("db/migration"), List.of(), List.of(), Map.of(), Set.of(), null,
                List.of(), null);
    }

    private List<DriftFinding> detect() throws Exception {
        try (Connection c = Connections.open(db.settings())) {
            return new DriftDetector(settings()).detect(c).findings();
        }
    }

    private ReconcilePlan plan(PlanOptions options) throws Exception {
        return ReconcileHarness.plan(db.settings(), settings(), options);
    }

    private ReconcileApplier.Result apply(ReconcilePlan plan) throws Exception {
        return ReconcileHarness.apply(db.settings(), settings(), plan, project);
    }

    private Map<String, Long> rowCounts() throws Exception {
        return ReconcileHarness.rowCounts(db, Set.of("flyway_schema_history"));
    }


}
