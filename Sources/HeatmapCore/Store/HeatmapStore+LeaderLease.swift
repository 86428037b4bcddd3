import Postgres

extension HeatmapStore {
    /// Takes the leader lease for `holder` if it is free (never taken, released, or expired by
    /// the database's clock), drawing the next epoch and writing it as the fencing token in the
    /// same transaction. A snapshot transaction of the previous leader that holds the fence row
    /// makes the takeover wait at most `lockTimeout`; it then gives up (nil) and is tried again.
    /// - Returns: The new epoch, or nil when another replica holds the lease.
    func acquireLease(holder: String, lease: Duration, lockTimeout: Duration = .seconds(1)) async throws -> Int64? {
        try await pool.withTransaction { connection in
            try connection.query("SELECT set_config('lock_timeout', $1, true)", ["\(lockTimeout.milliseconds)ms"])
            let taken = try connection.query("""
                UPDATE heatmap.leader_lease
                SET epoch = epoch + 1, holder = $1, expires_at = now() + $2::bigint * interval '1 millisecond', renewed_at = now()
                WHERE expires_at < now()
                RETURNING epoch
                """, [holder, lease.milliseconds])
            guard let epoch = try taken.first?.decode(Int64.self, at: 0) else { return nil }
            try connection.query("UPDATE heatmap.leader_fence SET epoch = $1", [epoch])
            return epoch
        }
    }

    /// Extends the lease `epoch` holds by `lease` from now.
    /// - Returns: false when the lease is no longer this epoch's (another replica took over).
    func renewLease(epoch: Int64, holder: String, lease: Duration) async throws -> Bool {
        try await pool.query("""
            UPDATE heatmap.leader_lease SET expires_at = now() + $3::bigint * interval '1 millisecond', renewed_at = now()
            WHERE epoch = $1 AND holder = $2
            RETURNING epoch
            """, [epoch, holder, lease.milliseconds]).count == 1
    }

    /// Gives the lease up at once (a graceful stop), so another replica need not wait for it to
    /// expire. The holder is cleared too, so a renewal of this epoch still in flight matches nothing
    /// and cannot extend the released lease.
    func releaseLease(epoch: Int64, holder: String) async throws {
        try await pool.query("UPDATE heatmap.leader_lease SET expires_at = '-infinity', holder = '' WHERE epoch = $1 AND holder = $2",
                             [epoch, holder])
    }

    /// The lease as stored: its epoch, its holder and whether it is still running by the database's clock.
    func leaderLease() async throws -> (epoch: Int64, holder: String, running: Bool) {
        let rows = try await pool.query("SELECT epoch, holder, expires_at > now() FROM heatmap.leader_lease")
        guard let row = rows.first else { return (0, "", false) }
        return (try row.decode(Int64.self, at: 0), try row.decode(String.self, at: 1), try row.decode(Bool.self, at: 2))
    }
}

extension Duration {
    /// Whole milliseconds (rounded down), for SQL intervals and settings.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
