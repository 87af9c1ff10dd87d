-- Tells a reader of the database where Flyway keeps the history.
CREATE OR REPLACE VIEW migration_note AS
SELECT '${flyway:table}'::text AS history_table,
       'see the runbooks before changing it'::text AS advice;
