-- One training job per city across every predict replica sharing this database: a replica runs a
-- job only while it holds the city's lease row. The lease expires unless renewed (a replica that
-- died frees it after expires_at), and every acquisition takes a new fence number: saving a model
-- checks, in the saving transaction, that the lease still carries the saver's fence, so a replica
-- that paused past its lease and woke up cannot overwrite the newer job's models.
CREATE SEQUENCE predict.training_job_ids;
CREATE SEQUENCE predict.training_fences;

CREATE TABLE predict.training_leases (
    city        text PRIMARY KEY,
    job_id      bigint NOT NULL,
    -- host:pid:random of the replica running the job, for the message the others answer with.
    holder      text NOT NULL,
    fence       bigint NOT NULL,
    acquired_at timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
