CREATE TABLE api_keys (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       text        NOT NULL,
    key_prefix char(8)     NOT NULL,
    key_hash   bytea       NOT NULL,
    created_by uuid        REFERENCES users (id) ON DELETE SET NULL,
    expires_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT api_keys_name_per_tenant UNIQUE (tenant_id, name)
);

CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (key_prefix);
CREATE INDEX api_keys_live_idx ON api_keys (tenant_id) WHERE revoked_at IS NULL;

COMMENT ON COLUMN api_keys.key_hash IS 'digest(secret, ''sha256''); the secret itself is never stored.';

GRANT SELECT (id, tenant_id, name, key_prefix, created_at, revoked_at) ON api_keys TO saas_reporting;
