-- Everything of the general ledger lives in its own schema, away from the application's tables.
CREATE SCHEMA ledger;

COMMENT ON SCHEMA ledger IS 'Double-entry general ledger.';
