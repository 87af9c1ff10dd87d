-- month-end balances, one partition per year
CREATE TABLE ledger.balance_snapshots (
    account_id bigint        NOT NULL REFERENCES ledger.accounts (id),
    taken_on   date          NOT NULL,
    balance    numeric(19,4) NOT NULL,
    CONSTRAINT balance_snapshots_pkey PRIMARY KEY (account_id, taken_on)
) PARTITION BY RANGE (taken_on);

CREATE TABLE ledger.balance_snapshots_2024 PARTITION OF ledger.balance_snapshots
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE ledger.balance_snapshots_2025 PARTITION OF ledger.balance_snapshots
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE INDEX balance_snapshots_taken_on_idx ON ledger.balance_snapshots (taken_on);
