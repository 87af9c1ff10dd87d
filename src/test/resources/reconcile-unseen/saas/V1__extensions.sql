-- Extensions the application relies on: pgcrypto for digest() on API keys, citext for case-insensitive emails.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS citext;
