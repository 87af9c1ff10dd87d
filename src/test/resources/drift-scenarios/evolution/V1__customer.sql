CREATE TABLE customer (
    id          serial PRIMARY KEY,
    name        varchar(100) NOT NULL,
    email       text,
    legacy_code int,
    created     timestamp DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX customer_name_idx ON customer (name);
