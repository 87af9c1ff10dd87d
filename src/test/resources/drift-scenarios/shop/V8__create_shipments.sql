CREATE TABLE app.shipments (
    id            serial primary key,
    order_id      bigint NOT NULL CONSTRAINT shipments_order_fk REFERENCES app.orders (id),
    carrier       VARCHAR(40) not null default 'dhl',
    tracking_code varchar,
    shipped_at    TIMESTAMPTZ
);

CREATE UNIQUE INDEX shipments_tracking_code_uq ON app.shipments (tracking_code) WHERE tracking_code IS NOT NULL;
