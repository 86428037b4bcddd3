import TestSupport
import Foundation
import ServiceKit
import Testing
@testable import IngestCore

@Suite("Chicago Socrata JSON")
struct ChicagoSocrataJSONParserTests {
    static func sampleRecords() throws -> ([String: IncidentRecord], ParseSummary) {
        var records: [String: IncidentRecord] = [:]
        let summary = try ChicagoSocrataJSONParser().parse(
            contentsOf: SharedData.url("chicago-crimes/samples/socrata_json_2017-04-13_to_14.json.gz")
        ) { row in
            if case .record(let record) = row { records[record.sourceKey] = record }
        }
        return (records, summary)
    }

    @Test("sample: 1,000 objects, 37 without coordinates, line numbers of each object's brace")
    func sample() throws {
        let (records, summary) = try Self.sampleRecords()
        #expect(summary.rowsRead == 1_000 && summary.records == 1_000 && summary.rejected == 0)
        #expect(records.count == 1_000)
        #expect(records.values.filter { $0.latitude == nil && $0.longitude == nil }.count == 37)
        #expect(records.values.filter { $0.locationDescription == nil }.count == 1)
        let first = try #require(records["10913035"])
        #expect(first.lineNumber == 1)
        #expect(first.occurred == LocalDateTime(year: 2017, month: 4, day: 14, hour: 23, minute: 58))
        #expect(first.arrest && !first.domestic)
        #expect(first.area == "0512" && first.district == 5 && first.ward == 9 && first.communityArea == 49)
        #expect(first.latitude == 41.702514517 && first.longitude == -87.62073655)
        #expect(first.primaryType == "PROSTITUTION" && first.category == "other")
    }

    @Test("the 990 crimes in both forms agree except for the documented later revisions")
    func agreesWithCSV() async throws {
        let (json, _) = try Self.sampleRecords()
        let url = try SharedData.url("chicago-crimes/chicago_crimes_2017.csv.xz")
        // The year is parsed on its own thread; what it finds is checked here.
        let (shared, differences, categoryWithoutTypeRevision) = try await BlockingThread.run {
            var shared = 0, categoryWithoutTypeRevision = 0
            var differences: [String: Int] = [:]
            _ = try ChicagoCSVParser().parse(contentsOf: url) { row in
                guard case .record(let csv) = row, let other = json[csv.sourceKey] else { return }
                shared += 1
                func compare<Value: Equatable>(_ name: String, _ path: KeyPath<IncidentRecord, Value>) {
                    if csv[keyPath: path] != other[keyPath: path] { differences[name, default: 0] += 1 }
                }
                compare("city", \.city)
                compare("occurred", \.occurred)
                compare("primaryType", \.primaryType)
                compare("description", \.description)
                compare("locationDescription", \.locationDescription)
                compare("arrest", \.arrest)
                compare("domestic", \.domestic)
                compare("area", \.area)
                compare("district", \.district)
                compare("ward", \.ward)
                compare("communityArea", \.communityArea)
                compare("latitude", \.latitude)
                compare("longitude", \.longitude)
                compare("block", \.block)
                compare("iucr", \.iucr)
                compare("fbiCode", \.fbiCode)
                compare("lsoa", \.lsoa)
                compare("updatedOn", \.updatedOn)
                if csv.category != other.category && csv.primaryType == other.primaryType { categoryWithoutTypeRevision += 1 }
            }
            return (shared, differences, categoryWithoutTypeRevision)
        }
        #expect(categoryWithoutTypeRevision == 0, "category differs only where the type was revised")
        #expect(shared == 990)
        // Counted independently with Python's csv and json modules (see SOURCES.md).
        #expect(differences == [
            "updatedOn": 988, "latitude": 36, "longitude": 36, "arrest": 20, "iucr": 6, "description": 6,
            "fbiCode": 4, "primaryType": 3, "block": 2, "occurred": 1, "ward": 1, "locationDescription": 1,
            "area": 1, "communityArea": 1,
        ])
    }

    @Test("bad elements are rejected with their line; SODA 2.1 point locations are read", arguments: [1, 4, 1 << 16])
    func craftedElements(chunkSize: Int) throws {
        let text = """
        [ {"id": "1", "case_number": "JA1", "date": "2017-04-14T23:58:00.000", "arrest": true, "domestic": false,
           "primary_type": "THEFT", "location": {"type": "Point", "coordinates": [-87.6, 41.7]}},
          {"id": "2", "date": "2017-02-30T10:00:00", "arrest": false, "domestic": false},
          "not an object",
          {"id": "4", "date": "2017-04-14T23:58:00", "arrest": "yes", "domestic": false},
          {"id": "5", "date": "2017-04-14T23:5
        """
        let (rows, summary) = try collect(text, chunkSize: chunkSize) { try ChicagoSocrataJSONParser().parse($0, handle: $1) }
        #expect(summary.rowsRead == 5 && summary.records == 1 && summary.rejected == 4 && summary.isBalanced)
        let record = try #require(rows.records.first)
        #expect(record.latitude == 41.7 && record.longitude == -87.6 && record.arrest && record.category == "property")
        #expect(rows.rejected.map(\.lineNumber) == [3, 4, 5, 6])
        #expect(rows.rejected.map(\.reason) == [
            "unparseable Date '2017-02-30T10:00:00'",
            "array element is not a JSON object",
            "invalid Arrest 'yes': expected true or false",
            "JSON element cut off by the end of input",
        ])
    }
}
