import Foundation
@testable import IngestCore
import Logging
import Postgres
import TestSupport

/// A migrated test database for the ingest store, with a loader and a pool on it.
struct IngestTestDatabase {
    let database: TestDatabase
    let pool: PostgresPool
    let loader: IngestLoader

    /// Creates a database, applies the ingest migrations, runs `body`, and drops it.
    static func with<T: Sendable>(label: String, _ body: (IngestTestDatabase) async throws -> T) async throws -> T {
        try await TestDatabase.withDatabase(label: label) { database in
            let pool = database.pool(size: 2)
            do {
                let migrations = try Migration.load(directory: IngestBackend.migrationsDirectory)
                _ = try await Migrator(schema: "ingest", migrations: migrations).migrate(pool)
                let value = try await body(IngestTestDatabase(database: database, pool: pool,
                                                              loader: IngestLoader(databaseURL: database.url)))
                await pool.shutdown()
                return value
            } catch {
                await pool.shutdown()
                throw error
            }
        }
    }

    /// Loads a shared data file and returns the outcome (the caller asserts on it).
    @discardableResult
    func load(_ relativePath: String, city: String, format: LoadFormat, fullReload: Bool = false,
              batchRows: Int = LoadRequest.defaultBatchRows) async throws -> LoadOutcome {
        let url = try SharedData.url(relativePath)
        guard let city = IngestCity(slug: city) else { throw SharedData.Missing(description: "bad city \(city)") }
        return try await loader.load(LoadRequest(city: city, format: format, input: .file(path: url.path),
                                                 fullReload: fullReload, batchRows: batchRows))
    }

    /// One integer from a query.
    func scalar(_ sql: String, _ parameters: PostgresParameters = []) async throws -> Int {
        try await pool.query(sql, parameters).scalar(Int.self)
    }

    /// The run's counts as (read, inserted, updated, unchanged, rejected).
    func counts(run: Int64) async throws -> [String: Int] {
        let rows = try await pool.query("""
            SELECT rows_read, inserted, updated, unchanged, rejected, duplicates, skipped_by_cursor, status
            FROM ingest.etl_runs WHERE run_id = $1
            """, [run])
        guard let row = rows.first else { return [:] }
        var result: [String: Int] = [:]
        for name in ["rows_read", "inserted", "updated", "unchanged", "rejected", "duplicates", "skipped_by_cursor"] {
            result[name] = try row.decode(Int.self, column: name)
        }
        result["succeeded"] = try row.decode(String.self, column: "status") == "succeeded" ? 1 : 0
        return result
    }

    /// Whether the outbox nets out: for every (area, primary_type) the sum of signs equals the incident count.
    func outboxMismatches(city: String) async throws -> Int {
        try await scalar("""
            WITH deltas AS (
                SELECT d.area, d.primary_type, sum(d.sign) AS n
                FROM ingest.outbox o, unnest(o.areas, o.primary_types, o.signs) AS d(area, primary_type, sign)
                WHERE o.city = $1 GROUP BY 1, 2
            ), actual AS (
                SELECT COALESCE(area, '') AS area, COALESCE(primary_type, '') AS primary_type, count(*) AS n
                FROM ingest.incidents WHERE city = $1 GROUP BY 1, 2
            )
            SELECT count(*) FROM deltas FULL JOIN actual USING (area, primary_type)
            WHERE COALESCE(deltas.n, 0) <> COALESCE(actual.n, 0)
            """, [city])
    }
}
