CREATE VIEW active_memberships AS
SELECT m.tenant_id,
       t.slug AS tenant_slug,
       m.user_id,
       u.email,
       m.role,
       m.accepted_at
  FROM memberships m
  JOIN tenants t ON t.id = m.tenant_id
  JOIN users u ON u.id = m.user_id
 WHERE t.deleted_at IS NULL
   AND m.accepted_at IS NOT NULL;

-- refreshed every few minutes by the billing worker (REFRESH MATERIALIZED VIEW CONCURRENTLY needs the unique index)
CREATE MATERIALIZED VIEW tenant_seat_usage AS
SELECT t.id            AS tenant_id,
       count(m.user_id) AS seats_used,
       p.seats         AS seats_allowed
  FROM tenants t
  LEFT JOIN memberships m ON m.tenant_id = t.id AND m.accepted_at IS NOT NULL
  LEFT JOIN plans p ON p.id = t.plan_id
 WHERE t.deleted_at IS NULL
 GROUP BY t.id, p.seats
WITH DATA;

CREATE UNIQUE INDEX tenant_seat_usage_tenant_idx ON tenant_seat_usage (tenant_id);
