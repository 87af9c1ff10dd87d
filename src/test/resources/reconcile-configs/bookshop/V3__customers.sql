CREATE TYPE customer_tier AS ENUM ('standard', 'gold', 'platinum');

CREATE TABLE customers (
    id           bigserial PRIMARY KEY,
    email        text          NOT NULL,
    display_name text          NOT NULL,
    tier         customer_tier NOT NULL DEFAULT 'standard',
    CONSTRAINT customers_email_key UNIQUE (email)
);
