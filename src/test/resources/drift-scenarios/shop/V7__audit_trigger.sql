CREATE TABLE app.audit_log (
    id         bigserial PRIMARY KEY,
    table_name text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE users ADD COLUMN updated_at timestamptz;

CREATE FUNCTION app.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER users_touch_updated_at
    BEFORE UPDATE ON public.users
    FOR EACH ROW EXECUTE FUNCTION app.touch_updated_at();
