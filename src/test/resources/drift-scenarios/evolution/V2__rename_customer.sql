-- The naming conventions changed: plural table names, full words, time zones everywhere.
ALTER TABLE customer RENAME TO customers;
ALTER TABLE customers RENAME COLUMN name TO full_name;
ALTER TABLE customers DROP COLUMN legacy_code;
ALTER TABLE customers ALTER COLUMN email TYPE varchar(320);
ALTER TABLE customers ALTER COLUMN email SET NOT NULL;
ALTER TABLE customers ALTER COLUMN created TYPE timestamptz;
ALTER TABLE customers RENAME COLUMN created TO created_at;
ALTER INDEX customer_name_idx RENAME TO customers_full_name_idx;
COMMENT ON TABLE customers IS 'People who buy things';
