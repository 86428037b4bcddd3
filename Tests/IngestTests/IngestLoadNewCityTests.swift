import Contracts
import Foundation
@testable import IngestCore
import Logging
import Postgres
import ServiceKit
import Synchronization
import TestSupport
import Testing

/// A city added file by file to a database that already holds another city: the stored-version
/// lookup keeps probing the key index however stale the statistics are, the statistics follow
/// the city's growth, and a run blocked behind another run of its city says so.
@Suite("Loading a new city file by file", .serialized, .timeLimit(.minutes(10)))
struct IngestLoadNewCityTests {
    static let westYorkshire = [
        "uk-police-west-yorkshire/2016-07-west-yorkshire-street.csv.xz",
        "uk-police-west-yorkshire/2017-07-west-yorkshire-street.csv.xz",
        "uk-police-west-yorkshire/2018-07-west-yorkshire-street.csv.xz",
    ]

    /// The plans a load's lookups reported.
    final class PlanLog: Sendable {
        private let plans = Mutex<[String]>([])
        func append(_ plan: String) { plans.withLock { $0.append(plan) } }
        var all: [String] { plans.withLock { $0 } }
    }

    static func request(_ file: String, batchRows: Int = 10_000) throws -> LoadRequest {
        guard let city = IngestCity(slug: "uk-west-yorkshire") else { throw SharedData.Missing(description: "city") }
        return LoadRequest(city: city, format: .policeUKCSV, input: .file(path: try SharedData.url(file).path),
                           batchRows: batchRows)
    }

    /// The planner's estimate of a city's keys (one per incident).
    static func estimatedRows(_ db: IngestTestDatabase, city: String) async throws -> Int {
        let plan = try await db.pool.query("EXPLAIN SELECT 1 FROM ingest.incident_keys WHERE city = $1", [city])
        let line = try plan.first.map { try $0.decode(String.self, at: 0) } ?? ""
        return CityStatistics.estimatedRows(planLine: line).map(Int.init) ?? -1
    }

    @Test("with statistics taken before the city existed, every batch's lookup probes the (city, source_key) key index, then the id of one partition")
    func lookupUsesTheKeyIndex() async throws {
        try await IngestTestDatabase.with(label: "newcity-plan") { db in
            #expect(try await db.load("nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz", city: "nyc",
                                      format: .nypdArrestsCSV).succeeded)
            // Statistics that know only NYC, kept stale for the whole test.
            try await db.pool.execute("ALTER TABLE ingest.incident_keys SET (autovacuum_enabled = false); ANALYZE ingest.incident_keys")
            let plans = PlanLog()
            for (index, file) in Self.westYorkshire.enumerated() {
                var request = try Self.request(file)
                request.refreshStatistics = false
                request.lookupPlanObserver = { plans.append($0) }
                let outcome = try await db.loader.load(request)
                #expect(outcome.succeeded, "\(file): \(outcome.error ?? "")")
                if index == 1 {
                    // The situation that made the second file 145 times slower: the planner still
                    // believes the city (now 27,176 rows) has almost none.
                    #expect(try await Self.estimatedRows(db, city: "uk-west-yorkshire") < 100)
                }
            }
            let batches = try await db.scalar("SELECT sum(batches)::int FROM ingest.etl_runs WHERE city = 'uk-west-yorkshire'")
            #expect(batches == 10, "27,176 + 28,537 + 31,635 rows in batches of 10,000")
            #expect(plans.all.count == batches)
            for plan in plans.all {
                #expect(plan.contains("Index Scan using incident_keys_city_source_key on incident_keys"), "\(plan)")
                // The partition's probe binds the id (police.uk rows of a month all share one
                // `occurred`: a probe by occurred alone would read the whole month).
                #expect(plan.contains("Index Scan using incidents_uk_west_yorkshire_"), "\(plan)")
                #expect(plan.split(separator: "\n").contains { $0.contains("Index Cond:") && $0.contains("id = key.id)") }, "\(plan)")
                #expect(!plan.contains("Seq Scan on incident"), "\(plan)")
            }
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE city = 'uk-west-yorkshire'") == 87_348)
        }
    }

    @Test("the statistics follow a new city's growth: once each file's load has settled, the planner's estimate is within 2x of the rows")
    func statisticsFollowTheCity() async throws {
        try await IngestTestDatabase.with(label: "newcity-stats") { db in
            #expect(try await db.load("nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz", city: "nyc",
                                      format: .nypdArrestsCSV).succeeded)
            try await db.pool.execute("ALTER TABLE ingest.incident_keys SET (autovacuum_enabled = false); ANALYZE ingest.incident_keys")
            var stored = 0
            for file in Self.westYorkshire {
                let job = try await db.loader.start(try Self.request(file, batchRows: LoadRequest.defaultBatchRows))
                #expect(await job.wait().succeeded)
                await job.waitUntilSettled()
                stored = try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE city = 'uk-west-yorkshire'")
                let estimate = try await Self.estimatedRows(db, city: "uk-west-yorkshire")
                #expect(estimate * 2 >= stored && estimate <= stored * 2, "\(file): estimate \(estimate) for \(stored) rows")
            }
            #expect(stored == 87_348)
        }
    }

    @Test("a run blocked behind another holder of its city's lock is 'waiting' for that run, then succeeds")
    func waitingRunNamesTheRunItWaitsFor() async throws {
        try await IngestTestDatabase.with(label: "newcity-wait") { db in
            // Another loader of the city, mid-batch: it holds the city's lock and its run's liveness lock.
            let holder = try PostgresConnection.connect(to: db.database.url)
            defer { holder.close() }
            let heldRun: Int64 = 424_242
            try holder.query("SELECT pg_advisory_lock(hashtext('crimescope.ingest.city:' || $1))", ["uk-west-yorkshire"])
            try holder.query("SELECT pg_advisory_lock($1::int, $2::int)", [0x4947_5354, heldRun])

            let job = try await db.loader.start(try Self.request(Self.westYorkshire[0]))
            let store = IngestStore(pool: db.pool)
            // The run's status is stored state with no event: read it until the run waits.
            let run = try await waitForState("run \(job.runID) to be waiting", every: .milliseconds(20)) {
                let run = try await store.run(id: job.runID)
                return run?.status == .waiting ? run : nil
            }
            #expect(run.status == .waiting)
            #expect(run.waitingForRunID == heldRun)
            #expect(run.counts?.read == 0)

            try holder.query("SELECT pg_advisory_unlock_all()")
            let outcome = await job.wait()
            #expect(outcome.succeeded, "\(outcome.error ?? "")")
            let ended = try await store.run(id: job.runID)
            #expect(ended?.status == .succeeded)
            #expect(ended?.waitingForRunID == 0)
            #expect(ended?.counts?.read == 27_176)
        }
    }
}

/// The ingest service's sweeper marks the run of a loader that died as failed without anyone
/// reading the runs: a `running` row whose liveness lock nobody holds.
@Suite("Abandoned runs", .serialized, .timeLimit(.minutes(10)))
struct AbandonedRunSweeperTests {
    @Test("a running run without a live loader is marked failed by the sweeper alone, whatever another database's runs hold")
    func sweeperMarksDeadLoads() async throws {
        try await IngestTestDatabase.with(label: "sweeper") { db in
            try await db.pool.query("""
                INSERT INTO ingest.etl_runs (run_id, city, format, source) VALUES (7, 'nyc', 'nypd-arrests-csv', 'gone.csv')
                """)
            // Run 7 of another database on the same server is alive: its lock must not keep this one's run 7 alive.
            let otherDatabase = try PostgresConnection.connect(to: try #require(ProcessInfo.processInfo.environment["CRIMESCOPE_TEST_DATABASE_URL"]))
            defer { otherDatabase.close() }
            try otherDatabase.query("SELECT pg_advisory_lock($1::int, $2::int)", [0x4947_5354, 7])
            let sweeper = AbandonedRunSweeper(store: IngestStore(pool: db.pool), interval: .milliseconds(20),
                                              logger: Logger(label: "sweeper-test"))
            let task = Task { try await sweeper.run() }
            // The sweeper's work is only visible in the table: read the run until it is marked.
            let status = try await waitForState("the sweeper to mark run 7 failed", every: .milliseconds(20)) {
                let status = try await db.pool.query("SELECT status FROM ingest.etl_runs WHERE run_id = 7").scalar(String.self)
                return status == "failed" ? status : nil
            }
            task.cancel()
            _ = try? await task.value
            #expect(status == "failed")
            let error = try await db.pool.query("SELECT error FROM ingest.etl_runs WHERE run_id = 7").scalar(String.self)
            #expect(error.hasPrefix("abandoned"))
        }
    }
}
