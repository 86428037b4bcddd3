@testable import IngestCore
import Postgres
import Testing

/// `IngestLoader.start(_:after:)`: the next file parses ahead but commits only after the previous run.
@Suite("Loading files in sequence")
struct IngestLoadSequenceTests {
    static let header = "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Updated On,Latitude,Longitude"

    static func row(_ id: Int, _ type: String) -> String {
        "\(id),JA\(id),01/0\(id)/2017 10:00:00 AM,X ST,0820,\(type),D,STREET,false,false,0423,004,7,46,06,,,,41.7,-87.6"
    }

    @Test("a run started after another commits after it: the later file's version wins, outbox in file order")
    func ordered() async throws {
        try await IngestTestDatabase.with(label: "sequence") { db in
            let city = try #require(IngestCity(slug: "chicago"))
            let first = ([Self.header] + (1...3).map { Self.row($0, "THEFT") }).joined(separator: "\n") + "\n"
            let second = [Self.header, Self.row(2, "BATTERY"), Self.row(4, "ASSAULT")].joined(separator: "\n") + "\n"
            let jobA = try await db.loader.start(LoadRequest(city: city, format: .chicagoCSV,
                                                             input: .bytes(Array(first.utf8), name: "first.csv"), batchRows: 1))
            let jobB = try await db.loader.start(LoadRequest(city: city, format: .chicagoCSV,
                                                             input: .bytes(Array(second.utf8), name: "second.csv")), after: jobA)
            #expect(jobB.runID > jobA.runID)
            let outcomeB = await jobB.wait()
            let outcomeA = await jobA.wait()
            #expect(outcomeA.succeeded && outcomeB.succeeded)
            #expect(try await db.counts(run: jobA.runID)["inserted"] == 3)
            let countsB = try await db.counts(run: jobB.runID)
            #expect(countsB["inserted"] == 1 && countsB["updated"] == 1)

            let types = try await db.pool.query("SELECT source_key, primary_type FROM ingest.incidents ORDER BY source_key")
            #expect(try types.map { try $0.decode(String.self, at: 1) } == ["THEFT", "BATTERY", "THEFT", "ASSAULT"])
            // Every outbox entry of the first run precedes every entry of the second.
            let positions = try await db.pool.query("""
                SELECT max(position) FILTER (WHERE run_id = $1), min(position) FILTER (WHERE run_id = $2),
                       count(*) FILTER (WHERE run_id = $1)
                FROM ingest.outbox
                """, [jobA.runID, jobB.runID])
            let lastOfA = try positions[0].decode(Int.self, at: 0)
            let firstOfB = try positions[0].decode(Int.self, at: 1)
            #expect(try positions[0].decode(Int.self, at: 2) == 3)
            #expect(lastOfA < firstOfB)
            // The second run's update carries minus THEFT, plus BATTERY.
            let deltas = try await db.pool.query("""
                SELECT d.sign, d.primary_type FROM ingest.outbox o,
                       unnest(o.signs, o.primary_types) AS d(sign, primary_type)
                WHERE o.run_id = $1 ORDER BY d.sign, d.primary_type
                """, [jobB.runID])
            #expect(try deltas.map { "\(try $0.decode(Int.self, at: 0)) \(try $0.decode(String.self, at: 1))" }
                == ["-1 THEFT", "1 ASSAULT", "1 BATTERY"])
        }
    }
}
