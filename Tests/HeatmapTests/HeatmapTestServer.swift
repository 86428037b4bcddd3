import Foundation
@testable import HeatmapCore
import Logging
import Postgres
import ServiceKit
import TestSupport
@testable import Wire

/// The heatmap's handlers on a Unix socket in a temporary folder, over a migrated test database,
/// fed to the end of the outbox of `ingest` by an in-process consumer before serving.
struct HeatmapTestServer {
    let server: RPCServer
    let runTask: Task<Void, any Error>
    let client: RPCClient

    static func start(pool: PostgresPool, folder: TemporaryDirectory, ingest: IngestTestServer) async throws -> HeatmapTestServer {
        let logger = IngestTestServer.logger
        let migrations = try Migration.load(directory: HeatmapBackend.migrationsDirectory)
        _ = try await Migrator(schema: "heatmap", migrations: migrations, logger: logger).migrate(pool)
        let store = HeatmapStore(pool: pool), index = RollupIndex()
        let ingestClient = RPCClient(endpoint: ingest.endpoint)
        let consumer = OutboxConsumer(client: ingestClient, store: store, index: index, logger: logger)
        try await consumer.prepare()
        try await consumer.catchUp()
        var router = RPCRouter()
        HeatmapHandlers(index: index, store: store, ingest: ingestClient).register(on: &router)
        let server = RPCServer(configuration: RPCServerConfiguration(endpoints: [.unix(path: folder.path("h.sock"))]),
                               router: router, logger: logger)
        let runTask = Task { try await server.run() }
        let client = RPCClient(endpoint: try await server.boundEndpoints()[0])
        return HeatmapTestServer(server: server, runTask: runTask, client: client)
    }

    func stop() async {
        await client.close()
        runTask.cancel()
        _ = try? await runTask.value
    }
}
