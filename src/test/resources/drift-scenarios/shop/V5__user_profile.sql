ALTER TABLE users ADD COLUMN "DisplayColour" text DEFAULT 'blue';
ALTER TABLE public.users ADD COLUMN last_login_at TIMESTAMPTZ;

-- an expression index and a partial index
CREATE UNIQUE INDEX users_lower_email_idx ON users (lower(email));
CREATE INDEX users_active_created_idx ON public.users (created_at) WHERE is_active;
