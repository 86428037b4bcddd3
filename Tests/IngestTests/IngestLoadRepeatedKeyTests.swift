import Foundation
@testable import IngestCore
import Postgres
import Testing

/// A key staged twice in one batch: only its latest version reaches the table (greatest
/// `Updated On`, then the last line), the others count as unchanged, and the outbox carries one +1.
@Suite("Repeated keys within one batch", .serialized, .timeLimit(.minutes(10)))
struct IngestLoadRepeatedKeyTests {
    @Test("the later Updated On wins over the later line; without Updated On the last line wins")
    func latestVersionWins() async throws {
        try await IngestTestDatabase.with(label: "repeated") { db in
            let header = "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Updated On,Latitude,Longitude"
            func row(_ id: Int, _ type: String, updated: String) -> String {
                "\(id),JA\(id),01/01/2017 12:01:00 AM,X ST,0820,\(type),D,STREET,false,false,0423,004,7,46,06,,,\(updated),41.7,-87.6"
            }
            let text = [
                header,
                row(1, "THEFT", updated: "01/02/2017 10:00:00 AM"),
                row(1, "BATTERY", updated: "01/01/2017 10:00:00 AM"),
                row(2, "THEFT", updated: ""),
                row(2, "ROBBERY", updated: ""),
                row(3, "ASSAULT", updated: ""),
            ].joined(separator: "\n") + "\n"
            let city = try #require(IngestCity(slug: "chicago"))
            let outcome = try await db.loader.load(LoadRequest(city: city, format: .chicagoCSV,
                                                               input: .bytes(Array(text.utf8), name: "repeated.csv")))
            #expect(outcome.succeeded, "\(outcome.error ?? "")")
            let counts = try await db.counts(run: outcome.runID)
            #expect(counts["rows_read"] == 5 && counts["inserted"] == 3 && counts["unchanged"] == 2)
            let rows = try await db.pool.query("SELECT source_key, primary_type, line_number FROM ingest.incidents ORDER BY source_key")
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == ["1", "2", "3"])
            #expect(try rows.map { try $0.decode(String.self, at: 1) } == ["THEFT", "ROBBERY", "ASSAULT"])
            #expect(try rows.map { try $0.decode(Int.self, at: 2) } == [2, 5, 6])
            #expect(try await db.scalar("SELECT sum(delta_count) FROM ingest.outbox") == 3)
            #expect(try await db.outboxMismatches(city: "chicago") == 0)
        }
    }
}
