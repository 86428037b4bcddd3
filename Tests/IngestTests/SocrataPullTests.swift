import TestSupport
import Foundation
@testable import IngestCore
import Postgres
import Testing

/// Live Socrata pulls against a local stand-in SODA server serving the real 1,000-row sample.
@Suite("Socrata pull", .serialized, .timeLimit(.minutes(10)))
struct SocrataPullTests {
    static let sample = "chicago-crimes/samples/socrata_json_2017-04-13_to_14.json.gz"
    static let source = "socrata:ijzp-q8t2"
    /// Fast retries so the fault tests take milliseconds.
    static let quickRetry = SocrataRetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50),
                                               maxRetryAfter: .seconds(1))

    static func request(_ endpoint: URL, batchRows: Int = LoadRequest.defaultBatchRows) throws -> SocrataPullRequest {
        let city = try #require(IngestCity(slug: "chicago"))
        return SocrataPullRequest(city: city, baseURL: endpoint, pageSize: 150, concurrency: 3, retry: quickRetry,
                                  requestTimeout: 10, batchRows: batchRows)
    }

    /// The incidents and outbox fingerprint of loading the sample file itself.
    static func reference() async throws -> String {
        try await IngestTestDatabase.with(label: "pull_ref") { db in
            #expect(try await db.load(sample, city: "chicago", format: .chicagoSocrataJSON).succeeded)
            return try await IngestLoadRecoveryTests.fingerprint(db)
        }
    }

    static func expectEveryRequestPaged(_ standIn: SocrataPullStandIn) {
        let queries = standIn.queries
        #expect(!queries.isEmpty)
        #expect(queries.allSatisfy { $0["$limit"] == "150" && $0["$order"] == ":id" && $0["$offset"] != nil },
                "every request carries $limit, $offset and $order=:id")
    }

    @Test("1,000 rows in pages of 150, 3 in flight: the sample's rows and counts; a second pull takes nothing")
    func pullAndRepull() async throws {
        let reference = try await Self.reference()
        let standIn = try SocrataPullStandIn(sample: SharedData.url(Self.sample))
        let newest = try #require(standIn.rows.map(\.cursorValue).max())
        try await IngestTestDatabase.with(label: "pull") { db in
            let puller = SocrataPuller(loader: db.loader)
            try await standIn.serve { endpoint in
                let first = try await puller.pull(Self.request(endpoint))
                #expect(first.succeeded, "\(first.error ?? "")")
                #expect(try await IngestLoadRecoveryTests.fingerprint(db) == reference)
                #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents") == 1_000)
                #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE lat IS NULL AND lon IS NULL") == 37)
                let counts = try await db.counts(run: first.runID)
                #expect(counts["rows_read"] == 1_000 && counts["inserted"] == 1_000 && counts["updated"] == 0)
                #expect(counts["unchanged"] == 0 && counts["rejected"] == 0 && counts["succeeded"] == 1)
                #expect(try await db.outboxMismatches(city: "chicago") == 0)
                let run = try await db.pool.query("SELECT source, format, cursor_after FROM ingest.etl_runs WHERE run_id = $1", [first.runID])
                let row = try #require(run.first)
                #expect(try row.decode(String.self, column: "source") == Self.source)
                #expect(try row.decode(String.self, column: "format") == "chicago-socrata-json")
                #expect(try row.decode(String.self, column: "cursor_after") == "updated_on >= \(newest)")
                let offsets = Set(standIn.queries.compactMap { $0["$offset"].flatMap(Int.init) })
                #expect(Set(stride(from: 0, through: 900, by: 150)).isSubset(of: offsets))
                #expect(standIn.queries.allSatisfy { $0["$where"] == nil }, "the first pull has no cursor")
                Self.expectEveryRequestPaged(standIn)

                standIn.clearQueries()
                let second = try await puller.pull(Self.request(endpoint))
                #expect(second.succeeded, "\(second.error ?? "")")
                let again = try await db.counts(run: second.runID)
                #expect(again["rows_read"] == 0 && again["inserted"] == 0 && again["succeeded"] == 1)
                #expect(standIn.queries.allSatisfy { $0["$where"] == "updated_on > '\(newest)'" })
                #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents") == 1_000)
                #expect(try await IngestLoadRecoveryTests.fingerprint(db) == reference)
                Self.expectEveryRequestPaged(standIn)
            }
        }
    }

    @Test("503s and a 429 with Retry-After: 0 on the first attempts of pages: same result as a clean pull")
    func transientFailures() async throws {
        let reference = try await Self.reference()
        let standIn = try SocrataPullStandIn(sample: SharedData.url(Self.sample))
        standIn.fail(offset: 0, with: [.status(503)])
        standIn.fail(offset: 150, with: [.status(503), .status(503)])
        standIn.fail(offset: 450, with: [.tooManyRequests(retryAfterSeconds: 0)])
        standIn.fail(offset: 900, with: [.status(502), .status(503), .status(504)])
        try await IngestTestDatabase.with(label: "pull_retry") { db in
            try await standIn.serve { endpoint in
                let outcome = try await SocrataPuller(loader: db.loader).pull(Self.request(endpoint))
                #expect(outcome.succeeded, "\(outcome.error ?? "")")
                #expect(standIn.faultsServed == 7)
                let counts = try await db.counts(run: outcome.runID)
                #expect(counts["rows_read"] == 1_000 && counts["inserted"] == 1_000 && counts["rejected"] == 0)
                #expect(try await IngestLoadRecoveryTests.fingerprint(db) == reference)
                #expect(try await db.outboxMismatches(city: "chicago") == 0)
                Self.expectEveryRequestPaged(standIn)
            }
        }
    }

    @Test("a persistent 500: the run fails with a clear error, only whole batches stay, the cursor stays; a rerun completes it")
    func persistentFailure() async throws {
        let reference = try await Self.reference()
        let standIn = try SocrataPullStandIn(sample: SharedData.url(Self.sample))
        standIn.failAlways(offset: 600, status: 500)
        try await IngestTestDatabase.with(label: "pull_fail") { db in
            try await standIn.serve { endpoint in
                let puller = SocrataPuller(loader: db.loader)
                let failed = try await puller.pull(Self.request(endpoint, batchRows: 400))
                #expect(!failed.succeeded)
                let error = failed.error ?? ""
                #expect(error.contains("HTTP 500") && error.contains("after 4 attempts") && error.contains("$offset=600"), "\(error)")
                #expect(standIn.queries.filter { $0["$offset"] == "600" }.count == 4)
                let stored = try await db.scalar("SELECT count(*) FROM ingest.incidents")
                #expect(stored == 400, "rows 0…399 form the only batch completed before the failing page")
                let counts = try await db.counts(run: failed.runID)
                #expect(counts["rows_read"] == stored && counts["inserted"] == stored && counts["succeeded"] == 0)
                #expect(try await db.scalar("SELECT count(*) FROM ingest.source_cursors") == 0, "a failed run does not move the cursor")
                #expect(try await db.scalar("SELECT count(*) FROM ingest.outbox") > 0)
                #expect(try await db.outboxMismatches(city: "chicago") == 0)

                standIn.failAlways(offset: 600, status: nil)
                let rerun = try await puller.pull(Self.request(endpoint, batchRows: 400))
                #expect(rerun.succeeded, "\(rerun.error ?? "")")
                let again = try await db.counts(run: rerun.runID)
                #expect(again["inserted"] == 1_000 - stored && again["unchanged"] == stored)
                #expect(try await IngestLoadRecoveryTests.fingerprint(db) == reference)
                Self.expectEveryRequestPaged(standIn)
            }
        }
    }

    @Test("a 404 is not retried and names the URL")
    func notFound() async throws {
        let standIn = try SocrataPullStandIn(sample: SharedData.url(Self.sample))
        try await IngestTestDatabase.with(label: "pull_404") { db in
            try await standIn.serve { endpoint in
                let wrong = endpoint.deletingLastPathComponent().appendingPathComponent("nope.json")
                let outcome = try await SocrataPuller(loader: db.loader).pull(Self.request(wrong))
                #expect(!outcome.succeeded)
                #expect(outcome.error?.contains("HTTP 404, not retried") == true, "\(outcome.error ?? "")")
                #expect(outcome.error?.contains("nope.json") == true)
                #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents") == 0)
            }
        }
    }

    @Test("bad settings, a city without a dataset, a dataset of another city: INVALID_ARGUMENT; no run is recorded")
    func refusals() async throws {
        try await IngestTestDatabase.with(label: "pull_refuse") { db in
            let puller = SocrataPuller(loader: db.loader)
            let nyc = try #require(IngestCity(slug: "nyc"))
            let chicago = try #require(IngestCity(slug: "chicago"))
            let london = try #require(IngestCity(slug: "uk-metropolitan"))
            for bad in [SocrataPullRequest(city: chicago, pageSize: 0), SocrataPullRequest(city: chicago, concurrency: 99),
                        SocrataPullRequest(city: chicago, baseURL: URL(fileURLWithPath: "/tmp/x.json")),
                        SocrataPullRequest(city: london), SocrataPullRequest(city: nyc, datasetID: "ijzp-q8t2")] {
                do {
                    _ = try await puller.start(bad)
                    Issue.record("accepted \(bad)")
                } catch let error as IngestError {
                    guard case .invalidArgument = error else { Issue.record("expected INVALID_ARGUMENT, got \(error)"); continue }
                }
            }
            #expect(try await db.scalar("SELECT count(*) FROM ingest.etl_runs") == 0)
        }
    }
}
