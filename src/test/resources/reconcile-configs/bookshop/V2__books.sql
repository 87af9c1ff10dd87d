CREATE TABLE books (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    isbn         varchar(17) NOT NULL UNIQUE,
    title        text        NOT NULL,
    author_id    bigint      NOT NULL REFERENCES authors (id),
    price_cents  integer     NOT NULL CHECK (price_cents >= 0),
    published_on date
);

CREATE INDEX books_author_idx ON books (author_id);
