-- start from a clean table
TRUNCATE TABLE users;
