-- The ingest schema belongs to the ingest service alone: raw incidents, area polygons, load runs, rejected rows and the outbox.
-- No other service reads or writes it; data crosses service boundaries only by RPC.
COMMENT ON SCHEMA ingest IS 'Owned by the CrimeScope ingest service: raw incidents, area polygons, load runs, rejected rows and the outbox.';
