-- audit_events is large in production: build the index without blocking writes
CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_events_actor_idx
    ON audit_events (actor_id, occurred_at DESC)
    WHERE actor_id IS NOT NULL;
