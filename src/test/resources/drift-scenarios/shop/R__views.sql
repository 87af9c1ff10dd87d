CREATE OR REPLACE VIEW app.order_totals AS
SELECT o.user_id, count(*) AS order_count, sum(o.total_cents) AS total_cents
FROM app.orders o
GROUP BY o.user_id;

CREATE OR REPLACE VIEW active_users AS
SELECT id, email FROM users WHERE is_active;
