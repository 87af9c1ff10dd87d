ALTER TABLE users ADD COLUMN active boolean;
UPDATE users SET active = true;
UPDATE users SET active = false WHERE email IS NULL;
