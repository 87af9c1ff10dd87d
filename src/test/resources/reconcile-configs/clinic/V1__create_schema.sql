-- The clinic's schema; its name and the application's role come from Flyway placeholders.
CREATE SCHEMA IF NOT EXISTS ${schema_name};

GRANT USAGE ON SCHEMA ${schema_name} TO ${app_role};
