package io.github.migrationguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.schema.Column;
import io.github.migrationguard.schema.Column.Generated;
import io.github.migrationguard.schema.Column.Identity;
import io.github.migrationguard.schema.Constraint;
import io.github.migrationguard.schema.EnumType;
import io.github.migrationguard.schema.Extension;
import io.github.migrationguard.schema.Function;
import io.github.migrationguard.schema.Index;
import io.github.migrationguard.schema.Policy;
import io.github.migrationguard.schema.QualifiedName;
import io.github.migrationguard.schema.Schema;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.Sequence;
import io.github.migrationguard.schema.Table;
import io.github.migrationguard.schema.Trigger;
import io.github.migrationguard.schema.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    private static final QualifiedName USERS = new QualifiedName("public", "users");
    private static final QualifiedName ORDERS = new QualifiedName("public", "orders");

    // ------------------------------------------------------------------ a small model builder

    private static final class M {
        final List<Schema> schemas = new ArrayList<>(List.of(new Schema("public", "owner")));
        final List<Table> tables = new ArrayList<>();
        final List<Constraint> constraints = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();
        final List<Sequence> sequences = new ArrayList<>();
        final List<EnumType> enums = new ArrayList<>();
        final List<View> views = new ArrayList<>();
        final List<Function> functions = new ArrayList<>();
        final List<Trigger> triggers = new ArrayList<>();
        final List<Policy> policies = new ArrayList<>();
        final List<Extension> extensions = new ArrayList<>(List.of(new Extension("plpgsql", "pg_catalog", "1.0")));

        M table(QualifiedName q, Column... columns) {
            tables.add(new Table(q.schema(), q.name(), Table.Kind.TABLE, Arrays.asList(columns), null, null, null,
                    false, false, false, "owner"));
            return this;
        }

        M constraint(QualifiedName t, String name, Constraint.Type type, String definition) {
            constraints.add(new Constraint(t, name, type, definition, List.of(), null, List.of(), false, false, true,
                    true, null));
            return this;
        }

        M index(QualifiedName t, String name, String definition, boolean valid) {
            indexes.add(new Index(t.schema(), name, t, definition, "btree", definition.contains("UNIQUE"), false,
                    false, valid, true, List.of(), List.of(), null, null, false));
            return this;
        }

        SchemaModel model() {
            return new SchemaModel(schemas, tables, constraints, indexes, sequences, enums, views, functions, triggers,
                    policies, extensions);
        }
    }

    private static Column col(String name, int position, String type, boolean notNull, String dflt) {
        return new Column(name, position, type, notNull, dflt, Identity.NONE, Generated.NONE, null, null, true);
    }

    /** users(id serial pk, email varchar(320) not null, name text) with its key and an index, as the server has it. */
    private static M liveUsers() {
        return new M().table(USERS,
                        col("id", 1, "integer", true, "nextval('public.users_id_seq'::regclass)"),
                        col("email", 2, "character varying(320)", true, null),
                        col("name", 3, "text", false, null))
                .constraint(USERS, "users_pkey", Constraint.Type.PRIMARY_KEY, "PRIMARY KEY (id)")
                .index(USERS, "idx_users_email", "CREATE INDEX idx_users_email ON public.users USING btree (email)",
                        true);
    }

    /** The same schema, spelled the way a migration writes it. */
    private static M expectedUsers() {
        return new M().table(USERS,
                        col("id", 1, "serial", true, null),
                        col("email", 2, "varchar(320)", true, null),
                        col("name", 3, "TEXT", false, null))
                .constraint(USERS, "users_pkey", Constraint.Type.PRIMARY_KEY, "primary key (id)")
                .index(USERS, "idx_users_email", "create index idx_users_email on users (email)", true);
    }

    private static List<DriftFinding> diff(M expected, M live, String... ignore) {
        return SchemaDiff.diff(expected.model(), live.model(), Arrays.stream(ignore).map(Pattern::compile).toList());
    }

    private static String summary(List<DriftFinding> findings) {
        StringBuilder sb = new StringBuilder();
        for (DriftFinding f : findings) {
            sb.append(f.kind()).append(' ').append(f.object()).append(" | ").append(f.detail()).append('\n');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ no drift

    @Test
    void migrationSpellingsAgainstServerRenderingsAreNoDrift() {
        assertEquals(List.of(), diff(expectedUsers(), liveUsers()));
        assertEquals(List.of(), diff(liveUsers(), liveUsers()));
    }

    @Test
    void generatedNamesThatDifferAreNoDriftWhenTheDefinitionIsTheSame() {
        M expected = expectedUsers().constraint(USERS, "users_email_key", Constraint.Type.UNIQUE, "UNIQUE (email)")
                .index(USERS, "users_name_idx", "CREATE INDEX users_name_idx ON public.users USING btree (name)", true);
        M live = liveUsers().constraint(USERS, "users_email_key1", Constraint.Type.UNIQUE, "UNIQUE (email)")
                .index(USERS, "users_name_idx1", "CREATE INDEX users_name_idx1 ON public.users USING btree (name)",
                        true);
        assertEquals("", summary(diff(expected, live)));
    }

    @Test
    void anExpectedPlainIndexMatchesTheIndexOfAConstraint() {
        M expected = expectedUsers().constraint(USERS, "users_email_key", Constraint.Type.UNIQUE, "UNIQUE (email)")
                .index(USERS, "users_email_key", "create unique index users_email_key on users (email)", true);
        M live = liveUsers().constraint(USERS, "users_email_key", Constraint.Type.UNIQUE, "UNIQUE (email)");
        live.indexes.add(new Index("public", "users_email_key", USERS,
                "CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)", "btree", true, false, false,
                true, true, List.of("email"), List.of(), null, "users_email_key", false));
        assertEquals("", summary(diff(expected, live)));
    }

    @Test
    void toolTablesAndBuiltInExtensionsAreNeverCompared() {
        M live = liveUsers().table(new QualifiedName("public", "flyway_schema_history"),
                col("installed_rank", 1, "integer", true, null));
        live.extensions.clear();
        M expected = expectedUsers().table(new QualifiedName("app", "schema_migrations"),
                col("version", 1, "bigint", true, null));
        expected.schemas.add(new Schema("app", "o"));
        live.schemas.add(new Schema("app", "o"));
        assertEquals("", summary(diff(expected, live)));
    }

    // ------------------------------------------------------------------ missing and extra

    @Test
    void aMissingTableIsOneFindingNotOnePerMember() {
        M expected = expectedUsers().table(ORDERS, col("id", 1, "bigint", true, null),
                        col("user_id", 2, "int", true, null))
                .constraint(ORDERS, "orders_pkey", Constraint.Type.PRIMARY_KEY, "PRIMARY KEY (id)")
                .index(ORDERS, "idx_orders_user", "CREATE INDEX idx_orders_user ON orders (user_id)", true);
        List<DriftFinding> findings = diff(expected, liveUsers());
        assertEquals(List.of(new DriftFinding(DriftKind.MISSING_OBJECT, null, "table public.orders",
                "table public.orders does not exist", "write a *_safe.sql migration that creates table public.orders "
                + "again (CREATE TABLE IF NOT EXISTS), or find out who dropped it")), findings);
    }

    @Test
    void anExtraTableIsOneFinding() {
        M live = liveUsers().table(ORDERS, col("id", 1, "bigint", true, null))
                .index(ORDERS, "orders_id_idx", "CREATE INDEX orders_id_idx ON public.orders USING btree (id)", true);
        assertEquals("EXTRA_OBJECT table public.orders | no migration creates table public.orders (1 column)\n",
                summary(diff(expectedUsers(), live)));
    }

    @Test
    void handAddedColumnAndIndexAreExtra() {
        M live = liveUsers();
        live.tables.set(0, new Table("public", "users", Table.Kind.TABLE, List.of(
                col("id", 1, "integer", true, "nextval('public.users_id_seq'::regclass)"),
                col("email", 2, "character varying(320)", true, null),
                col("name", 3, "text", false, null),
                col("last_login", 4, "timestamp with time zone", false, null)), null, null, null, false, false, false,
                "o"));
        live.index(USERS, "idx_users_name", "CREATE INDEX idx_users_name ON public.users USING btree (name)", true);
        List<DriftFinding> findings = diff(expectedUsers(), live);
        assertEquals("""
                EXTRA_OBJECT column public.users.last_login | no migration creates column last_login timestamp with \
                time zone
                EXTRA_OBJECT index public.idx_users_name | no migration creates index idx_users_name (CREATE INDEX \
                idx_users_name ON public.users USING btree (name))
                """, summary(findings));
        assertEquals("write a *_safe.sql migration that adds column public.users.last_login (ADD COLUMN IF NOT "
                + "EXISTS) so the migrations match the database, or drop the column by hand",
                findings.get(0).recommendedAction());
        assertTrue(findings.get(1).recommendedAction().startsWith("drop the index by hand or add a migration that "
                + "creates it"));
        assertTrue(findings.stream().allMatch(f -> f.migration() == null));
    }

    @Test
    void aRenamedColumnIsMissingPlusExtraWithAHint() {
        M live = new M().table(USERS,
                col("id", 1, "integer", true, "nextval('public.users_id_seq'::regclass)"),
                col("email", 2, "character varying(320)", true, null),
                col("full_name", 3, "text", false, null));
        live.constraint(USERS, "users_pkey", Constraint.Type.PRIMARY_KEY, "PRIMARY KEY (id)")
                .index(USERS, "idx_users_email", "CREATE INDEX idx_users_email ON public.users USING btree (email)",
                        true);
        assertEquals("""
                MISSING_OBJECT column public.users.name | column name does not exist; possibly renamed to full_name \
                (same type text)
                EXTRA_OBJECT column public.users.full_name | no migration creates column full_name text; possibly \
                renamed from name
                """, summary(diff(expectedUsers(), live)));
    }

    @Test
    void aDroppedColumnOfAnotherTypeIsNoRename() {
        M live = new M().table(USERS,
                col("id", 1, "integer", true, "nextval('public.users_id_seq'::regclass)"),
                col("email", 2, "character varying(320)", true, null),
                col("age", 3, "integer", false, null));
        live.constraint(USERS, "users_pkey", Constraint.Type.PRIMARY_KEY, "PRIMARY KEY (id)")
                .index(USERS, "idx_users_email", "CREATE INDEX idx_users_email ON public.users USING btree (email)",
                        true);
        assertEquals("""
                MISSING_OBJECT column public.users.name | column name text does not exist
                EXTRA_OBJECT column public.users.age | no migration creates column age integer
                """, summary(diff(expectedUsers(), live)));
    }

    @Test
    void missingIndexAndConstraint() {
        M live = new M().table(USERS,
                col("id", 1, "integer", true, "nextval('public.users_id_seq'::regclass)"),
                col("email", 2, "character varying(320)", true, null),
                col("name", 3, "text", false, null));
        List<DriftFinding> findings = diff(expectedUsers(), live);
        assertEquals("""
                MISSING_OBJECT constraint public.users.users_pkey | primary key constraint users_pkey does not exist
                MISSING_OBJECT index public.idx_users_email | index idx_users_email on public.users does not exist
                """, summary(findings));
        assertEquals("write a *_safe.sql migration that creates index public.idx_users_email again (CREATE INDEX "
                + "CONCURRENTLY IF NOT EXISTS), or find out who dropped it", findings.get(1).recommendedAction());
    }

    @Test
    void anIndexRenamedByHandIsMissingPlusExtra() {
        M live = liveUsers();
        live.indexes.clear();
        live.index(USERS, "users_by_email", "CREATE INDEX users_by_email ON public.users USING btree (email)", true);
        assertEquals("""
                MISSING_OBJECT index public.idx_users_email | index idx_users_email on public.users does not exist; \
                possibly renamed to users_by_email (same definition)
                EXTRA_OBJECT index public.users_by_email | no migration creates index users_by_email (CREATE INDEX \
                users_by_email ON public.users USING btree (email)); possibly renamed from idx_users_email
                """, summary(diff(expectedUsers(), live)));
    }

    // ------------------------------------------------------------------ changed

    @Test
    void changedTypeNullabilityAndDefaultAreOneFindingPerColumn() {
        M live = new M().table(USERS,
                col("id", 1, "integer", true, "nextval('public.users_id_seq'::regclass)"),
                col("email", 2, "text", false, "''::text"),
                col("name", 3, "text", true, null));
        live.constraint(USERS, "users_pkey", Constraint.Type.PRIMARY_KEY, "PRIMARY KEY (id)")
                .index(USERS, "idx_users_email", "CREATE INDEX idx_users_email ON public.users USING btree (email)",
                        true);
        List<DriftFinding> findings = diff(expectedUsers(), live);
        assertEquals("""
                CHANGED_OBJECT column public.users.email | type: expected character varying(320), found text; \
                nullability: expected NOT NULL, found nullable; default: expected none, found ''::text
                CHANGED_OBJECT column public.users.name | nullability: expected nullable, found NOT NULL
                """, summary(findings));
        assertEquals("write a *_safe.sql migration that alters column public.users.email to the definition you "
                + "want, so the migrations and the database agree", findings.get(0).recommendedAction());
    }

    @Test
    void serialWithoutItsSequenceDefaultIsChanged() {
        M live = liveUsers();
        live.tables.set(0, new Table("public", "users", Table.Kind.TABLE, List.of(
                col("id", 1, "integer", true, null),
                col("email", 2, "character varying(320)", true, null),
                col("name", 3, "text", false, null)), null, null, null, false, false, false, "o"));
        assertEquals("CHANGED_OBJECT column public.users.id | default: expected "
                + "nextval('public.users_id_seq'::regclass), found none\n", summary(diff(expectedUsers(), live)));
    }

    @Test
    void currentTimestampIsNotNow() {
        M expected = new M().table(USERS, col("at", 1, "timestamptz", false, "now()"));
        M live = new M().table(USERS, col("at", 1, "timestamp with time zone", false, "CURRENT_TIMESTAMP"));
        assertEquals("CHANGED_OBJECT column public.users.at | default: expected now(), found CURRENT_TIMESTAMP\n",
                summary(diff(expected, live)));
    }

    @Test
    void identityGeneratedAndCollationChanges() {
        M expected = new M().table(USERS,
                new Column("id", 1, "bigint", true, null, Identity.ALWAYS, Generated.NONE, null, null, true),
                new Column("up", 2, "text", false, null, Identity.NONE, Generated.STORED, "upper(name)", null, true),
                new Column("code", 3, "text", false, null, Identity.NONE, Generated.NONE, null, "\"C\"", true));
        M live = new M().table(USERS,
                new Column("id", 1, "bigint", true, null, Identity.BY_DEFAULT, Generated.NONE, null, null, true),
                new Column("up", 2, "text", false, null, Identity.NONE, Generated.STORED, "lower(name)", null, true),
                new Column("code", 3, "text", false, null, Identity.NONE, Generated.NONE, null, null, true));
        assertEquals("""
                CHANGED_OBJECT column public.users.code | collation: expected pg_catalog.C, found default
                CHANGED_OBJECT column public.users.id | identity: expected GENERATED ALWAYS AS IDENTITY, found \
                GENERATED BY DEFAULT AS IDENTITY
                CHANGED_OBJECT column public.users.up | generated: expected STORED (upper(name)), found STORED \
                (lower(name))
                """, summary(diff(expected, live)));
        // the same generation expression as the server renders it is no drift
        M rendered = new M().table(USERS,
                new Column("id", 1, "bigint", true, null, Identity.ALWAYS, Generated.NONE, null, null, true),
                new Column("up", 2, "text", false, null, Identity.NONE, Generated.STORED, "upper((name)::text)", null,
                        true),
                new Column("code", 3, "text", false, null, Identity.NONE, Generated.NONE, null, "pg_catalog.C", true));
        assertEquals("", summary(diff(expected, rendered)));
    }

    @Test
    void changedConstraintAndIndexDefinitions() {
        M expected = expectedUsers()
                .constraint(USERS, "users_name_check", Constraint.Type.CHECK, "CHECK (length(name) > 0)")
                .index(USERS, "idx_users_name", "CREATE INDEX idx_users_name ON users (name)", true)
                .index(USERS, "idx_users_active", "CREATE INDEX idx_users_active ON users (id) WHERE name IS NOT NULL",
                        true);
        M live = liveUsers()
                .constraint(USERS, "users_name_check", Constraint.Type.CHECK, "CHECK ((length(name) > 1))")
                .index(USERS, "idx_users_name", "CREATE UNIQUE INDEX idx_users_name ON public.users USING btree (name)",
                        true)
                .index(USERS, "idx_users_active", "CREATE INDEX idx_users_active ON public.users USING btree (id)",
                        true);
        assertEquals("""
                CHANGED_OBJECT constraint public.users.users_name_check | definition: expected CHECK (length(name) > \
                0), found CHECK ((length(name) > 1))
                CHANGED_OBJECT index public.idx_users_active | predicate: expected name IS NOT NULL, found none
                CHANGED_OBJECT index public.idx_users_name | uniqueness: expected not unique, found unique
                """, summary(diff(expected, live)));
    }

    @Test
    void aConstraintLeftNotValidIsChanged() {
        M expected = expectedUsers().constraint(USERS, "users_name_check", Constraint.Type.CHECK,
                "CHECK (length(name) > 0)");
        M live = liveUsers();
        live.constraints.add(new Constraint(USERS, "users_name_check", Constraint.Type.CHECK,
                "CHECK ((length(name) > 0)) NOT VALID", List.of(), null, List.of(), false, false, false, true, null));
        assertEquals("CHANGED_OBJECT constraint public.users.users_name_check | validation: expected validated, found "
                + "NOT VALID\n", summary(diff(expected, live)));
    }

    @Test
    void invalidIndexesAreReportedWhetherOrNotExpected() {
        M live = liveUsers();
        live.indexes.clear();
        live.index(USERS, "idx_users_email", "CREATE INDEX idx_users_email ON public.users USING btree (email)", false)
                .index(USERS, "ux_users_name", "CREATE UNIQUE INDEX ux_users_name ON public.users USING btree (name)",
                        false);
        List<DriftFinding> findings = diff(expectedUsers(), live);
        assertEquals("""
                INVALID_INDEX index public.idx_users_email | index idx_users_email on public.users is invalid \
                (indisvalid = false, typically left by a failed CREATE INDEX CONCURRENTLY): it slows writes and is \
                never used by queries
                INVALID_INDEX index public.ux_users_name | index ux_users_name on public.users is invalid \
                (indisvalid = false, typically left by a failed CREATE INDEX CONCURRENTLY): it slows writes and is \
                never used by queries; no migration creates it
                """, summary(findings));
        assertEquals("drop it by hand (DROP INDEX CONCURRENTLY public.idx_users_email) and create it again",
                findings.get(0).recommendedAction());
        assertEquals("drop it by hand (DROP INDEX CONCURRENTLY public.ux_users_name)",
                findings.get(1).recommendedAction());
    }

    @Test
    void enumsSequencesViewsFunctionsTriggersAndPolicies() {
        M expected = expectedUsers();
        expected.enums.add(new EnumType("public", "mood", List.of("sad", "ok", "happy")));
        expected.enums.add(new EnumType("public", "gone", List.of("a")));
        expected.sequences.add(new Sequence("public", "invoice_no", "bigint", 1000, 10, 1, Long.MAX_VALUE, 1, false,
                null, null, false));
        expected.sequences.add(new Sequence("public", "users_id_seq", "integer", 1, 1, 1, Integer.MAX_VALUE, 1, false,
                USERS, "id", false));
        expected.views.add(new View("public", "active_users", false, null, List.of(), true));
        expected.views.add(new View("public", "totals", false, " SELECT 1 AS one;", List.of(), true));
        expected.functions.add(new Function("public", "touch", "", "trigger", Function.Kind.FUNCTION, "plpgsql",
                "VOLATILE", false, false, null));
        expected.triggers.add(new Trigger(USERS, "users_touch", "CREATE TRIGGER users_touch BEFORE UPDATE ON users "
                + "FOR EACH ROW EXECUTE PROCEDURE touch()", Trigger.Firing.ORIGIN, new QualifiedName("public", "touch"),
                false, false));
        expected.policies.add(new Policy(USERS, "own_rows", "SELECT", true, List.of("public"), "id = 1", null));

        M live = liveUsers();
        live.enums.add(new EnumType("public", "mood", List.of("sad", "ok")));
        live.sequences.add(new Sequence("public", "invoice_no", "bigint", 1000, 1, 1, Long.MAX_VALUE, 1, false,
                null, null, false));
        live.sequences.add(new Sequence("public", "users_id_seq", "integer", 1, 1, 1, Integer.MAX_VALUE, 1, false,
                USERS, "id", false));
        live.sequences.add(new Sequence("public", "hand_made", "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false,
                null, null, false));
        live.views.add(new View("public", "active_users", false, " SELECT users.id FROM public.users;", List.of(),
                true));
        live.views.add(new View("public", "totals", true, " SELECT 1 AS one;", List.of(), true));
        live.functions.add(new Function("public", "touch", "", "trigger", Function.Kind.FUNCTION, "plpgsql",
                "VOLATILE", false, false, "CREATE OR REPLACE FUNCTION public.touch() ..."));
        live.functions.add(new Function("public", "add", "a integer, b integer", "integer", Function.Kind.FUNCTION,
                "sql", "IMMUTABLE", false, true, "CREATE OR REPLACE FUNCTION public.add(a integer, b integer) ..."));
        live.triggers.add(new Trigger(USERS, "users_touch", "CREATE TRIGGER users_touch BEFORE UPDATE ON public.users "
                + "FOR EACH ROW EXECUTE FUNCTION public.touch()", Trigger.Firing.DISABLED,
                new QualifiedName("public", "touch"), false, false));
        live.policies.add(new Policy(USERS, "own_rows", "SELECT", true, List.of("public"), "(id = 2)", null));
        live.policies.add(new Policy(USERS, "admins", "ALL", false, List.of("admin"), "true", null));

        assertEquals("""
                MISSING_OBJECT type public.gone | enum type public.gone does not exist
                EXTRA_OBJECT function public.add(a integer, b integer) | no migration creates function \
                public.add(a integer, b integer)
                EXTRA_OBJECT policy public.users.admins | no migration creates policy admins on public.users
                EXTRA_OBJECT sequence public.hand_made | no migration creates sequence public.hand_made
                CHANGED_OBJECT policy public.users.own_rows | using: expected id = 1, found (id = 2)
                CHANGED_OBJECT sequence public.invoice_no | increment: expected 10, found 1
                CHANGED_OBJECT trigger public.users.users_touch | firing: expected enabled, found disabled
                CHANGED_OBJECT type public.mood | labels: expected [sad, ok, happy], found [sad, ok]
                CHANGED_OBJECT view public.totals | kind: expected view, found materialized view
                """, summary(diff(expected, live)));
    }

    @Test
    void policyExpressionsWithSubqueriesAreComparedByPresence() {
        assertTrue(SchemaDiff.samePolicyExpression(
                "EXISTS (SELECT 1 FROM members m WHERE m.team_id = team_id AND m.user_id = auth.uid())",
                "(EXISTS ( SELECT 1\n   FROM public.members m\n  WHERE ((m.team_id = tickets.team_id) AND "
                        + "(m.user_id = auth.uid()))))"));
        // without a sub-query the comparison stays exact, and a policy that lost its expression is still drift
        assertFalse(SchemaDiff.samePolicyExpression("owner = current_user", "(owner = session_user)"));
        assertFalse(SchemaDiff.samePolicyExpression("EXISTS (SELECT 1)", null));
    }

    @Test
    void missingAndExtraSchemasAndExtensionsHideTheirContents() {
        M expected = expectedUsers();
        expected.schemas.add(new Schema("billing", "o"));
        expected.table(new QualifiedName("billing", "invoices"), col("id", 1, "int", true, null));
        expected.extensions.add(new Extension("citext", "public", "1.6"));
        M live = liveUsers();
        live.schemas.add(new Schema("scratch", "o"));
        live.table(new QualifiedName("scratch", "tmp"), col("id", 1, "integer", true, null));
        live.extensions.add(new Extension("pg_trgm", "public", "1.6"));
        assertEquals("""
                MISSING_OBJECT extension citext | extension citext is not installed
                MISSING_OBJECT schema billing | schema billing does not exist
                EXTRA_OBJECT extension pg_trgm | no migration creates extension pg_trgm
                EXTRA_OBJECT schema scratch | no migration creates schema scratch
                """, summary(diff(expected, live)));
    }

    @Test
    void tableAttributes() {
        M expected = new M();
        expected.tables.add(new Table("public", "events", Table.Kind.PARTITIONED_TABLE, List.of(), "RANGE (at)",
                null, null, true, false, false, "o"));
        M live = new M();
        live.tables.add(new Table("public", "events", Table.Kind.TABLE, List.of(), null, null, null, false, false,
                true, "someone else"));
        assertEquals("CHANGED_OBJECT table public.events | kind: expected partitioned table, found table; "
                + "persistence: expected logged, found unlogged; row level security: expected enabled, found "
                + "disabled\n", summary(diff(expected, live)));
    }

    // ------------------------------------------------------------------ ignoring and ordering

    @Test
    void ignorePatternsMatchTheDisplayNameOrTheOwningTable() {
        M live = liveUsers().table(new QualifiedName("public", "audit_2024"), col("id", 1, "integer", true, null))
                .index(USERS, "tmp_idx", "CREATE INDEX tmp_idx ON public.users USING btree (name)", true);
        live.tables.set(0, new Table("public", "users", Table.Kind.TABLE, List.of(
                col("id", 1, "integer", true, "nextval('public.users_id_seq'::regclass)"),
                col("email", 2, "character varying(320)", true, null),
                col("name", 3, "text", false, null),
                col("hotfix", 4, "text", false, null)), null, null, null, false, false, false, "o"));
        assertEquals(3, diff(expectedUsers(), live).size());
        assertEquals(List.of(), diff(expectedUsers(), live, "table public\\.audit_", "^index .*tmp_", "\\.hotfix$"));
        // a pattern on the table covers its members
        assertEquals("EXTRA_OBJECT table public.audit_2024 | no migration creates table public.audit_2024 (1 column)\n",
                summary(diff(expectedUsers(), live, "table public\\.users$")));
        // null means nothing is ignored
        assertEquals(3, SchemaDiff.diff(expectedUsers().model(), live.model(), null).size());
    }

    @Test
    void findingsAreOrderedByKindThenObject() {
        M expected = expectedUsers().table(new QualifiedName("public", "zeta"), col("id", 1, "int", true, null))
                .table(new QualifiedName("public", "alpha"), col("id", 1, "int", true, null));
        M live = liveUsers().table(new QualifiedName("public", "beta"), col("id", 1, "int", true, null));
        live.indexes.clear();
        live.index(USERS, "idx_users_email", "CREATE INDEX idx_users_email ON public.users USING btree (email)",
                false);
        List<DriftFinding> findings = diff(expected, live);
        assertEquals(List.of("MISSING_OBJECT table public.alpha", "MISSING_OBJECT table public.zeta",
                "EXTRA_OBJECT table public.beta", "INVALID_INDEX index public.idx_users_email"),
                findings.stream().map(f -> f.kind() + " " + f.object()).toList());
    }
}
