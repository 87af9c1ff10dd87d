-- The application role reads every table of the schema, also tables created later.
GRANT SELECT ON ALL TABLES IN SCHEMA ${schema_name} TO ${app_role};

ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema_name} GRANT SELECT ON TABLES TO ${app_role};
