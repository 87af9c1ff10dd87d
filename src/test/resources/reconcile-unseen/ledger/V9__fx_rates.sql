CREATE TABLE ledger.fx_rates (
    base     char(3)       NOT NULL REFERENCES ledger.currencies (code),
    quote    char(3)       NOT NULL REFERENCES ledger.currencies (code),
    valid_on date          NOT NULL,
    rate     numeric(18,8) NOT NULL,
    source   text          NOT NULL DEFAULT 'ECB',
    CONSTRAINT fx_rates_pkey PRIMARY KEY (base, quote, valid_on),
    CONSTRAINT fx_rates_distinct_currencies CHECK (base <> quote),
    CONSTRAINT fx_rates_rate_positive CHECK (rate > 0)
);
