-- account numbers from the new chart of accounts are longer; amounts need one more integer digit
ALTER TABLE ledger.accounts ALTER COLUMN account_no TYPE varchar(32);

ALTER TABLE ledger.entry_lines ALTER COLUMN amount TYPE numeric(20,4);
