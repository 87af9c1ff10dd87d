CREATE TABLE order_lines (
    order_id         bigint   NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          smallint NOT NULL,
    book_id          bigint   NOT NULL REFERENCES books (id),
    quantity         integer  NOT NULL CHECK (quantity > 0),
    unit_price_cents integer  NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE INDEX order_lines_book_idx ON order_lines (book_id);
