-- Double underscores inside the description.
CREATE TABLE stock (
    warehouse_code varchar(8) NOT NULL,
    bin_no         integer    NOT NULL,
    sku            text       NOT NULL REFERENCES items (sku),
    quantity       integer    NOT NULL DEFAULT 0,
    PRIMARY KEY (warehouse_code, bin_no, sku),
    FOREIGN KEY (warehouse_code, bin_no) REFERENCES bins (warehouse_code, bin_no)
);
