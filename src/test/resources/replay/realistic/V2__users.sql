CREATE TYPE user_status AS ENUM ('active', 'suspended');

CREATE TABLE users (
    id serial PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    name varchar(100) NOT NULL DEFAULT 'anonymous',
    status user_status NOT NULL DEFAULT 'active',
    is_admin boolean NOT NULL DEFAULT false,
    login_count int4 DEFAULT 0,
    score numeric(10,2) CHECK (score >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at TIMESTAMP WITH TIME ZONE,
    api_key uuid DEFAULT gen_random_uuid(),
    "DisplayName" text,
    tags text[] DEFAULT '{}',
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    balance double precision DEFAULT 0,
    CHECK (char_length(name) >= 2),
    CHECK (name <> 'root')
);

CREATE INDEX ON users (lower(name));
CREATE UNIQUE INDEX users_api_key_idx ON users (api_key) WHERE api_key IS NOT NULL;
CREATE INDEX idx_users_created ON users (created_at DESC);
CREATE INDEX ON users USING gin (tags);
CREATE INDEX ON users (status, is_admin) WHERE is_admin;
