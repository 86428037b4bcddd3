import TestSupport
import Foundation
import Testing
@testable import IngestCore

@Suite("police.uk street CSV")
struct PoliceUKCSVParserTests {
    struct Tally {
        var summary = ParseSummary()
        var records: [IncidentRecord] = []
        var duplicates: [DuplicateRow] = []
        var rejected: [RejectedRow] = []
    }

    static func parse(_ path: String) throws -> Tally {
        var tally = Tally()
        tally.summary = try PoliceUKCSVParser().parse(contentsOf: SharedData.url(path)) { row in
            switch row {
            case .record(let record): tally.records.append(record)
            case .duplicate(let duplicate): tally.duplicates.append(duplicate)
            case .rejected(let rejection): tally.rejected.append(rejection)
            }
        }
        return tally
    }

    @Test("West Yorkshire 2017-07: 28,537 rows, type counts, rows without location kept")
    func westYorkshire() throws {
        let tally = try Self.parse("uk-police-west-yorkshire/2017-07-west-yorkshire-street.csv.xz")
        #expect(tally.summary.rowsRead == 28_537 && tally.summary.records == 28_537 && tally.summary.isBalanced)
        #expect(tally.duplicates.isEmpty && tally.rejected.isEmpty)
        var types: [String: Int] = [:]
        for record in tally.records { types[record.primaryType ?? "", default: 0] += 1 }
        // Counted with Python's csv module.
        #expect(types == [
            "Violence and sexual offences": 7_503, "Anti-social behaviour": 5_955, "Criminal damage and arson": 2_714,
            "Other theft": 2_399, "Burglary": 2_231, "Vehicle crime": 2_096, "Public order": 2_091, "Shoplifting": 1_561,
            "Drugs": 480, "Theft from the person": 333, "Other crime": 526, "Robbery": 247, "Bicycle theft": 243,
            "Possession of weapons": 158,
        ])
        #expect(types.values.reduce(0, +) == 28_537)
        #expect(tally.records.filter { $0.latitude == nil && $0.longitude == nil }.count == 1_541)
        #expect(tally.records.filter { $0.sourceKey.hasPrefix("sha1:") }.count == 5_955)
        #expect(Set(tally.records.map(\.sourceKey)).count == 28_537)
        #expect(tally.records.allSatisfy { $0.city == "uk-west-yorkshire" && $0.occurred.monthOnly && $0.area == nil })
        let first = try #require(tally.records.first)
        #expect(first.sourceKey == "dc49a93f22f277264513f4bd9861b273ae99a571e7909de80f343bbc2dfd62bf")
        #expect(first.block == "On or near Brown'S Edge Road" && first.lsoa == "E01007426" && first.lineNumber == 2)
        #expect(first.occurred.description == "2017-07")
    }

    @Test("Met burglary 2011-12: 131 exact repeats of a Crime ID are counted as duplicates")
    func exactDuplicates() throws {
        let tally = try Self.parse("uk-police-met-burglary/2011-12-metropolitan-street.csv.xz")
        #expect(tally.summary.rowsRead == 8_679 && tally.summary.isBalanced)
        #expect(tally.summary.duplicates == 131 && tally.summary.records == 8_548 && tally.summary.rejected == 0)
        let keyByLine = Dictionary(uniqueKeysWithValues: tally.records.map { ($0.lineNumber, $0.sourceKey) })
        #expect(tally.duplicates.allSatisfy { keyByLine[$0.firstLineNumber] == $0.sourceKey && $0.firstLineNumber < $0.lineNumber })
        #expect(tally.records.allSatisfy { $0.city == "uk-metropolitan" })
    }

    @Test("Met burglary 2012-08: 227 exact duplicates, 132 revised versions kept under Crime ID + hash")
    func revisedVersions() throws {
        let tally = try Self.parse("uk-police-met-burglary/2012-08-metropolitan-street.csv.xz")
        #expect(tally.summary.rowsRead == 7_695 && tally.summary.isBalanced)
        #expect(tally.summary.duplicates == 227)
        #expect(tally.records.filter { $0.sourceKey.contains("#sha1:") }.count == 132)
        #expect(Set(tally.records.map(\.sourceKey)).count == tally.records.count)
    }

    @Test("Met burglary 2010-12: no Crime IDs; identical lines are distinct crimes, keyed sha1:…#n")
    func contentKeys() throws {
        let tally = try Self.parse("uk-police-met-burglary/2010-12-metropolitan-street.csv.xz")
        #expect(tally.summary.rowsRead == 7_897 && tally.summary.records == 7_897 && tally.summary.duplicates == 0)
        #expect(tally.records.allSatisfy { $0.sourceKey.hasPrefix("sha1:") })
        #expect(tally.records.filter { $0.sourceKey.contains("#") }.count == 1_354)
        #expect(Set(tally.records.map(\.sourceKey)).count == 7_897)
    }

    @Test("crafted rows: bad month, half a location, missing type, duplicate")
    func craftedRows() throws {
        let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"
        let row = "abc,2017-07,West Yorkshire Police,West Yorkshire Police,-1.7,53.5,On or near X,E01,N 1,Burglary,,"
        let text = [
            header, row, row,
            "abd,2017-13,West Yorkshire Police,West Yorkshire Police,-1.7,53.5,On or near X,E01,N 1,Burglary,,",
            "abe,2017-07,West Yorkshire Police,West Yorkshire Police,-1.7,,On or near X,E01,N 1,Burglary,,",
            "abf,2017-07,West Yorkshire Police,West Yorkshire Police,,,,,,,,",
            ",2017-07,West Yorkshire Police,West Yorkshire Police,,,No Location,,,Anti-social behaviour,,",
        ].joined(separator: "\r\n") + "\r\n"
        let (rows, summary) = try collect(text, chunkSize: 7) { try PoliceUKCSVParser().parse($0, handle: $1) }
        #expect(summary == ParseSummary(rowsRead: 6, records: 2, rejected: 3, duplicates: 1, linesRead: 7))
        #expect(rows.duplicates == [DuplicateRow(lineNumber: 3, firstLineNumber: 2, sourceKey: "abc")])
        #expect(rows.rejected.map(\.lineNumber) == [4, 5, 6])
        #expect(rows.rejected.map(\.reason) == [
            "unparseable Month '2017-13': expected YYYY-MM",
            "Latitude '' and Longitude '-1.7': one is missing",
            "missing Crime type",
        ])
        let asb = rows.records[1]
        #expect(asb.latitude == nil && asb.sourceKey.hasPrefix("sha1:") && asb.sourceKey.count == 45)
        #expect(asb.sourceKey == "sha1:" + SHA1Digest.hash(",2017-07,West Yorkshire Police,West Yorkshire Police,,,No Location,,,Anti-social behaviour,,").description)
    }
}
