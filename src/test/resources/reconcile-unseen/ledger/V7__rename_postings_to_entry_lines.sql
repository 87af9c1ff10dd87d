ALTER TABLE ledger.postings RENAME TO entry_lines;

ALTER INDEX ledger.postings_entry_idx RENAME TO entry_lines_entry_idx;
ALTER INDEX ledger.postings_account_idx RENAME TO entry_lines_account_idx;

-- the function bodies name the table: replace them
CREATE OR REPLACE FUNCTION ledger.account_balance(p_account_id bigint, p_as_of date DEFAULT current_date)
    RETURNS numeric
    LANGUAGE plpgsql
    STABLE
AS $$
DECLARE
    v_total numeric(19,4);
BEGIN
    SELECT coalesce(sum(l.amount), 0)
      INTO v_total
      FROM ledger.entry_lines l
      JOIN ledger.journal_entries e ON e.id = l.entry_id
     WHERE l.account_id = p_account_id
       AND e.booked_on <= p_as_of;
    RETURN v_total;
END;
$$;

CREATE OR REPLACE FUNCTION ledger.check_entry_balanced() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    v_sum numeric(19,4);
BEGIN
    SELECT sum(amount) INTO v_sum FROM ledger.entry_lines WHERE entry_id = NEW.entry_id;
    IF v_sum IS DISTINCT FROM 0 THEN
        RAISE EXCEPTION 'journal entry % does not balance: the lines sum to %', NEW.entry_id, v_sum;
    END IF;
    RETURN NULL;
END;
$$;
