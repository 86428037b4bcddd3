import TestSupport
import Foundation
import Testing
@testable import IngestCore

@Suite("CSV tokenizer")
struct CSVReaderTests {
    struct Row: Equatable {
        var line: Int
        var fields: [String]
        var raw: String
        var malformation: CSVMalformation?
    }

    func rows(_ text: String, chunkSize: Int) throws -> ([Row], Int) {
        let reader = CSVReader(source: MemoryByteSource(text, chunkSize: chunkSize), chunkSize: 16)
        var rows: [Row] = []
        try reader.forEachRow { row in
            rows.append(Row(line: row.lineNumber, fields: (0..<row.fieldCount).map { row.field($0).string },
                            raw: row.rawText, malformation: row.malformation))
        }
        return (rows, reader.linesRead)
    }

    @Test("quoted commas, doubled quotes, CRLF, embedded newlines — fed in pieces", arguments: [1, 2, 3, 7, 64, 1 << 20])
    func quoting(chunkSize: Int) throws {
        let text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n,,\n\"last\",\"\",z"
        let (found, lines) = try rows(text, chunkSize: chunkSize)
        #expect(found == [
            Row(line: 1, fields: ["a", "b", "c"], raw: "a,b,c"),
            Row(line: 2, fields: ["1", "x, y", "say \"hi\""], raw: "1,\"x, y\",\"say \"\"hi\"\"\""),
            Row(line: 3, fields: ["2", "two\nlines", ""], raw: "2,\"two\nlines\","),
            Row(line: 5, fields: ["", "", ""], raw: ",,"),
            Row(line: 6, fields: ["last", "", "z"], raw: "\"last\",\"\",z"),
        ])
        #expect(lines == 6)
    }

    @Test("an unterminated quote at end of input costs one line, reported with its line number", arguments: [1, 5, 1 << 20])
    func unterminatedQuote(chunkSize: Int) throws {
        let (found, lines) = try rows("h1,h2\nok,1\nbad,\"never closed\nnext,2\n", chunkSize: chunkSize)
        #expect(found.map(\.line) == [1, 2, 3, 4])
        #expect(found[2].malformation == .unterminatedQuote(limitBytes: nil))
        #expect(found[2].raw == "bad,\"never closed")
        #expect(found[3].fields == ["next", "2"])
        #expect(lines == 4)
    }

    @Test("text after a closing quote is flagged, not guessed")
    func strayQuote() throws {
        let (found, _) = try rows("a,b\n\"x\"y,2\n", chunkSize: 3)
        #expect(found[1].malformation == .textAfterClosingQuote(field: 0))
        #expect(found[1].line == 2)
    }

    @Test("byte-order mark, blank lines and a last line without terminator")
    func edges() throws {
        let (found, lines) = try rows("\u{FEFF}a\n\nb", chunkSize: 2)
        #expect(found.map(\.fields) == [["a"], [""], ["b"]])
        #expect(found.map(\.line) == [1, 2, 3])
        #expect(lines == 3)
        let (none, noLines) = try rows("", chunkSize: 4)
        #expect(none.isEmpty && noLines == 0)
    }

    @Test("Chicago district stations: 23 rows, district 12's address holds a newline")
    func districtStations() throws {
        let reader = CSVReader(source: try ByteSources.open(SharedData.url("chicago-crimes/lookups/police_district_stations.csv.gz")))
        var rows: [(line: Int, district: String, address: String, fields: Int)] = []
        try reader.forEachRow { row in
            rows.append((row.lineNumber, row.field(0).string, row.field(2).string, row.fieldCount))
        }
        #expect(rows.count == 24)
        #expect(rows.allSatisfy { $0.fields == 15 })
        let twelve = try #require(rows.first { $0.district == "12" })
        #expect(twelve.address == "1412 S Blue Island Ave\n")
        let afterTwelve = try #require(rows.first { $0.district == "14" })
        #expect(afterTwelve.line == twelve.line + 2)
        #expect(reader.linesRead == 25)
    }
}
