-- Sample customers; MERGE keeps re-runs (one per H2 connection) from duplicating them.
MERGE INTO customers (customer_id, name, tier, discount_percent) KEY (customer_id) VALUES
    ('C-001', 'Acme Retail',        'STANDARD', 0.00),
    ('C-002', 'Globex Wholesale',   'GOLD',     10.00),
    ('C-003', 'Initech Supplies',   'SILVER',   5.00),
    ('C-004', 'Umbrella Logistics', 'PLATINUM', 15.00);
