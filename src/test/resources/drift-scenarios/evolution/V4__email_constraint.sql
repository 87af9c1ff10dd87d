DROP INDEX customers_email_lower_uq;
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
ALTER TABLE customers ALTER COLUMN created_at SET DEFAULT now();
ALTER TABLE addresses ALTER COLUMN country DROP DEFAULT;
ALTER TABLE addresses ADD COLUMN IF NOT EXISTS city text;
