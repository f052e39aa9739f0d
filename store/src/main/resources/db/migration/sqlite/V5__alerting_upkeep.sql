-- Alerting upkeep, SQLite flavour; same columns as db/migration/postgresql/V5__alerting_upkeep.sql.
--
-- A channel can be disabled (enabled = 0): no new deliveries are queued for it. Deleting or disabling a channel marks
-- its pending deliveries 'cancelled' (kept as history, never sent) instead of deleting them.
ALTER TABLE notification_channels ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;

-- The outbox lease: a dispatcher claims a due delivery (claimed_by, claimed_until) before sending it, so that two
-- servers on one database never send the same attempt twice; a lease that ran out (its server died) may be claimed
-- again. Both are NULL while nobody holds the delivery.
ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
ALTER TABLE deliveries ADD COLUMN claimed_until INTEGER;

-- Pruning past the retention: resolved alerts by resolution time, resolved incidents likewise.
CREATE INDEX alerts_resolved_at ON alerts (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX incidents_resolved_at ON incidents (resolved_at) WHERE resolved_at IS NOT NULL;
