CREATE TABLE app.orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     int4 NOT NULL REFERENCES public.users (id),
    status      app.order_status NOT NULL DEFAULT 'new',
    total_cents integer NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
    public_id   uuid NOT NULL DEFAULT gen_random_uuid(),
    placed_at   timestamp with time zone DEFAULT now()
);

CREATE INDEX idx_orders_user_id ON app.orders (user_id);
