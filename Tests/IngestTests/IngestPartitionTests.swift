import Contracts
import Foundation
@testable import IngestCore
import Postgres
import TestSupport
import Testing

/// Incidents partitioned by city and year with the key in `incident_keys` (migration 0005).
@Suite("Partitioned incidents", .serialized, .timeLimit(.minutes(10)))
struct IngestPartitionTests {
    static let header = "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,Updated On,Latitude,Longitude,Location"

    /// A Chicago export row (no location; its beat is reported).
    static func row(id: Int, date: String, type: String = "THEFT", description: String = "$500 AND UNDER",
                    updated: String) -> String {
        "\(id),HX\(id),\(date),055XX S ADA ST,0820,\(type),\(description),OTHER,false,false,0713,007,16,67,06,,,2014,\(updated),,,"
    }

    static func csv(_ rows: [String]) -> [UInt8] {
        Array(([header] + rows).joined(separator: "\n").appending("\n").utf8)
    }

    static func load(_ db: IngestTestDatabase, _ rows: [String], name: String) async throws -> LoadOutcome {
        guard let city = IngestCity(slug: "chicago") else { throw SharedData.Missing(description: "city") }
        return try await db.loader.load(LoadRequest(city: city, format: .chicagoCSV,
                                                    input: .bytes(csv(rows), name: name), fullReload: true))
    }

    /// The partition holding each incident of a key.
    static func partitions(_ db: IngestTestDatabase, key: String) async throws -> [String] {
        try await db.pool.query(
            "SELECT tableoid::regclass::text FROM ingest.incidents WHERE city = 'chicago' AND source_key = $1", [key])
            .map { try $0.decode(String.self, at: 0) }
    }

    @Test("rows go to their (city, year) partition, created on demand; every incident has exactly one key")
    func routing() async throws {
        try await IngestTestDatabase.with(label: "partition-routing") { db in
            let sample = try await db.load("chicago-crimes/samples/portal_csv_2014-02-28_to_03-15.csv.gz", city: "chicago",
                                           format: .chicagoCSV)
            #expect(sample.succeeded, "\(sample.error ?? "")")
            #expect(try await db.load("nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz", city: "nyc",
                                      format: .nypdArrestsCSV).succeeded)
            let placed = try await db.pool.query("""
                SELECT tableoid::regclass::text, count(*)::int, min(city), max(city), min(extract(year FROM occurred))::int,
                       max(extract(year FROM occurred))::int
                FROM ingest.incidents GROUP BY 1 ORDER BY 1
                """).map { row in
                "\(try row.decode(String.self, at: 0)) \(try row.decode(Int.self, at: 1)) \(try row.decode(String.self, at: 2))/\(try row.decode(String.self, at: 3)) \(try row.decode(Int.self, at: 4))-\(try row.decode(Int.self, at: 5))"
            }
            let nyc = try await db.scalar("SELECT sum(inserted)::int FROM ingest.etl_runs WHERE city = 'nyc'")
            #expect(nyc > 0)
            #expect(placed == ["ingest.incidents_chicago_2014 6957 chicago/chicago 2014-2014",
                               "ingest.incidents_nyc_2017 \(nyc) nyc/nyc 2017-2017"])
            // One key per incident, naming its id and occurred.
            #expect(try await db.scalar("""
                SELECT count(*) FROM ingest.incidents i FULL JOIN ingest.incident_keys k
                  ON k.city = i.city AND k.source_key = i.source_key AND k.id = i.id AND k.occurred = i.occurred
                WHERE i.id IS NULL OR k.id IS NULL
                """) == 0)
            // A row of a year not seen yet creates that year's partition.
            #expect(try await Self.load(db, [Self.row(id: 1, date: "07/04/2003 10:00:00 PM", updated: "07/05/2003 01:00:00 AM")],
                                        name: "one-2003.csv").succeeded)
            #expect(try await Self.partitions(db, key: "1") == ["ingest.incidents_chicago_2003"])
        }
    }

    @Test("a revision moving an incident to another year keeps one row, moves its key, and the outbox carries -old/+new")
    func revisionMovesYear() async throws {
        try await IngestTestDatabase.with(label: "partition-move") { db in
            let first = try await Self.load(db, [
                Self.row(id: 11, date: "12/31/2016 11:30:00 PM", updated: "01/01/2017 01:00:00 AM"),
                Self.row(id: 12, date: "06/01/2016 10:00:00 AM", updated: "06/02/2016 01:00:00 AM"),
            ], name: "v1.csv")
            #expect(first.succeeded, "\(first.error ?? "")")
            #expect(try await Self.partitions(db, key: "11") == ["ingest.incidents_chicago_2016"])

            // Later revision: the incident happened half an hour later, in 2017.
            let second = try await Self.load(db, [
                Self.row(id: 11, date: "01/01/2017 12:00:00 AM", updated: "01/02/2017 01:00:00 AM"),
            ], name: "v2.csv")
            #expect(second.succeeded, "\(second.error ?? "")")
            let counts = try await db.counts(run: second.runID)
            #expect(counts["updated"] == 1 && counts["inserted"] == 0)
            #expect(try await Self.partitions(db, key: "11") == ["ingest.incidents_chicago_2017"])
            #expect(try await db.scalar("""
                SELECT count(*) FROM ingest.incident_keys k JOIN ingest.incidents i USING (city, source_key, id, occurred)
                WHERE k.source_key = '11' AND k.occurred = '2017-01-01 00:00:00'
                """) == 1)
            let deltas = try await db.pool.query("""
                SELECT d.sign::int, d.occurred::text FROM ingest.outbox o, unnest(o.signs, o.occurred) AS d(sign, occurred)
                WHERE o.run_id = $1 ORDER BY d.sign
                """, [second.runID]).map { "\(try $0.decode(Int.self, at: 0)) \(try $0.decode(String.self, at: 1))" }
            #expect(deltas == ["-1 2016-12-31 23:30:00", "1 2017-01-01 00:00:00"])
            #expect(try await db.outboxMismatches(city: "chicago") == 0)

            // The next revision finds the moved incident through its key: an update, not a second row.
            let third = try await Self.load(db, [
                Self.row(id: 11, date: "01/01/2017 12:00:00 AM", type: "BURGLARY", description: "FORCIBLE ENTRY",
                         updated: "01/03/2017 01:00:00 AM"),
            ], name: "v3.csv")
            #expect(third.succeeded, "\(third.error ?? "")")
            #expect(try await db.counts(run: third.runID)["updated"] == 1)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE source_key = '11'") == 1)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incident_keys WHERE source_key = '11'") == 1)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE source_key = '11' AND primary_type = 'BURGLARY'") == 1)
            #expect(try await db.outboxMismatches(city: "chicago") == 0)
        }
    }

    @Test("several loads of one city at once: every run succeeds, every row is present once, the outbox nets out")
    func concurrentLoads() async throws {
        try await IngestTestDatabase.with(label: "partition-concurrent") { db in
            let files = IngestLoadNewCityTests.westYorkshire
            var jobs: [LoadJob] = []
            for file in files { jobs.append(try await db.loader.start(try IngestLoadNewCityTests.request(file))) }
            for job in jobs {
                let outcome = await job.wait()
                #expect(outcome.succeeded, "\(outcome.error ?? "")")
            }
            #expect(try await db.scalar("SELECT count(*) FROM ingest.etl_runs WHERE status = 'succeeded'") == 3)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE city = 'uk-west-yorkshire'") == 87_348)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incident_keys WHERE city = 'uk-west-yorkshire'") == 87_348)
            #expect(try await db.scalar("SELECT sum(inserted)::int FROM ingest.etl_runs") == 87_348)
            #expect(try await db.scalar("""
                SELECT count(DISTINCT tableoid) FROM ingest.incidents WHERE city = 'uk-west-yorkshire'
                """) == 3)
            #expect(try await db.outboxMismatches(city: "uk-west-yorkshire") == 0)
        }
    }
}
