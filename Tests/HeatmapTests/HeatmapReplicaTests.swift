import Contracts
import Foundation
@testable import HeatmapCore
@testable import IngestCore
import Postgres
import TestSupport
import Testing
@testable import Wire

/// Two real `heatmap serve` processes on one database, fed by one ingest outbox (West Yorkshire
/// months, one outbox entry per partition so that acknowledgements drop partitions):
/// - only the leader writes snapshots, and it acknowledges the outbox (partitions are dropped);
/// - a follower asked for "at least P" answers at P or later, and OUT_OF_RANGE for a P ingest never reached;
/// - the leader paused (SIGSTOP) in the middle of a snapshot is replaced, and once resumed it
///   writes nothing (its lease is gone and the fence holds the new epoch);
/// - the leader killed (SIGKILL) is replaced, and the new leader writes the next snapshot.
@Suite("Heatmap replicas: one fenced writer, reads at least P", .serialized, .timeLimit(.minutes(10)))
struct HeatmapReplicaTests {
    static let months = ["2016-07", "2017-07", "2018-07"].map { "uk-police-west-yorkshire/\($0)-west-yorkshire-street.csv.xz" }
    static let city = "uk-west-yorkshire"

    @Test("leader writes, follower serves at least P; SIGSTOP and SIGKILL of the leader hand over, and the old leader is fenced")
    func replicasAgree() async throws {
        try await IngestTestServer.withServer(label: "heatmap-replicas", folderPrefix: "cs-hmr", poolSize: 3) {
            try await run(database: $0, pool: $1, folder: $2, ingest: $3)
        }
    }

    @Test("a snapshot under an epoch that was taken over is refused and stores nothing")
    func fencedSnapshot() async throws {
        try await TestDatabase.withDatabase(label: "heatmap-fence") { database in
            let pool = database.pool(size: 2)
            let migrations = try Migration.load(directory: HeatmapBackend.migrationsDirectory)
            _ = try await Migrator(schema: "heatmap", migrations: migrations, logger: IngestTestServer.logger).migrate(pool)
            let store = HeatmapStore(pool: pool)
            let old = try #require(try await store.acquireLease(holder: "old", lease: .milliseconds(1)))
            try await store.saveSnapshot(position: 5, epoch: old, cities: [("x", [1, 2, 3])])
            #expect(try await store.acquireLease(holder: "other", lease: .seconds(60)) == old + 1, "the expired lease is taken over")
            #expect(try await store.acquireLease(holder: "third", lease: .seconds(60)) == nil, "a running lease is not")
            await #expect(throws: SnapshotFenced.self) {
                try await store.saveSnapshot(position: 9, epoch: old, cities: [("x", [4, 5, 6])])
            }
            #expect(try await store.renewLease(epoch: old, holder: "old", lease: .seconds(60)) == false)
            // A renewal that arrives after a release (a graceful stop racing the renewal loop) does
            // not revive the lease.
            try await store.releaseLease(epoch: old + 1, holder: "other")
            #expect(try await store.renewLease(epoch: old + 1, holder: "other", lease: .seconds(60)) == false)
            #expect(try await store.leaderLease().running == false)
            #expect(try await store.position() == 5, "the fenced snapshot stored nothing")
            let stored = try await pool.query("SELECT position FROM heatmap.index_snapshot").map { try $0.decode(Int64.self, at: 0) }
            #expect(stored == [5])
            await pool.shutdown()
        }
    }

    private func run(database: TestDatabase, pool: PostgresPool, folder: TemporaryDirectory, ingest: IngestTestServer) async throws {
        try await pool.query("UPDATE ingest.outbox_layout SET entries_per_partition = 1")
        let store = HeatmapStore(pool: pool)
        let first = try await ingest.load(Self.months[0], city: Self.city, format: .policeUKCSV)
        #expect(first.succeeded, "\(first.error ?? "")")
        let last1 = try await Self.lastPosition(pool)

        let sockets = ["a", "b"].map { folder.path("heatmap-\($0).sock") }
        let arguments = sockets.map { socket in
            ["serve", "--listen", "unix://\(socket)", "--database-url", database.url, "--ingest-endpoint", ingest.endpoint.description,
             "--log-level", "debug", "--snapshot-quiet-ms", "100", "--snapshot-max-age-ms", "200", "--write-token", IngestTestServer.writeToken]
        }
        let logs = try (0..<2).map { index -> URL in
            let url = folder.url.appendingPathComponent("logs-\(index)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        let clients = sockets.map { RPCClient(endpoint: .unix(path: $0)) }
        defer { for client in clients { Task { await client.close() } } }

        // 1. A starts alone and leads; B starts once A leads, and follows.
        let a = try ServiceProcess("heatmap", arguments: arguments[0], logDirectory: logs[0])
        #expect(try await LogWait.untilLine(a, containing: "became heatmap leader"), "log:\n\(a.log().suffix(3_000))")
        let b = try ServiceProcess("heatmap", arguments: arguments[1], logDirectory: logs[1])
        #expect(try await ConsumerPositionWait.until(store) { $0 == last1 } == last1)
        _ = try await LogWait.untilApplied(b) { $0 == last1 }
        #expect(try await Self.role(clients[0]) == "leader")
        #expect(try await Self.role(clients[1]) == "follower")
        #expect(a.log().contains("index snapshot written") && !b.log().contains("writing index snapshot"),
                "only the leader writes; B:\n\(b.log().suffix(2_000))")

        // 2. The leader acknowledges its snapshot: ingest drops the outbox partitions before it.
        let dropped = try await Self.until(pool, "SELECT dropped_through FROM ingest.outbox_retention") { $0 == last1 }
        let acknowledged = try await pool.query("SELECT consumer, acknowledged_position FROM ingest.outbox_consumers")
            .map { (try $0.decode(String.self, at: 0), try $0.decode(Int64.self, at: 1)) }
        #expect(dropped == last1 && acknowledged.count == 1 && acknowledged.first?.0 == "heatmap" && acknowledged.first?.1 == last1,
                "dropped through \(dropped), acknowledged \(acknowledged)")

        // 3. The follower, asked for at least the position a new load reached, answers from there;
        //    a position no load reached is OUT_OF_RANGE as soon as a pull finds nothing up to it.
        let blocker = try database.connect()
        try blocker.execute("BEGIN")
        try blocker.query("SELECT position FROM heatmap.consumer_state FOR UPDATE")
        let second = try await ingest.load(Self.months[1], city: Self.city, format: .policeUKCSV)
        #expect(second.succeeded, "\(second.error ?? "")")
        let last2 = try await Self.lastPosition(pool)
        // The run says which outbox position it reached: the position a client asks for.
        let runID = try await pool.query("SELECT max(run_id) FROM ingest.etl_runs").scalar(Int64.self)
        let run = try #require(try await IngestStore(pool: pool).run(id: runID))
        #expect(run.outboxPosition == last2, "the run reports its newest outbox position")
        let request = BeatHeatmapRequest(city: Self.city, minPosition: run.outboxPosition)
        // A replica that cannot get there within its wait answers UNAVAILABLE (on a busy machine
        // the pull itself may take longer): asked again, as a client would, it never answers older.
        let atLeast = try await Self.untilAvailable(b) { try await clients[1].call(Methods.Heatmap.getBeatHeatmap, request) }
        let recount2 = try await Self.recount(pool)
        #expect(atLeast.position >= last2 && atLeast.total?.incidents == recount2,
                "follower at \(atLeast.position) for min \(last2): \(atLeast.total?.incidents ?? -1) of \(recount2)")
        let tooFar = BeatHeatmapRequest(city: Self.city, minPosition: last2 + 1_000)
        do {
            _ = try await Self.untilAvailable(b) { try await clients[1].call(Methods.Heatmap.getBeatHeatmap, tooFar) }
            Issue.record("a position no load reached was answered")
        } catch let error as RPCError {
            #expect(error.code == .outOfRange && error.message.contains("past the newest outbox position"), "\(error)")
        }

        // 4. A's snapshot of the second month waits on the row the test holds; A is paused there,
        //    the row released: A's transaction now sits idle holding the fence until the server ends
        //    it, B takes the expired lease over and writes the snapshot A could not commit.
        #expect(try await Self.untilSnapshotWaitsOnLock(pool), "A's snapshot never reached the consumer row")
        a.send(SIGSTOP)
        try blocker.execute("ROLLBACK")
        blocker.close()
        let pausedAt = ContinuousClock.now
        #expect(try await LogWait.untilLine(b, containing: "became heatmap leader"), "B:\n\(b.log().suffix(3_000))")
        print("B took over \(ContinuousClock.now - pausedAt) after the leader was paused mid-snapshot")
        #expect(try await ConsumerPositionWait.until(store) { $0 == last2 } == last2)
        #expect(try await Self.role(clients[1]) == "leader")

        // 5. A resumes: it finds its lease taken over and follows; it writes nothing.
        let writtenByA = Self.count("index snapshot written", in: a)
        a.send(SIGCONT)
        #expect(try await LogWait.untilLine(a, containing: "; following"), "A:\n\(a.log().suffix(3_000))")
        #expect(try await Self.role(clients[0]) == "follower")
        let lease = try await store.leaderLease()
        #expect(lease.epoch == 2 && lease.running, "B holds epoch 2: \(lease)")

        // 6. B is killed: A takes over and writes the third month's snapshot.
        let killedAt = ContinuousClock.now
        await b.kill9()
        #expect(try await Self.untilCount("became heatmap leader", in: a, reaches: 2), "A:\n\(a.log().suffix(3_000))")
        print("A took over \(ContinuousClock.now - killedAt) after the leader was SIGKILLed")
        let third = try await ingest.load(Self.months[2], city: Self.city, format: .policeUKCSV)
        #expect(third.succeeded, "\(third.error ?? "")")
        let last3 = try await Self.lastPosition(pool)
        #expect(try await ConsumerPositionWait.until(store) { $0 == last3 } == last3)
        #expect(Self.count("index snapshot written", in: a) > writtenByA)
        let final = try await clients[0].call(Methods.Heatmap.getBeatHeatmap, BeatHeatmapRequest(city: Self.city, minPosition: last3))
        let recount3 = try await Self.recount(pool)
        #expect(final.position >= last3 && final.total?.incidents == recount3)
        let droppedAtEnd = try await Self.until(pool, "SELECT dropped_through FROM ingest.outbox_retention") { $0 == last3 }
        #expect(droppedAtEnd == last3, "the new leader acknowledges too")
        #expect(await a.terminate() == 0, "graceful stop; A:\n\(a.log().suffix(3_000))")
        #expect(try await store.leaderLease().running == false, "a graceful stop releases the lease")
    }

    /// The first answer of `call` that is not UNAVAILABLE (other errors are thrown); fails when the
    /// answering `process` exits first.
    private static func untilAvailable<T: Sendable>(_ process: ServiceProcess, _ call: () async throws -> T) async throws -> T {
        try await waitForState("an answer that is not UNAVAILABLE", while: process) { () async throws -> T? in
            do {
                return try await call()
            } catch let error as RPCError where error.code == .unavailable {
                return nil
            }
        }
    }

    private static func lastPosition(_ pool: PostgresPool) async throws -> Int64 {
        try await pool.query("SELECT last_value FROM ingest.outbox_position_seq").scalar(Int64.self)
    }

    private static func recount(_ pool: PostgresPool) async throws -> Int64 {
        try await pool.query("SELECT count(*) FROM ingest.incidents WHERE city = $1", [city]).scalar(Int64.self)
    }

    private static func role(_ client: RPCClient) async throws -> String {
        try await client.call(Methods.Health.check, HealthCheckRequest()).role
    }

    private static func count(_ text: String, in process: ServiceProcess) -> Int {
        process.log().components(separatedBy: text).count - 1
    }

    private static func untilCount(_ text: String, in process: ServiceProcess, reaches count: Int) async throws -> Bool {
        try await waitForState("\(count) log lines '\(text)'", while: process, every: .milliseconds(10)) {
            Self.count(text, in: process) >= count ? true : nil
        }
    }

    /// The first value of `sql` for which `condition` holds, or the last one read at the hang guard
    /// (nothing announces these states: they are polled, bounded only by ``HangGuard/limit``).
    private static func until(_ pool: PostgresPool, _ sql: String, _ condition: (Int64) -> Bool) async throws -> Int64 {
        let deadline = ContinuousClock.now + HangGuard.limit
        while true {
            let value = try await pool.query(sql).scalar(Int64.self)
            if condition(value) || ContinuousClock.now > deadline { return value }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until a snapshot's position update waits on the row lock the test holds.
    private static func untilSnapshotWaitsOnLock(_ pool: PostgresPool) async throws -> Bool {
        let deadline = ContinuousClock.now + HangGuard.limit
        while ContinuousClock.now < deadline {
            let waiting = try await pool.query("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE heatmap.consumer_state%'
                """).scalar(Int64.self)
            if waiting > 0 { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
