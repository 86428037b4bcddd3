import BackendKit
import Foundation
@testable import IngestCore
import Logging
import Postgres
import ServiceKit
import TestSupport
@testable import Wire

/// A real ingest RPC server (ingest's own handlers) on a Unix socket in a temporary folder,
/// over a migrated test database.
struct IngestTestServer {
    let server: RPCServer
    let runTask: Task<Void, any Error>
    let endpoint: Endpoint
    let loader: IngestLoader

    static let logger = Logger(label: "heatmap-tests") { _ in SwiftLogNoOpLogHandler() }
    /// The server's write token: a heatmap acknowledging the outbox must present it.
    static let writeToken = "heatmap-tests-token"

    /// A fresh test database, a pool of `poolSize` on it, a temporary folder and an ingest server
    /// over them for `body`; afterwards the server and pool stop whatever happened, and the database
    /// is dropped only when `body` succeeded (a failed test leaves it to look at).
    static func withServer(label: String, folderPrefix: String, poolSize: Int,
                           _ body: (TestDatabase, PostgresPool, TemporaryDirectory, IngestTestServer) async throws -> Void) async throws {
        let database = try await TestDatabase.create(label: label)
        let folder = try TemporaryDirectory(prefix: folderPrefix)
        let pool = database.pool(size: poolSize)
        defer { folder.remove() }
        let ingest: IngestTestServer
        do {
            ingest = try await IngestTestServer.start(database: database, pool: pool, folder: folder)
        } catch {
            await pool.shutdown()
            throw error
        }
        do {
            try await body(database, pool, folder, ingest)
        } catch {
            await ingest.stop()
            await pool.shutdown()
            throw error
        }
        await ingest.stop()
        await pool.shutdown()
        try await database.drop()
    }

    static func start(database: TestDatabase, pool: PostgresPool, folder: TemporaryDirectory) async throws -> IngestTestServer {
        let migrations = try Migration.load(directory: IngestBackend.migrationsDirectory)
        _ = try await Migrator(schema: "ingest", migrations: migrations, logger: logger).migrate(pool)
        let loader = IngestLoader(databaseURL: database.url, logger: logger)
        var router = RPCRouter()
        IngestHandlers(loader: loader, store: IngestStore(pool: pool), writeAuthorization: WriteAuthorization(token: writeToken))
            .register(on: &router)
        let server = RPCServer(configuration: RPCServerConfiguration(endpoints: [.unix(path: folder.path("i.sock"))]),
                               router: router, logger: logger)
        let runTask = Task { try await server.run() }
        let bound = try await server.boundEndpoints()
        return IngestTestServer(server: server, runTask: runTask, endpoint: bound[0], loader: loader)
    }

    /// Loads a shared data file through the ingest loader.
    func load(_ relativePath: String, city: String, format: LoadFormat) async throws -> LoadOutcome {
        guard let city = IngestCity(slug: city) else { throw SharedData.Missing(description: "bad city \(city)") }
        return try await loader.load(LoadRequest(city: city, format: format, input: .file(path: try SharedData.url(relativePath).path)))
    }

    func stop() async {
        runTask.cancel()
        _ = try? await runTask.value
    }
}
