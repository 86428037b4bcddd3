import Postgres

/// The heatmap schema in PostgreSQL: the index snapshots with their outbox position, and the
/// heatmap's copy of the area polygons.
struct HeatmapStore: Sendable {
    /// The `heatmap.consumer_state` row of the outbox consumer.
    static let consumerName = "incident-outbox"
    let pool: PostgresPool
    /// For queries that read no heatmap table and write nothing (a follower's area shapes), which
    /// may run on a standby (`--database-read-url`); `pool` when none is configured.
    let readPool: PostgresPool

    init(pool: PostgresPool, readPool: PostgresPool? = nil) {
        self.pool = pool
        self.readPool = readPool ?? pool
    }

    /// The outbox position of the newest persisted index snapshot (0 when there is none).
    func position() async throws -> Int64 {
        try await pool.query("SELECT position FROM heatmap.consumer_state WHERE consumer = $1", [Self.consumerName])
            .scalar(Int64.self)
    }
}
