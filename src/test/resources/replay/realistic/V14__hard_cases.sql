CREATE SEQUENCE ticket_numbers;
CREATE TABLE tickets (
    id int PRIMARY KEY DEFAULT nextval('ticket_numbers'),
    email citext CHECK (email <> ''),
    tags text[] CHECK (tags[1] <> ''),
    label text CHECK (label COLLATE "C" > 'a'),
    opened date DEFAULT now()::date,
    opened_utc date DEFAULT (current_timestamp AT TIME ZONE 'UTC')::date,
    big numeric DEFAULT 1e3,
    state int DEFAULT CASE WHEN true THEN 1 ELSE 0 END,
    ref text DEFAULT format('%s-%s', 'a', 'b'),
    meta jsonb DEFAULT jsonb_build_object('a', 1, 'b', 'x'),
    token text DEFAULT md5(random()::text),
    owner_id int
);
ALTER SEQUENCE ticket_numbers RENAME TO ticket_ids;
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
CREATE POLICY tickets_admins ON tickets USING (owner_id IN (SELECT id FROM users WHERE is_admin));
CREATE POLICY tickets_exists ON tickets FOR DELETE USING (EXISTS (SELECT 1 FROM users u WHERE u.id = owner_id));
