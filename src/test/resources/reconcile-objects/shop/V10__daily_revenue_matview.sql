CREATE MATERIALIZED VIEW daily_revenue AS
SELECT date_trunc('day', created_at) AS day, count(*) AS orders, sum(total) AS revenue
  FROM orders
 GROUP BY 1
WITH DATA;

CREATE UNIQUE INDEX daily_revenue_day ON daily_revenue (day);
