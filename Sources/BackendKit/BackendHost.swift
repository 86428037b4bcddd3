import ServiceKit
import Contracts
import Foundation
import Logging
import Postgres
import ServiceLifecycle
import UnixSignals
import Wire

/// Runs a backend service: observability, database pool, migrations under an advisory
/// lock, the RPC server with Health and Ops, and graceful shutdown on SIGTERM/SIGINT.
package struct BackendHost {
    package var definition: BackendDefinition
    package var configuration: BackendConfiguration

    package init(definition: BackendDefinition, configuration: BackendConfiguration) {
        self.definition = definition
        self.configuration = configuration
    }

    /// Serves until SIGTERM or SIGINT, then drains and returns.
    package func run() async throws {
        let registry = Observability.bootstrap(logLevel: configuration.logLevel)
        var logger = Logger(label: "crimescope.\(definition.name)")
        logger.logLevel = configuration.logLevel

        let pool = PostgresPool(url: configuration.databaseURL, size: configuration.databasePoolSize, logger: logger)
        let readPool = configuration.databaseReadURL == configuration.databaseURL
            ? pool : PostgresPool(url: configuration.databaseReadURL, size: configuration.databasePoolSize, logger: logger)
        do {
            try await migrate(pool: pool, logger: logger)
            let board = HealthStatusBoard(services: definition.serviceNames + [Methods.Health.serviceName, Methods.Ops.serviceName])
            var router = RPCRouter()
            StandardHandlers.registerHealth(on: &router, board: board)
            StandardHandlers.registerMetrics(on: &router, registry: registry)
            let context = BackendContext(
                configuration: configuration, pool: pool, readPool: readPool,
                writeAuthorization: WriteAuthorization(token: configuration.writeToken), logger: logger,
                healthBoard: board
            )
            let extraServices = try await definition.assemble(context, &router)
            if configuration.writeToken == nil {
                logger.warning("no write token configured: write calls will be refused")
            }
            let server = RPCServer(
                configuration: RPCServerConfiguration(
                    endpoints: configuration.endpoints, maxFrameBytes: configuration.maxFrameBytes,
                    drainTimeout: configuration.drainTimeout
                ),
                router: router, logger: logger
            )
            let group = ServiceGroup(
                services: [server, ReadinessService(server: server, board: board, logger: logger)] + extraServices,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
            try await group.run()
            await shutdown(pool, readPool)
            logger.info("stopped")
        } catch {
            await shutdown(pool, readPool)
            throw error
        }
    }

    private func shutdown(_ pool: PostgresPool, _ readPool: PostgresPool) async {
        await pool.shutdown()
        if readPool !== pool { await readPool.shutdown() }
    }

    /// Applies the service's migrations, retrying while the database is still starting.
    private func migrate(pool: PostgresPool, logger: Logger) async throws {
        let migrations = try Migration.load(directory: definition.migrationsDirectory)
        let migrator = Migrator(schema: definition.schema, migrations: migrations, logger: logger)
        var attempt = 0
        while true {
            do {
                let applied = try await migrator.migrate(pool)
                logger.info("schema ready", metadata: [
                    "schema": .string(definition.schema),
                    "applied": .string(applied.map(String.init).joined(separator: ",")),
                ])
                return
            } catch let error as PostgresError where error.kind == .connection && attempt < 30 {
                attempt += 1
                logger.warning("database not reachable yet, retrying", metadata: ["error": .string(error.description)])
                try await Task.sleep(for: .seconds(1))
            }
        }
    }
}
