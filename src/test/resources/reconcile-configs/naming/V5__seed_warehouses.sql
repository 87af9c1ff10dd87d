-- Data only: the schema cannot show whether it ran.
INSERT INTO warehouses (code, city) VALUES ('HAM1', 'Hamburg'), ('LYS1', 'Lyon');
