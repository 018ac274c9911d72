-- Customer database of the sample enrichment. Idempotent: H2 runs it on every new connection (INIT= in
-- bridge.enrich.db.url). discount_percent is applied to the order subtotal (see EnrichedOrderAssembler).
CREATE TABLE IF NOT EXISTS customers (
    customer_id      VARCHAR(20)  PRIMARY KEY,
    name             VARCHAR(100) NOT NULL,
    tier             VARCHAR(20)  NOT NULL,
    discount_percent DECIMAL(5, 2) NOT NULL
);
