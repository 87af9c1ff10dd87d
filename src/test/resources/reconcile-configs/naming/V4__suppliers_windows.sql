-- Saved on Windows: byte order mark and CRLF line ends.
CREATE TABLE suppliers (
    id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

COMMENT ON TABLE suppliers IS 'Lieferanten (Größe egal), fournisseurs, 供应商';
