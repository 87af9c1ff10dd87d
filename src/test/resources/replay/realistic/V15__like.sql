CREATE TABLE template_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku varchar(20) NOT NULL UNIQUE,
    price numeric(10,2) DEFAULT 0 CHECK (price >= 0),
    doubled numeric GENERATED ALWAYS AS (price * 2) STORED,
    note text
);
CREATE INDEX template_items_note_idx ON template_items (lower(note));
CREATE TABLE archived_items (LIKE template_items INCLUDING ALL, archived_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE bare_items (LIKE template_items);
CREATE TABLE default_items (extra int, LIKE template_items INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
