DO $$
DECLARE
    stmt text;
BEGIN
    SELECT cleanup_sql INTO stmt FROM maintenance_tasks WHERE id = 1;
    EXECUTE stmt;
END
$$;
