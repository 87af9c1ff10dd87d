-- The table is called customers: this reference was never right.
CREATE TABLE invoices (
    id          bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customer (id),
    amount      numeric(12, 2) NOT NULL
);
