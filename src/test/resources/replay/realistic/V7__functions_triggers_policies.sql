CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE FUNCTION billing.invoice_total(p_invoice bigint) RETURNS numeric LANGUAGE sql STABLE AS $$
    SELECT sum(total) FROM billing.invoice_lines WHERE invoice_id = p_invoice
$$;

CREATE PROCEDURE billing.close_invoice(invoice bigint, OUT closed boolean) LANGUAGE plpgsql AS $$
BEGIN
    closed := true;
END
$$;

CREATE FUNCTION is_valid_code(code text, strict_mode boolean DEFAULT false) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT code ~ ''^[A-Z]{3}$''';

ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoices_owner ON billing.invoices FOR SELECT
    USING (user_id = current_setting('app.user_id')::int);
CREATE POLICY invoices_admin ON billing.invoices AS RESTRICTIVE FOR UPDATE TO PUBLIC
    USING (true) WITH CHECK (amount >= 0);
