-- closed tenants are archived after the retention period instead of being deleted
ALTER TYPE tenant_status ADD VALUE IF NOT EXISTS 'archived' AFTER 'closed';

ALTER TABLE tenants ADD COLUMN archived_at timestamptz;
