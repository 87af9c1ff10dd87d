CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE TABLE edge (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    owner name DEFAULT CURRENT_USER,
    at_local timestamp DEFAULT LOCALTIMESTAMP,
    at_zone timestamptz DEFAULT '2024-01-01 12:00:00+02',
    day_default date DEFAULT '2024-02-03',
    flag boolean DEFAULT 't',
    score real DEFAULT 1.25,
    amount numeric(8,3) DEFAULT 1.5,
    code text DEFAULT upper(md5('x')),
    parts text[] DEFAULT string_to_array('a,b', ','),
    created_ms bigint DEFAULT (extract(epoch FROM now()) * 1000)::bigint,
    nickname varchar(30) CHECK (nickname = lower(nickname)),
    status text CHECK (status = ANY (ARRAY['a', 'b'])),
    level int CHECK (level IN (1, 2, 3) OR level IS NULL),
    doc jsonb CHECK (jsonb_typeof(doc) = 'object'),
    ratio numeric CHECK (ratio BETWEEN 0 AND 1),
    window_start timestamptz,
    window_end timestamptz,
    CHECK (window_end > window_start + interval '1 minute'),
    CHECK (position('@' IN nickname) = 0),
    CHECK (substring(code FROM 1 FOR 1) <> 'Z'),
    CHECK (nickname !~~ '%admin%'),
    CHECK (NOT (flag AND score < 0)),
    CHECK (status IS NOT NULL OR level IS NOT NULL)
);
CREATE INDEX edge_lower_nick ON edge (lower(nickname) varchar_pattern_ops);
CREATE INDEX ON edge USING gist (tstzrange(window_start, window_end));
CREATE INDEX ON edge (date_trunc('day', at_local));
CREATE INDEX ON edge ((doc -> 'tags'));
CREATE INDEX ON edge USING brin (at_local);
CREATE INDEX ON edge USING hash (code);
