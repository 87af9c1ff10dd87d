CREATE PROCEDURE zero_stale_orders(cutoff timestamptz)
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE orders SET total = 0 WHERE created_at < cutoff AND total < 0;
END;
$$;
