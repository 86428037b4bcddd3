@testable import IngestCore
import Testing

/// The NYPD arrests SODA JSON parser on crafted objects: same record as the CSV row, omitted nulls,
/// `lon_lat` points, bad elements rejected with their line.
@Suite("NYPD arrests Socrata JSON parser")
struct NYPDArrestsSocrataJSONParserTests {
    static let csv = """
        ARREST_KEY,ARREST_DATE,PD_CD,PD_DESC,KY_CD,OFNS_DESC,LAW_CODE,LAW_CAT_CD,ARREST_BORO,ARREST_PRECINCT,JURISDICTION_CODE,AGE_GROUP,PERP_SEX,PERP_RACE,X_COORD_CD,Y_COORD_CD,Latitude,Longitude
        173130603,12/31/2017,101,"ASSAULT 3",344,ASSAULT 3 & RELATED OFFENSES,PL 1200001,M,B,44,0,25-44,M,BLACK,1005000,243000,40.836,-73.916

        """

    @Test("the same arrest from CSV and from JSON (strings, ISO date with .000) gives the same record")
    func sameAsCSV() throws {
        let json = """
            [{"arrest_key":"173130603","arrest_date":"2017-12-31T00:00:00.000","pd_cd":"101","pd_desc":"ASSAULT 3",
              "ky_cd":"344","ofns_desc":"ASSAULT 3 & RELATED OFFENSES","law_code":"PL 1200001","law_cat_cd":"M",
              "arrest_boro":"B","arrest_precinct":"44","jurisdiction_code":"0","age_group":"25-44","perp_sex":"M",
              "perp_race":"BLACK","x_coord_cd":"1005000","y_coord_cd":"243000","latitude":"40.836","longitude":"-73.916",
              "lon_lat":{"type":"Point","coordinates":[-73.916,40.836]}}]
            """
        let (fromCSV, _) = try collect(Self.csv, NYPDArrestsCSVParser().parse)
        let (fromJSON, summary) = try collect(json, NYPDArrestsSocrataJSONParser().parse)
        var csvRecord = try #require(fromCSV.records.first)
        let jsonRecord = try #require(fromJSON.records.first)
        #expect(summary.records == 1 && summary.rejected == 0)
        csvRecord.lineNumber = jsonRecord.lineNumber
        #expect(csvRecord == jsonRecord)
        #expect(jsonRecord.occurred == LocalDateTime(year: 2017, month: 12, day: 31))
        #expect(jsonRecord.area == "44" && jsonRecord.category == "M" && jsonRecord.arrest)
    }

    @Test("omitted nulls, lon_lat only, bad date, not an object, cut off: kept or rejected with line and reason")
    func quirks() throws {
        let json = """
            [
            {"arrest_key":"1","arrest_date":"2017-12-02T00:00:00.000","arrest_precinct":"75",
             "lon_lat":{"type":"Point","coordinates":[-73.87,40.67]}},
            {"arrest_key":"2","arrest_date":"12/02/2017","ofns_desc":"ROBBERY","law_cat_cd":"F","arrest_precinct":"1"},
            {"arrest_key":"3","arrest_date":"2017-13-40T00:00:00.000","arrest_precinct":"1"},
            42,
            {"arrest_key":"5","arrest_date":"2017-12-02T00:00:00","latitude":"51.5","longitude":"-0.1","arrest_precinct":"1"},
            {"arrest_key":"6","arrest_date":
            """
        let (rows, summary) = try collect(json, NYPDArrestsSocrataJSONParser().parse)
        #expect(rows.records.map(\.sourceKey) == ["1", "2"])
        #expect(rows.records[0].latitude == 40.67 && rows.records[0].longitude == -73.87)
        #expect(rows.records[0].category == nil && rows.records[0].primaryType == nil && rows.records[0].description == nil)
        #expect(rows.records[1].latitude == nil && rows.records[1].category == "F" && rows.records[1].primaryType == "ROBBERY")
        #expect(rows.rejected.map(\.lineNumber) == [5, 6, 7, 8])
        #expect(rows.rejected[0].reason.contains("ARREST_DATE"))
        #expect(rows.rejected[1].reason.contains("not a JSON object"))
        #expect(rows.rejected[2].reason.contains("outside"))
        #expect(rows.rejected[3].reason.contains("cut off"))
        #expect(summary.records + summary.rejected == 6)
    }
}
