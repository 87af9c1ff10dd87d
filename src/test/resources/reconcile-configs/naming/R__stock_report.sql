CREATE OR REPLACE VIEW stock_report AS
SELECT s.warehouse_code, s.sku, i.description, sum(s.quantity) AS quantity
  FROM stock s
  JOIN items i ON i.sku = s.sku
 GROUP BY s.warehouse_code, s.sku, i.description;
