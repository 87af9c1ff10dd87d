CREATE TABLE events (
    id          bigserial,
    account_id  uuid REFERENCES "Accounts" ("Id") ON UPDATE CASCADE ON DELETE SET NULL,
    payload     jsonb NOT NULL DEFAULT '{}'::jsonb,
    occurred_at timestamp(3) without time zone DEFAULT (now() AT TIME ZONE 'utc'),
    kind        text NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
    CONSTRAINT events_pkey PRIMARY KEY (id),
    CONSTRAINT events_account_kind_uq UNIQUE (account_id, kind, occurred_at) DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX events_payload_gin ON events USING gin (payload jsonb_path_ops);
CREATE INDEX events_recent_idx ON events (occurred_at DESC NULLS LAST) INCLUDE (kind);
