INSERT INTO users (id, email) VALUES (1, 'admin@example.com');
DELETE FROM users
WHERE email LIKE '%@test.invalid';
