ALTER TABLE orders
    ADD CONSTRAINT orders_total_not_negative CHECK (total >= 0),
    ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
