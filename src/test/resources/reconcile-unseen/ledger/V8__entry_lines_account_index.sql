-- balance queries read the amount too: make the index covering
DROP INDEX ledger.entry_lines_account_idx;

CREATE INDEX entry_lines_account_idx ON ledger.entry_lines (account_id) INCLUDE (amount);
