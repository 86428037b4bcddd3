import ServiceKit
import ArgumentParser
import Foundation
import Logging
import Postgres

/// `--database-url` for the CLI subcommands that talk to the database directly (`ingest load`,
/// `predict train`, …), as opposed to `serve`, whose URL comes through ``BackendOptions``.
package struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL or conninfo (env CRIMESCOPE_DATABASE_URL).")
    package var databaseURL: String?

    package init() {}

    /// The URL from the flag, then the environment; a missing one stops with a message naming it.
    package func resolve() throws -> String {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        if let url = ProcessInfo.processInfo.environment["CRIMESCOPE_DATABASE_URL"], !url.isEmpty { return url }
        throw ValidationError("missing database: pass --database-url or set CRIMESCOPE_DATABASE_URL")
    }

    /// A small pool on the database with `schema`'s migrations (from `migrationsDirectory`) applied.
    package func migratedPool(schema: String, migrationsDirectory: URL) async throws -> PostgresPool {
        let logger = Logger(label: "crimescope.\(schema).cli")
        let pool = PostgresPool(url: try resolve(), size: 2, logger: logger)
        do {
            let migrations = try Migration.load(directory: migrationsDirectory)
            _ = try await Migrator(schema: schema, migrations: migrations, logger: logger).migrate(pool)
        } catch {
            await pool.shutdown()
            throw error
        }
        return pool
    }
}
