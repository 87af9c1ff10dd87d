-- sessions moved to the cache cluster
ALTER TABLE users ADD COLUMN last_login_at timestamptz;
DROP TABLE user_sessions CASCADE;
SELECT 1; DROP INDEX users_email_idx;
