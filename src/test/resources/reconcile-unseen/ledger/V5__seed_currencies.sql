INSERT INTO ledger.currencies (code, name, minor_units) VALUES
    ('EUR', 'Euro', 2),
    ('USD', 'US Dollar', 2),
    ('GBP', 'Pound Sterling', 2),
    ('CHF', 'Swiss Franc', 2),
    ('JPY', 'Yen', 0),
    ('KWD', 'Kuwaiti Dinar', 3);
