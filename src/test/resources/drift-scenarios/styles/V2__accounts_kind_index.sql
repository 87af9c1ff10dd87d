CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_kind_idx ON public."Accounts" USING btree (kind);
