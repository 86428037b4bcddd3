import Contracts
import Foundation
import HeatmapCore
import IngestCore
import Postgres
import TestSupport
import Testing
import Wire

/// Exactly-once under a crash of either side: Chicago 2017 in a real `ingest serve` process,
/// consumed by a real `heatmap serve` process; the ingest process is SIGKILLed mid-stream and
/// restarted, then the heatmap process is, and once caught up every row of every rollup table
/// must equal a recount of the raw file (``RollupRecount``), and Check must find no difference.
@Suite("Heatmap exactly once under SIGKILL of ingest or heatmap", .serialized, .timeLimit(.minutes(10)))
struct HeatmapKillTests {
    static let file = "chicago-crimes/chicago_crimes_2017.csv.xz"

    @Test("kill -9 ingest mid-stream, then heatmap; every rollup row equals the raw-file recount")
    func killEitherService() async throws {
        let database = try await TestDatabase.create(label: "heatmap-kill")
        let folder = try TemporaryDirectory(prefix: "cs-hmk")
        let pool = database.pool(size: 2)
        defer { folder.remove() }
        do {
            try await run(database: database, pool: pool, folder: folder)
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        try await database.drop()
    }

    private func run(database: TestDatabase, pool: PostgresPool, folder: TemporaryDirectory) async throws {
        let incidentsTask = Task { try await ChicagoIncidents.load(Self.file) }
        // Load with ingest's own loader (in process), then serve the outbox from the real executable.
        let loader = try await IngestTestServer.start(database: database, pool: pool, folder: folder)
        let outcome = try await loader.load(Self.file, city: "chicago", format: .chicagoCSV)
        await loader.stop()
        #expect(outcome.succeeded, "\(outcome.error ?? "")")
        let last = try await pool.query("SELECT max(position) FROM ingest.outbox").scalar(Int64.self)
        let ingestSocket = folder.path("ingest.sock"), heatmapSocket = folder.path("heatmap.sock")
        let ingestArguments = ["serve", "--listen", "unix://\(ingestSocket)", "--database-url", database.url]
        let heatmapArguments = ["serve", "--listen", "unix://\(heatmapSocket)", "--database-url", database.url,
                                "--ingest-endpoint", "unix://\(ingestSocket)"]
        let logs = try (1...4).map { index -> URL in
            let url = folder.url.appendingPathComponent("logs-\(index)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        let store = HeatmapStore(pool: pool)

        // 1. ingest dies while the heatmap is consuming; the heatmap retries until it is back.
        let ingest = try ServiceProcess("ingest", arguments: ingestArguments, logDirectory: logs[0])
        let heatmap = try ServiceProcess("heatmap", arguments: heatmapArguments, logDirectory: logs[1])
        let beforeIngestKill = try await ConsumerPositionWait.until(store) { $0 > 0 }
        await ingest.kill9()
        try await Task.sleep(for: .milliseconds(500))
        let whileIngestDown = try await store.position()
        #expect(beforeIngestKill > 0 && whileIngestDown < last, "ingest killed at \(beforeIngestKill)/\(last)")
        let restartedIngest = try ServiceProcess("ingest", arguments: ingestArguments, logDirectory: logs[2])

        // 2. The heatmap dies mid-stream once it has resumed.
        let beforeHeatmapKill = try await ConsumerPositionWait.until(store) { $0 > whileIngestDown }
        await heatmap.kill9()
        #expect(beforeHeatmapKill > whileIngestDown && beforeHeatmapKill < last,
                "heatmap killed at \(beforeHeatmapKill)/\(last); log:\n\(heatmap.log())")
        print("ingest SIGKILLed at consumer position \(beforeIngestKill) (\(whileIngestDown) after), "
              + "heatmap SIGKILLed at \(beforeHeatmapKill), of \(last)")
        let restartedHeatmap = try ServiceProcess("heatmap", arguments: heatmapArguments, logDirectory: logs[3])
        let caughtUp = try await ConsumerPositionWait.until(store) { $0 == last }
        #expect(caughtUp == last, "log:\n\(restartedHeatmap.log())")

        // 3. Every rollup row against the raw file; Check through both services.
        let expected = RollupRecount.expected(try await incidentsTask.value, city: "chicago")
        expected.expectEqual(to: try await RollupRecount.stored(pool, city: "chicago"))
        let client = RPCClient(endpoint: .unix(path: heatmapSocket))
        let check = try await client.call(Methods.Heatmap.check, CheckRequest(city: "chicago", range: HeatmapChicagoTests.year2017))
        #expect(check.consistent && check.appliedOutboxPosition == last, "\(check.differences.prefix(5))")
        let theft = try await client.call(Methods.Heatmap.getWindowHeatmap,
                                          WindowHeatmapRequest(city: "chicago", lastHours: 8_760, referenceLocalSeconds: 1_514_764_800,
                                                               primaryType: "THEFT"))
        #expect(theft.total?.incidents == 64_334, "the restarted heatmap's in-memory weekly buckets count all of 2017's thefts")
        await client.close()
        #expect(await restartedHeatmap.terminate() == 0, "graceful stop; log:\n\(restartedHeatmap.log())")
        #expect(await restartedIngest.terminate() == 0)
    }
}
