import TestSupport
import Foundation
@testable import IngestCore
import Postgres
import Testing

/// The NYC live pull (NYPD arrests, SODA JSON) against the local stand-in, fed with the real Dec-2017
/// CSV export turned into SODA objects: lowercase keys, ISO dates with `.000`, omitted empty values,
/// and every third arrest with its point only in `lon_lat` (as SODA 2.1 writes it).
@Suite("NYPD Socrata pull", .serialized, .timeLimit(.minutes(10)))
struct NYPDSocrataPullTests {
    static let csvFile = "nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz"

    /// The CSV's rows as SODA objects, in file order.
    static func sodaObjects() throws -> [[String: Any]] {
        var objects: [[String: Any]] = []
        var header: [String] = []
        try CSVReader(source: ByteSources.open(SharedData.url(csvFile))).forEachRow { row in
            let fields = (0..<row.fieldCount).map { row.field($0).string }
            guard !header.isEmpty else { header = fields.map { $0.lowercased() }; return }
            var object: [String: Any] = [:]
            for (name, value) in zip(header, fields) where !value.isEmpty { object[name] = value }
            if let date = object["arrest_date"] as? String {
                let parts = date.split(separator: "/")
                if parts.count == 3 { object["arrest_date"] = "\(parts[2])-\(parts[0])-\(parts[1])T00:00:00.000" }
            }
            if objects.count % 3 == 0, let lat = (object["latitude"] as? String).flatMap(Double.init),
               let lon = (object["longitude"] as? String).flatMap(Double.init) {
                object["latitude"] = nil
                object["longitude"] = nil
                object["lon_lat"] = ["type": "Point", "coordinates": [lon, lat]]
            }
            objects.append(object)
        }
        return objects
    }

    /// Every incident of the database by key: the fields a record carries, coordinates apart.
    static func incidents(_ db: IngestTestDatabase) async throws -> [String: (fields: String, lat: Double?, lon: Double?)] {
        let rows = try await db.pool.query("""
            SELECT source_key, concat_ws('|', city, occurred, month_only, primary_type, description, category, arrest,
                                         domestic, area, area_source, area_known, updated_on),
                   lat, lon
            FROM ingest.incidents
            """)
        var result: [String: (fields: String, lat: Double?, lon: Double?)] = [:]
        for row in rows {
            result[try row.decode(String.self, at: 0)] = (try row.decode(String.self, at: 1),
                                                          try row.decode(Double?.self, at: 2), try row.decode(Double?.self, at: 3))
        }
        return result
    }

    @Test("19,452 arrests in pages of 2,000, 3 in flight: the same rows as the CSV load; a second pull retakes only the cursor day")
    func pullMatchesCSV() async throws {
        let reference = try await IngestTestDatabase.with(label: "nyc_pull_ref") { db in
            #expect(try await db.load(Self.csvFile, city: "nyc", format: .nypdArrestsCSV).succeeded)
            return try await Self.incidents(db)
        }
        #expect(reference.count == 19_452)
        let objects = try Self.sodaObjects()
        let lastDay = objects.filter { ($0["arrest_date"] as? String)?.hasPrefix("2017-12-31") == true }.count
        #expect(lastDay > 0)
        let standIn = try SocrataPullStandIn(objects: objects, datasetID: "uh2w-zjsn", cursorColumn: "arrest_date", comparison: ">=")
        try await IngestTestDatabase.with(label: "nyc_pull") { db in
            let puller = SocrataPuller(loader: db.loader)
            let nyc = try #require(IngestCity(slug: "nyc"))
            try await standIn.serve { endpoint in
                let request = SocrataPullRequest(city: nyc, baseURL: endpoint, pageSize: 2_000, concurrency: 3,
                                                 retry: SocrataPullTests.quickRetry, requestTimeout: 10, batchRows: 5_000)
                let first = try await puller.pull(request)
                #expect(first.succeeded, "\(first.error ?? "")")
                let counts = try await db.counts(run: first.runID)
                #expect(counts["rows_read"] == 19_452 && counts["inserted"] == 19_452 && counts["rejected"] == 0)
                let run = try #require(try await db.pool.query(
                    "SELECT source, format, cursor_after FROM ingest.etl_runs WHERE run_id = $1", [first.runID]).first)
                #expect(try run.decode(String.self, column: "source") == "socrata:uh2w-zjsn")
                #expect(try run.decode(String.self, column: "format") == "nypd-arrests-socrata-json")
                #expect(try run.decode(String.self, column: "cursor_after") == "occurred_day >= 2017-12-31T00:00:00")
                #expect(standIn.queries.allSatisfy { $0["$where"] == nil }, "the first pull has no cursor")
                #expect(try await db.outboxMismatches(city: "nyc") == 0)

                let pulled = try await Self.incidents(db)
                #expect(pulled.count == reference.count)
                var differing: [String] = []
                for (key, expected) in reference {
                    guard let got = pulled[key], got.fields == expected.fields,
                          abs((got.lat ?? 0) - (expected.lat ?? 0)) < 1e-9, abs((got.lon ?? 0) - (expected.lon ?? 0)) < 1e-9,
                          (got.lat == nil) == (expected.lat == nil)
                    else { differing.append(key); continue }
                }
                #expect(differing.isEmpty, "\(differing.count) arrests differ between CSV and JSON, e.g. \(differing.prefix(3))")

                standIn.clearQueries()
                let second = try await puller.pull(request)
                #expect(second.succeeded, "\(second.error ?? "")")
                let again = try await db.counts(run: second.runID)
                #expect(again["rows_read"] == lastDay && again["unchanged"] == lastDay)
                #expect(again["inserted"] == 0 && again["updated"] == 0)
                #expect(!standIn.queries.isEmpty && standIn.queries.allSatisfy { $0["$where"] == "arrest_date >= '2017-12-31T00:00:00'" })
                #expect(try await db.scalar("SELECT count(*) FROM ingest.outbox WHERE run_id = $1", [second.runID]) == 0)
            }
        }
    }
}
