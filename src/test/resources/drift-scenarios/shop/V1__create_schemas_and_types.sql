-- Application schemas and shared types.
CREATE SCHEMA app;
CREATE SCHEMA "Billing";

CREATE TYPE app.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
