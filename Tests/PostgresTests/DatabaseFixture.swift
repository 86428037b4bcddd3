import Postgres
import TestSupport

/// Runs `body` with a pool on a fresh test database, then shuts the pool down and drops the database.
func withTestPool<T: Sendable>(
    _ label: String,
    size: Int = 4,
    acquireTimeout: Duration? = nil,
    _ body: (PostgresPool, TestDatabase) async throws -> T
) async throws -> T {
    try await TestDatabase.withDatabase(label: label) { database in
        let pool = database.pool(size: size, acquireTimeout: acquireTimeout)
        do {
            let value = try await body(pool, database)
            await pool.shutdown()
            return value
        } catch {
            await pool.shutdown()
            throw error
        }
    }
}
