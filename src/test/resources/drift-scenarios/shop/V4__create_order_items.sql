create table app.order_items (
    order_id    bigint not null,
    line_no     int2 not null,
    sku         varchar(64) not null,
    quantity    int not null default 1,
    price_cents int8 not null,
    constraint order_items_pk primary key (order_id, line_no),
    constraint fk_items_order foreign key (order_id) references app.orders (id) on delete cascade,
    constraint chk_quantity_positive check (quantity > 0)
);

-- no name given: PostgreSQL calls it order_items_sku_idx
create index on app.order_items (sku);
