-- Incident ids drawn a batch at a time.
--
-- A load COPYs a batch's new incidents straight into `incidents` with their ids, so it draws them
-- first: `draw_incident_ids(n)` advances `incident_ids` by n in one step and returns the first
-- (the batch uses first .. first + n - 1). `nextval` + `setval` is one step only if nobody else
-- draws in between, so both happen under a short session advisory lock taken by every drawer, and
-- the column's default draws through the same function (one id per row, for any INSERT that names
-- no id, e.g. an ingest built before this migration): no id is ever drawn outside the lock.
-- (`nextval` per row, over `generate_series`, cost ~30 ms per 50,000 rows.)
CREATE FUNCTION draw_incident_ids(p_count bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    first_id bigint;
BEGIN
    IF p_count < 1 THEN
        RAISE EXCEPTION 'draw_incident_ids needs a positive count, got %', p_count;
    END IF;
    PERFORM pg_advisory_lock(hashtext('crimescope.ingest.incident_ids'));
    BEGIN
        first_id := nextval('ingest.incident_ids');
        IF p_count > 1 THEN
            PERFORM setval('ingest.incident_ids', first_id + p_count - 1);
        END IF;
    EXCEPTION WHEN OTHERS THEN
        PERFORM pg_advisory_unlock(hashtext('crimescope.ingest.incident_ids'));
        RAISE;
    END;
    PERFORM pg_advisory_unlock(hashtext('crimescope.ingest.incident_ids'));
    RETURN first_id;
END
$$;
COMMENT ON FUNCTION draw_incident_ids(bigint) IS 'Reserves p_count consecutive incident ids and returns the first; the only way ids are drawn.';

ALTER TABLE incidents ALTER COLUMN id SET DEFAULT draw_incident_ids(1);
