import ArgumentParser
import Foundation
import Logging
import Postgres
import PredictCore

/// `--database-url` for the CLI subcommands that write models straight to the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL or conninfo (env CRIMESCOPE_DATABASE_URL).")
    var databaseURL: String?

    /// The URL from the flag, then the environment; a missing one stops with a message naming it.
    func resolve() throws -> String {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        if let url = ProcessInfo.processInfo.environment["CRIMESCOPE_DATABASE_URL"], !url.isEmpty { return url }
        throw ValidationError("missing database: pass --database-url or set CRIMESCOPE_DATABASE_URL")
    }

    /// A small pool on the database with the predict migrations applied.
    func migratedPool() async throws -> PostgresPool {
        let logger = Logger(label: "crimescope.predict.cli")
        let pool = PostgresPool(url: try resolve(), size: 2, logger: logger)
        do {
            let migrations = try Migration.load(directory: PredictBackend.migrationsDirectory)
            _ = try await Migrator(schema: "predict", migrations: migrations, logger: logger).migrate(pool)
        } catch {
            await pool.shutdown()
            throw error
        }
        return pool
    }
}
