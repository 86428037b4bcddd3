import Postgres

extension HeatmapStore {
    /// Bytes per stored chunk: large enough that a snapshot is a few dozen rows, small enough
    /// that no single parameter or result cell is huge.
    static let snapshotChunkBytes = 8 << 20

    /// Stores the encoded cities as the snapshot at `position` and makes it the newest, in one
    /// transaction: its chunks, then the consumer position, then the older snapshots deleted. A
    /// crash before the commit leaves the previous snapshot in place.
    ///
    /// The position moves only while `epoch` is the fencing token (the leader lease's current
    /// epoch). The transaction may not sit idle longer than `idleLimit`: a leader paused inside it
    /// (SIGSTOP, a stalled VM) loses the session, and with it the row lock a takeover waits on.
    /// - Throws: ``SnapshotFenced`` when another replica took the lease over (nothing is
    ///   written); ``SnapshotPositionConflict`` when a snapshot at or after `position` is already
    ///   stored (nothing is written).
    func saveSnapshot(position: Int64, epoch: Int64, cities: [(city: String, bytes: [UInt8])],
                             idleLimit: Duration = .seconds(5)) async throws {
        try await pool.withTransaction { connection in
            try connection.query("SELECT set_config('idle_in_transaction_session_timeout', $1, true)",
                                 ["\(idleLimit.milliseconds)ms"])
            // The fence: held until the commit, so a takeover waits for this snapshot or fences it off.
            let fence = try connection.query("SELECT epoch FROM heatmap.leader_fence FOR SHARE").scalar(Int64.self)
            guard fence == epoch else { throw SnapshotFenced(epoch: epoch, current: fence) }
            let total = cities.reduce(0) { $0 + $1.bytes.count }
            try connection.query("INSERT INTO heatmap.index_snapshot (position, bytes) VALUES ($1, $2)", [position, total])
            for (city, bytes) in cities {
                var seq = 0, start = 0
                repeat {
                    let end = min(start + Self.snapshotChunkBytes, bytes.count)
                    try connection.query("INSERT INTO heatmap.index_snapshot_chunk (position, city, seq, data) VALUES ($1, $2, $3, $4)",
                                         [position, city, seq, Array(bytes[start..<end])])
                    seq += 1
                    start = end
                } while start < bytes.count
            }
            // Waits here while another transaction holds the row (the kill test holds it to stop
            // a snapshot mid-write).
            let advanced = try connection.query("""
                UPDATE heatmap.consumer_state SET position = $2, updated_at = now()
                WHERE consumer = $1 AND position < $2
                RETURNING position
                """, [Self.consumerName, position])
            guard advanced.count == 1 else {
                throw SnapshotPositionConflict(position: position, stored: try connection.query(
                    "SELECT position FROM heatmap.consumer_state WHERE consumer = $1", [Self.consumerName]).scalar(Int64.self))
            }
            try connection.query("DELETE FROM heatmap.index_snapshot WHERE position < $1", [position])
        }
    }

    /// The newest snapshot's encoded cities and position, read in one snapshot of the database;
    /// no cities and position 0 when none was ever written.
    func loadSnapshot() async throws -> (position: Int64, cities: [String: [UInt8]]) {
        try await pool.withTransaction { connection in
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            let position = try connection.query(
                "SELECT position FROM heatmap.consumer_state WHERE consumer = $1", [Self.consumerName]).scalar(Int64.self)
            guard position > 0 else { return (0, [:]) }
            let stored = try connection.query("SELECT bytes FROM heatmap.index_snapshot WHERE position = $1", [position])
            guard let total = try stored.first?.decode(Int64.self, at: 0) else {
                throw SnapshotFormatError("consumer position \(position) names no stored snapshot")
            }
            var cities: [String: [UInt8]] = [:]
            for row in try connection.query("""
                SELECT city, data FROM heatmap.index_snapshot_chunk WHERE position = $1 ORDER BY city, seq
                """, [position]) {
                cities[try row.decode(String.self, at: 0), default: []].append(contentsOf: try row.decode([UInt8].self, at: 1))
            }
            let read = cities.values.reduce(0) { $0 + $1.count }
            guard read == total else { throw SnapshotFormatError("snapshot \(position) holds \(read) of its \(total) bytes") }
            return (position, cities)
        }
    }
}

/// A snapshot was not stored because the writer's lease epoch is no longer the fencing token:
/// another replica took over.
struct SnapshotFenced: Error, CustomStringConvertible {
    var epoch: Int64
    var current: Int64

    var description: String { "snapshot refused: leader epoch \(epoch) was fenced off by epoch \(current)" }
}

/// A snapshot was not stored because one at `stored` (at or after its position) already was.
struct SnapshotPositionConflict: Error, CustomStringConvertible {
    var position: Int64
    var stored: Int64

    var description: String { "snapshot at \(position) not stored: the stored snapshot is at \(stored)" }
}
