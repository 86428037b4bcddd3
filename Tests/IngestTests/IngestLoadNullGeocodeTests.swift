@testable import IngestCore
import Postgres
import Testing

/// The Chicago portal's null geocode (X/Y = 0, Latitude 36.619446395, Longitude −91.686565684): the
/// crime is kept with its reported beat and no location, with a note; nothing is rejected.
@Suite("Chicago X/Y = 0 rows")
struct IngestLoadNullGeocodeTests {
    static let header = "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Updated On,Latitude,Longitude"
    static let nullGeocode = "7,HS120822,01/13/2010 10:00:00 PM,012XX W CABRINI ST,1320,CRIMINAL DAMAGE,TO VEHICLE,STREET,false,false,1213,,25,,14,0,0,,36.619446395,-91.686565684"
    static let garbage = "8,HS120823,01/13/2010 10:00:00 PM,012XX W CABRINI ST,1320,CRIMINAL DAMAGE,TO VEHICLE,STREET,false,false,1213,,25,,14,1,1,,36.5,-91.6"
    static let json = """
        [{"id":"7","case_number":"HS120822","date":"2010-01-13T22:00:00","block":"012XX W CABRINI ST","iucr":"1320",
          "primary_type":"CRIMINAL DAMAGE","description":"TO VEHICLE","location_description":"STREET","arrest":false,
          "domestic":false,"beat":"1213","ward":"25","fbi_code":"14","x_coordinate":"0","y_coordinate":"0",
          "latitude":"36.619446395","longitude":"-91.686565684",
          "location":{"latitude":"36.619446395","longitude":"-91.686565684","needs_recoding":false}}]
        """

    @Test("kept with its beat and no location, noted in row_notes; other out-of-city points are still rejected; JSON gives the same row")
    func keptWithNote() async throws {
        try await IngestTestDatabase.with(label: "null_geocode") { db in
            let city = try #require(IngestCity(slug: "chicago"))
            let csv = [Self.header, Self.nullGeocode, Self.garbage].joined(separator: "\n") + "\n"
            let outcome = try await db.loader.load(LoadRequest(city: city, format: .chicagoCSV, input: .bytes(Array(csv.utf8), name: "xy0.csv")))
            #expect(outcome.succeeded)
            let counts = try await db.counts(run: outcome.runID)
            #expect(counts["rows_read"] == 2 && counts["inserted"] == 1 && counts["rejected"] == 1)
            #expect(try await db.scalar("SELECT noted FROM ingest.etl_runs WHERE run_id = $1", [outcome.runID]) == 1)
            let incident = try #require(try await db.pool.query(
                "SELECT area, area_source, lat IS NULL AND lon IS NULL AS no_location FROM ingest.incidents WHERE source_key = '7'").first)
            #expect(try incident.decode(String.self, column: "area") == "1213")
            #expect(try incident.decode(String.self, column: "area_source") == "reported")
            #expect(try incident.decode(Bool.self, column: "no_location"))
            let notes = try await db.pool.query("SELECT line_number, source_key, note FROM ingest.row_notes WHERE run_id = $1", [outcome.runID])
            #expect(notes.count == 1)
            #expect(try notes.first?.decode(Int.self, column: "line_number") == 2)
            #expect(try notes.first?.decode(String.self, column: "source_key") == "7")
            #expect(try notes.first?.decode(String.self, column: "note").contains("null geocode") == true)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.rejects WHERE run_id = $1 AND line_number = 3", [outcome.runID]) == 1)
            let page = try await IngestStore(pool: db.pool).rowNotes(runID: outcome.runID, limit: 10, afterLineNumber: 0)
            #expect(page.total == 1 && page.notes.map(\.sourceKey) == ["7"] && page.notes.first?.lineNumber == 2)
            #expect(try await IngestStore(pool: db.pool).rowNotes(runID: outcome.runID, limit: 10, afterLineNumber: 2).notes.isEmpty)
            #expect(try await db.outboxMismatches(city: "chicago") == 0)
            #expect(try await db.scalar("""
                SELECT count(*) FROM ingest.outbox o, unnest(o.areas, o.has_location) AS d(area, has_location)
                WHERE d.area = '1213' AND NOT d.has_location
                """) == 1)

            let fromJSON = try await db.loader.load(LoadRequest(city: city, format: .chicagoSocrataJSON,
                                                                input: .bytes(Array(Self.json.utf8), name: "xy0.json")))
            #expect(fromJSON.succeeded)
            let again = try await db.counts(run: fromJSON.runID)
            #expect(again["rows_read"] == 1 && again["unchanged"] == 1 && again["inserted"] == 0 && again["updated"] == 0)
            #expect(try await db.scalar("SELECT noted FROM ingest.etl_runs WHERE run_id = $1", [fromJSON.runID]) == 1)
        }
    }
}
