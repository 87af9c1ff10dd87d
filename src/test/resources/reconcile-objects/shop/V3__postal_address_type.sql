-- used by the application in function signatures and casts; no table column has this type
CREATE TYPE postal_address AS (
    street      text,
    postal_code text,
    city        text,
    country     char(2)
);
