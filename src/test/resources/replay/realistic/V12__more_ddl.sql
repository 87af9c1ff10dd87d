CREATE TABLE base_items (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x' CHECK (name <> ''), created timestamptz DEFAULT now());
CREATE TABLE special_items (extra int, name text) INHERITS (base_items);

CREATE TABLE regions (code text NOT NULL, population int) PARTITION BY LIST (code);
CREATE TABLE regions_eu PARTITION OF regions FOR VALUES IN ('de', 'fr');
CREATE TABLE regions_rest (code text NOT NULL, population int);
ALTER TABLE regions ATTACH PARTITION regions_rest DEFAULT;
CREATE TABLE buckets (n int NOT NULL) PARTITION BY HASH (n);
CREATE TABLE buckets_0 PARTITION OF buckets FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE by_name (name text) PARTITION BY RANGE (lower(name));

CREATE TABLE orders (id serial PRIMARY KEY, user_id int NOT NULL, total numeric(10,2));
CREATE UNIQUE INDEX orders_user_uniq ON orders (user_id);
ALTER TABLE orders ADD CONSTRAINT orders_user_key UNIQUE USING INDEX orders_user_uniq;
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE orders RENAME TO purchases;
ALTER TABLE purchases SET SCHEMA billing;
ALTER TABLE billing.purchases ADD CONSTRAINT purchases_total_check CHECK (total > 0);
ALTER TYPE user_status RENAME VALUE 'deleted' TO 'removed';

CREATE SEQUENCE countdown INCREMENT BY -1 MINVALUE -100 MAXVALUE 0 CYCLE;
ALTER SEQUENCE countdown CACHE 5;
CREATE SEQUENCE small_ids AS smallint;

CREATE FUNCTION users_by_status(s user_status) RETURNS SETOF users LANGUAGE sql STABLE AS $$ SELECT * FROM users WHERE status = s $$;
CREATE FUNCTION counts() RETURNS TABLE (status user_status, n bigint) LANGUAGE sql AS $$ SELECT status, count(*) FROM users GROUP BY 1 $$;
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN RETURN NULL; END $$;
CREATE AGGREGATE product(numeric) (SFUNC = numeric_mul, STYPE = numeric, INITCOND = '1');
CREATE TRIGGER users_audit AFTER INSERT OR UPDATE OF email, name OR DELETE ON users FOR EACH ROW
    WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION audit();
CREATE CONSTRAINT TRIGGER purchases_check AFTER INSERT ON billing.purchases DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION audit();
CREATE TRIGGER events_audit AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION audit();
ALTER TABLE users DISABLE TRIGGER users_audit;
CREATE VIEW secure_users WITH (security_barrier) AS SELECT id FROM users;
CREATE OR REPLACE VIEW secure_users WITH (security_barrier) AS SELECT id, email FROM users;
ALTER VIEW secure_users RENAME TO safe_users;
DROP VIEW IF EXISTS does_not_exist;
CREATE INDEX ON base_items (name);
DROP INDEX base_items_name_idx;
ALTER TABLE base_items ADD COLUMN code text;
CREATE INDEX base_items_code_idx ON base_items (code);
ALTER TABLE base_items DROP COLUMN code;
