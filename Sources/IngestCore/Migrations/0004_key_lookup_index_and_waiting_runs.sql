-- The stored-version lookup of a load, and runs that wait for another run of their city.

-- A load finds the stored versions of its staged keys by (city, source_key) (LoadSQL.findPrevious),
-- one index probe per staged row. With the key index on the default collation, the planner could
-- pick incidents_city_occurred instead whenever the statistics said a city had no rows (a new
-- city's second file: every staged row scanned all of the city's rows, 145 s instead of 1 s). The
-- key index is now in the "C" collation and the lookup compares in "C": no other index can serve
-- that predicate, so the plan is the unique probe whatever the statistics say. Uniqueness is the
-- same (deterministic collations are equal exactly when the bytes are), and byte comparison is
-- cheaper than the locale's for every insert.
ALTER TABLE incidents DROP CONSTRAINT incidents_city_source_key_key;
CREATE UNIQUE INDEX incidents_city_source_key ON incidents (city COLLATE "C", source_key COLLATE "C");
COMMENT ON INDEX incidents_city_source_key IS 'The record key. Lookups by key compare in COLLATE "C" so that only this index can serve them.';

-- A run blocked behind another run of its city (batches of one city are serialised) says so.
ALTER TABLE etl_runs DROP CONSTRAINT etl_runs_status_check;
ALTER TABLE etl_runs ADD CONSTRAINT etl_runs_status_check
    CHECK (status IN ('running', 'waiting', 'succeeded', 'failed'));
ALTER TABLE etl_runs ADD COLUMN waiting_for bigint;
COMMENT ON COLUMN etl_runs.waiting_for IS 'While status = ''waiting'': the run whose batch (or end) this one waits for; NULL when unknown or not waiting.';
