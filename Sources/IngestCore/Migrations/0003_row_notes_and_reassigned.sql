-- Rows kept with a caveat, and incidents placed again when areas change.

-- A row that became a record but lost a field on the way (the Chicago portal's X/Y = 0 "null
-- geocode": the crime is kept, with its reported beat, and without a location). Like rejects, one
-- per (run, line); the record itself is in incidents under (city, source_key).
CREATE TABLE row_notes (
    run_id      bigint NOT NULL REFERENCES etl_runs (run_id) ON DELETE CASCADE,
    line_number bigint NOT NULL,
    source_key  text NOT NULL,
    note        text NOT NULL,
    PRIMARY KEY (run_id, line_number)
);
COMMENT ON TABLE row_notes IS 'Rows loaded with a caveat (e.g. a location dropped as the source''s null geocode); counted in etl_runs.noted.';

ALTER TABLE etl_runs
    ADD COLUMN noted bigint NOT NULL DEFAULT 0,
    ADD COLUMN reassigned bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN etl_runs.noted IS 'Rows of the run loaded with a note in row_notes (they are also counted as inserted/updated/unchanged).';
COMMENT ON COLUMN etl_runs.reassigned IS 'Area runs: incidents without a reported area whose ST_Contains area changed with the new polygons (outbox: -old/+new).';
