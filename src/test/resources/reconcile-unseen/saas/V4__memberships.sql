CREATE TABLE memberships (
    tenant_id   uuid            NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id     uuid            NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        membership_role NOT NULL DEFAULT 'member',
    invited_by  uuid            REFERENCES users (id) ON DELETE SET NULL,
    accepted_at timestamptz,
    created_at  timestamptz     NOT NULL DEFAULT now(),
    updated_at  timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);

CREATE INDEX memberships_user_idx ON memberships (user_id);

-- exactly one owner per tenant
CREATE UNIQUE INDEX memberships_one_owner_idx ON memberships (tenant_id) WHERE role = 'owner';

-- the invitations screen lists open invitations, newest first
CREATE INDEX memberships_pending_idx ON memberships (tenant_id, created_at DESC) WHERE accepted_at IS NULL;
