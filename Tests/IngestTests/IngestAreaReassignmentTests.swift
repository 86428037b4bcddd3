@testable import IngestCore
import Postgres
import Testing

/// Areas loaded after incidents: the incidents without a reported area are placed by `ST_Contains`,
/// placed again when the polygons change, and the outbox carries every move (−old/+new).
@Suite("Spatial re-assignment when areas change")
struct IngestAreaReassignmentTests {
    static let header = "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Updated On,Latitude,Longitude"

    /// A Chicago row with the given beat (empty: none reported) and location (empty: none).
    static func row(_ id: Int, beat: String, lat: String, lon: String) -> String {
        "\(id),JB\(id),03/0\(id)/2017 10:00:00 AM,X ST,0820,THEFT,D,STREET,false,false,\(beat),004,7,46,06,,,,\(lat),\(lon)"
    }

    /// A FeatureCollection of axis-aligned boxes: (beat, west, south, east, north).
    static func boxes(_ boxes: [(String, Double, Double, Double, Double)]) -> String {
        let features = boxes.map { beat, west, south, east, north in
            """
            {"type":"Feature","properties":{"BEAT_NUM":"\(beat)"},"geometry":{"type":"Polygon","coordinates":\
            [[[\(west),\(south)],[\(east),\(south)],[\(east),\(north)],[\(west),\(north)],[\(west),\(south)]]]}}
            """
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}"
    }

    func loadAreas(_ db: IngestTestDatabase, _ geojson: String, name: String) async throws -> Int64 {
        let city = try #require(IngestCity(slug: "chicago"))
        let outcome = try await db.loader.load(LoadRequest(city: city, format: .areasGeoJSON, input: .bytes(Array(geojson.utf8), name: name)))
        #expect(outcome.succeeded, "\(outcome.error ?? "")")
        return outcome.runID
    }

    func areas(_ db: IngestTestDatabase) async throws -> [String] {
        try await db.pool.query("""
            SELECT source_key || '=' || COALESCE(area, '-') || '/' || area_source || '/' || area_known FROM ingest.incidents ORDER BY source_key
            """).map { try $0.decode(String.self, at: 0) }
    }

    @Test("incidents first, then polygons, then changed polygons: areas follow ST_Contains, the outbox nets out at each step")
    func reassignment() async throws {
        try await IngestTestDatabase.with(label: "reassign") { db in
            let city = try #require(IngestCity(slug: "chicago"))
            let csv = [Self.header,
                       Self.row(1, beat: "", lat: "41.85", lon: "-87.65"),       // inside 0111, stays there
                       Self.row(2, beat: "", lat: "41.88", lon: "-87.62"),       // inside 0111, then 0112
                       Self.row(3, beat: "", lat: "41.70", lon: "-87.55"),       // outside every box
                       Self.row(4, beat: "0111", lat: "41.70", lon: "-87.55"),   // reported: never moved
                       Self.row(5, beat: "", lat: "", lon: "")].joined(separator: "\n") + "\n"
            let incidents = try await db.loader.load(LoadRequest(city: city, format: .chicagoCSV, input: .bytes(Array(csv.utf8), name: "crafted.csv")))
            #expect(incidents.succeeded)
            #expect(try await areas(db) == ["1=-/none/false", "2=-/none/false", "3=-/none/false", "4=0111/reported/false", "5=-/none/false"])
            #expect(try await db.outboxMismatches(city: "chicago") == 0)

            let first = try await loadAreas(db, Self.boxes([("0111", -87.70, 41.80, -87.60, 41.90)]), name: "v1.geojson")
            #expect(try await areas(db) == ["1=0111/spatial/true", "2=0111/spatial/true", "3=-/none/false", "4=0111/reported/true", "5=-/none/false"])
            #expect(try await db.scalar("SELECT reassigned FROM ingest.etl_runs WHERE run_id = $1", [first]) == 2)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.outbox WHERE run_id = $1", [first]) == 1)
            #expect(try await db.scalar("SELECT sum(delta_count) FROM ingest.outbox WHERE run_id = $1", [first]) == 4)
            #expect(try await db.outboxMismatches(city: "chicago") == 0)

            let changed = Self.boxes([("0111", -87.70, 41.80, -87.64, 41.90), ("0112", -87.64, 41.80, -87.60, 41.90)])
            let second = try await loadAreas(db, changed, name: "v2.geojson")
            #expect(try await areas(db) == ["1=0111/spatial/true", "2=0112/spatial/true", "3=-/none/false", "4=0111/reported/true", "5=-/none/false"])
            #expect(try await db.scalar("SELECT reassigned FROM ingest.etl_runs WHERE run_id = $1", [second]) == 1)
            let moves = try await db.pool.query("""
                SELECT d.sign::int || ' ' || d.area FROM ingest.outbox o, unnest(o.signs, o.areas) AS d(sign, area)
                WHERE o.run_id = $1 ORDER BY 1
                """, [second]).map { try $0.decode(String.self, at: 0) }
            #expect(moves == ["-1 0111", "1 0112"])
            #expect(try await db.outboxMismatches(city: "chicago") == 0)

            let again = try await loadAreas(db, changed, name: "v2.geojson")
            #expect(try await db.scalar("SELECT reassigned FROM ingest.etl_runs WHERE run_id = $1", [again]) == 0)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.outbox WHERE run_id = $1", [again]) == 0)
        }
    }
}
