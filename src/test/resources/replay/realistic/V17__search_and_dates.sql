CREATE TABLE articles (
    id bigserial PRIMARY KEY,
    title text NOT NULL,
    body text,
    lang regconfig NOT NULL DEFAULT 'english',
    published_on date DEFAULT CURRENT_DATE + 30,
    expires_at timestamptz DEFAULT now() + '30 days',
    starts_at timestamp DEFAULT date_trunc('hour', now()::timestamp),
    slug varchar(80) GENERATED ALWAYS AS (lower(replace(title, ' ', '-'))) STORED,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED,
    weight smallint DEFAULT 1 CHECK (weight BETWEEN 1 AND 5),
    rating numeric(3,1) CHECK (rating >= 0.0 AND rating <= 10.0),
    CONSTRAINT articles_dates CHECK (expires_at > now() - interval '1 year')
);
CREATE INDEX articles_search_idx ON articles USING gin (search);
CREATE INDEX articles_fts_idx ON articles USING gin (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, '')));
CREATE INDEX articles_title_trgm_idx ON articles USING gist (title gist_trgm_ops);
CREATE INDEX articles_recent_idx ON articles (published_on DESC) WHERE published_on > '2024-01-01';
CREATE INDEX articles_month_idx ON articles (date_trunc('month', starts_at));
CREATE INDEX articles_weight_rating_idx ON articles (weight, rating) WHERE weight > 1 AND rating IS NOT NULL;
