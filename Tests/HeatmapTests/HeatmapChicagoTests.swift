import Contracts
import Foundation
@testable import HeatmapCore
@testable import IngestCore
import Logging
import Postgres
import ServiceKit
import TestSupport
import Testing
import Wire

/// Chicago 2017 loaded through a real ingest server, consumed over its RPC by the outbox
/// consumer (in process, then by the real `heatmap` executable killed with SIGKILL mid-stream and
/// restarted), and queried through the heatmap RPC; every count is checked against a recount of
/// the raw file made here with ingest's parser.
@Suite("Heatmap over Chicago 2017", .serialized, .timeLimit(.minutes(10)))
struct HeatmapChicagoTests {
    static let year2017 = LocalTimeRange(startLocalSeconds: 1_483_228_800, endLocalSeconds: 1_514_764_800)
    static let logger = Logger(label: "heatmap-tests") { _ in SwiftLogNoOpLogHandler() }

    @Test("exactly once across a consumer stop and a SIGKILL; counts equal the raw-file recount")
    func chicago2017() async throws {
        try await IngestTestServer.withServer(label: "heatmap", folderPrefix: "cs-hm", poolSize: 2) {
            try await run(database: $0, pool: $1, folder: $2, ingest: $3)
        }
    }

    private func run(database: TestDatabase, pool: PostgresPool, folder: TemporaryDirectory, ingest: IngestTestServer) async throws {
        let file = "chicago-crimes/chicago_crimes_2017.csv.xz"
        let oracleTask = Task { try await ChicagoOracle.compute(file) }
        let incidentsTask = Task { try await ChicagoIncidents.load(file) }
        let beats = try await ingest.load("chicago-police-beats/police_beats_current.geojson.gz", city: "chicago", format: .areasGeoJSON)
        #expect(beats.succeeded, "\(beats.error ?? "")")
        let outcome = try await ingest.load(file, city: "chicago", format: .chicagoCSV)
        #expect(outcome.succeeded, "\(outcome.error ?? "")")
        let oracle = try await oracleTask.value
        #expect(oracle.rows == 267_792 && oracle.types["THEFT"] == 64_334 && oracle.types["BATTERY"] == 49_212)
        let lastPosition = try await pool.query("SELECT max(position) FROM ingest.outbox").scalar(Int64.self)

        // 1. The in-process consumer applies three small batches, stores a snapshot and stops (as if
        //    cancelled); an index loaded from that snapshot equals the one the batches built.
        let migrations = try Migration.load(directory: HeatmapBackend.migrationsDirectory)
        _ = try await Migrator(schema: "heatmap", migrations: migrations, logger: Self.logger).migrate(pool)
        let store = HeatmapStore(pool: pool)
        var settings = OutboxConsumerSettings()
        settings.maxDeltas = 5_000
        let firstIndex = RollupIndex()
        let first = OutboxConsumer(client: RPCClient(endpoint: ingest.endpoint), store: store, index: firstIndex,
                                   settings: settings, logger: Self.logger)
        try await first.prepare()
        #expect(firstIndex.position == 0 && firstIndex.cities.isEmpty, "an empty database starts at position 0")
        let stoppedAt = try await first.catchUp(maxBatches: 3)
        #expect(stoppedAt > 0 && stoppedAt < lastPosition)
        #expect(try await store.position() == 0, "applying batches writes nothing")
        let leadership = Leadership()
        _ = await LeaderElection(store: store, leadership: leadership, logger: Self.logger).step(lastRenewal: nil)
        #expect(leadership.role == "leader", "the only replica takes the free lease")
        let written = try await SnapshotWriter(store: store, index: firstIndex, leadership: leadership, logger: Self.logger).writeSnapshot()
        try await store.releaseLease(epoch: try #require(leadership.epoch), holder: leadership.holder)
        let storedAt = try await store.position()
        #expect(written == stoppedAt && storedAt == stoppedAt)
        let reloadedIndex = RollupIndex()
        try await OutboxConsumer(client: RPCClient(endpoint: ingest.endpoint), store: store, index: reloadedIndex,
                                 logger: Self.logger).prepare()
        #expect(reloadedIndex.position == stoppedAt)
        IndexDump(try #require(reloadedIndex.city("chicago"))).expectEqual(to: IndexDump(try #require(firstIndex.city("chicago"))))

        // 2. The real executable continues from there; SIGKILL it mid-stream, start it again.
        let socket = folder.path("h.sock")
        let arguments = ["serve", "--listen", "unix://\(socket)", "--database-url", database.url,
                         "--ingest-endpoint", ingest.endpoint.description, "--log-level", "debug", "--outbox-batch-deltas", "2000"]
        let killed = try ServiceProcess("heatmap", arguments: arguments, logDirectory: folder.url)
        let advanced = try await LogWait.untilApplied(killed) { $0 > stoppedAt }
        await killed.kill9()
        let killedAt = LogWait.appliedPositions(killed).last ?? 0
        #expect(advanced != nil && killedAt < lastPosition, "log:\n\(killed.log().suffix(3_000))")
        print("heatmap SIGKILLed at outbox position \(killedAt) of \(lastPosition) (in-process consumer stopped at \(stoppedAt))")
        let restarted = try ServiceProcess("heatmap", arguments: arguments, logDirectory: folder.url)
        let caughtUp = try await ConsumerPositionWait.until(store) { $0 == lastPosition }
        #expect(caughtUp == lastPosition, "log:\n\(restarted.log().suffix(3_000))")

        // 3. Through the heatmap RPC: counts, filters, validation, Check.
        let client = RPCClient(endpoint: .unix(path: socket))
        try await checkCounts(client, oracle: oracle)
        try await checkValidation(client)
        let check = try await client.call(Methods.Heatmap.check, CheckRequest(city: "chicago", range: Self.year2017))
        #expect(check.consistent, "\(check.differences.prefix(5))")
        #expect(check.appliedOutboxPosition == lastPosition)
        let theftCheck = try await client.call(Methods.Heatmap.check,
                                               CheckRequest(city: "chicago", range: Self.year2017, primaryType: "THEFT"))
        #expect(theftCheck.consistent)
        try await checkAreaDetail(client, oracle: oracle)
        try await checkAreaShapes(client)
        let incidents = try await incidentsTask.value
        try await WindowHeatmapChecks.run(client, incidents: incidents)
        try await YearGridsChecks.run(client, incidents: incidents)
        try await HexHotspotsChecks.run(client, incidents: incidents)
        try await SeriesChecks.run(client, incidents: incidents)
        let cities = try await client.call(Methods.Heatmap.listCities, ListCitiesRequest())
        #expect(cities.cities.map(\.city) == ["chicago"])
        #expect(cities.cities.first?.availableMonths.count == 12 && cities.cities.first?.timeZone == "America/Chicago")
        await client.close()
        #expect(await restarted.terminate() == 0, "graceful stop; log:\n\(restarted.log())")

        // 4. The snapshot stored at the graceful stop, in a fresh index: every cell equals the raw-file recount.
        let reloaded = RollupIndex()
        try await OutboxConsumer(client: RPCClient(endpoint: ingest.endpoint), store: store, index: reloaded, logger: Self.logger).prepare()
        #expect(reloaded.position == lastPosition)
        let chicago = try #require(reloaded.city("chicago"))
        IndexDump(chicago).expectEqual(to: RollupRecount.expected(incidents, city: "chicago"))
        let fromSnapshot = chicago.query(BeatQuery(city: "chicago", yearFrom: 2017, yearTo: 2017))
        #expect(Dictionary(uniqueKeysWithValues: fromSnapshot.areas.map { ($0.area, $0.counts) }) == oracle.all)
    }

    private func checkCounts(_ client: RPCClient, oracle: ChicagoOracle) async throws {
        let all = try await heatmap(client, BeatHeatmapRequest(city: "chicago", year: 2017))
        #expect(areas(all) == oracle.all)
        #expect(all.total?.incidents == 267_792 && all.total?.arrests == 52_231 && all.total?.domestic == 42_575)
        #expect(all.maxIncidents == oracle.all.values.map(\.incidents).max())
        #expect(all.maxIncidents == 3_153, "busiest beat 1834")
        #expect(all.timeZone == "America/Chicago")
        #expect(all.filters?.year == 2017)
        #expect(Dictionary(uniqueKeysWithValues: all.crimeTypes.map { ($0.primaryType, $0.incidents) }) == oracle.types)

        let theft = try await heatmap(client, BeatHeatmapRequest(city: "chicago", yearFrom: 2016, yearTo: 2018, primaryType: "THEFT"))
        #expect(areas(theft) == oracle.theft)
        #expect(theft.total?.incidents == 64_334)
        #expect(theft.crimeTypes.count == oracle.types.count, "crime types ignore the type filter")

        let late = try await heatmap(client, BeatHeatmapRequest(city: "chicago", year: 2017, hours: HourRange(hourMin: 22, hourMax: 5)))
        #expect(areas(late) == oracle.lateNight)
        #expect(late.total.map { RollupCounts($0) } == ChicagoOracle.total(oracle.lateNight))

        let otherYear = try await heatmap(client, BeatHeatmapRequest(city: "chicago", year: 2016))
        #expect(otherYear.areas.isEmpty && otherYear.total?.incidents == 0)
    }

    private func checkAreaDetail(_ client: RPCClient, oracle: ChicagoOracle) async throws {
        let detail = try await client.call(Methods.Heatmap.getAreaDetail,
                                           AreaDetailRequest(area: AreaId(city: "chicago", area: "1834"), yearFrom: 2017, yearTo: 2017))
        let expected = try #require(oracle.all["1834"])
        #expect(detail.counts.map { RollupCounts($0) } == expected)
        #expect(detail.byHour.count == 24 && detail.byHour.reduce(0, +) == expected.incidents)
        #expect(detail.crimeMix.map(\.incidents).reduce(0, +) == expected.incidents)
        #expect(detail.cityByHour.reduce(0, +) == 267_792)
        #expect(abs(detail.cityMeanIncidentsPerArea - 267_792.0 / Double(oracle.all.count)) < 1e-9)
        #expect(abs(detail.cityArrestRate - 52_231.0 / 267_792.0) < 1e-12)
        let unknown = await #expect(throws: RPCError.self) {
            try await client.call(Methods.Heatmap.getAreaDetail, AreaDetailRequest(area: AreaId(city: "chicago", area: "9999")))
        }
        #expect(unknown?.code == .notFound)
    }

    private func checkAreaShapes(_ client: RPCClient) async throws {
        let shapes = try await client.call(Methods.Heatmap.getAreaShapes, AreaShapesRequest(city: "chicago")).shapes
        #expect(shapes.count == 275)
        #expect(shapes.allSatisfy { $0.geoJSON.hasPrefix("{\"type\":\"") && $0.geoJSON.contains("Polygon") })
        #expect(shapes.allSatisfy { (-88.0 ... -87.5).contains($0.centroidLon) && (41.6 ... 42.1).contains($0.centroidLat) })
        let totalKm2 = shapes.map(\.areaKm2).reduce(0, +)
        #expect((550 ... 650).contains(totalKm2), "Chicago is about 606 km²; beats sum to \(totalKm2)")
        let coarse = try await client.call(Methods.Heatmap.getAreaShapes, AreaShapesRequest(city: "chicago", toleranceMeters: 200)).shapes
        #expect(coarse.count == 275)
        #expect(coarse.map(\.geoJSON.utf8.count).reduce(0, +) < shapes.map(\.geoJSON.utf8.count).reduce(0, +))
    }

    private func checkValidation(_ client: RPCClient) async throws {
        let both = await #expect(throws: RPCError.self) {
            try await heatmap(client, BeatHeatmapRequest(city: "chicago", year: 2017, yearFrom: 2016, yearTo: 2017))
        }
        #expect(both?.code == .invalidArgument && both?.message == "give either year or year_from/year_to, not both")
        let reversed = await #expect(throws: RPCError.self) {
            try await heatmap(client, BeatHeatmapRequest(city: "chicago", yearFrom: 2018, yearTo: 2017))
        }
        #expect(reversed?.code == .invalidArgument)
        let unknown = await #expect(throws: RPCError.self) { try await heatmap(client, BeatHeatmapRequest(city: "atlantis")) }
        #expect(unknown?.code == .notFound)
    }

    private func heatmap(_ client: RPCClient, _ request: BeatHeatmapRequest) async throws -> BeatHeatmapResponse {
        try await client.call(Methods.Heatmap.getBeatHeatmap, request)
    }

    private func areas(_ response: BeatHeatmapResponse) -> [String: RollupCounts] {
        Dictionary(uniqueKeysWithValues: response.areas.map { ($0.area, RollupCounts($0.counts ?? Counts())) })
    }
}

extension RollupCounts {
    init(_ counts: Counts) {
        self.init(incidents: counts.incidents, arrests: counts.arrests, domestic: counts.domestic)
    }
}
