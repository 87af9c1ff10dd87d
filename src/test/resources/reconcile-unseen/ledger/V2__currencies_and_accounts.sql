CREATE TABLE ledger.currencies (
    code        char(3)  PRIMARY KEY,
    name        text     NOT NULL,
    minor_units smallint NOT NULL DEFAULT 2,
    CONSTRAINT currencies_code_format CHECK (code ~ '^[A-Z]{3}$'),
    CONSTRAINT currencies_minor_units_range CHECK (minor_units BETWEEN 0 AND 4)
);

CREATE TABLE ledger.accounts (
    id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_no varchar(20) NOT NULL,
    name       text    NOT NULL,
    kind       text    NOT NULL,
    currency   char(3) NOT NULL REFERENCES ledger.currencies (code),
    parent_id  bigint,
    opened_on  date    NOT NULL DEFAULT current_date,
    closed_on  date,
    CONSTRAINT accounts_account_no_key UNIQUE (account_no),
    CONSTRAINT accounts_kind_check CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense')),
    CONSTRAINT accounts_closed_after_opened CHECK (closed_on IS NULL OR closed_on >= opened_on),
    -- a chart of accounts is loaded in one transaction, children before their parents at times
    CONSTRAINT accounts_parent_fk FOREIGN KEY (parent_id) REFERENCES ledger.accounts (id)
        DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX accounts_parent_idx ON ledger.accounts (parent_id) WHERE parent_id IS NOT NULL;
