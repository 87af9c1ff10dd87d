-- Unqualified names land in public; serial, varchar, timestamptz and generated constraint names.
CREATE TABLE users (
    id           serial PRIMARY KEY,
    email        varchar(255) NOT NULL UNIQUE,
    display_name character varying(100),
    is_active    boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now()
);
