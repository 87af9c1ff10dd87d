-- Stock per book, and a flag for books that can no longer be ordered.
CREATE TABLE stock_levels (
    book_id    bigint      PRIMARY KEY REFERENCES books (id),
    on_hand    integer     NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE books ADD COLUMN out_of_print boolean NOT NULL DEFAULT false;
