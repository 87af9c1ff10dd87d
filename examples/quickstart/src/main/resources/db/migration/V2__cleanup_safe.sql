-- Sessions moved to the cache cluster; this table is no longer written.
ALTER TABLE users ADD COLUMN last_login_at timestamptz;

DROP TABLE legacy_sessions;
