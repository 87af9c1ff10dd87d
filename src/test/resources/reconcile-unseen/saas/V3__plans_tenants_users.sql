CREATE TABLE plans (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    code                text        NOT NULL UNIQUE,
    tier                plan_tier   NOT NULL,
    seats               integer     CHECK (seats IS NULL OR seats > 0),
    monthly_price_cents integer     NOT NULL DEFAULT 0 CHECK (monthly_price_cents >= 0),
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenants (
    id           uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    slug         citext        NOT NULL,
    display_name text          NOT NULL,
    status       tenant_status NOT NULL DEFAULT 'trialing',
    plan_id      uuid          REFERENCES plans (id),
    trial_ends_at timestamptz,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    CONSTRAINT tenants_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);

-- a slug can be reused once the tenant that held it is deleted
CREATE UNIQUE INDEX tenants_slug_live_key ON tenants (slug) WHERE deleted_at IS NULL;
CREATE INDEX tenants_trial_ends_idx ON tenants (trial_ends_at) WHERE status = 'trialing';

CREATE TABLE users (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    email         citext      NOT NULL UNIQUE,
    full_name     text,
    password_hash text,
    last_login_at timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- people search by name in the admin console
CREATE INDEX users_full_name_lower_idx ON users (lower(full_name));
CREATE INDEX users_email_domain_idx ON users ((split_part(email::text, '@', 2)));
