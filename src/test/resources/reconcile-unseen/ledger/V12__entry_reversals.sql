ALTER TABLE ledger.journal_entries ADD COLUMN reverses_id bigint;

ALTER TABLE ledger.journal_entries
    ADD CONSTRAINT journal_entries_reverses_fk FOREIGN KEY (reverses_id) REFERENCES ledger.journal_entries (id)
    DEFERRABLE INITIALLY DEFERRED;

CREATE UNIQUE INDEX journal_entries_reversed_once_idx ON ledger.journal_entries (reverses_id)
    WHERE reverses_id IS NOT NULL;
