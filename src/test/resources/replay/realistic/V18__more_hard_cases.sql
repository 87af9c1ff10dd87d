CREATE TABLE payloads (
    id int PRIMARY KEY,
    data jsonb NOT NULL,
    n int CHECK (n = ANY ('{1,2,3}')),
    mail text CHECK (lower(mail) <> lower('ROOT@EXAMPLE.COM')),
    span interval(0),
    seen_at timestamptz DEFAULT '2024-06-01 00:00:00'
);
CREATE INDEX payloads_data_id_idx ON payloads (((data ->> 'id')::int));
CREATE INDEX payloads_kind_idx ON payloads ((data #>> '{meta,kind}'));
CREATE INDEX payloads_has_tags_idx ON payloads (id) WHERE data ? 'tags' AND data @> '{"active": true}';
CREATE TABLE stamps (
    a timestamptz DEFAULT CURRENT_TIMESTAMP(0),
    b text DEFAULT NULL::text,
    c time(0) DEFAULT LOCALTIME(0),
    d varchar(10)[] DEFAULT ARRAY[]::varchar[],
    e boolean DEFAULT 'f',
    f numeric(6,2) DEFAULT 0.00
);
