import BackendKit
import IngestCore
import Postgres
import ServiceKit

extension DatabaseOptions {
    /// A small pool on the database with the ingest migrations applied.
    func migratedPool() async throws -> PostgresPool {
        try await migratedPool(schema: "ingest", migrationsDirectory: IngestBackend.migrationsDirectory)
    }
}
