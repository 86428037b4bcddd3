-- Daily, weekly and monthly windows are answered from the service's in-memory copy of
-- window_rollup (CityRollupIndex+Window.swift); only hourly spans (windows of at most 72 h and the
-- edges of longer ones) are still read here, a few thousand rows through the primary key
-- (city, grain, bucket, ...). The covering index by type cost a second index insertion per
-- rollup row and made every additive update non-HOT (its INCLUDE holds the counts): it made the
-- consumer's window upsert the slowest part of a batch (docs/BENCHMARKS.md, catch-up).
DROP INDEX IF EXISTS heatmap.window_rollup_by_type;
