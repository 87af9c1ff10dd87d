CREATE TABLE shipments (
    id          bigserial PRIMARY KEY,
    order_id    bigint NOT NULL UNIQUE REFERENCES orders (id),
    carrier     text   NOT NULL,
    tracking_no text,
    shipped_at  timestamptz
);

CREATE INDEX shipments_tracking_idx ON shipments (tracking_no) WHERE tracking_no IS NOT NULL;
