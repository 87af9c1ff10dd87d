CREATE TABLE movements (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku      text        NOT NULL REFERENCES items (sku),
    delta    integer     NOT NULL CHECK (delta <> 0),
    moved_at timestamptz NOT NULL DEFAULT now()
);
