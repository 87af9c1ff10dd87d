CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX customers_full_name_trgm ON customers USING gin (full_name gin_trgm_ops);
