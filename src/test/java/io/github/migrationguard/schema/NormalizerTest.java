package io.github.migrationguard.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerTest {

    // ------------------------------------------------------------------ types

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            int                              | integer
            INT4                             | integer
            integer                          | integer
            serial                           | integer
            serial4                          | integer
            int8                             | bigint
            BigInt                           | bigint
            bigserial                        | bigint
            int2                             | smallint
            smallserial                      | smallint
            varchar(320)                     | character varying(320)
            character varying ( 320 )        | character varying(320)
            CHARACTER  VARYING(10)           | character varying(10)
            varchar                          | character varying
            char                             | character(1)
            character                        | character(1)
            char(3)                          | character(3)
            character(5)                     | character(5)
            bpchar                           | bpchar
            pg_catalog.bpchar(4)             | character(4)
            '"char"'                         | '"char"'
            bool                             | boolean
            float8                           | double precision
            double precision                 | double precision
            float                            | double precision
            float(10)                        | real
            float(24)                        | real
            float(25)                        | double precision
            float4                           | real
            real                             | real
            decimal                          | numeric
            numeric                          | numeric
            numeric(10,2)                    | numeric(10,2)
            decimal(10, 2)                   | numeric(10,2)
            numeric(5)                       | numeric(5,0)
            timestamptz                      | timestamp with time zone
            timestamp with time zone         | timestamp with time zone
            TIMESTAMP WITH TIME ZONE         | timestamp with time zone
            timestamptz(3)                   | timestamp(3) with time zone
            timestamp                        | timestamp without time zone
            timestamp without time zone      | timestamp without time zone
            timestamp(6)                     | timestamp(6) without time zone
            time                             | time without time zone
            timetz                           | time with time zone
            time(2) with time zone           | time(2) with time zone
            interval                         | interval
            interval year to month           | interval year to month
            interval(3)                      | interval(3)
            interval day to second(2)        | interval day to second(2)
            INTERVAL HOUR                    | interval hour
            bit                              | bit(1)
            bit(8)                           | bit(8)
            varbit                           | bit varying
            bit varying(7)                   | bit varying(7)
            int[]                            | integer[]
            integer[]                        | integer[]
            int4[]                           | integer[]
            _int4                            | integer[]
            integer[][]                      | integer[]
            integer array                    | integer[]
            integer array[3]                 | integer[]
            varchar(20)[]                    | character varying(20)[]
            _varchar                         | character varying[]
            timestamptz[]                    | timestamp with time zone[]
            text                             | text
            TEXT                             | text
            uuid                             | uuid
            jsonb                            | jsonb
            tstzrange                        | tstzrange
            pg_catalog.int4                  | integer
            pg_catalog.text                  | text
            '"varchar"(5)'                   | character varying(5)
            mood                             | public.mood
            public.mood                      | public.mood
            Public.Mood                      | public.mood
            app.mood                         | app.mood
            '"Mood"'                         | 'public."Mood"'
            '"App"."Mood X"'                 | '"App"."Mood X"'
            mood[]                           | public.mood[]
            citext                           | public.citext
            """)
    void typeSpellingsBecomeFormatTypeRenderings(String spelling, String rendering) {
        assertEquals(rendering, Normalizer.canonicalType(spelling));
        assertTrue(Normalizer.sameType(spelling, rendering));
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            varchar(320)        | text
            varchar(320)        | varchar(321)
            varchar             | varchar(10)
            char                | char(2)
            int                 | bigint
            int4                | int8
            float4              | float8
            float(24)           | float(25)
            numeric(10,2)       | numeric(10,3)
            numeric             | numeric(10,2)
            timestamp           | timestamptz
            timestamp(3)        | timestamp(6)
            time                | timetz
            int[]               | int
            mood                | app.mood
            '"Mood"'            | mood
            bit                 | varbit
            interval            | interval year
            """)
    void differentTypesStayDifferent(String a, String b) {
        assertFalse(Normalizer.sameType(a, b), () -> Normalizer.canonicalType(a) + " vs " + Normalizer.canonicalType(b));
    }

    @Test
    void typesHonourTheDefaultSchemaAndKeepUserTypmods() {
        assertEquals("app.mood", Normalizer.canonicalType("mood", "app"));
        assertEquals("integer", Normalizer.canonicalType("int", "app"));
        assertEquals("public.geometry(Point,4326)", Normalizer.canonicalType("geometry(Point, 4326)"));
        assertNull(Normalizer.canonicalType(null));
        assertTrue(Normalizer.sameType(null, null));
        // unparseable text is compared as written, whitespace aside
        assertEquals("int not a type", Normalizer.canonicalType("int  not a type"));
    }

    @Test
    void serialTypes() {
        for (String s : List.of("serial", "SERIAL", "serial4", "bigserial", "serial8", "smallserial", "serial2")) {
            assertTrue(Normalizer.isSerialType(s), s);
        }
        for (String s : List.of("integer", "int", "serialx", "text")) {
            assertFalse(Normalizer.isSerialType(s), s);
        }
        assertFalse(Normalizer.isSerialType(null));
    }

    // ------------------------------------------------------------------ expressions

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            'x'::character varying                                  | 'x'
            'x'::text                                               | 'x'
            'x'::text                                               | 'x'::varchar
            0                                                       | 0::integer
            0                                                       | (0)::numeric
            '-1'::integer                                           | -1
            '10000000000'::bigint                                   | 10000000000
            1.50                                                    | 1.5
            '1000'::numeric                                         | 1e3
            now()                                                   | NOW()
            now()                                                   | pg_catalog.now()
            CURRENT_TIMESTAMP                                       | current_timestamp
            CURRENT_DATE                                            | Current_Date
            CURRENT_USER                                            | current_user
            nextval('public.users_id_seq'::regclass)                | nextval('users_id_seq'::regclass)
            nextval('public.users_id_seq'::regclass)                | nextval('users_id_seq')
            nextval('public.users_id_seq'::regclass)                | nextval('Users_Id_Seq')
            nextval('app.users_id_seq'::regclass)                   | nextval('app.users_id_seq')
            (now() + '1 day'::interval)                             | now() + interval '1 day'
            ((1 + 2) * 3)                                           | (1+2)*3
            lower('ABC'::text)                                      | LOWER('ABC')
            upper((email)::text)                                    | upper(email::text)
            upper((email)::text)                                    | upper(email)
            '{}'::text[]                                            | '{}'
            'ok'::public.mood                                       | 'ok'
            true                                                    | TRUE
            true                                                    | 't'::boolean
            false                                                   | 'no'::boolean
            gen_random_uuid()                                       | gen_random_uuid( )
            public.uuid_generate_v4()                               | uuid_generate_v4()
            ((score >= (0)::numeric))                               | score >= 0
            (total >= (0)::numeric)                                 | (total >= 0)
            ((ab <> ALL (ARRAY[1, 2])))                             | ab not in (1, 2)
            (((w)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))) | w in ('a', 'b')
            ((status = ANY (ARRAY['new'::text, 'done'::text])))     | status IN ('new','done')
            ((x = 1))                                               | x in (1)
            (((x >= 1) AND (x <= 10)))                              | x between 1 and 10
            (((x < 1) OR (x > 10)))                                 | x not between 1 and 10
            (((x >= 1) AND (x <= 10)) AND (y > 0))                  | x between 1 and 10 and y > 0
            (((y ~~ 'a%'::text) AND (y <> ''::text)))               | y like 'a%' and y != ''
            ((name ~~* 'a%'::text))                                 | name ilike 'a%'
            ((name !~~ 'a%'::text))                                 | name not like 'a%'
            (((NOT (z > 5)) OR (z IS NULL)))                        | not (z > 5) or z is null
            (((al > 0) AND ((al < 100) OR (al = 1000))))            | al > 0 and (al < 100 or al = 1000)
            ((a > 0) AND (b > 0) AND (c > 0))                       | a > 0 and (b > 0 and c > 0)
            ((af ~ '^[a-z]+$'::text))                               | af ~ '^[a-z]+$'
            CASE WHEN (x > 0) THEN 'a'::text ELSE 'b'::text END     | case when x > 0 then 'a' else 'b' end
            (x)::integer                                            | CAST(x AS int)
            (x)::bigint                                             | x::int8
            (-1)                                                    | -1
            length((name)::text)                                    | length(name)
            "Users".id                                              | "Users".id
            ((email)::text ~~ '%@%'::text)                          | email LIKE '%@%'
            (data ->> 'k'::text)                                    | data->>'k'
            '2024-01-01'::date                                      | date '2024-01-01'
            '12:00:00'::time without time zone                      | time '12:00:00'
            `'it''s'::text`                                         | `'it''s'`
            `'a\nb'::text`                                          | `E'a\\nb'`
            """)
    void equalExpressions(String a, String b) {
        assertEquals(Normalizer.canonicalExpression(a), Normalizer.canonicalExpression(b));
        assertTrue(Normalizer.sameExpression(a, b));
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            CURRENT_TIMESTAMP                       | now()
            now()                                   | clock_timestamp()
            'x'::text                               | 'y'::text
            'X'                                     | 'x'
            0                                       | 1
            -1                                      | 1
            nextval('public.users_id_seq'::regclass) | nextval('public.orders_id_seq'::regclass)
            nextval('app.users_id_seq'::regclass)   | nextval('users_id_seq')
            nextval('"Users_id_seq"')               | nextval('users_id_seq')
            (a + b) * c                             | a + b * c
            a - (b - c)                             | a - b - c
            not (a and b)                           | not a and b
            (a or b) and c                          | a or b and c
            x in (1, 2)                             | x in (1, 3)
            x in (1, 2)                             | x not in (1, 2)
            x between 1 and 10                      | x between 1 and 11
            name like 'a%'                          | name ilike 'a%'
            "Users".id                              | users.id
            "user"                                  | user
            lower(email)                            | upper(email)
            x > 0                                   | x >= 0
            x::integer                              | x::bigint
            'a' || 'b'                              | 'ab'
            coalesce(a, b)                          | coalesce(b, a)
            """)
    void differentExpressionsStayDifferent(String a, String b) {
        assertFalse(Normalizer.sameExpression(a, b),
                () -> Normalizer.canonicalExpression(a) + " vs " + Normalizer.canonicalExpression(b));
    }

    @Test
    void expressionsHonourTheDefaultSchema() {
        assertEquals(Normalizer.canonicalExpression("nextval('app.s'::regclass)", "app"),
                Normalizer.canonicalExpression("nextval('s')", "app"));
        assertEquals(Normalizer.canonicalExpression("app.f(x)", "app"), Normalizer.canonicalExpression("f(x)", "app"));
        // in the default 'public' view the app schema is kept
        assertFalse(Normalizer.sameExpression("app.f(x)", "f(x)"));
        assertNull(Normalizer.canonicalExpression(null));
        assertTrue(Normalizer.sameExpression(null, null));
        assertFalse(Normalizer.sameExpression(null, "now()"));
    }

    @Test
    void defaultsDependOnTheColumnType() {
        assertTrue(Normalizer.sameDefault("true", "'t'", "boolean"));
        assertTrue(Normalizer.sameDefault("false", "'f'", "bool"));
        assertTrue(Normalizer.sameDefault("false", "'off'", "boolean"));
        assertFalse(Normalizer.sameDefault("true", "'f'", "boolean"));
        assertTrue(Normalizer.sameDefault("'2024-01-01 00:00:00'::timestamp without time zone", "'2024-01-01'",
                "timestamp"));
        assertFalse(Normalizer.sameDefault("'2024-01-01 00:00:01'::timestamp without time zone", "'2024-01-01'",
                "timestamp"));
        assertTrue(Normalizer.sameDefault("'anon'::character varying", "'anon'", "varchar(50)"));
        assertFalse(Normalizer.sameDefault("'anon'::character varying", "'anonymous'", "varchar(50)"));
        assertTrue(Normalizer.sameDefault(null, null, "text"));
        assertFalse(Normalizer.sameDefault(null, "''", "text"));
        // a text default of 't' stays a string
        assertFalse(Normalizer.sameDefault("true", "'t'", "text"));
    }

    // ------------------------------------------------------------------ indexes

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)                   | create unique index ux on users (email)
            CREATE INDEX idx_users_email ON public.users USING btree (email)                          | CREATE INDEX CONCURRENTLY IF NOT EXISTS other_name ON users (email ASC)
            CREATE INDEX i ON public.users USING btree (email)                                        | create index i on public.users using btree (email asc nulls last)
            CREATE INDEX i ON public.users USING btree (created_at DESC)                              | create index i on users (created_at desc nulls first)
            CREATE INDEX i ON app.orders USING btree (placed_at DESC) WHERE (total > (100)::numeric)  | create index i on app.orders (placed_at desc) where total > 100
            CREATE INDEX i ON public.u USING btree (lower((email)::text)) INCLUDE (name)              | create index on u (lower(email)) include (name)
            CREATE INDEX i ON public.u USING btree ((((a)::text || b)))                               | create index on u ((a || b))
            CREATE INDEX i ON ONLY app.events USING btree (happened_at)                               | create index on app.events (happened_at)
            CREATE INDEX i ON public.u USING hash (b)                                                 | create index on u using HASH (b)
            CREATE INDEX i ON public.u USING btree (b text_pattern_ops)                               | create index on u (b text_pattern_ops)
            CREATE INDEX i ON public.u USING btree (b COLLATE "C")                                    | create index on u (b collate "C")
            CREATE INDEX i ON public.u USING gin (data jsonb_path_ops)                                | create index on u using gin (data jsonb_path_ops)
            CREATE UNIQUE INDEX i ON public.u USING btree (a) WHERE (deleted_at IS NULL)              | create unique index i on u (a) where deleted_at is null
            CREATE INDEX i ON public.u USING btree (a) WITH (fillfactor='70')                         | create index i on u (a) with (fillfactor='70')
            CREATE INDEX i ON public.u USING btree (a) TABLESPACE fast                                | create index i on u (a)
            CREATE INDEX i ON public."Users" USING btree ("Email")                                    | create index i on "Users" ("Email")
            """)
    void equalIndexDefinitions(String a, String b) {
        assertEquals(Normalizer.canonicalIndexDefinition(a), Normalizer.canonicalIndexDefinition(b));
        assertTrue(Normalizer.sameIndexDefinition(a, b));
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            CREATE UNIQUE INDEX i ON public.users USING btree (email)          | CREATE INDEX i ON public.users USING btree (email)
            CREATE INDEX i ON public.users USING btree (email)                 | CREATE INDEX i ON public.users USING hash (email)
            CREATE INDEX i ON public.users USING btree (email)                 | CREATE INDEX i ON public.users USING btree (lower((email)::text))
            CREATE INDEX i ON public.users USING btree (email)                 | CREATE INDEX i ON public.users USING btree (email DESC)
            CREATE INDEX i ON public.users USING btree (email)                 | CREATE INDEX i ON public.users USING btree (email) WHERE (active)
            CREATE INDEX i ON public.users USING btree (a, b)                  | CREATE INDEX i ON public.users USING btree (b, a)
            CREATE INDEX i ON public.users USING btree (a)                     | CREATE INDEX i ON public.users USING btree (a) INCLUDE (b)
            CREATE INDEX i ON public.users USING btree (a)                     | CREATE INDEX i ON app.users USING btree (a)
            CREATE INDEX i ON public.users USING btree (a DESC)                | CREATE INDEX i ON public.users USING btree (a DESC NULLS LAST)
            CREATE INDEX i ON public.users USING btree (a) WHERE (b > 1)       | CREATE INDEX i ON public.users USING btree (a) WHERE (b > 2)
            CREATE INDEX i ON public.users USING btree ("Email")               | CREATE INDEX i ON public.users USING btree (email)
            """)
    void differentIndexDefinitions(String a, String b) {
        assertFalse(Normalizer.sameIndexDefinition(a, b),
                () -> Normalizer.canonicalIndexDefinition(a) + " vs " + Normalizer.canonicalIndexDefinition(b));
    }

    // ------------------------------------------------------------------ constraints

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            PRIMARY KEY (id)                                                           | primary key (id)
            UNIQUE (email)                                                             | unique (email)
            UNIQUE (email)                                                             | UNIQUE NULLS DISTINCT (email)
            FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE         | foreign key (user_id) references users (id) on delete cascade
            FOREIGN KEY (user_id) REFERENCES public.users(id)                           | FOREIGN KEY (user_id) REFERENCES users(id) MATCH SIMPLE ON UPDATE NO ACTION ON DELETE NO ACTION
            FOREIGN KEY (user_id) REFERENCES public.users(id)                           | foreign key (user_id) references users(id) not deferrable initially immediate
            FOREIGN KEY (a) REFERENCES app.t(id) MATCH FULL ON UPDATE SET NULL DEFERRABLE | foreign key (a) references app.t (id) match full on update set null deferrable
            CHECK ((score >= (0)::numeric))                                             | check (score >= 0)
            CHECK ((total >= (0)::numeric)) NOT VALID                                   | check (total >= 0)
            CHECK (((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))) | check (status in ('a', 'b'))
            UNIQUE (user_id, placed_at) DEFERRABLE INITIALLY DEFERRED                   | unique (user_id, placed_at) deferrable initially deferred
            EXCLUDE USING gist (room WITH =, during WITH &&)                            | exclude using gist (room with =, during with &&)
            PRIMARY KEY (id) INCLUDE (name)                                             | primary key (id) include (name)
            PRIMARY KEY (id)                                                           | CONSTRAINT users_pkey PRIMARY KEY (id)
            """)
    void equalConstraintDefinitions(String a, String b) {
        assertEquals(Normalizer.canonicalConstraintDefinition(a), Normalizer.canonicalConstraintDefinition(b));
        assertTrue(Normalizer.sameConstraintDefinition(a, b));
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            PRIMARY KEY (id)                                                   | PRIMARY KEY (id, tenant)
            UNIQUE (email)                                                     | UNIQUE NULLS NOT DISTINCT (email)
            FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE | FOREIGN KEY (user_id) REFERENCES public.users(id)
            FOREIGN KEY (user_id) REFERENCES public.users(id)                   | FOREIGN KEY (user_id) REFERENCES public.accounts(id)
            FOREIGN KEY (user_id) REFERENCES public.users(id)                   | FOREIGN KEY (user_id) REFERENCES app.users(id)
            CHECK ((score >= (0)::numeric))                                     | CHECK ((score > (0)::numeric))
            UNIQUE (a) DEFERRABLE                                              | UNIQUE (a) DEFERRABLE INITIALLY DEFERRED
            UNIQUE (a, b)                                                      | UNIQUE (b, a)
            """)
    void differentConstraintDefinitions(String a, String b) {
        assertFalse(Normalizer.sameConstraintDefinition(a, b),
                () -> Normalizer.canonicalConstraintDefinition(a) + " vs " + Normalizer.canonicalConstraintDefinition(b));
    }

    // ------------------------------------------------------------------ identifiers and other SQL

    @Test
    void identifiersFoldAndQuoteLikePostgres() {
        assertEquals("users", Normalizer.foldIdentifier("Users"));
        assertEquals("Users", Normalizer.foldIdentifier("\"Users\""));
        assertEquals("a\"b", Normalizer.foldIdentifier("\"a\"\"b\""));
        assertEquals(List.of("public", "Users"), Normalizer.parseQualifiedName("Public.\"Users\""));
        assertEquals(List.of(), Normalizer.parseQualifiedName("a b"));
        assertEquals(List.of(), Normalizer.parseQualifiedName("a."));
        assertEquals("users", Normalizer.quoteIdentifier("users"));
        assertEquals("\"Users\"", Normalizer.quoteIdentifier("Users"));
        assertEquals("\"user\"", Normalizer.quoteIdentifier("user"));
        assertEquals("\"select\"", Normalizer.quoteIdentifier("select"));
        assertEquals("name", Normalizer.quoteIdentifier("name"), "unreserved keywords need no quotes");
        assertEquals("\"a b\"", Normalizer.quoteIdentifier("a b"));
        assertEquals("\"a$\"", Normalizer.quoteIdentifier("a$"));
        assertEquals("\"1a\"", Normalizer.quoteIdentifier("1a"));
        assertEquals("\"a\"\"b\"", Normalizer.quoteIdentifier("a\"b"));
        assertEquals("_x1", Normalizer.quoteIdentifier("_x1"));
        assertEquals("public.\"Users\"", Normalizer.qualifiedName("public", "Users"));
    }

    @Test
    void generatedNamesFollowPostgres() {
        assertEquals("users_pkey", Normalizer.generatedName("users", null, "pkey"));
        assertEquals("users_email_key", Normalizer.generatedName("users", "email", "key"));
        assertEquals("orders_user_id_fkey", Normalizer.generatedName("orders", "user_id", "fkey"));
        assertEquals("users_id_seq", Normalizer.generatedName("users", "id", "seq"));
        // 63 bytes at most: the longer part is shortened first
        String table = "a".repeat(60);
        String name = Normalizer.generatedName(table, "email", "key");
        assertEquals(63, name.length());
        assertEquals("a".repeat(53) + "_email_key", name);
        assertTrue(Normalizer.looksGenerated("users_email_key"));
        assertTrue(Normalizer.looksGenerated("users_email_idx1"));
        assertTrue(Normalizer.looksGenerated("orders_user_id_fkey"));
        assertFalse(Normalizer.looksGenerated("idx_users_email"));
        assertFalse(Normalizer.looksGenerated("pkey"));
    }

    @Test
    void collationsAreQualified() {
        assertEquals("pg_catalog.C", Normalizer.canonicalCollation("\"C\""));
        assertEquals("pg_catalog.C", Normalizer.canonicalCollation("pg_catalog.\"C\""));
        assertEquals("public.german", Normalizer.canonicalCollation("public.german"));
        assertNull(Normalizer.canonicalCollation(null));
    }

    @Test
    void sqlTextLosesCaseWhitespaceCommentsAndDefaultSchema() {
        assertEquals(Normalizer.canonicalSql("CREATE TRIGGER t BEFORE UPDATE ON public.orders FOR EACH ROW "
                        + "EXECUTE FUNCTION public.touch()"),
                Normalizer.canonicalSql("create trigger t\n  before update on orders -- stamp\n  for each row "
                        + "execute procedure touch();"));
        assertFalse(Normalizer.canonicalSql("select 'A'").equals(Normalizer.canonicalSql("select 'a'")));
        assertFalse(Normalizer.canonicalSql("select \"A\"").equals(Normalizer.canonicalSql("select a")));
        assertEquals(Normalizer.canonicalSql("SELECT a FROM app.t"), Normalizer.canonicalSql("select  a\nfrom app.t"));
    }

    // ------------------------------------------------------------------ robustness

    private static final List<String> SAMPLES = List.of("(((w)::text = ANY ((ARRAY['a'::character varying, "
            + "'b'::character varying])::text[])))", "x between 1 and 10 and y > 0", "not (z > 5) or z is null",
            "CASE WHEN (x > 0) THEN 'a'::text ELSE 'b'::text END", "nextval('public.users_id_seq'::regclass)",
            "(now() + '1 day'::interval)", "-(a + b) * c", "a - (b - c)", "f((a))", "((a, b))", "(select 1)",
            "x::int[]", "'{}'::text[]", "coalesce((a)::text, ''::text) || 'x'", "(a = b) is true",
            "CREATE UNIQUE INDEX u ON public.u USING btree (a DESC NULLS LAST, b) WHERE ((c > 0) AND (b IS NOT NULL))");

    @Test
    void canonicalFormsAreStable() {
        for (String x : SAMPLES) {
            String once = Normalizer.canonicalExpression(x);
            assertEquals(once, Normalizer.canonicalExpression(once), x);
            String sql = Normalizer.canonicalSql(x);
            assertEquals(sql, Normalizer.canonicalSql(sql), x);
        }
        String index = Normalizer.canonicalIndexDefinition(SAMPLES.get(SAMPLES.size() - 1));
        assertEquals("unique index on u using btree(a desc nulls last, b) where c > 0 and b is not null", index);
    }

    @Test
    void garbageNeverThrows() {
        String[] pieces = {"(", ")", "[", "]", "'", "\"", "::", ",", ".", ";", "a", "B", "in", "not", "between",
            "and", "or", "like", "cast", "as", "int", "varchar", "-", "+", "*", "1", "1e5", "$$", "$1", "E'\\'",
            "array", "any", "case", "when", "then", "end", "create", "index", "on", "using", "where", "check", " ",
            "\n", "--", "/*", "*/", "interval", "timestamp", "with", "time", "zone", "nextval", "public", "\u00e9"};
        Random random = new Random(42);
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(14);
            for (int i = 0; i < len; i++) {
                sb.append(pieces[random.nextInt(pieces.length)]).append(random.nextBoolean() ? " " : "");
            }
            String text = sb.toString();
            Normalizer.canonicalType(text);
            Normalizer.canonicalExpression(text);
            Normalizer.canonicalDefault(text, "boolean");
            Normalizer.canonicalIndexDefinition(text);
            Normalizer.canonicalConstraintDefinition(text);
            Normalizer.canonicalSql(text);
            Normalizer.canonicalArguments(text);
            Normalizer.canonicalCollation(text);
            Normalizer.foldIdentifier(text);
        }
    }

    @Test
    void functionArgumentsAreCanonical() {
        assertEquals("a integer, b character varying", Normalizer.canonicalArguments("a int, b varchar"));
        assertEquals("integer, double precision", Normalizer.canonicalArguments("int4, float8"));
        assertEquals("variadic xs integer[]", Normalizer.canonicalArguments("VARIADIC xs int[]"));
        assertEquals("", Normalizer.canonicalArguments(""));
    }
}
