import Contracts
import Foundation
@testable import GatewayCore
import Testing

/// The new endpoints' JSON shapes, built from contract messages without a backend.
@Suite("Gateway API JSON shapes")
struct GatewayAPIJSONTests {
    func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONResponse.encoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func incidentsAreFlatArraysWithALegendAndPerDayCounts() throws {
        let query = try IncidentsQuery(QueryParameters(pairs: [("city", "nyc"), ("month", "2017-12")], allowed: IncidentsQuery.names))
        let response = ListIncidentsResponse(lonE4: [-739_848, -739_671, -740_001], latE4: [407_650, 407_961, 406_999],
                                             dayIndex: [0, 0, 30], categoryIndex: [0, 1, 0], categories: ["M", "F"],
                                             arrest: [true, false, true], withoutLocation: 4, truncated: false)
        let json = IncidentsJSON(city: "nyc", month: query.month, timeZone: "America/New_York", response: response)
        #expect(json.lon == [-73.9848, -73.9671, -74.0001] && json.lat == [40.765, 40.7961, 40.6999])
        #expect(json.day == [1, 1, 31] && json.category == [0, 1, 0] && json.arrest == [1, 0, 1])
        #expect(json.perDay.count == 31 && json.perDay[0] == 2 && json.perDay[30] == 1 && json.perDay.reduce(0, +) == 3)
        #expect(json.categories.map(\.label) == ["Misdemeanor", "Felony"] && json.categories.map(\.count) == [2, 1])
        let text = String(decoding: try JSONResponse.encoder().encode(json), as: UTF8.self)
        #expect(text.contains(#""lon":[-73.9848,-73.9671,-74.0001]"#), "4 decimals, no float noise: \(text)")
        #expect(text.contains(#""per_day":[2,0,"#) && text.contains(#""without_location":4"#))
    }

    @Test func categoryLabels() {
        #expect(CategoryLabels.label("F") == "Felony" && CategoryLabels.label("V") == "Violation" && CategoryLabels.label("I") == "Infraction")
        #expect(CategoryLabels.label("violent") == "Violent" && CategoryLabels.label("") == "Unknown")
        #expect(CategoryLabels.label("anti-social-behaviour") == "Anti social behaviour")
    }

    @Test func windowStatesItsRangeInLocalTime() throws {
        let query = try WindowHeatmapQuery(QueryParameters(pairs: [("city", "chicago"), ("last", "24h"), ("at", "2017-06-01T00")],
                                                           allowed: WindowHeatmapQuery.names))
        let response = WindowHeatmapResponse(
            areas: [AreaCounts(area: "1834", counts: Counts(incidents: 5, arrests: 1, domestic: 2))],
            total: Counts(incidents: 5, arrests: 1, domestic: 2), maxIncidents: 5, granularity: .hourly,
            range: LocalTimeRange(startLocalSeconds: 1_496_188_800, endLocalSeconds: 1_496_275_200), timeZone: "America/Chicago")
        let json = try object(WindowHeatmapJSON(query: query, response: response))
        #expect(json["granularity"] as? String == "hourly" && json["time_zone"] as? String == "America/Chicago")
        #expect(json["window"] as? [String: String] == ["start": "2017-05-31T00:00:00", "end": "2017-06-01T00:00:00"])
        #expect(json["last_hours"] as? Int == 24 && json["at"] as? String == "2017-06-01T00:00:00")
        let empty = try object(WindowHeatmapJSON(query: query, response: WindowHeatmapResponse(total: Counts(), granularity: .hourly)))
        #expect(empty["window"] == nil)
    }

    @Test func gridsKeepSparseCellsAndLabelMonths() throws {
        let query = try YearGridsQuery(QueryParameters(pairs: [("city", "chicago"), ("year", "2017")], allowed: YearGridsQuery.names))
        let response = YearGridsResponse(width: 300, height: 300, bounds: BoundingBox(minLon: -88, minLat: 41.6, maxLon: -87.5, maxLat: 42.1),
                                         months: [MonthGrid(month: 3, cellIndex: [7, 90_000 - 1], count: [2, 9], total: 11)],
                                         normalisation: 4.5)
        let json = YearGridsJSON(query: query, response: response)
        #expect(json.bounds == [-88, 41.6, -87.5, 42.1] && json.normalisation == 4.5)
        #expect(json.months.first?.label == "2017-03" && json.months.first?.cells == [7, 89_999] && json.months.first?.counts == [2, 9])
    }

    @Test func hotspotCellsCarryTheirRing() throws {
        let query = try HotspotsQuery(QueryParameters(pairs: [("city", "chicago")], allowed: HotspotsQuery.names))
        let ring = #"{"type":"Polygon","coordinates":[[[-87.62,41.88],[-87.63,41.89],[-87.64,41.88],[-87.62,41.88]]]}"#
        let response = HexHotspotsResponse(cells: [HexCell(q: -1, r: 12, geoJSON: ring, count: 9, hotspotWindows: 3, frequency: 0.25, rank: 1)],
                                           windowPositions: 12, missingMonths: ["2017-02"], capturedShare: 0.01, cellSideMeters: 200,
                                           projection: "tm")
        let json = HotspotsJSON(query: query, response: response)
        #expect(json.cells.first?.ring.count == 4 && json.cells.first?.ring.first == [-87.62, 41.88])
        #expect(json.missingMonths == ["2017-02"] && json.windowPositions == 12 && json.from == nil)
    }

    @Test func rejectsPageOnlyWhenFull() throws {
        let full = try RejectsQuery(runID: "3", QueryParameters(pairs: [("limit", "2")], allowed: RejectsQuery.names))
        let page = ListRejectsResponse(rejects: [Reject(runID: 3, lineNumber: 10, rawText: "a", reason: "x"),
                                                 Reject(runID: 3, lineNumber: 12, rawText: "b", reason: "y")], total: 5)
        #expect(RejectsJSON(query: full, response: page).nextAfterLine == 12)
        let last = ListRejectsResponse(rejects: [Reject(runID: 3, lineNumber: 40, rawText: "c", reason: "z")], total: 5)
        #expect(RejectsJSON(query: full, response: last).nextAfterLine == nil)
    }

    @Test func predictAnswersNameTheirModel() throws {
        let query = try PredictQuery(QueryParameters(pairs: [("city", "chicago"), ("area", "1834"), ("hour", "3"), ("day_of_week", "0"),
                                                             ("month", "5")], allowed: PredictQuery.names))
        let answer = ModelAnswer(kind: .crimeType, modelVersion: "v1", probability: 0,
                                 topClasses: [ClassProbability(label: "THEFT", probability: 0.4)],
                                 explanation: Explanation(baseValue: -1, contributions: [Contribution(feature: "hour", value: "3", contribution: 0.2)],
                                                          margin: -0.8),
                                 inputsUsed: ["area", "hour"], inputsMissing: ["primary_type"], inputsUnseen: ["location_description"],
                                 inputsFilled: ["position"])
        let json = PredictJSON(query: query, response: PredictResponse(answers: [answer]))
        #expect(json.answers.first?.kind == "crime_type" && json.answers.first?.explanation?.contributions.first?.feature == "hour")
        // The answer says what it rests on, under the JSON names the web panel reads.
        let text = String(decoding: try JSONResponse.encoder().encode(json), as: UTF8.self)
        #expect(text.contains(#""inputs_used":["area","hour"]"#) && text.contains(#""inputs_missing":["primary_type"]"#))
        #expect(text.contains(#""inputs_unseen":["location_description"]"#) && text.contains(#""inputs_filled":["position"]"#))
        #expect(ModelKindName.name(.beatForecast) == "beat_forecast" && ModelKindName.name(.unspecified) == "unspecified")
    }
}
