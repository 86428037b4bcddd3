-- Each run's newest outbox position, kept on the run itself.
--
-- A client that loaded data reads the run's `outbox_position` and sends it as the minimum position
-- of its heatmap reads (read-your-writes across replicas). Derived from the outbox, it fell to 0
-- once retention dropped the run's partitions (and scanned every partition per run listed). A
-- batch now records it in its own transaction, right after it wrote its entries under the outbox
-- lock; existing runs take it from the outbox as it stands.
ALTER TABLE etl_runs ADD COLUMN outbox_position bigint;
COMMENT ON COLUMN etl_runs.outbox_position IS 'The newest outbox position this run wrote (NULL: none). Kept when retention drops the entries.';
UPDATE etl_runs r SET outbox_position = o.newest
FROM (SELECT run_id, max(position) AS newest FROM outbox GROUP BY run_id) o
WHERE o.run_id = r.run_id;
