import Foundation
@testable import IngestCore
import Postgres
import Testing

/// A batch is probed by key first: new rows are COPYed into the incidents, unchanged ones (same
/// row hash) are left alone, differing ones take the staging compare and UPDATE. These tests
/// check that mixing the three in one file gives the incidents, keys and outbox deltas the
/// rules say, and that a batch failing after its incidents COPY leaves nothing of itself.
@Suite("Batches mixing new, unchanged and revised rows", .serialized, .timeLimit(.minutes(10)))
struct IngestLoadMixedBatchTests {
    static let header = "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Updated On,Latitude,Longitude"

    /// A Chicago CSV row; `beat` "" leaves the area to the polygons containing its point.
    static func row(_ id: Int, _ type: String, date: String = "01/01/2017 12:01:00 AM", arrest: Bool = false,
                    beat: String = "0423", updated: String = "01/02/2017 10:00:00 AM") -> String {
        "\(id),JA\(id),\(date),X ST,0820,\(type),D,STREET,\(arrest),false,\(beat),004,7,46,06,,,\(updated),41.75,-87.56"
    }

    static func csv(_ rows: [String]) -> [UInt8] {
        Array(([header] + rows).joined(separator: "\n").utf8) + [UInt8(ascii: "\n")]
    }

    static func load(_ db: IngestTestDatabase, _ rows: [String], name: String, batchRows: Int = 4) async throws -> LoadOutcome {
        let city = try #require(IngestCity(slug: "chicago"))
        return try await db.loader.load(LoadRequest(city: city, format: .chicagoCSV, input: .bytes(csv(rows), name: name),
                                                    batchRows: batchRows))
    }

    /// Every key names exactly its incident (id and partition), and ids are unique.
    static func expectKeysMatch(_ db: IngestTestDatabase) async throws {
        let incidents = try await db.scalar("SELECT count(*) FROM ingest.incidents")
        #expect(try await db.scalar("SELECT count(DISTINCT id) FROM ingest.incidents") == incidents)
        #expect(try await db.scalar("""
            SELECT count(*) FROM ingest.incident_keys k
            JOIN ingest.incidents i ON i.city = k.city AND i.source_key = k.source_key AND i.id = k.id AND i.occurred = k.occurred
            """) == incidents)
        #expect(try await db.scalar("SELECT count(*) FROM ingest.incident_keys") == incidents)
    }

    @Test("new, unchanged, revised, stale, year-moving, placed and repeated rows in one reload")
    func mixedReload() async throws {
        try await IngestTestDatabase.with(label: "mixed") { db in
            let beats = try await db.load("chicago-police-beats/police_beats_current.geojson.gz", city: "chicago", format: .areasGeoJSON)
            #expect(beats.succeeded, "\(beats.error ?? "")")
            let first = try await Self.load(db, [
                Self.row(1, "THEFT"), Self.row(2, "THEFT"), Self.row(3, "THEFT"), Self.row(4, "THEFT"),
                Self.row(5, "THEFT", beat: ""), Self.row(6, "THEFT", beat: "9999"),
            ], name: "first.csv")
            #expect(first.succeeded, "\(first.error ?? "")")
            let placed = try #require(try await db.pool.query("""
                SELECT area FROM ingest.areas
                WHERE city = 'chicago' AND ST_Contains(geom, ST_SetSRID(ST_MakePoint(-87.56, 41.75), 4326)) ORDER BY area LIMIT 1
                """).first?.decode(String.self, at: 0))
            let later = "02/01/2017 10:00:00 AM", earlier = "12/01/2016 10:00:00 AM"
            let second = try await Self.load(db, [
                Self.row(1, "THEFT"),                                              // unchanged
                Self.row(2, "BATTERY", updated: later),                            // revised type
                Self.row(3, "ROBBERY", updated: earlier),                          // older: ignored
                Self.row(4, "THEFT", date: "06/01/2016 01:00:00 PM", updated: later), // moves to 2016
                Self.row(5, "THEFT", arrest: true, beat: "", updated: later),      // revised, placed again
                Self.row(7, "ASSAULT", beat: ""),                                  // new, placed
                Self.row(8, "ASSAULT", updated: later),                            // new, repeated in its batch:
                Self.row(8, "NARCOTICS"),                                          //   the later Updated On wins
                Self.row(9, "ARSON", beat: "9999"),                                // new, beat without polygon
            ], name: "second.csv")
            #expect(second.succeeded, "\(second.error ?? "")")
            let counts = try await db.counts(run: second.runID)
            #expect(counts["rows_read"] == 9 && counts["inserted"] == 3 && counts["updated"] == 3 && counts["unchanged"] == 3,
                    "\(counts)")
            let rows = try await db.pool.query("""
                SELECT source_key, primary_type, extract(year FROM occurred)::int, arrest, area, area_source, area_known
                FROM ingest.incidents ORDER BY source_key::int
                """)
            let seen = try rows.map { row in
                [try row.decode(String.self, at: 0), try row.decode(String.self, at: 1), String(try row.decode(Int.self, at: 2)),
                 String(try row.decode(Bool.self, at: 3)), try row.decode(String?.self, at: 4) ?? "-",
                 try row.decode(String.self, at: 5), String(try row.decode(Bool.self, at: 6))]
            }
            #expect(seen == [
                ["1", "THEFT", "2017", "false", "0423", "reported", "true"],
                ["2", "BATTERY", "2017", "false", "0423", "reported", "true"],
                ["3", "THEFT", "2017", "false", "0423", "reported", "true"],
                ["4", "THEFT", "2016", "false", "0423", "reported", "true"],
                ["5", "THEFT", "2017", "true", placed, "spatial", "true"],
                ["6", "THEFT", "2017", "false", "9999", "reported", "false"],
                ["7", "ASSAULT", "2017", "false", placed, "spatial", "true"],
                ["8", "ASSAULT", "2017", "false", "0423", "reported", "true"],
                ["9", "ARSON", "2017", "false", "9999", "reported", "false"],
            ], "\(seen)")
            // +6 first; then +3 new, and -1/+1 for each of the three replaced rows.
            #expect(try await db.scalar("SELECT sum(delta_count) FROM ingest.outbox") == 6 + 3 + 6)
            #expect(try await db.scalar("SELECT sum(s) FROM ingest.outbox, unnest(signs) s") == 9)
            #expect(try await db.outboxMismatches(city: "chicago") == 0)
            #expect(try await db.scalar("""
                SELECT count(*) FROM ingest.outbox o, unnest(o.occurred, o.arrests, o.has_location) AS d(occurred, arrest, located)
                WHERE NOT d.located
                """) == 0)
            try await Self.expectKeysMatch(db)
            // A third load of the second file changes nothing: every row's hash matches or it is older.
            let third = try await Self.load(db, [Self.row(1, "THEFT"), Self.row(2, "BATTERY", updated: later)], name: "third.csv")
            #expect(try await db.counts(run: third.runID)["unchanged"] == 2)
            #expect(try await db.scalar("SELECT sum(delta_count) FROM ingest.outbox") == 15)
        }
    }

    @Test("a batch failing after its incidents COPY leaves no incident, key or outbox entry; a rerun completes the file")
    func failedBatchLeavesNothing() async throws {
        try await IngestTestDatabase.with(label: "mixed-fail") { db in
            // The key COPY of the second batch (keys 5-8) fails on key 7, after that batch's incidents were COPYed.
            try await db.pool.execute("""
                CREATE FUNCTION public.refuse_seven() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.source_key = '7' THEN RAISE EXCEPTION 'key 7 refused by the test'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_seven BEFORE INSERT ON ingest.incident_keys FOR EACH ROW EXECUTE FUNCTION public.refuse_seven();
                """)
            let rows = (1...10).map { Self.row($0, "THEFT") }
            let failed = try await Self.load(db, rows, name: "rows.csv")
            #expect(!failed.succeeded)
            #expect(failed.error?.contains("key 7 refused by the test") == true, "\(failed.error ?? "")")
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents") == 4)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incident_keys") == 4)
            #expect(try await db.scalar("SELECT COALESCE(sum(delta_count), 0) FROM ingest.outbox") == 4)
            #expect(try await db.scalar("SELECT batches FROM ingest.etl_runs WHERE run_id = $1", [failed.runID]) == 1)
            try await db.pool.execute("DROP TRIGGER refuse_seven ON ingest.incident_keys")
            let rerun = try await Self.load(db, rows, name: "rows.csv")
            #expect(rerun.succeeded, "\(rerun.error ?? "")")
            let counts = try await db.counts(run: rerun.runID)
            #expect(counts["inserted"] == 6 && counts["unchanged"] == 4, "\(counts)")
            #expect(try await db.scalar("SELECT sum(delta_count) FROM ingest.outbox") == 10)
            #expect(try await db.outboxMismatches(city: "chicago") == 0)
            try await Self.expectKeysMatch(db)
        }
    }

    @Test("incident ids are drawn in blocks, and an insert without an id draws through the same function")
    func idsAreDrawnInBlocks() async throws {
        try await IngestTestDatabase.with(label: "mixed-ids") { db in
            let first = try await db.scalar("SELECT ingest.draw_incident_ids(50000)::int")
            try await db.pool.execute("SELECT ingest.ensure_incident_partition('chicago', 2017)")
            try await db.pool.execute("""
                INSERT INTO ingest.incidents (city, source_key, occurred, arrest, domestic, area_source, area_known, source, line_number, run_id)
                VALUES ('chicago', 'x', '2017-01-01', false, false, 'none', false, 'test', 1, 1)
                """)
            #expect(try await db.scalar("SELECT id::int FROM ingest.incidents WHERE source_key = 'x'") == first + 50_000)
            #expect(try await db.scalar("SELECT ingest.draw_incident_ids(2)::int") == first + 50_001)
            #expect(try await db.scalar("SELECT ingest.draw_incident_ids(1)::int") == first + 50_003)
            await #expect(throws: PostgresError.self) { try await db.pool.execute("SELECT ingest.draw_incident_ids(0)") }
        }
    }
}
