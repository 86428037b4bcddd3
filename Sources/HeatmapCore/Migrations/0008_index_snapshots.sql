-- Snapshot + log: the rollups live only in the service's in-memory index, fed from the ingest
-- outbox (the log, kept whole by ingest) at memory speed. The index is persisted here now and
-- then as one snapshot: each city's index encoded compactly (CityRollupIndex+Snapshot.swift)
-- and cut into chunks, with the outbox position it reflects. A start loads the newest snapshot
-- and replays the outbox after its position; a crash at any moment (applying, or writing a
-- snapshot, whose transaction then never commits) leaves the previous snapshot, so nothing is
-- applied twice or lost.
CREATE TABLE heatmap.index_snapshot (
    position   bigint PRIMARY KEY CHECK (position > 0),
    bytes      bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE heatmap.index_snapshot_chunk (
    position bigint  NOT NULL REFERENCES heatmap.index_snapshot ON DELETE CASCADE,
    city     text    NOT NULL,
    seq      integer NOT NULL CHECK (seq >= 0),
    data     bytea   NOT NULL,
    PRIMARY KEY (position, city, seq)
);
-- The encoding is already compact: storing it uncompressed saves pglz's CPU on every write.
ALTER TABLE heatmap.index_snapshot_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

COMMENT ON COLUMN heatmap.consumer_state.position IS
    'The outbox position of the newest index snapshot (0: none yet, replay the outbox from its start).';

-- The per-batch rollup tables are gone. An existing database keeps its outbox position only in
-- them, so it starts over from position 0: the first start after this migration rebuilds the
-- index by replaying the whole outbox (about 15 s for all of Chicago 2010–2017) and writes the
-- first snapshot.
DROP TABLE heatmap.beat_rollup, heatmap.window_rollup, heatmap.grid_rollup, heatmap.series_rollup,
    heatmap.hex_rollup, heatmap.city_extent;
UPDATE heatmap.consumer_state SET position = 0, updated_at = now();
