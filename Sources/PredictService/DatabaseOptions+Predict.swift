import BackendKit
import Postgres
import PredictCore
import ServiceKit

extension DatabaseOptions {
    /// A small pool on the database with the predict migrations applied.
    func migratedPool() async throws -> PostgresPool {
        try await migratedPool(schema: "predict", migrationsDirectory: PredictBackend.migrationsDirectory)
    }
}
