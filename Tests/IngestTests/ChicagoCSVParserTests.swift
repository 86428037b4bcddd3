import Foundation
import ServiceKit
import Testing
@testable import IngestCore
import TestSupport

@Suite("Chicago portal CSV")
struct ChicagoCSVParserTests {
    static let header = "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,"
        + "Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Updated On,Latitude,Longitude"

    @Test("2017: every oracle count of SOURCES.md")
    func year2017() async throws {
        struct Tally: Sendable {
            var types: [String: Int] = [:]
            var beats = Set<String>()
            var arrests = 0, domestic = 0, withCoordinates = 0, withoutCoordinates = 0, rejected = 0
            var keys = Set<String>()
            var summary = ParseSummary()
        }
        let url = try SharedData.url("chicago-crimes/chicago_crimes_2017.csv.xz")
        let tally = try await BlockingThread.run {
            var tally = Tally()
            tally.summary = try ChicagoCSVParser().parse(contentsOf: url) { row in
                guard case .record(let record) = row else {
                    tally.rejected += 1
                    return
                }
                tally.types[record.primaryType ?? "", default: 0] += 1
                if let beat = record.area { tally.beats.insert(beat) }
                if record.arrest { tally.arrests += 1 }
                if record.domestic { tally.domestic += 1 }
                if record.latitude != nil && record.longitude != nil { tally.withCoordinates += 1 } else { tally.withoutCoordinates += 1 }
                tally.keys.insert(record.sourceKey)
            }
            return tally
        }
        let (summary, types, rejected) = (tally.summary, tally.types, tally.rejected)
        let (arrests, domestic, withCoordinates, withoutCoordinates) = (tally.arrests, tally.domestic, tally.withCoordinates, tally.withoutCoordinates)
        let (beats, keys) = (tally.beats, tally.keys)
        #expect(summary.rowsRead == 267_792)
        #expect(summary.records == 267_792)
        #expect(summary.rejected == 0 && rejected == 0)
        #expect(summary.isBalanced)
        #expect(summary.linesRead == 267_793)
        #expect(arrests == 52_231)
        #expect(domestic == 42_575)
        #expect(types["THEFT"] == 64_334)
        #expect(types["BATTERY"] == 49_212)
        #expect(types["CRIMINAL DAMAGE"] == 29_040)
        #expect(types.count == 32)
        #expect(withoutCoordinates == 2_797)
        #expect(withCoordinates == 264_995)
        #expect(beats.count == 274)
        #expect(keys.count == 267_792)
    }

    @Test("2010: empty IDs, every row keyed by Case Number; the 20 X/Y = 0 rows kept with their beat, without a location")
    func year2010() async throws {
        struct Tally: Sendable {
            var records = 0, withCoordinates = 0, unexpectedShape = 0, duplicates = 0
            var numericCaseNumberLine: Int?
            var noted: [IncidentRecord] = []
            var rejections: [String: Int] = [:]
            var summary = ParseSummary()
        }
        let url = try SharedData.url("chicago-crimes/chicago_crimes_2010.csv.xz")
        let tally = try await BlockingThread.run {
            var tally = Tally()
            tally.summary = try ChicagoCSVParser().parse(contentsOf: url) { row in
                switch row {
                case .record(let record):
                    tally.records += 1
                    if record.latitude != nil { tally.withCoordinates += 1 }
                    if record.note != nil { tally.noted.append(record) }
                    if record.sourceKey.isEmpty || record.district != nil || record.updatedOn != nil { tally.unexpectedShape += 1 }
                    if record.sourceKey == "105185" { tally.numericCaseNumberLine = record.lineNumber }
                case .rejected(let rejection):
                    tally.rejections[String(rejection.reason.prefix(46)), default: 0] += 1
                case .duplicate:
                    tally.duplicates += 1
                }
            }
            return tally
        }
        let (summary, records, withCoordinates, noted, rejections) = (tally.summary, tally.records, tally.withCoordinates, tally.noted, tally.rejections)
        let numericCaseNumberLine = tally.numericCaseNumberLine
        #expect(tally.unexpectedShape == 0, "every 2010 record has a key, no district and no Updated On")
        #expect(tally.duplicates == 0, "Chicago never yields duplicates")
        #expect(summary.rowsRead == 370_290 && summary.isBalanced)
        // Checked with Python: 20 rows carry the portal's geocode of X/Y = 0 (each with a Beat),
        // one has neither ID nor Case Number (and has coordinates): SOURCES.md's 369,994 rows with
        // lat/lon are 369,973 records with a location + 20 null geocodes + the keyless row.
        #expect(records == 370_289)
        #expect(rejections == ["missing key: ID and Case Number are both empty": 1])
        #expect(withCoordinates == 369_994 - 20 - 1)
        #expect(noted.count == 20)
        #expect(noted.allSatisfy { $0.latitude == nil && $0.longitude == nil && $0.area != nil })
        #expect(noted.allSatisfy { $0.note == ChicagoRowMapper.nullGeocodeNote })
        #expect(numericCaseNumberLine == 3_340)
    }

    @Test("22-column portal export: 6,957 rows, 73 without coordinates")
    func portalExport() throws {
        let url = try SharedData.url("chicago-crimes/samples/portal_csv_2014-02-28_to_03-15.csv.gz")
        #expect(try SourceFormat.detect(contentsOf: url) == .chicagoCSV22)
        var records: [IncidentRecord] = []
        let summary = try ChicagoCSVParser().parse(contentsOf: url) { row in
            if case .record(let record) = row { records.append(record) }
        }
        #expect(summary.rowsRead == 6_957 && summary.records == 6_957 && summary.rejected == 0)
        #expect(records.filter { $0.latitude == nil }.count == 73)
        #expect(records.filter { $0.locationDescription == nil }.count == 1)
        let first = try #require(records.first)
        #expect(first.sourceKey == "9567561")
        #expect(first.occurred == LocalDateTime(year: 2014, month: 3, day: 15))
        #expect(first.updatedOn == LocalDateTime(year: 2014, month: 4, day: 11, hour: 0, minute: 40, second: 5))
        #expect(first.district == nil && first.ward == 16 && first.communityArea == 67 && first.area == "0713")
        let second = records[1]
        #expect(second.latitude == 41.93193179666549 && second.longitude == -87.70464452726821)
        #expect(second.lineNumber == 3)
    }

    @Test("a record is decoded field by field")
    func fieldMapping() throws {
        let text = Self.header + "\r\n"
            + "11228656,JB149151,01/01/2017 06:00:00 PM,\"081XX S ELLIS AVE, REAR\",031A,DECEPTIVE PRACTICE,"
            + "\"FINANCIAL IDENTITY THEFT OVER $ 300\",RESIDENCE,true,false,0631,006,8,44,11,1183305,1831462,"
            + "02/13/2018 12:58:53 AM,41.692723364,-87.604505867\r\n"
        let (rows, summary) = try collect(text, chunkSize: 5) { try ChicagoCSVParser().parse($0, handle: $1) }
        #expect(summary == ParseSummary(rowsRead: 1, records: 1, linesRead: 2))
        #expect(rows.records == [IncidentRecord(
            city: "chicago", sourceKey: "11228656",
            occurred: try #require(LocalDateTime(year: 2017, month: 1, day: 1, hour: 18)),
            primaryType: "DECEPTIVE PRACTICE", description: "FINANCIAL IDENTITY THEFT OVER $ 300", category: "property",
            locationDescription: "RESIDENCE", arrest: true, domestic: false, area: "0631", district: 6, ward: 8,
            communityArea: 44, latitude: 41.692723364, longitude: -87.604505867, block: "081XX S ELLIS AVE, REAR",
            iucr: "031A", fbiCode: "11",
            updatedOn: LocalDateTime(year: 2018, month: 2, day: 13, hour: 0, minute: 58, second: 53), lineNumber: 2
        )])
    }

    @Test("crafted bad rows are rejected with line, raw text and reason; good rows around them survive")
    func badRows() throws {
        let good = "1,JA1,01/01/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,004,7,46,06,,,,41.7,-87.6"
        let lines = [
            Self.header,
            good,                                                                                     // 2
            "2,JA2,01/01/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,004,7,46,06,,,,41.7",    // 3 columns
            "3,JA3,13/45/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,004,7,46,06,,,,41.7,-87.6", // 4 date
            "4,JA4,01/01/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,maybe,false,0423,004,7,46,06,,,,41.7,-87.6", // 5 bool
            "5,JA5,01/01/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,004,7,46,06,,,,999,-87.6",   // 6 lat
            ",,01/01/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,004,7,46,06,,,,41.7,-87.6",     // 7 key
            "",                                                                                       // 8 blank
            "8,JA8,01/01/2017 12:01:00 AM,\"X ST,0820,THEFT,D,STREET,false,false,0423,004,7,46,06,,,,41.7,-87.6", // 9 open quote
        ]
        for chunkSize in [3, 1 << 20] {
            let (rows, summary) = try collect(lines.joined(separator: "\n"), chunkSize: chunkSize) {
                try ChicagoCSVParser().parse($0, handle: $1)
            }
            #expect(summary.rowsRead == 8 && summary.records == 1 && summary.rejected == 7 && summary.isBalanced)
            #expect(summary.linesRead == 9)
            #expect(rows.records.map(\.lineNumber) == [2])
            #expect(rows.rejected.map(\.lineNumber) == [3, 4, 5, 6, 7, 8, 9])
            #expect(rows.rejected.map(\.rawText) == Array(lines[2...]))
            let reasons = rows.rejected.map(\.reason)
            #expect(reasons[0] == "expected 20 fields as in the header, found 19")
            #expect(reasons[1] == "unparseable Date '13/45/2017 12:01:00 AM'")
            #expect(reasons[2] == "invalid Arrest 'maybe': expected true or false")
            #expect(reasons[3].hasPrefix("location (999.0, -87.6) outside the plausible bounds of chicago"))
            #expect(reasons[4] == "missing key: ID and Case Number are both empty")
            #expect(reasons[5] == "blank line")
            #expect(reasons[6] == "unterminated quoted field (input ends inside quotes)")
        }
    }

    @Test("a District, Ward or Community Area beyond 32 bits rejects its row, not the batch")
    func integerBeyondColumnRange() throws {
        let lines = [
            Self.header,
            "1,JA1,01/01/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,2147483648,7,46,06,,,,41.7,-87.6",
            "2,JA2,01/01/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,004,-2147483649,46,06,,,,41.7,-87.6",
            "3,JA3,01/01/2017 12:01:00 AM,X ST,0820,THEFT,D,STREET,false,false,0423,004,7,2147483647,06,,,,41.7,-87.6",
        ]
        let (rows, summary) = try collect(lines.joined(separator: "\n"), chunkSize: 1 << 20) {
            try ChicagoCSVParser().parse($0, handle: $1)
        }
        #expect(summary.rowsRead == 3 && summary.records == 1 && summary.rejected == 2 && summary.isBalanced)
        #expect(rows.records.map(\.communityArea) == [2_147_483_647])
        #expect(rows.rejected.map(\.reason) == [
            "invalid District '2147483648': outside -2147483648...2147483647",
            "invalid Ward '-2147483649': outside -2147483648...2147483647",
        ])
    }

    @Test("empty input throws; a header-only file is zero rows; a foreign header names the missing columns")
    func degenerateFiles() throws {
        #expect(throws: SourceParseError(.emptyInput, lineNumber: 1, "Chicago crimes CSV: empty input, no header line")) {
            try collect("") { try ChicagoCSVParser().parse($0, handle: $1) }
        }
        let (rows, summary) = try collect(Self.header + "\r\n") { try ChicagoCSVParser().parse($0, handle: $1) }
        #expect(summary == ParseSummary(rowsRead: 0, linesRead: 1))
        #expect(rows.records.isEmpty && rows.rejected.isEmpty)
        do {
            _ = try collect("Crime ID,Month\n") { try ChicagoCSVParser().parse($0, handle: $1) }
            Issue.record("expected missingColumns")
        } catch let error as SourceParseError {
            #expect(error.code == .missingColumns && error.lineNumber == 1)
            #expect(error.message.contains("Case Number"))
        }
    }

    @Test("a corrupt .xz fails loudly instead of looking like a short file")
    func corruptArchive() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("broken.csv.xz")
        try Data("not xz at all".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ChicagoCSVParser().parse(contentsOf: URL(fileURLWithPath: path)) { _ in }
            Issue.record("expected decompressionFailed")
        } catch let error as SourceParseError {
            #expect(error.code == .decompressionFailed)
        }
    }
}
