-- Replicas: any number of heatmap processes serve from their own in-memory index, but exactly
-- one (the leader) writes this schema's snapshots and consumer position. Leadership is a lease
-- in the database (so a paused process loses it by the clock, without having to notice): the
-- leader renews `expires_at`; another replica takes over only once it has passed, and the
-- takeover draws a new `epoch`.
CREATE TABLE heatmap.leader_lease (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch      bigint NOT NULL DEFAULT 0 CHECK (epoch >= 0),
    holder     text NOT NULL DEFAULT '',
    expires_at timestamptz NOT NULL DEFAULT '-infinity',
    renewed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO heatmap.leader_lease DEFAULT VALUES;

-- The fencing token, apart from the lease so that renewals never wait on it: a takeover writes
-- its epoch here in the same transaction, and a snapshot transaction first takes this row FOR
-- SHARE `WHERE epoch = <its own epoch>` and writes nothing when it finds another. A takeover
-- waits for a snapshot transaction that holds the row, so an old leader that was paused and
-- resumes cannot commit a snapshot after a new one took over.
CREATE TABLE heatmap.leader_fence (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch     bigint NOT NULL DEFAULT 0 CHECK (epoch >= 0)
);
INSERT INTO heatmap.leader_fence DEFAULT VALUES;
