CREATE SCHEMA billing;

CREATE TABLE billing.invoices (
    id        bigint PRIMARY KEY,
    order_id  bigint        NOT NULL,
    amount    numeric(12,2) NOT NULL,
    issued_on date          NOT NULL DEFAULT current_date
);
