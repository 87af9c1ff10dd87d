ALTER TABLE users ADD COLUMN display_name text;
UPDATE users SET display_name = email WHERE display_name IS NULL;
CREATE INDEX users_email_idx ON users (email);
