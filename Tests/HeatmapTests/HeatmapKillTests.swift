import Contracts
import Foundation
@testable import HeatmapCore
@testable import IngestCore
import Postgres
import TestSupport
import Testing
@testable import Wire

/// Exactly-once under a crash of either side: Chicago 2017 in a real `ingest serve` process,
/// consumed by a real `heatmap serve` process (small pulls, frequent snapshots). The ingest
/// process is SIGKILLed mid-stream and restarted; the heatmap is SIGKILLed while applying
/// batches, then again while it writes a snapshot (held mid-write by a row lock the test takes);
/// once caught up, the stored snapshot loaded into a fresh index must equal a recount of the raw
/// file cell by cell (``RollupRecount``), and Check must find no difference.
@Suite("Heatmap exactly once under SIGKILL of ingest or heatmap", .serialized, .timeLimit(.minutes(10)))
struct HeatmapKillTests {
    static let file = "chicago-crimes/chicago_crimes_2017.csv.xz"

    @Test("kill -9 ingest mid-stream, the heatmap mid-apply and mid-snapshot; the stored index equals the raw-file recount")
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
                                "--ingest-endpoint", "unix://\(ingestSocket)", "--log-level", "debug",
                                "--outbox-batch-deltas", "2000", "--snapshot-quiet-ms", "200", "--snapshot-max-age-ms", "300"]
        let logs = try (1...5).map { index -> URL in
            let url = folder.url.appendingPathComponent("logs-\(index)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        let store = HeatmapStore(pool: pool)

        // 1. ingest dies while the heatmap is consuming; the heatmap retries until it is back.
        let ingest = try ServiceProcess("ingest", arguments: ingestArguments, logDirectory: logs[0])
        let heatmap = try ServiceProcess("heatmap", arguments: heatmapArguments, logDirectory: logs[1])
        let beforeIngestKill = try await LogWait.untilApplied(heatmap) { $0 > 0 }
        await ingest.kill9()
        let whileIngestDown = LogWait.appliedPositions(heatmap).last ?? 0
        #expect(beforeIngestKill != nil && whileIngestDown < last, "ingest killed at \(whileIngestDown)/\(last)")
        let restartedIngest = try ServiceProcess("ingest", arguments: ingestArguments, logDirectory: logs[2])

        // 2. The heatmap dies applying batches, once it has resumed and stored a snapshot mid-stream.
        let storedMidStream = try await ConsumerPositionWait.until(store) { $0 > 0 }
        _ = try await LogWait.untilApplied(heatmap) { $0 > max(whileIngestDown, storedMidStream) }
        await heatmap.kill9()
        let killedAt = LogWait.appliedPositions(heatmap).last ?? 0
        let storedAtKill = try await store.position()
        #expect(storedMidStream > 0 && storedAtKill <= killedAt && killedAt < last,
                "heatmap killed at \(killedAt)/\(last), snapshot at \(storedAtKill); log:\n\(heatmap.log().suffix(3_000))")

        // 3. Restarted, it replays from that snapshot; its next snapshot is stopped mid-write (the
        //    test holds the consumer_state row, so the chunks are written and the position update
        //    waits) and the process is killed there.
        let blocker = try database.connect()
        try blocker.execute("BEGIN")
        try blocker.query("SELECT position FROM heatmap.consumer_state FOR UPDATE")
        let replaying = try ServiceProcess("heatmap", arguments: heatmapArguments, logDirectory: logs[3])
        let blocked = try await Self.untilSnapshotWaitsOnLock(pool, while: replaying)
        let replayedTo = LogWait.appliedPositions(replaying).last ?? 0
        await replaying.kill9()
        try blocker.execute("ROLLBACK")
        blocker.close()
        #expect(blocked && replaying.log().contains("writing index snapshot") && !replaying.log().contains("index snapshot written"),
                "log:\n\(replaying.log().suffix(3_000))")
        let storedAfter = try await store.position()
        let otherSnapshots = try await pool.query("SELECT count(*) FROM heatmap.index_snapshot WHERE position <> $1", [storedAtKill])
            .scalar(Int64.self)
        #expect(storedAfter == storedAtKill, "the interrupted snapshot left the stored one in place")
        #expect(otherSnapshots == 0, "nothing of the interrupted snapshot is stored")
        print("ingest SIGKILLed at applied position \(whileIngestDown), heatmap SIGKILLed at \(killedAt) (snapshot at \(storedAtKill)), "
              + "then mid-snapshot at \(replayedTo), of \(last)")

        // 4. Started once more, it replays to the end and stores a snapshot there.
        let restartedHeatmap = try ServiceProcess("heatmap", arguments: heatmapArguments, logDirectory: logs[4])
        let caughtUp = try await ConsumerPositionWait.until(store) { $0 == last }
        #expect(caughtUp == last, "log:\n\(restartedHeatmap.log().suffix(3_000))")

        // 5. The stored snapshot in a fresh index, cell by cell against the raw file; Check and a
        //    window through the running process.
        let expected = RollupRecount.expected(try await incidentsTask.value, city: "chicago")
        let ingestClient = RPCClient(endpoint: .unix(path: ingestSocket))
        let fresh = RollupIndex()
        try await OutboxConsumer(client: ingestClient, store: store, index: fresh, logger: IngestTestServer.logger).prepare()
        #expect(fresh.position == last)
        IndexDump(try #require(fresh.city("chicago"))).expectEqual(to: expected)
        await ingestClient.close()
        let client = RPCClient(endpoint: .unix(path: heatmapSocket))
        let check = try await client.call(Methods.Heatmap.check, CheckRequest(city: "chicago", range: HeatmapChicagoTests.year2017))
        #expect(check.consistent && check.appliedOutboxPosition == last, "\(check.differences.prefix(5))")
        let theft = try await client.call(Methods.Heatmap.getWindowHeatmap,
                                          WindowHeatmapRequest(city: "chicago", lastHours: 8_760, referenceLocalSeconds: 1_514_764_800,
                                                               primaryType: "THEFT"))
        #expect(theft.total?.incidents == 64_334, "the restarted heatmap's weekly buckets count all of 2017's thefts")
        await client.close()
        #expect(await restartedHeatmap.terminate() == 0, "graceful stop; log:\n\(restartedHeatmap.log().suffix(3_000))")
        #expect(await restartedIngest.terminate() == 0)
    }

    /// Waits until a snapshot's position update waits on the row lock the test holds (read from
    /// pg_stat_activity: PostgreSQL announces no lock wait); throws if `process` exits first.
    private static func untilSnapshotWaitsOnLock(_ pool: PostgresPool, while process: ServiceProcess) async throws -> Bool {
        try await waitForState("a snapshot waiting on the consumer_state row lock", while: process, every: .milliseconds(10)) {
            let waiting = try await pool.query("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE heatmap.consumer_state%'
                """).scalar(Int64.self)
            return waiting > 0 ? true : nil
        }
    }
}
