import Foundation
@testable import IngestCore
import Postgres
import Testing

@Suite("Loading NYPD, police.uk and crafted rows", .serialized, .timeLimit(.minutes(10)))
struct IngestLoadOtherCitiesTests {
    @Test("NYPD Dec 2017 with precinct polygons; an incremental rerun skips days before the cursor")
    func nypd() async throws {
        try await IngestTestDatabase.with(label: "nypd") { db in
            #expect(try await db.load("nypd-precincts/police_precincts.geojson.gz", city: "nyc", format: .areasGeoJSON).succeeded)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.areas WHERE city = 'nyc'") == 77)
            let first = try await db.load("nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz", city: "nyc", format: .nypdArrestsCSV)
            let counts = try await db.counts(run: first.runID)
            #expect(counts["rows_read"] == 19_452 && counts["inserted"] == 19_452 && counts["rejected"] == 0)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE city = 'nyc' AND arrest") == 19_452)
            #expect(try await db.scalar("SELECT count(DISTINCT area) FROM ingest.incidents WHERE area_source = 'reported' AND area_known") == 77)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE occurred::date = '2017-12-01'") == 0)
            #expect(try await db.outboxMismatches(city: "nyc") == 0)

            let lastDay = try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE occurred::date = '2017-12-31'")
            let rerun = try await db.load("nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz", city: "nyc", format: .nypdArrestsCSV)
            let again = try await db.counts(run: rerun.runID)
            #expect(again["skipped_by_cursor"] == 19_452 - lastDay, "only the cursor's day (Dec 31) is looked at again")
            #expect(again["unchanged"] == 19_452 && again["inserted"] == 0 && again["updated"] == 0)
            let full = try await db.load("nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz", city: "nyc", format: .nypdArrestsCSV, fullReload: true)
            #expect(try await db.counts(run: full.runID)["skipped_by_cursor"] == 0)
        }
    }

    @Test("West Yorkshire 2017-07: every row accounted for, no areas")
    func westYorkshire() async throws {
        try await IngestTestDatabase.with(label: "wy") { db in
            let run = try await db.load("uk-police-west-yorkshire/2017-07-west-yorkshire-street.csv.xz", city: "uk-west-yorkshire", format: .policeUKCSV)
            #expect(run.succeeded)
            let counts = try await db.counts(run: run.runID)
            #expect(counts["rows_read"] == 28_537 && counts["inserted"] == 28_537)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE city = 'uk-west-yorkshire' AND month_only AND area_source = 'none'") == 28_537)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE lat IS NULL") == 1_541)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE occurred <> '2017-07-01'") == 0)
        }
    }

    @Test("police.uk duplicates count as unchanged; a file of another force is refused")
    func metropolitanDuplicatesAndWrongCity() async throws {
        try await IngestTestDatabase.with(label: "met") { db in
            let file = "uk-police-met-burglary/2011-12-metropolitan-street.csv.xz"
            let run = try await db.load(file, city: "uk-metropolitan", format: .policeUKCSV)
            let counts = try await db.counts(run: run.runID)
            #expect(counts["rows_read"] == 8_679 && counts["duplicates"] == 131)
            #expect(counts["inserted"] == 8_548 && counts["unchanged"] == 131)
            let wrong = try await db.load(file, city: "uk-west-yorkshire", format: .policeUKCSV)
            let wrongCounts = try await db.counts(run: wrong.runID)
            #expect(wrongCounts["rejected"] == 8_548 && wrongCounts["inserted"] == 0)
        }
    }

    @Test("crafted bad rows: rejects carry line, raw text and reason; counts add up")
    func rejects() async throws {
        try await IngestTestDatabase.with(label: "rejects") { db in
            let header = "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Updated On,Latitude,Longitude"
            let good = "1,JA1,01/01/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,004,7,46,06,,,,41.7,-87.6"
            let badDate = "3,JA3,13/45/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,004,7,46,06,,,,41.7,-87.6"
            let badLatitude = "5,JA5,01/01/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,004,7,46,06,,,,999,-87.6"
            let text = [header, good, badDate, badLatitude].joined(separator: "\n") + "\n"
            let city = try #require(IngestCity(slug: "chicago"))
            let outcome = try await db.loader.load(LoadRequest(city: city, format: .chicagoCSV, input: .bytes(Array(text.utf8), name: "crafted.csv")))
            #expect(outcome.succeeded)
            let counts = try await db.counts(run: outcome.runID)
            #expect(counts["rows_read"] == 3 && counts["inserted"] == 1 && counts["rejected"] == 2)
            let rows = try await db.pool.query("SELECT line_number, raw_text, reason FROM ingest.rejects WHERE run_id = $1 ORDER BY line_number", [outcome.runID])
            #expect(try rows.map { try $0.decode(Int.self, at: 0) } == [3, 4])
            #expect(try rows.map { try $0.decode(String.self, at: 1) } == [badDate, badLatitude])
            #expect(try rows[0].decode(String.self, at: 2).contains("Date"))
            #expect(try rows[1].decode(String.self, at: 2).contains("outside"))
        }
    }
}
