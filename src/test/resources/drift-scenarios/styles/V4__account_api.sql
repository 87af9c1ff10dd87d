CREATE VIEW live_accounts WITH (security_barrier) AS
    SELECT "Id" AS id, Handle, "e-mail" AS email FROM "Accounts" WHERE deleted_at IS NULL;

CREATE OR REPLACE FUNCTION account_events(p_account uuid, p_limit integer DEFAULT 50)
    RETURNS TABLE (id bigint, kind text, occurred_at timestamp)
    LANGUAGE sql STABLE
AS $$
    SELECT id, kind, occurred_at FROM public.events WHERE account_id = p_account ORDER BY occurred_at DESC LIMIT p_limit
$$;

CREATE FUNCTION forbid_hard_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    RAISE EXCEPTION 'use deleted_at; do not delete accounts';
END;
$body$;

CREATE TRIGGER accounts_no_delete BEFORE DELETE ON "Accounts"
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE PROCEDURE forbid_hard_delete();

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_owner ON events FOR SELECT USING (account_id IS NOT NULL);
