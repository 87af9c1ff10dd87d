-- "memo" confused the accountants; the voucher calls it the description
ALTER TABLE ledger.journal_entries RENAME COLUMN memo TO description;

ALTER TABLE ledger.journal_entries ALTER COLUMN description SET NOT NULL;
