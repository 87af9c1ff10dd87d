CREATE TABLE orders (id bigint PRIMARY KEY);
CREAT TABLE order_lines (id bigint PRIMARY KEY);
