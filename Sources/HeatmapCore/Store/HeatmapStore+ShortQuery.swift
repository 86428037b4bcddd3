import Postgres

extension HeatmapStore {
    /// Runs a short aggregate read in its own transaction with JIT and parallel workers off:
    /// the planner's row estimates for the rollups make it start both, which costs 20–70 ms on
    /// queries whose index scans take 2–5 ms (measured on Chicago 2010–2017).
    func shortQuery(_ sql: String, _ parameters: PostgresParameters) async throws -> PostgresRows {
        try await pool.withTransaction { connection in
            try connection.execute("SET LOCAL jit = off")
            try connection.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            return try connection.query(sql, parameters)
        }
    }
}
