-- Written the way people write migrations: upper and lower case, IF NOT EXISTS; comments; with; semicolons
create table if not exists public."Accounts" (
    "Id"       uuid primary key default gen_random_uuid(),
    Handle     VARCHAR(40) NOT NULL,
    "e-mail"   text,
    balance    NUMERIC(12, 2) not null default 0.00,
    ratio      real,
    score      double precision default -1,
    flags      bit(8) default B'00000000',
    mask       bit varying(16) default X'F0',
    opened_on  date default '2020-01-01'::date,
    opened_at  timestamp(0) with time zone default CURRENT_TIMESTAMP,
    trial      interval default '14 days',
    tags       int8[],
    deleted_at timestamptz,
    CONSTRAINT "Accounts_handle_key" UNIQUE (Handle)
);

DO $$
BEGIN
    CREATE TYPE public.account_kind AS ENUM ('personal', 'business');
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$$;

ALTER TABLE ONLY public."Accounts" ADD COLUMN kind public.account_kind NOT NULL DEFAULT 'personal';
ALTER TABLE "Accounts" ADD CONSTRAINT accounts_balance_positive CHECK (balance >= 0) NOT VALID;
CREATE UNIQUE INDEX accounts_live_email_uq ON "Accounts" (lower("e-mail")) WHERE deleted_at IS NULL;
COMMENT ON COLUMN "Accounts"."e-mail" IS 'may be null for imported accounts';
