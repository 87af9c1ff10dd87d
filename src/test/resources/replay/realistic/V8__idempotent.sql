DO $$
BEGIN
    CREATE TYPE priority AS ENUM ('low', 'high');
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'audit_events_action_check') THEN
        ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (char_length(action) <= 64);
    END IF;
END
$$;

CREATE TABLE IF NOT EXISTS users (id int);

CREATE TABLE tasks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    priority priority NOT NULL DEFAULT 'low',
    title varchar NOT NULL,
    done boolean DEFAULT FALSE,
    parent_id uuid REFERENCES tasks (id),
    due timestamptz,
    code text CHECK (is_valid_code(code)),
    UNIQUE (title, due),
    CHECK (priority IN ('low', 'high'))
);
CREATE INDEX tasks_open_due_idx ON tasks (due NULLS FIRST) WHERE NOT done;
CREATE INDEX ON tasks (coalesce(parent_id, id));
