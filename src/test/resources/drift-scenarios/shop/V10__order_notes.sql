ALTER TABLE app.orders ADD COLUMN notes text;
ALTER TABLE app.orders ADD COLUMN is_gift boolean NOT NULL DEFAULT false;
