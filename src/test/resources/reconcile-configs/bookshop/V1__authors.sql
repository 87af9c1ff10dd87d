-- Authors of the books the shop sells.
CREATE TABLE authors (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name  text        NOT NULL,
    born_on    date,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX authors_full_name_key ON authors (lower(full_name));
