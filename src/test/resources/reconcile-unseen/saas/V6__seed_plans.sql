-- The plans sales can sell today. Prices in cents, per month.
INSERT INTO plans (code, tier, seats, monthly_price_cents) VALUES
    ('free',       'free',       3,    0),
    ('team',       'team',       25,   4900),
    ('business',   'business',   250,  19900),
    ('enterprise', 'enterprise', NULL, 0)
ON CONFLICT (code) DO NOTHING;
