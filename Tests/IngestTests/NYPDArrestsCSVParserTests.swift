import TestSupport
import Foundation
import Testing
@testable import IngestCore

@Suite("NYPD arrests CSV")
struct NYPDArrestsCSVParserTests {
    @Test("December 2017: 19,452 arrests, law categories, 77 precincts")
    func december2017() throws {
        let url = try SharedData.url("nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz")
        #expect(try SourceFormat.detect(contentsOf: url) == .nypdArrestsCSV)
        var categories: [String: Int] = [:]
        var precincts = Set<String>()
        var allArrests = true, allLocated = true
        var keys = Set<String>()
        let summary = try NYPDArrestsCSVParser().parse(contentsOf: url) { row in
            guard case .record(let record) = row else { return }
            categories[record.category ?? "nil", default: 0] += 1
            if let precinct = record.area { precincts.insert(precinct) }
            allArrests = allArrests && record.arrest
            allLocated = allLocated && record.latitude != nil
            keys.insert(record.sourceKey)
            #expect(record.occurred.year == 2017 && record.occurred.month == 12 && record.occurred.day >= 2)
        }
        #expect(summary.rowsRead == 19_452 && summary.records == 19_452 && summary.rejected == 0)
        #expect(categories == ["F": 6_041, "M": 12_758, "V": 555, "I": 96, "nil": 2])
        #expect(precincts.count == 77)
        #expect(allArrests && allLocated)
        #expect(keys.count == 19_452)
    }

    @Test("columns are found by name: reordered header plus a Lon_Lat column")
    func reorderedHeader() throws {
        let text = """
        Latitude,ARREST_PRECINCT,Lon_Lat,LAW_CAT_CD,OFNS_DESC,PD_DESC,ARREST_DATE,Longitude,ARREST_KEY,NEW_COLUMN
        40.830798914,45,POINT (-73.826948796 40.830798914),,,,12/26/2017,-73.826948796,172958858,x
        40.756860977,115,POINT (-73.875656664 40.756860977),F,RAPE,"RAPE 3, FORCIBLE",12/25/2017,-73.875656664,172945127,y
        ,1,,M,ASSAULT 3,,12/01/2017,,1,z
        """
        let (rows, summary) = try collect(text, chunkSize: 6) { try NYPDArrestsCSVParser().parse($0, handle: $1) }
        #expect(summary.rowsRead == 3 && summary.records == 3)
        #expect(rows.records[0].category == nil && rows.records[0].primaryType == nil && rows.records[0].area == "45")
        #expect(rows.records[1] == IncidentRecord(
            city: "nyc", sourceKey: "172945127", occurred: try #require(LocalDateTime(year: 2017, month: 12, day: 25)),
            primaryType: "RAPE", description: "RAPE 3, FORCIBLE", category: "F", arrest: true, area: "115",
            latitude: 40.756860977, longitude: -73.875656664, lineNumber: 3))
        #expect(rows.records[2].latitude == nil && rows.records[2].longitude == nil)
    }

    @Test("without Latitude/Longitude the Lon_Lat point is used; out-of-city points are rejected")
    func lonLatOnly() throws {
        let text = """
        ARREST_KEY,ARREST_DATE,PD_DESC,OFNS_DESC,LAW_CAT_CD,ARREST_PRECINCT,Lon_Lat
        1,12/26/2017,D,O,F,45,POINT (-73.826948796 40.830798914)
        2,12/26/2017,D,O,F,45,POINT (2.35 48.85)
        3,2017-12-26,D,O,F,45,
        """
        let (rows, summary) = try collect(text) { try NYPDArrestsCSVParser().parse($0, handle: $1) }
        #expect(summary.records == 1 && summary.rejected == 2)
        #expect(rows.records[0].latitude == 40.830798914 && rows.records[0].longitude == -73.826948796)
        #expect(rows.rejected.map(\.lineNumber) == [3, 4])
        #expect(rows.rejected[0].reason.hasPrefix("location (48.85, 2.35) outside"))
        #expect(rows.rejected[1].reason == "unparseable ARREST_DATE '2017-12-26'")
    }
}
