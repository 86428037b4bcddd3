-- The outbox partitioned by position range, and the consumers' acknowledged positions that let
-- old partitions go.
--
-- Each partition holds `outbox_layout.entries_per_partition` consecutive positions (an entry is at
-- most 10,000 changed records, so 1,000 entries are up to ~10M records). A batch makes sure the
-- partition of the positions it is about to draw exists (`ensure_outbox_partitions`, under the
-- outbox lock, so rarely and never concurrently). A consumer that names itself in PullOutbox
-- acknowledges a position: it will never again ask for entries at or before it (the heatmap's is
-- the position of its newest persisted snapshot, not what it has applied in memory). A partition
-- whose every position is at or before the smallest acknowledged position of all consumers is
-- dropped (`drop_passed_outbox_partitions`); with no consumer registered nothing is dropped.
-- `outbox_retention.dropped_through` is the last position no longer stored: a pull after an older
-- position fails instead of silently skipping deltas.

ALTER TABLE outbox RENAME TO outbox_unpartitioned;
ALTER INDEX outbox_pkey RENAME TO outbox_unpartitioned_pkey;
ALTER SEQUENCE outbox_position_seq OWNED BY NONE;
ALTER TABLE outbox_unpartitioned ALTER COLUMN position DROP DEFAULT;

CREATE TABLE outbox (
    position      bigint NOT NULL DEFAULT nextval('outbox_position_seq'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    run_id        bigint NOT NULL,
    city          text NOT NULL,
    delta_count   integer NOT NULL,
    signs         smallint[] NOT NULL,
    areas         text[] NOT NULL,
    primary_types text[] NOT NULL,
    categories    text[] NOT NULL,
    occurred      timestamp without time zone[] NOT NULL,
    month_only    boolean[] NOT NULL,
    arrests       boolean[] NOT NULL,
    domestic      boolean[] NOT NULL,
    has_location  boolean[] NOT NULL,
    lons          double precision[] NOT NULL,
    lats          double precision[] NOT NULL,
    PRIMARY KEY (position)
) PARTITION BY RANGE (position);
ALTER SEQUENCE outbox_position_seq OWNED BY outbox.position;
COMMENT ON TABLE outbox IS 'Incident deltas for the heatmap service: +1 per insert, -1 old / +1 new per update whose aggregated fields changed. occurred is local wall-clock time. Partitioned by position range; partitions every consumer has acknowledged are dropped.';

CREATE TABLE outbox_layout (
    single                boolean PRIMARY KEY DEFAULT true CHECK (single),
    entries_per_partition bigint NOT NULL CHECK (entries_per_partition > 0)
);
INSERT INTO outbox_layout (entries_per_partition) VALUES (1000);
COMMENT ON TABLE outbox_layout IS 'How many positions each new outbox partition holds (partitions already made keep their range).';

CREATE TABLE outbox_consumers (
    consumer              text PRIMARY KEY,
    acknowledged_position bigint NOT NULL,
    acknowledged_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE outbox_consumers IS 'Each named PullOutbox consumer and the position it acknowledged (it never asks for entries at or before it again; it only grows). Retention keeps every entry after the smallest.';

CREATE TABLE outbox_retention (
    single          boolean PRIMARY KEY DEFAULT true CHECK (single),
    dropped_through bigint NOT NULL
);
INSERT INTO outbox_retention (dropped_through) VALUES (0);
COMMENT ON TABLE outbox_retention IS 'The outbox no longer holds positions at or before dropped_through.';

-- The partitions of the outbox as (name, first position, position after the last).
CREATE FUNCTION outbox_partitions() RETURNS TABLE (name text, first_position bigint, end_position bigint)
LANGUAGE sql STABLE AS $$
    SELECT c.relname::text, bounds[1]::bigint, bounds[2]::bigint
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''?(-?\d+)''?\) TO \(''?(-?\d+)''?\)') AS bounds
    WHERE i.inhparent = 'ingest.outbox'::regclass
$$;

-- Creates partitions until position p_last is covered (ranges continue from the last partition's end).
CREATE FUNCTION ensure_outbox_partitions(p_last bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    next_first bigint;
    size bigint;
    created integer := 0;
BEGIN
    SELECT COALESCE(max(end_position), 1) INTO next_first FROM ingest.outbox_partitions();
    SELECT entries_per_partition INTO size FROM ingest.outbox_layout;
    WHILE next_first <= p_last LOOP
        EXECUTE format('CREATE TABLE ingest.%I PARTITION OF ingest.outbox FOR VALUES FROM (%s) TO (%s)',
                       'outbox_p' || next_first, next_first, next_first + size);
        next_first := next_first + size;
        created := created + 1;
    END LOOP;
    RETURN created;
END
$$;

-- Drops the partitions all of whose positions every consumer has acknowledged; returns how many.
CREATE FUNCTION drop_passed_outbox_partitions() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    passed bigint;
    part record;
    dropped integer := 0;
BEGIN
    SELECT min(acknowledged_position) INTO passed FROM ingest.outbox_consumers;
    IF passed IS NULL THEN
        RETURN 0;
    END IF;
    FOR part IN SELECT * FROM ingest.outbox_partitions() WHERE end_position - 1 <= passed ORDER BY first_position LOOP
        EXECUTE format('DROP TABLE ingest.%I', part.name);
        UPDATE ingest.outbox_retention SET dropped_through = greatest(dropped_through, part.end_position - 1);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$$;

SELECT ensure_outbox_partitions(COALESCE((SELECT max(position) FROM outbox_unpartitioned), 0));
INSERT INTO outbox SELECT * FROM outbox_unpartitioned;
DROP TABLE outbox_unpartitioned;
