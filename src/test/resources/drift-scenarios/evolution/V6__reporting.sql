CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE MATERIALIZED VIEW customer_invoice_totals AS
SELECT customer_id, sum(amount) AS total
FROM invoices
GROUP BY customer_id;

CREATE UNIQUE INDEX customer_invoice_totals_uq ON customer_invoice_totals (customer_id);

CREATE FUNCTION customer_count() RETURNS bigint
    LANGUAGE sql STABLE
AS $$ SELECT count(*) FROM public.customers $$;
