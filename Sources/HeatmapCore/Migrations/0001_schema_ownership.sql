-- The heatmap schema belongs to the heatmap service alone: rollups consumed from the ingest outbox and the aggregate views.
-- No other service reads or writes it; data crosses service boundaries only by RPC.
COMMENT ON SCHEMA heatmap IS 'Owned by the CrimeScope heatmap service: rollups consumed from the ingest outbox and the aggregate views.';
