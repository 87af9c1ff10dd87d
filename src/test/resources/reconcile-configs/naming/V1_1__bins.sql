-- An underscore in the version: Flyway reads it as 1.1.
CREATE TABLE bins (
    warehouse_code varchar(8) NOT NULL REFERENCES warehouses (code),
    bin_no         integer    NOT NULL,
    PRIMARY KEY (warehouse_code, bin_no)
);
