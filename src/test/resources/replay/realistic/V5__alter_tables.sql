ALTER TABLE users ADD COLUMN phone varchar(32), ADD COLUMN deleted_at timestamptz;
ALTER TABLE users ALTER COLUMN login_count SET NOT NULL, ALTER COLUMN login_count TYPE bigint;
ALTER TABLE users RENAME COLUMN "DisplayName" TO display_name;
ALTER TABLE users ADD CONSTRAINT users_phone_format CHECK (phone ~ '^[0-9+ ]+$') NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_phone_format;
ALTER TABLE users ADD CONSTRAINT users_deleted_check CHECK (deleted_at IS NULL OR deleted_at > created_at) NOT VALID;

ALTER TABLE billing.invoices
    ADD COLUMN paid_at timestamp,
    ADD CONSTRAINT invoices_paid_check CHECK (paid_at IS NULL OR state = 'paid');
ALTER TABLE billing.invoices ALTER COLUMN due_interval DROP DEFAULT;
CREATE SEQUENCE billing.invoice_numbers START WITH 1000 INCREMENT BY 1;
ALTER TABLE billing.invoices ALTER COLUMN number SET DEFAULT nextval('billing.invoice_numbers')::text;

ALTER TYPE user_status ADD VALUE 'deleted' AFTER 'suspended';
ALTER TYPE user_status ADD VALUE 'pending' BEFORE 'active';

CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    user_id int REFERENCES users,
    action text NOT NULL,
    at timestamptz DEFAULT CURRENT_TIMESTAMP
);
ALTER TABLE audit_log RENAME TO audit_events;
ALTER INDEX audit_log_pkey RENAME TO audit_events_pkey;
ALTER TABLE audit_events RENAME CONSTRAINT audit_log_user_id_fkey TO audit_events_user_fk;

CREATE TABLE tmp_import (id int, payload text);
DROP TABLE tmp_import;

ALTER TABLE users ADD COLUMN referrer_id integer;
ALTER TABLE users ADD CONSTRAINT users_referrer_fk FOREIGN KEY (referrer_id) REFERENCES users (id) ON DELETE SET NULL NOT VALID;
ALTER TABLE users DROP COLUMN balance;
