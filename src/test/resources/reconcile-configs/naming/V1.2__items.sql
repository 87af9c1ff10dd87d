CREATE TABLE items (
    sku         text PRIMARY KEY,
    description text NOT NULL
);
