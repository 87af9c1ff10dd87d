COMMENT ON TABLE tenants IS 'A customer organisation. Every row of application data belongs to exactly one tenant.';
COMMENT ON COLUMN tenants.slug IS 'Used in URLs; unique among tenants that are not deleted.';
COMMENT ON TABLE memberships IS 'Which users belong to which tenant, and with what role.';
COMMENT ON COLUMN memberships.accepted_at IS 'NULL while the invitation is open.';
COMMENT ON MATERIALIZED VIEW tenant_seat_usage IS 'Seats in use per tenant; refreshed by the billing worker.';

-- the reporting tool connects as a member of this role
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'saas_reporting') THEN
        CREATE ROLE saas_reporting NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO saas_reporting;
GRANT SELECT ON plans, tenants, memberships TO saas_reporting;
GRANT SELECT (id, email, full_name, created_at) ON users TO saas_reporting;
GRANT SELECT ON active_memberships, tenant_seat_usage TO saas_reporting;
