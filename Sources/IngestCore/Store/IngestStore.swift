import Postgres

/// The read side of the ingest schema for the RPC handlers: runs, rejects, incidents, areas,
/// the outbox. Every method runs set-based SQL with bound parameters on the service's pool.
public struct IngestStore: Sendable {
    let pool: PostgresPool
    /// Incident listings, counts and training rows: reads that may come from a standby
    /// (`--database-read-url`); `pool` when none is configured.
    let readPool: PostgresPool

    public init(pool: PostgresPool, readPool: PostgresPool? = nil) {
        self.pool = pool
        self.readPool = readPool ?? pool
    }
}
