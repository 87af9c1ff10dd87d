-- A version written with a leading zero: Flyway records it as written.
CREATE TABLE warehouses (
    code varchar(8) PRIMARY KEY,
    city text NOT NULL
);
