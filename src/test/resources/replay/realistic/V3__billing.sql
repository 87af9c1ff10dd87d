CREATE TABLE billing.invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id integer NOT NULL REFERENCES public.users (id) ON DELETE CASCADE,
    number varchar(20) NOT NULL,
    currency char(3) NOT NULL DEFAULT 'EUR',
    amount numeric(12,2) NOT NULL DEFAULT 0,
    state varchar(16) NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'sent', 'paid')),
    issued_on date DEFAULT CURRENT_DATE,
    due_interval interval DEFAULT '30 days',
    discount real DEFAULT 0.5,
    CONSTRAINT invoices_number_unique UNIQUE (number),
    CHECK (amount >= 0 AND amount < 1000000)
);

CREATE TABLE billing.invoice_lines (
    invoice_id bigint NOT NULL,
    line_no smallint NOT NULL,
    description text NOT NULL CHECK (description <> ''),
    quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
    unit_price numeric(12,2) NOT NULL,
    total numeric(14,2) GENERATED ALWAYS AS (quantity * unit_price) STORED,
    PRIMARY KEY (invoice_id, line_no),
    FOREIGN KEY (invoice_id) REFERENCES billing.invoices ON DELETE CASCADE
);

CREATE INDEX invoices_open_idx ON billing.invoices (user_id) WHERE state <> 'paid';
CREATE INDEX ON billing.invoices (issued_on, currency) INCLUDE (amount);
