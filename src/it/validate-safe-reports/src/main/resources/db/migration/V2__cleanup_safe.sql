ALTER TABLE users ADD COLUMN last_login_at timestamptz;

DROP TABLE user_sessions;
-- migration-guard:allow ban-truncate reason="audit copy is rebuilt nightly"
TRUNCATE audit_copy;
