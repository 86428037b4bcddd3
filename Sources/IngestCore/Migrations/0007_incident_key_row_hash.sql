-- The content hash of each record's stored source values, beside its key.
--
-- A load writes `row_hash` (a 64-bit hash of the staged row's fields, all but the line number) with
-- every new or replaced record. A reload finds a staged row's key with one probe of the key index,
-- which now also returns the hash: an equal hash means the same source values, so the row is
-- unchanged without reading its stored version from the incidents partition. Keys stored before
-- this migration have no hash (NULL): their rows are compared column by column, as before, and
-- get a hash once a load replaces them.
ALTER TABLE incident_keys ADD COLUMN row_hash bigint;
COMMENT ON COLUMN incident_keys.row_hash IS 'Hash of the stored version''s source values (ingest''s RowContentHash); NULL when unknown (stored before migration 0007): compared column by column then.';
