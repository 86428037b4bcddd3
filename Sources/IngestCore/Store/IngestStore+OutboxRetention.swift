import Postgres

extension IngestStore {
    /// Records that `consumer` will never again ask for entries at or before `position` (it only
    /// moves forward), then drops the outbox partitions every named consumer has passed. Returns
    /// the consumer's recorded position.
    @discardableResult
    public func acknowledgeOutbox(consumer: String, position: Int64) async throws -> Int64 {
        let recorded = try await pool.query(OutboxSQL.acknowledge, [consumer, position]).scalar(Int64.self)
        try await dropPassedOutboxPartitions()
        return recorded
    }

    /// Drops the outbox partitions all of whose positions every named consumer has acknowledged;
    /// returns how many (0 also when the outbox was busy: the next acknowledgement tries again).
    @discardableResult
    public func dropPassedOutboxPartitions() async throws -> Int {
        try await pool.withConnection { connection in
            do {
                return try connection.transaction {
                    try connection.query(OutboxSQL.dropLockTimeout)
                    return try connection.query(OutboxSQL.dropPassedPartitions).scalar(Int.self)
                }
            } catch let error as PostgresError where error.sqlState == "55P03" {
                return 0
            }
        }
    }

    /// Each named outbox consumer and the position it acknowledged.
    public func outboxConsumers() async throws -> [(consumer: String, acknowledgedPosition: Int64)] {
        try await pool.query(OutboxSQL.consumers).map { row in
            (try row.decode(String.self, at: 0), try row.decode(Int64.self, at: 1))
        }
    }
}
