CREATE DOMAIN email_address AS text
    CONSTRAINT email_address_has_at CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+$');
