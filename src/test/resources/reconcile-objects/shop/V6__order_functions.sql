CREATE FUNCTION gross_amount(net numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
AS $$
    SELECT round(net * 1.19, 2)
$$;

CREATE FUNCTION customer_order_count(p_customer_id bigint) RETURNS bigint
    LANGUAGE plpgsql STABLE
AS $$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM orders WHERE customer_id = p_customer_id;
    RETURN n;
END;
$$;
