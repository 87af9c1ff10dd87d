ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en';
ALTER TABLE users ADD COLUMN time_zone text;
ALTER TABLE tenants ADD COLUMN billing_email citext;

COMMENT ON COLUMN users.time_zone IS 'IANA zone name, e.g. Europe/Berlin; NULL means the tenant''s default.';
