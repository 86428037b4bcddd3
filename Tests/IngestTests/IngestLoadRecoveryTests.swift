import TestSupport
import Foundation
@testable import IngestCore
import Postgres
import Testing

/// A failed, cancelled or killed load leaves a committed prefix of whole batches; running it
/// again ends with exactly what one uninterrupted load gives.
@Suite("Interrupted loads", .serialized, .timeLimit(.minutes(10)))
struct IngestLoadRecoveryTests {
    static let nypd = "nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz"

    /// A fingerprint of the incidents and of the outbox's net effect.
    static func fingerprint(_ db: IngestTestDatabase) async throws -> String {
        let incidents = try await db.pool.query("""
            SELECT md5(string_agg(concat_ws('|', city, source_key, occurred, primary_type, category, arrest, domestic,
                                            area, area_source, area_known, lat, lon, updated_on), ',' ORDER BY city, source_key))
            FROM ingest.incidents
            """).scalar(String.self)
        let net = try await db.pool.query("""
            SELECT md5(string_agg(area || ':' || n, ',' ORDER BY area)) FROM (
                SELECT d.area, sum(d.sign) AS n FROM ingest.outbox o, unnest(o.areas, o.signs) AS d(area, sign) GROUP BY 1
            ) x WHERE n <> 0
            """).scalar(String.self)
        return incidents + "/" + net
    }

    @Test("a source failing part-way: failed run with a committed prefix, rerun completes it")
    func sourceFailsPartWay() async throws {
        let url = try SharedData.url(Self.nypd)
        let reference = try await IngestTestDatabase.with(label: "recovery_ref") { db in
            #expect(try await db.load(Self.nypd, city: "nyc", format: .nypdArrestsCSV).succeeded)
            return try await Self.fingerprint(db)
        }
        try await IngestTestDatabase.with(label: "recovery") { db in
            let city = try #require(IngestCity(slug: "nyc"))
            let failing = LoadInput.custom(name: url.lastPathComponent) { try LoadFailingByteSource(url: url, failAfterBytes: 1_000_000) }
            let broken = try await db.loader.load(LoadRequest(city: city, format: .nypdArrestsCSV, input: failing, batchRows: 3_000))
            #expect(!broken.succeeded)
            #expect(broken.error?.contains("injected read failure") == true)
            let partial = try await db.counts(run: broken.runID)
            let stored = try await db.scalar("SELECT count(*) FROM ingest.incidents")
            #expect(stored > 0 && stored < 19_452)
            #expect(stored % 3_000 == 0, "only whole batches are committed")
            #expect(partial["rows_read"] == stored && partial["inserted"] == stored && partial["succeeded"] == 0)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.source_cursors") == 0, "a failed run does not move the cursor")

            let rerun = try await db.load(Self.nypd, city: "nyc", format: .nypdArrestsCSV)
            #expect(rerun.succeeded)
            let counts = try await db.counts(run: rerun.runID)
            #expect(counts["inserted"] == 19_452 - stored && counts["unchanged"] == stored)
            #expect(try await Self.fingerprint(db) == reference)
        }
    }

    @Test("cancelling a load after its first batch: the batch in progress rolls back")
    func cancelAfterFirstBatch() async throws {
        try await IngestTestDatabase.with(label: "cancel") { db in
            let url = try SharedData.url(Self.nypd)
            let city = try #require(IngestCity(slug: "nyc"))
            let job = try await db.loader.start(LoadRequest(city: city, format: .nypdArrestsCSV, input: .file(path: url.path), batchRows: 2_000))
            // The progress counter has no push API: ask it until the first batch is committed.
            _ = try await waitForState("the load's first committed batch", every: .milliseconds(5)) {
                job.progress.snapshot.batches > 0 ? true : nil
            }
            job.cancel()
            let outcome = await job.wait()
            let stored = try await db.scalar("SELECT count(*) FROM ingest.incidents")
            if outcome.succeeded {
                #expect(stored == 19_452)  // finished before the cancel arrived
            } else {
                #expect(outcome.error?.contains("cancelled") == true)
                #expect(stored % 2_000 == 0 && stored < 19_452)
                #expect(try await db.counts(run: job.runID)["rows_read"] == stored)
            }
            #expect(try await db.load(Self.nypd, city: "nyc", format: .nypdArrestsCSV).succeeded)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents") == 19_452)
            #expect(try await db.outboxMismatches(city: "nyc") == 0)
        }
    }
}
