import BackendKit
import Contracts
import Foundation
@testable import IngestCore
import Logging
import ServiceKit
import TestSupport
import Testing
@testable import Wire

@Suite("Ingest RPC over a real Unix socket", .serialized, .timeLimit(.minutes(10)))
struct IngestRPCTests {
    static let token = "test-token"
    static let bearer = [MetadataEntry(key: "authorization", value: "Bearer \(token)")]

    /// Serves the ingest handlers on a fresh socket for `body`.
    static func withServer(_ db: IngestTestDatabase, _ body: (RPCClient) async throws -> Void) async throws {
        let directory = try TemporaryDirectory(prefix: "ingest-rpc")
        defer { directory.remove() }
        var router = RPCRouter()
        IngestHandlers(loader: db.loader, store: IngestStore(pool: db.pool), writeAuthorization: WriteAuthorization(token: token))
            .register(on: &router)
        let logger = Logger(label: "ingest-rpc-tests") { _ in SwiftLogNoOpLogHandler() }
        let server = RPCServer(configuration: RPCServerConfiguration(endpoints: [.unix(path: directory.path("i.sock"))]),
                               router: router, logger: logger)
        let running = Task { try await server.run() }
        let client = RPCClient(endpoint: try await server.boundEndpoints()[0])
        do {
            try await body(client)
        } catch {
            await client.close()
            running.cancel()
            _ = try? await running.value
            throw error
        }
        await client.close()
        running.cancel()
        _ = try? await running.value
    }

    static func code(_ call: () async throws -> Void) async -> StatusCode? {
        do {
            try await call()
            return .ok
        } catch let error as RPCError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test("StartLoad needs the token; bad input is INVALID_ARGUMENT or NOT_FOUND; reads are consistent")
    func endToEnd() async throws {
        try await IngestTestDatabase.with(label: "rpc") { db in
            try await Self.withServer(db) { client in
                let arrests = try SharedData.url("nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz").path
                let precincts = try SharedData.url("nypd-precincts/police_precincts.geojson.gz").path
                let load = StartLoadRequest(city: "nyc", format: .nypdArrestsCSV, serverPath: arrests)
                #expect(await Self.code { _ = try await client.call(Methods.Ingest.startLoad, load) } == .unauthenticated)
                #expect(await Self.code {
                    _ = try await client.call(Methods.Ingest.startLoad, load,
                                              metadata: [MetadataEntry(key: "authorization", value: "Bearer wrong")])
                } == .unauthenticated)
                #expect(await Self.code {
                    _ = try await client.call(Methods.Ingest.startLoad, StartLoadRequest(city: "gotham", serverPath: arrests), metadata: Self.bearer)
                } == .invalidArgument)
                #expect(await Self.code {
                    _ = try await client.call(Methods.Ingest.startLoad, StartLoadRequest(city: "chicago", format: .nypdArrestsCSV, serverPath: arrests), metadata: Self.bearer)
                } == .invalidArgument)
                #expect(await Self.code {
                    _ = try await client.call(Methods.Ingest.startLoad, StartLoadRequest(city: "nyc", serverPath: "/nonexistent/file.csv"), metadata: Self.bearer)
                } == .notFound)
                #expect(await Self.code { _ = try await client.call(Methods.Ingest.getRun, GetRunRequest(runID: 999)) } == .notFound)
                #expect(await Self.code { _ = try await client.call(Methods.Ingest.listRejects, ListRejectsRequest(runID: 999)) } == .notFound)
                #expect(await Self.code {
                    _ = try await client.call(Methods.Ingest.listIncidents, ListIncidentsRequest(city: "nyc"))
                } == .invalidArgument)

                // Areas synchronously (format detected), arrests asynchronously.
                let areas = try await client.call(Methods.Ingest.startLoad, StartLoadRequest(city: "nyc", serverPath: precincts), metadata: Self.bearer)
                #expect(areas.run?.status == .succeeded && areas.run?.format == .areasGeoJSON)
                let started = try await client.call(Methods.Ingest.startLoad,
                                                    StartLoadRequest(city: "nyc", format: .nypdArrestsCSV, serverPath: arrests, asynchronous: true), metadata: Self.bearer)
                let runID = try #require(started.run?.runID)
                // GetRun is the progress RPC (no push): ask it until the run has ended.
                let run = try await waitForState("run \(runID) to end") {
                    let run = try await client.call(Methods.Ingest.getRun, GetRunRequest(runID: runID))
                    return run.status == .running ? nil : run
                }
                #expect(run.status == .succeeded && run.counts?.read == 19_452 && run.counts?.inserted == 19_452)
                #expect(run.cursor == "occurred_day >= 2017-12-31T00:00:00")
                let runs = try await client.call(Methods.Ingest.listRuns, ListRunsRequest(city: "nyc"))
                #expect(runs.runs.map(\.runID) == [runID, areas.run?.runID ?? 0])

                let listedAreas = try await client.call(Methods.Ingest.listAreas, ListAreasRequest(city: "nyc"))
                #expect(listedAreas.areas.count == 77 && listedAreas.areas.allSatisfy { $0.geometryWKB.count > 100 })

                // December 2017 local time: every arrest has a location.
                let december = LocalTimeRange(startLocalSeconds: 1_512_086_400, endLocalSeconds: 1_514_764_800)
                let incidents = try await client.call(Methods.Ingest.listIncidents, ListIncidentsRequest(city: "nyc", range: december))
                #expect(incidents.lonE4.count == 19_452 && incidents.latE4.count == 19_452 && incidents.dayIndex.count == 19_452)
                #expect(incidents.categoryIndex.count == 19_452 && incidents.arrest.count == 19_452 && !incidents.truncated)
                #expect(incidents.withoutLocation == 0)
                #expect(incidents.categoryIndex.allSatisfy { Int($0) < incidents.categories.count })
                #expect(incidents.dayIndex.allSatisfy { (1...30).contains($0) })  // Dec 1 is absent
                #expect(incidents.lonE4.allSatisfy { (-743_000 ... -736_500).contains($0) })
                let felonies = try await client.call(Methods.Ingest.listIncidents,
                                                     ListIncidentsRequest(city: "nyc", range: december, categories: ["F"], limit: 100))
                #expect(felonies.lonE4.count == 100 && felonies.truncated && felonies.categories == ["F"])

                let counted = try await client.call(Methods.Ingest.countIncidents, CountIncidentsRequest(city: "nyc", range: december))
                #expect(counted.total?.incidents == 19_452 && counted.total?.arrests == 19_452 && counted.areas.count == 77)

                // The outbox, pulled in pages, nets to CountIncidents per area.
                var after: Int64 = 0
                var net: [String: Int64] = [:]
                while true {
                    let page = try await client.call(Methods.Ingest.pullOutbox, PullOutboxRequest(afterPosition: after, maxEntries: 1))
                    if page.entries.isEmpty { break }
                    for delta in page.entries.flatMap(\.deltas) { net[delta.area, default: 0] += Int64(delta.sign) }
                    after = page.lastPosition
                }
                #expect(net == Dictionary(uniqueKeysWithValues: counted.areas.map { ($0.area, $0.counts?.incidents ?? 0) }))

                var training: [TrainingRow] = []
                var afterKey: Int64 = 0
                while true {
                    let page = try await client.call(Methods.Ingest.listTrainingRows,
                                                     ListTrainingRowsRequest(city: "nyc", range: december, afterKey: afterKey, limit: 5_000))
                    training += page.rows
                    afterKey = page.lastKey
                    if page.done { break }
                }
                #expect(training.count == 19_452 && Set(training.map(\.key)).count == 19_452)

                let rejects = try await client.call(Methods.Ingest.listRejects, ListRejectsRequest(runID: runID))
                #expect(rejects.total == 0)
            }
        }
    }
}
