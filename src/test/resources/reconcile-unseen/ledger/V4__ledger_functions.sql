CREATE FUNCTION ledger.account_balance(p_account_id bigint, p_as_of date DEFAULT current_date)
    RETURNS numeric
    LANGUAGE plpgsql
    STABLE
AS $$
DECLARE
    v_total numeric(19,4);
BEGIN
    SELECT coalesce(sum(p.amount), 0)
      INTO v_total
      FROM ledger.postings p
      JOIN ledger.journal_entries e ON e.id = p.entry_id
     WHERE p.account_id = p_account_id
       AND e.booked_on <= p_as_of;
    RETURN v_total;
END;
$$;

-- every journal entry must balance when its transaction commits
CREATE FUNCTION ledger.check_entry_balanced() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    v_sum numeric(19,4);
BEGIN
    SELECT sum(amount) INTO v_sum FROM ledger.postings WHERE entry_id = NEW.entry_id;
    IF v_sum IS DISTINCT FROM 0 THEN
        RAISE EXCEPTION 'journal entry % does not balance: the postings sum to %', NEW.entry_id, v_sum;
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER postings_balanced
    AFTER INSERT OR UPDATE ON ledger.postings
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger.check_entry_balanced();
