CREATE VIEW ledger.latest_fx_rates AS
SELECT DISTINCT ON (base, quote)
       base, quote, valid_on, rate
  FROM ledger.fx_rates
 ORDER BY base, quote, valid_on DESC;

COMMENT ON VIEW ledger.latest_fx_rates IS 'The most recent rate of every currency pair.';
