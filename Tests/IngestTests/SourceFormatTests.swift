import TestSupport
import Foundation
import Testing
@testable import IngestCore

@Suite("Source format detection and small pieces")
struct SourceFormatTests {
    @Test("each shared file is recognised by its header", arguments: [
        ("chicago-crimes/chicago_crimes_2012.csv.xz", SourceFormat.chicagoCSV20),
        ("chicago-crimes/samples/portal_csv_2014-02-28_to_03-15.csv.gz", .chicagoCSV22),
        ("chicago-crimes/samples/socrata_json_2017-04-13_to_14.json.gz", .chicagoSocrataJSON),
        ("nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz", .nypdArrestsCSV),
        ("uk-police-met-burglary/2015-03-metropolitan-street.csv.xz", .policeUKStreetCSV),
        ("nypd-precincts/police_precincts.geojson.gz", .geoJSONFeatureCollection),
    ])
    func detect(path: String, format: SourceFormat) throws {
        #expect(try SourceFormat.detect(contentsOf: SharedData.url(path)) == format)
    }

    @Test("a JSON array is NYPD arrests when its objects have arrest_key, Chicago otherwise")
    func socrataJSON() {
        #expect(SourceFormat.detect(firstBytes: Array("\n [{\"arrest_key\":\"1\",\"arrest_date\":\"2017-12-31T00:00:00.000\"}]".utf8)) == .nypdArrestsSocrataJSON)
        #expect(SourceFormat.detect(firstBytes: Array("[{\"id\":\"1\",\"case_number\":\"JA1\"}]".utf8)) == .chicagoSocrataJSON)
        #expect(SourceFormat.detect(firstBytes: Array("[".utf8)) == .chicagoSocrataJSON)
        #expect(LoadFormat(detected: .nypdArrestsSocrataJSON) == .nypdArrestsSocrataJSON)
    }

    @Test("unknown header")
    func unknown() {
        #expect(SourceFormat.detect(firstBytes: Array("IUCR,PRIMARY DESCRIPTION\n".utf8)) == nil)
    }

    @Test("SHA-1 matches the FIPS 180 vectors")
    func sha1() {
        #expect(SHA1Digest.hash("").description == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1Digest.hash("abc").description == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1Digest.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").description
            == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(SHA1Digest.hash(String(repeating: "a", count: 1_000)).description == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
        // The content key of the first Met 2010-12 row, as stored before swift-crypto computed it
        // (Python's hashlib gives the same): keys of loaded rows do not change.
        let line = ",2010-12,Metropolitan Police Service,Metropolitan Police Service,0.140619,51.583427,On or near Rams Grove,"
            + "E01000027,Barking and Dagenham 001A,Burglary,,"
        #expect(SHA1Digest.hash(line).description == "762e29298fcb50ad061952e0221774098423c535")
    }

    @Test("dates: 12-hour clock, invalid days, ISO fractions, months")
    func dates() {
        func us(_ text: String) -> LocalDateTime? { Array(text.utf8).withUnsafeBufferPointer { DateFieldParser.usDateTime($0) } }
        func iso(_ text: String) -> LocalDateTime? { Array(text.utf8).withUnsafeBufferPointer { DateFieldParser.isoDateTime($0) } }
        #expect(us("01/01/2017 12:01:00 AM") == LocalDateTime(year: 2017, month: 1, day: 1, hour: 0, minute: 1))
        #expect(us("01/01/2017 12:01:00 PM") == LocalDateTime(year: 2017, month: 1, day: 1, hour: 12, minute: 1))
        #expect(us("12/31/2017 11:59:59 PM") == LocalDateTime(year: 2017, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        #expect(us("02/29/2016") == LocalDateTime(year: 2016, month: 2, day: 29))
        #expect(us("02/29/2017") == nil)
        #expect(us("01/01/2017 13:00:00 PM") == nil)
        #expect(us("01/01/2017 00:00:00 AM") == nil)
        #expect(iso("2017-04-14T23:58:00.000") == LocalDateTime(year: 2017, month: 4, day: 14, hour: 23, minute: 58))
        #expect(iso("2017-04-14 23:58") == nil)
        #expect(LocalDateTime(year: 2017, month: 4)?.description == "2017-04")
        #expect(CitySlug.policeUK(forceName: "Avon and Somerset Constabulary") == "uk-avon-and-somerset")
    }

    @Test("decimals: fast path and fallback agree with the standard library")
    func decimals() {
        for text in ["41.702514517", "-87.62073655", "41.93193179666549", "-87.70464452726821", "0", "1e3", "-0.5", "12"] {
            let parsed = Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0) }
            #expect(parsed == Double(text), "\(text)")
        }
        #expect(Array("4x".utf8).withUnsafeBufferPointer { DecimalParser.parse($0) } == nil)
        #expect(Array("nan".utf8).withUnsafeBufferPointer { DecimalParser.parse($0) } == nil)
    }
}

@Suite("Detected format drives the parse")
struct DetectedParserTests {
    @Test("detect then parse, with a handler that stops early: no hang, no leftover process")
    func detectAndStop() throws {
        let url = try SharedData.url("chicago-crimes/chicago_crimes_2013.csv.xz")
        let parser = try #require(try SourceFormat.detect(contentsOf: url)?.incidentParser)
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            _ = try parser.parse(ByteSources.open(url)) { _ in
                seen += 1
                if seen == 1_000 { throw Enough() }
            }
        }
        #expect(seen == 1_000)
    }
}
