CREATE VIEW customer_summary AS
SELECT c.id, c.email, count(o.id) AS orders, coalesce(sum(o.total), 0) AS revenue
  FROM customers c
  LEFT JOIN orders o ON o.customer_id = c.id
 GROUP BY c.id, c.email;
