SET search_path TO "Reporting", public;

CREATE TABLE "DailyTotals" (
    "Day" date PRIMARY KEY,
    "Total" numeric NOT NULL DEFAULT 0,
    "order" integer,
    note text COLLATE "C",
    "Kind" varchar(10) CHECK ("Kind" IN ('web', 'shop'))
);
CREATE INDEX ON "DailyTotals" ("Total" DESC NULLS LAST);
CREATE INDEX "DailyTotals_note_pattern" ON "DailyTotals" (note text_pattern_ops);

CREATE VIEW active_users AS SELECT id, email FROM public.users WHERE status = 'active';
CREATE MATERIALIZED VIEW monthly AS
    SELECT date_trunc('month', "Day") AS month, sum("Total") AS total FROM "DailyTotals" GROUP BY 1
    WITH NO DATA;
CREATE UNIQUE INDEX ON monthly (month);
