-- End-to-end cases for the whole pipeline (splitter, parser, analysis, rules, acknowledgements).
-- Each case starts with a line "#### expect=<rule-id>[,<rule-id>]", "expect=none" or "expect=any" (at least one
-- unacknowledged finding); the SQL below it is linted as one migration file.
#### expect=ban-drop
DrOp TaBlE users;
#### expect=ban-drop
/* c */ DROP /* x */ TABLE users;
#### expect=ban-drop
DROP--hidden
TABLE users;
#### expect=ban-drop,ban-unrecognized-statement
"public".users; DROP TABLE "public"."users" CASCADE;
#### expect=ban-delete
WITH x AS (DELETE FROM users RETURNING id) SELECT count(*) FROM x;
#### expect=ban-delete
CREATE RULE r AS ON INSERT TO t DO INSTEAD (DELETE FROM a; DELETE FROM b);
#### expect=ban-delete
MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;
#### expect=ban-delete
EXPLAIN ANALYZE DELETE FROM users;
#### expect=ban-truncate
truncate table a, b restart identity cascade;
#### expect=ban-truncate
TRUNCATE ONLY users;
#### expect=ban-drop
DO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$;
#### expect=ban-drop
DO $x$ BEGIN IF true THEN DROP TABLE users; END IF; END $x$;
#### expect=ban-dynamic-sql
DO $$ DECLARE t text := 'users'; BEGIN EXECUTE 'DR' || 'OP TABLE ' || t; END $$;
#### expect=any
DO $$ BEGIN EXECUTE 'DR' || 'OP TABLE users'; END $$;
#### expect=ban-dynamic-sql
DO $$ DECLARE c text; BEGIN EXECUTE format('%s', c); END $$;
#### expect=ban-drop
DO $$ BEGIN EXECUTE format('DROP TABLE %I', 'users'); END $$;
#### expect=ban-delete
CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'DELETE FROM users';
#### expect=ban-delete
CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $body$
BEGIN
  DELETE FROM audit WHERE id = OLD.id;
  RETURN OLD;
END;
$body$ LANGUAGE plpgsql;
#### expect=ban-dynamic-sql
CREATE FUNCTION f() RETURNS void AS $$ plpy.execute("DROP TABLE users") $$ LANGUAGE plpython3u;
#### expect=ban-delete
CREATE FUNCTION f() RETURNS void LANGUAGE sql BEGIN ATOMIC DELETE FROM users; END;
#### expect=any
SELECT dblink_exec('dbname=x', 'DROP TABLE users');
#### expect=ban-drop
ALTER TABLE users DROP COLUMN email, ALTER COLUMN name DROP DEFAULT;
#### expect=ban-drop
ALTER TABLE users DROP CONSTRAINT users_email_key;
#### expect=ban-drop
DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;
#### expect=ban-drop
DROP OWNED BY app_user;
#### expect=ban-drop
DROP TYPE mood;
#### expect=ban-drop
DROP POLICY p ON t;
#### expect=ban-drop
DROP DOMAIN d;
#### expect=ban-drop
DROP SCHEMA app CASCADE;
#### expect=ban-drop
DROP EXTENSION pgcrypto;
#### expect=ban-drop
DROP TRIGGER trg ON t;
#### expect=ban-drop
DROP MATERIALIZED VIEW mv;
#### expect=ban-drop
DROP FUNCTION f(int);
#### expect=ban-drop
DROP PROCEDURE p();
#### expect=ban-drop
DROP SEQUENCE s;
#### expect=ban-drop
DROP VIEW v;
#### expect=ban-drop
DROP DATABASE prod;
#### expect=ban-update-without-where
UPDATE users SET active = false;
#### expect=ban-update-without-where
WITH u AS (UPDATE users SET a = 1 RETURNING *) SELECT 1;
#### expect=none
UPDATE users SET active = false WHERE last_login < now() - interval '1 year';
#### expect=none
INSERT INTO notes (body) VALUES ($$please do not DROP TABLE users$$);
#### expect=none
CREATE TABLE drop_log (id bigserial PRIMARY KEY, deleted_at timestamptz, truncated boolean);
#### expect=none
COMMENT ON TABLE users IS 'DROP TABLE users; DELETE FROM users; TRUNCATE users';
#### expect=none
CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE);
#### expect=none
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO app;
#### expect=none
CREATE TRIGGER t AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION audit();
#### expect=none
CREATE POLICY p ON users FOR DELETE USING (owner = current_user);
#### expect=none
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
#### expect=none
ALTER TABLE users ALTER email DROP DEFAULT;
#### expect=none
CREATE TEMP TABLE tmp (id int) ON COMMIT DROP;
#### expect=none
SELECT * FROM users WHERE id = 1 FOR UPDATE;
#### expect=none
INSERT INTO t (id, v) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET v = excluded.v;
#### expect=none
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO audit_log (op, row_id) VALUES ('DELETE', OLD.id);
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
#### expect=none
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
  END IF;
END $$;
#### expect=none
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (lower(email)) WHERE deleted_at IS NULL;
#### expect=none
CREATE TABLE "drop" ("delete" int, "truncate" text);
#### expect=none
SELECT 'x' AS "DROP TABLE users";
#### expect=none
-- DROP TABLE users;
/* DELETE FROM users; /* nested TRUNCATE users; */ */
SELECT 1;
#### expect=none
ALTER TABLE users ADD COLUMN deleted boolean NOT NULL DEFAULT false;
#### expect=ban-unterminated-sql
SELECT 'abc; DROP TABLE users;
#### expect=ban-psql-meta-command
\i drop_everything.sql
#### expect=ban-unrecognized-statement
FROBNICATE users;
#### expect=ban-drop
COMMENT ON TABLE users IS 'x' DROP TABLE users;
#### expect=ban-delete
PREPARE p AS DELETE FROM users; EXECUTE p;
#### expect=ban-delete
COPY (DELETE FROM users RETURNING *) TO STDOUT;
#### expect=ban-dynamic-sql
COPY users FROM PROGRAM 'rm -rf /';
#### expect=none
COPY users (id, name) FROM stdin;
1	DROP TABLE users
\.
#### expect=ban-delete
DO $$ BEGIN FOR r IN DELETE FROM users RETURNING * LOOP END LOOP; END $$;
#### expect=ban-drop
DO LANGUAGE plpgsql $$ BEGIN DROP TABLE users; END $$;
#### expect=ban-drop
DO E'BEGIN DROP TABLE users; END';
#### expect=ban-drop
DO 'BEGIN EXECUTE ''DROP TABLE users''; END';
#### expect=ban-drop
DO $a$ BEGIN EXECUTE $b$DROP TABLE users$b$; END $a$;
#### expect=ban-drop
CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'DO $x$ BEGIN DROP TABLE users; END $x$'; END $$;
#### expect=ban-drop
ALTER TABLE users DROP email;
#### expect=ban-drop
ALTER TABLE IF EXISTS ONLY users DROP COLUMN IF EXISTS email CASCADE;
#### expect=ban-drop
ALTER TABLE users ALTER COLUMN id DROP IDENTITY;
#### expect=ban-delete
DELETE FROM users USING sessions WHERE users.id = sessions.user_id;
#### expect=ban-delete
delete
from
users;
#### expect=ban-truncate
TRUNCATE users, "Orders" RESTART IDENTITY;
#### expect=ban-drop
SELECT 1; DROP TABLE users
#### expect=ban-drop
DROP TABLE users -- no semicolon at EOF
#### expect=ban-delete
CREATE FUNCTION f() RETURNS void AS $$ BEGIN DELETE FROM t; END $$ LANGUAGE 'plpgsql';
#### expect=ban-delete
CREATE FUNCTION f() RETURNS void AS $$ BEGIN DELETE FROM t; END $$ LANGUAGE "plpgsql";
#### expect=any
SELECT * FROM dblink('dbname=x', 'DELETE FROM users RETURNING id') AS t(id int);
#### expect=any
SELECT pg_catalog.dblink_exec('DROP TABLE users');
#### expect=none
ALTER TABLE users RENAME TO users_old;
#### expect=none
ALTER TABLE measurements DETACH PARTITION measurements_2020;
#### expect=none
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, DELETE ON TABLES TO app_rw;
#### expect=none
REVOKE DELETE, TRUNCATE ON users FROM reporting;
#### expect=none
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb, created_at timestamptz DEFAULT now()) PARTITION BY RANGE (created_at);
#### expect=none
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL NOT VALID;
#### expect=none
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
#### expect=none
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
#### expect=none
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'ok';
#### expect=none
CREATE MATERIALIZED VIEW mv AS SELECT id, count(*) FROM orders GROUP BY id WITH NO DATA;
#### expect=none
REFRESH MATERIALIZED VIEW CONCURRENTLY mv;
#### expect=none
SET statement_timeout = '5s';
#### expect=none
BEGIN;
#### expect=none
COMMIT;
#### expect=none
CREATE SEQUENCE IF NOT EXISTS order_seq START 1000;
#### expect=none
CREATE UNIQUE INDEX users_email_lower ON users USING btree (lower(email));
#### expect=none
ALTER TABLE t ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
#### expect=none
CREATE VIEW active_users AS SELECT * FROM users WHERE deleted_at IS NULL;
#### expect=none
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
#### expect=none
CREATE TRIGGER users_updated BEFORE UPDATE ON users FOR EACH ROW EXECUTE PROCEDURE set_updated_at();
#### expect=none
INSERT INTO settings (key, value) VALUES ('purge', 'DELETE FROM sessions WHERE expired'), ('x', E'it\'s DROP');
#### expect=none
SELECT pg_catalog.set_config('search_path', '', false);
#### expect=none
CREATE POLICY tenant_isolation ON orders USING (tenant_id = current_setting('app.tenant')::int);
#### expect=none
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
#### expect=none
CREATE TYPE address AS (street text, city text);
#### expect=none
CREATE DOMAIN email AS text CHECK (VALUE ~* '^[^@]+@[^@]+$');
#### expect=none
DO $$
BEGIN
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (created_at)', 'idx_' || 'orders', 'orders');
END $$;
#### expect=none
DO $$
BEGIN
  EXECUTE 'CREATE INDEX ' || quote_ident('idx_x') || ' ON t (c)';
END $$;
#### expect=ban-drop
DO $$ BEGIN EXECUTE 'ALTER TABLE t ' || 'DROP COLUMN c'; END $$;
#### expect=ban-delete
CREATE FUNCTION purge() RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  n int;
BEGIN
  CASE n
    WHEN 1 THEN DELETE FROM sessions;
    ELSE NULL;
  END CASE;
END $f$;
#### expect=ban-truncate
DO $$ BEGIN PERFORM 1; TRUNCATE sessions; END $$;
#### expect=ban-update-without-where
DO $$ BEGIN UPDATE users SET flag = true; END $$;
#### expect=none
DO $$ BEGIN UPDATE users SET flag = true WHERE id = 1; END $$;
#### expect=ban-drop,ban-unused-acknowledgement
ALTER TABLE users DROP COLUMN email; -- migration-guard:allow ban-drop reason="same line does not count"
#### expect=ban-drop
dRoP
  /* split */
  tAbLe
  "users";
#### expect=ban-drop
DROP TABLE IF EXISTS users, orders;
#### expect=ban-delete
WITH RECURSIVE a AS (SELECT 1), b AS MATERIALIZED (DELETE FROM users RETURNING *) SELECT * FROM a;
#### expect=ban-delete
INSERT INTO archive SELECT * FROM (WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d) s;
#### expect=ban-drop
CREATE SCHEMA s CREATE TABLE t (id int); DROP SCHEMA s;
#### expect=ban-drop
ALTER TYPE address DROP ATTRIBUTE city;
#### expect=ban-drop
ALTER PUBLICATION pub DROP TABLE users;
#### expect=ban-unterminated-sql
SELECT $tag$ DROP TABLE users;
#### expect=ban-unterminated-sql
/* unclosed comment DROP TABLE x;
#### expect=ban-unterminated-sql
SELECT "unclosed ident; DROP TABLE x;
#### expect=ban-psql-meta-command
SELECT 'DROP TABLE ' || tablename FROM pg_tables \gexec
#### expect=ban-psql-meta-command
\connect production
#### expect=none
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_net') THEN
    GRANT EXECUTE ON FUNCTION net.http_post(url text, body jsonb) TO app_user;
    REVOKE EXECUTE ON FUNCTION net.http_post(url text, body jsonb) FROM PUBLIC;
  END IF;
END $$;
#### expect=ban-dynamic-sql
DO $$ BEGIN GRANT USAGE ON SCHEMA api TO app_user; EXECUTE 'GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA api TO ' || r; END $$;
#### expect=ban-drop
SELECT pgtle.install_extension('tidy', '1.0', 'tidy up', $_pgtle_$
  DROP TABLE IF EXISTS staging_rows;
$_pgtle_$);
#### expect=ban-dynamic-sql
CREATE FUNCTION install_pkg(sql_text text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pgtle.install_extension('pkg', '1.0', 'downloaded', sql_text);
END $$;
#### expect=none
CREATE TABLE access_rights (resource text PRIMARY KEY, read boolean NOT NULL, update boolean NOT NULL,
  delete boolean NOT NULL, truncate boolean DEFAULT false, drop boolean DEFAULT false);
ALTER TABLE access_rights ADD delete_all BOOLEAN DEFAULT NULL;
ALTER TABLE archived_rights ADD delete BOOLEAN DEFAULT NULL;
INSERT INTO access_rights (resource, read, update, delete) VALUES ('reports', true, false, false);
#### expect=ban-drop
ALTER TABLE access_rights ADD COLUMN note text, DROP integer;
#### expect=ban-delete
WITH gone AS (MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE) SELECT 1;
#### expect=none
CREATE OR REPLACE FUNCTION touch_updated_at(_tbl regclass) RETURNS void AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s
                  FOR EACH ROW EXECUTE PROCEDURE set_updated_at()', _tbl);
END;
$$ LANGUAGE plpgsql;
#### expect=ban-truncate
CREATE FUNCTION reset_table(_tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN EXECUTE 'TRUNCATE ' || _tbl; END $$;
#### expect=ban-dynamic-sql
CREATE FUNCTION run_on(_tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN EXECUTE format('%s TABLE audit', _tbl); END $$;
#### expect=ban-dynamic-sql
CREATE FUNCTION touch(_tbl text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN EXECUTE format('ANALYZE %s', _tbl); END $$;
#### expect=ban-drop
-- Data retention: drop hypertable chunks older than one year.
SELECT add_retention_policy('readings', drop_after => INTERVAL '365 days', if_not_exists => true);
#### expect=ban-drop
SELECT drop_chunks('readings', older_than => INTERVAL '90 days');
#### expect=none
SELECT create_hypertable('readings', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => true);
SELECT remove_retention_policy('readings', if_exists => true);
#### expect=ban-update-without-where
UPDATE users SET is_admin = true WHERE (1 = 1);
#### expect=ban-update-without-where
UPDATE users SET is_admin = true WHERE id = 42 OR 2 > 1;
#### expect=ban-update-without-where
UPDATE users SET is_admin = true WHERE NOT false;
#### expect=none
UPDATE users SET is_admin = true WHERE id = 42 AND 1 = 1;
UPDATE users SET is_admin = false WHERE NOT is_admin IS NULL;
