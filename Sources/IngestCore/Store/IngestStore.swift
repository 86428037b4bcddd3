import Postgres

/// The read side of the ingest schema for the RPC handlers: runs, rejects, incidents, areas,
/// the outbox. Every method runs set-based SQL with bound parameters on the service's pool.
public struct IngestStore: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }
}
