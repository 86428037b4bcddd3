@testable import BackendKit
import Contracts
import Foundation
@testable import IngestCore
import Logging
import Postgres
@testable import ServiceKit
import TestSupport
@testable import Wire

/// The real services the forecast learns from: ingest (its own handlers, in process, on a Unix
/// socket) loaded with the Chicago beats and a slice of 2017, and the real `heatmap` executable
/// consuming it, caught up before ``start`` returns.
struct ForecastTestServices {
    let ingestServer: RPCServer
    let ingestTask: Task<Void, any Error>
    let ingestEndpoint: Endpoint
    let heatmap: ServiceProcess
    let heatmapEndpoint: Endpoint
    /// Incidents in the slice.
    let rows: Int

    static let logger = Logger(label: "predict-forecast-tests") { _ in SwiftLogNoOpLogHandler() }

    static func start(database: TestDatabase, pool: PostgresPool, folder: TemporaryDirectory) async throws -> ForecastTestServices {
        _ = try await Migrator(schema: "ingest", migrations: try Migration.load(directory: IngestBackend.migrationsDirectory),
                               logger: logger).migrate(pool)
        let loader = IngestLoader(databaseURL: database.url, logger: logger)
        var router = RPCRouter()
        IngestHandlers(loader: loader, store: IngestStore(pool: pool), writeAuthorization: WriteAuthorization(token: "t")).register(on: &router)
        let server = RPCServer(configuration: RPCServerConfiguration(endpoints: [.unix(path: folder.path("i.sock"))]),
                               router: router, logger: logger)
        let task = Task { try await server.run() }
        let ingest = try await server.boundEndpoints()[0]

        guard let chicago = IngestCity(slug: "chicago") else { throw SharedData.Missing(description: "no city chicago") }
        let beats = try await loader.load(LoadRequest(city: chicago, format: .areasGeoJSON, input: .file(
            path: try SharedData.url("chicago-police-beats/police_beats_current.geojson.gz").path)))
        guard beats.succeeded else { throw SharedData.Missing(description: "beats load failed: \(beats.error ?? "")") }
        let slice = try ChicagoSlice.make()
        let incidents = try await loader.load(LoadRequest(city: chicago, format: .chicagoCSV, input: .bytes(slice.csv, name: "district-1-2017.csv")))
        guard incidents.succeeded else { throw SharedData.Missing(description: "slice load failed: \(incidents.error ?? "")") }

        let socket = folder.path("h.sock")
        let heatmap = try ServiceProcess("heatmap", arguments: ["serve", "--listen", "unix://\(socket)", "--database-url", database.url,
                                                                "--ingest-endpoint", ingest.description],
                                         logDirectory: folder.url)
        let services = ForecastTestServices(ingestServer: server, ingestTask: task, ingestEndpoint: ingest, heatmap: heatmap,
                                            heatmapEndpoint: .unix(path: socket), rows: slice.rows)
        try await services.waitForHeatmap(incidents: Int64(slice.rows))
        return services
    }

    /// Asks the heatmap until its 2017 total equals what was loaded (failing with its log if it
    /// exits first); a call that fails or times out is asked again, so its timeout bounds nothing.
    func waitForHeatmap(incidents: Int64) async throws {
        let client = RPCClient(endpoint: heatmapEndpoint)
        defer { Task { await client.close() } }
        _ = try await waitForState("the heatmap to count \(incidents) incidents", while: heatmap, every: .milliseconds(100)) {
            let reply = try? await client.call(Methods.Heatmap.getBeatHeatmap, BeatHeatmapRequest(city: "chicago", year: 2017), timeout: .seconds(5))
            return reply?.total?.incidents == incidents ? true : nil
        }
    }

    func stop() async {
        _ = await heatmap.terminate()
        ingestTask.cancel()
        _ = try? await ingestTask.value
    }
}
