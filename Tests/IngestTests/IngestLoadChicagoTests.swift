import Foundation
@testable import IngestCore
import Testing

@Suite("Loading Chicago into the ingest store", .serialized, .timeLimit(.minutes(10)))
struct IngestLoadChicagoTests {
    @Test("2017: SOURCES.md counts, run counts add up, outbox nets out, a second load is a no-op")
    func year2017() async throws {
        try await IngestTestDatabase.with(label: "load2017") { db in
            let beats = try await db.load("chicago-police-beats/police_beats_current.geojson.gz", city: "chicago", format: .areasGeoJSON)
            #expect(beats.succeeded, "\(beats.error ?? "")")
            #expect(try await db.scalar("SELECT count(*) FROM ingest.areas WHERE city = 'chicago'") == 275)

            let started = ContinuousClock.now
            let first = try await db.load("chicago-crimes/chicago_crimes_2017.csv.xz", city: "chicago", format: .chicagoCSV)
            let elapsed = ContinuousClock.now - started
            print("2017 load: \(elapsed)")
            #expect(first.succeeded, "\(first.error ?? "")")
            let counts = try await db.counts(run: first.runID)
            #expect(counts["rows_read"] == 267_792 && counts["inserted"] == 267_792 && counts["rejected"] == 0)
            #expect(counts["updated"] == 0 && counts["unchanged"] == 0 && counts["succeeded"] == 1)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE city = 'chicago'") == 267_792)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE arrest") == 52_231)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE domestic") == 42_575)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE primary_type = 'THEFT'") == 64_334)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE primary_type = 'BATTERY'") == 49_212)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE lat IS NULL") == 2_797)
            #expect(try await db.scalar("SELECT count(DISTINCT area) FROM ingest.incidents") == 274)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE area = '1834'") == 3_153)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE area_source <> 'reported' OR NOT area_known") == 0)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE occurred < '2017-01-01' OR occurred >= '2018-01-01'") == 0)
            #expect(try await db.outboxMismatches(city: "chicago") == 0)
            #expect(try await db.scalar("SELECT sum(delta_count) FROM ingest.outbox") == 267_792)

            let positions = try await db.scalar("SELECT max(position) FROM ingest.outbox")
            let second = try await db.load("chicago-crimes/chicago_crimes_2017.csv.xz", city: "chicago", format: .chicagoCSV)
            #expect(second.succeeded)
            let again = try await db.counts(run: second.runID)
            #expect(again["rows_read"] == 267_792 && again["inserted"] == 0 && again["updated"] == 0)
            #expect(again["unchanged"] == 267_792)
            #expect(try await db.scalar("SELECT max(position) FROM ingest.outbox") == positions)
        }
    }
}
