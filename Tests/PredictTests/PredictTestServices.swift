import BackendKit
import Contracts
import Foundation
import Testing
@testable import IngestCore
import Logging
import Postgres
@testable import PredictCore
import ServiceKit
import TestSupport
@testable import Wire

/// A real ingest service (its own handlers) on a Unix socket over a migrated test database,
/// loaded with ``ChicagoSample`` (or another city's file), plus the predict schema migrated in
/// the same database.
struct PredictTestServices {
    static let token = "predict-test-token"
    static let logger = Logger(label: "predict-tests") { _ in SwiftLogNoOpLogHandler() }

    let folder: TemporaryDirectory
    let pool: PostgresPool
    let ingestServer: RPCServer
    let ingestTask: Task<Void, any Error>
    let ingestEndpoint: Endpoint

    /// Loads `file` (written into the services' folder; default the Chicago sample) as `city` in `format`.
    static func start(database: TestDatabase, city: String = "chicago", format: LoadFormat = .chicagoCSV,
                      file: (TemporaryDirectory) throws -> String = { try ChicagoSample.write(in: $0) }) async throws -> PredictTestServices {
        let folder = try TemporaryDirectory(prefix: "pm")
        let pool = database.pool()
        _ = try await Migrator(schema: "ingest", migrations: try Migration.load(directory: IngestBackend.migrationsDirectory), logger: logger).migrate(pool)
        _ = try await Migrator(schema: "predict", migrations: try Migration.load(directory: PredictBackend.migrationsDirectory), logger: logger).migrate(pool)
        let loader = IngestLoader(databaseURL: database.url, logger: logger)
        let outcome = try await loader.load(LoadRequest(city: try #require(IngestCity(slug: city)), format: format,
                                                        input: .file(path: try file(folder))))
        guard outcome.succeeded else { throw SharedData.Missing(description: "loading the \(city) rows failed: \(outcome.error ?? "")") }
        var router = RPCRouter()
        IngestHandlers(loader: loader, store: IngestStore(pool: pool), writeAuthorization: WriteAuthorization(token: "ingest"))
            .register(on: &router)
        let server = RPCServer(configuration: RPCServerConfiguration(endpoints: [.unix(path: folder.path("ingest.sock"))]),
                               router: router, logger: logger)
        let task = Task { try await server.run() }
        let bound = try await server.boundEndpoints()
        return PredictTestServices(folder: folder, pool: pool, ingestServer: server, ingestTask: task, ingestEndpoint: bound[0])
    }

    /// Fetches the city's rows from the ingest service over its socket.
    func fetchTable() async throws -> IncidentTable {
        let client = RPCClient(endpoint: ingestEndpoint)
        defer { Task { await client.close() } }
        return try await IngestTrainingRows(client: client).fetch(city: "chicago")
    }

    /// A training pipeline from this ingest service into the predict schema, installing into `registry`.
    func pipeline(registry: ModelRegistry) -> TrainingPipeline {
        TrainingPipeline(source: IngestTrainingRows(client: RPCClient(endpoint: ingestEndpoint)), store: PredictStore(pool: pool),
                         registry: registry, settings: IncidentModelTests.settings, logger: Self.logger)
    }

    /// Serves `handlers` on a Unix socket next to the ingest one while `body` uses a client of it,
    /// then stops the server and these services (also when `body` throws).
    func serving(_ handlers: PredictHandlers, _ body: (RPCClient) async throws -> Void) async throws {
        var router = RPCRouter()
        handlers.register(on: &router)
        let server = RPCServer(configuration: RPCServerConfiguration(endpoints: [.unix(path: folder.path("predict.sock"))]),
                               router: router, logger: Self.logger)
        let serverTask = Task { try await server.run() }
        do {
            let client = RPCClient(endpoint: try await server.boundEndpoints()[0])
            try await body(client)
            await client.close()
        } catch {
            serverTask.cancel()
            await stop()
            throw error
        }
        serverTask.cancel()
        _ = try? await serverTask.value
        await stop()
    }

    func stop() async {
        ingestTask.cancel()
        _ = try? await ingestTask.value
        await pool.shutdown()
    }
}
