CREATE SEQUENCE invoice_number_seq START WITH 1000;

CREATE TABLE invoices (
    invoice_number bigint NOT NULL DEFAULT nextval('invoice_number_seq'),
    customer_id    int NOT NULL,
    issued_on      date NOT NULL,
    amount         numeric(12, 2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (invoice_number, issued_on)
) PARTITION BY RANGE (issued_on);

CREATE TABLE invoices_2025 PARTITION OF invoices FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE invoices_2026 PARTITION OF invoices FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

ALTER TABLE invoices ADD CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
CREATE INDEX invoices_customer_idx ON invoices (customer_id);
