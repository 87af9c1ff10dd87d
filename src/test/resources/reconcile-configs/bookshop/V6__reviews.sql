CREATE TABLE reviews (
    id          bigserial PRIMARY KEY,
    book_id     bigint      NOT NULL REFERENCES books (id),
    customer_id bigint      REFERENCES customers (id) ON DELETE SET NULL,
    stars       smallint    NOT NULL CHECK (stars BETWEEN 1 AND 5),
    body        text,
    written_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX reviews_book_idx ON reviews (book_id);
