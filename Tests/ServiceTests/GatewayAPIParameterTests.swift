@testable import CivilTime
import Contracts
import Foundation
@testable import GatewayCore
import HTTPTypes
import Testing

/// The new API parameters and queries, parsed strictly before any backend call.
@Suite("Gateway API parameters")
struct GatewayAPIParameterTests {
    func parameters(_ pairs: [(String, String)], _ names: Set<String>) throws(APIError) -> QueryParameters {
        try QueryParameters(pairs: pairs, allowed: names)
    }

    func isInvalid(_ body: () throws -> Void) -> Bool {
        do {
            try body()
            return false
        } catch let error as APIError {
            return error.code == "INVALID_ARGUMENT" && error.status == .badRequest && !error.message.isEmpty
        } catch {
            return false
        }
    }

    @Test(arguments: [("6h", 6), ("12h", 12), ("24h", 24), ("72h", 72), ("7d", 168), ("30d", 720), ("90d", 2_160),
                      ("1y", 8_766), ("2y", 17_532), ("5y", 43_830), ("2w", 336), ("1h", 1), ("43830h", 43_830)])
    func windowLengths(text: String, hours: Int64) throws {
        #expect(try WindowLength(text).hours == hours)
    }

    @Test(arguments: ["", "h", "6", "6m", "6H", "-6h", "+6h", "6.5h", " 6h", "0h", "6y", "43831h", "1827d", "9999999h"])
    func badWindowLengths(text: String) {
        #expect(isInvalid { _ = try WindowLength(text) })
    }

    @Test func localTimesAreWallClockSecondsWithoutAZone() throws {
        #expect(try LocalTimeParameter.seconds("1970-01-02", name: "at") == 86_400)
        #expect(try LocalTimeParameter.seconds("2017-12-31T18:00", name: "at") == 1_514_743_200)
        #expect(try LocalTimeParameter.seconds("2017-12-31 18:00:00", name: "at") == 1_514_743_200)
        #expect(try LocalTimeParameter.seconds("2017-12-31T18", name: "at") == 1_514_743_200)
        // 2017-03-12 02:30 does not exist in Chicago (DST), but local seconds have no zone: it is a plain wall-clock value.
        #expect(try LocalTimeParameter.seconds("2017-03-12T02:00", name: "at") == 1_489_284_000)
        #expect(LocalDateTime(localSeconds: 1_514_743_200).description == "2017-12-31T18:00:00")
        #expect(LocalDateTime(localSeconds: 0).dateText == "1970-01-01")
    }

    @Test(arguments: ["2017-12-31T18:00Z", "2017-12-31T18:00+01:00", "2017-02-29", "2017-13-01", "2017-12-31T24:00",
                      "2017-12-31T18:60", "17-12-31", "2017/12/31", "2017-12-31X18", "1899-12-31", "", "２０１７-12-31"])
    func badLocalTimes(text: String) {
        #expect(isInvalid { _ = try LocalTimeParameter.seconds(text, name: "at") })
    }

    @Test func monthsKnowTheirDaysAndRange() throws {
        let february = try MonthParameter("2016-02", name: "month")
        #expect(february.days == 29 && february.label == "2016-02")
        let december = try MonthParameter("2017-12", name: "month")
        #expect(december.localRange.end - december.localRange.start == 31 * 86_400)
        #expect(december.localRange.start == 1_512_086_400)
        #expect(try MonthParameter("2018-01", name: "m").ordinal - december.ordinal == 1)
        for bad in ["2017-1", "2017-00", "2017-13", "201712", "2017-12-01", "abcd-ef", "1899-12", "2017-+1"] {
            #expect(isInvalid { _ = try MonthParameter(bad, name: "month") }, "\(bad)")
        }
    }

    @Test func citiesAreSlugs() throws {
        for good in ["chicago", "nyc", "uk-metropolitan", "uk-west-yorkshire", "a", "x1-2"] {
            #expect(QueryParameters.isCitySlug(good), "\(good)")
            #expect(try parameters([("city", good)], ["city"]).requiredCity() == good)
        }
        for bad in ["Chicago", "1nyc", "-uk", "uk_met", "new york", "chicago!", String(repeating: "a", count: 65), "çhicago"] {
            #expect(!QueryParameters.isCitySlug(bad), "\(bad)")
            #expect(isInvalid { _ = try parameters([("city", bad)], ["city"]).requiredCity() }, "\(bad)")
        }
        #expect(isInvalid { _ = try parameters([], ["city"]).requiredCity() })
        #expect(try parameters([], ["city"]).city() == nil)
    }

    @Test func boundingBoxes() throws {
        let box = try BoundingBoxParameter.parse("-87.7,41.85,-87.6,41.9")
        #expect(box == BoundingBox(minLon: -87.7, minLat: 41.85, maxLon: -87.6, maxLat: 41.9))
        for bad in ["-87.6,41.85,-87.7,41.9", "1,2,3", "1,2,3,4,5", "a,b,c,d", "0,0,181,1", "0,-91,1,1", "nan,0,1,1", "1e3,0,1,1", ",,,"] {
            #expect(isInvalid { _ = try BoundingBoxParameter.parse(bad) }, "\(bad)")
        }
    }

    @Test func windowHeatmapQuery() throws {
        let query = try WindowHeatmapQuery(parameters([("city", "chicago"), ("last", "7d"), ("at", "2017-06-01"), ("primary_type", "THEFT")],
                                                      WindowHeatmapQuery.names))
        #expect(query.request == WindowHeatmapRequest(city: "chicago", lastHours: 168, referenceLocalSeconds: 1_496_275_200, primaryType: "THEFT"))
        #expect(query.at == "2017-06-01T00:00:00")
        let newest = try WindowHeatmapQuery(parameters([("city", "nyc"), ("last", "5y")], WindowHeatmapQuery.names))
        #expect(newest.request.referenceLocalSeconds == 0 && newest.at == nil)
        for pairs in [[("last", "7d")], [("city", "chicago")], [("city", "chicago"), ("last", "7d"), ("at", "2017-06-01T10:30")],
                      [("city", "chicago"), ("last", "7d"), ("year", "2017")]] {
            #expect(isInvalid { _ = try WindowHeatmapQuery(parameters(pairs, WindowHeatmapQuery.names)) })
        }
    }

    @Test func incidentsQuery() throws {
        let query = try IncidentsQuery(parameters([("city", "nyc"), ("month", "2017-12"), ("category", "F,M"),
                                                   ("bbox", "-74,40.7,-73.9,40.8")], IncidentsQuery.names))
        #expect(query.request.categories == ["F", "M"])
        #expect(query.request.range == LocalTimeRange(startLocalSeconds: 1_512_086_400, endLocalSeconds: 1_514_764_800))
        #expect(query.request.bbox?.maxLat == 40.8 && query.request.limit == 100_000)
        for pairs in [[("city", "nyc")], [("month", "2017-12")], [("city", "nyc"), ("month", "2017-12"), ("category", "F,,M")],
                      [("city", "nyc"), ("month", "2017-12"), ("limit", "0")], [("city", "nyc"), ("month", "2017-12"), ("limit", "250001")],
                      [("city", "nyc"), ("month", "2017-12"), ("primary_type", "THEFT")]] {
            #expect(isInvalid { _ = try IncidentsQuery(parameters(pairs, IncidentsQuery.names)) })
        }
    }

    @Test func gridsAndHotspotsQueries() throws {
        let grids = try YearGridsQuery(parameters([("city", "chicago"), ("year", "2017")], YearGridsQuery.names))
        #expect(grids.request == YearGridsRequest(city: "chicago", year: 2017, primaryType: ""))
        #expect(isInvalid { _ = try YearGridsQuery(parameters([("city", "chicago")], YearGridsQuery.names)) })

        let hot = try HotspotsQuery(parameters([("city", "chicago"), ("from", "2016-11"), ("to", "2017-12"), ("window", "3"),
                                                ("primary_type", "THEFT")], HotspotsQuery.names))
        #expect(hot.request == HexHotspotsRequest(city: "chicago", primaryType: "THEFT", firstMonth: "2016-11", months: 14,
                                                  windowMonths: 3, topShare: 0, limit: 100))
        let newest = try HotspotsQuery(parameters([("city", "chicago")], HotspotsQuery.names))
        #expect(newest.request.firstMonth.isEmpty && newest.request.months == 12 && newest.request.windowMonths == 1)
        for pairs in [[("city", "chicago"), ("window", "2")], [("city", "chicago"), ("from", "2017-01")],
                      [("city", "chicago"), ("from", "2017-05"), ("to", "2017-01")],
                      [("city", "chicago"), ("from", "2017-01"), ("to", "2017-02"), ("window", "3")],
                      [("city", "chicago"), ("from", "1990-01"), ("to", "2017-01")]] {
            #expect(isInvalid { _ = try HotspotsQuery(parameters(pairs, HotspotsQuery.names)) })
        }
    }

    @Test func rejectsQuery() throws {
        let query = try RejectsQuery(runID: "42", parameters([("limit", "10"), ("after_line", "300")], RejectsQuery.names))
        #expect(query.request == ListRejectsRequest(runID: 42, limit: 10, afterLineNumber: 300))
        for id in ["0", "-1", "+4", "x", "1.5", ""] {
            #expect(isInvalid { _ = try RejectsQuery(runID: id, parameters([], RejectsQuery.names)) }, "\(id)")
        }
        #expect(isInvalid { _ = try RejectsQuery(runID: "1", parameters([("limit", "5001")], RejectsQuery.names)) })
    }

    @Test func predictAndForecastQueries() throws {
        let predict = try PredictQuery(parameters([("city", "chicago"), ("area", "1834"), ("hour", "23"), ("day_of_week", "6"),
                                                   ("month", "12"), ("location_description", "STREET")], PredictQuery.names))
        #expect(predict.request.context == IncidentContext(city: "chicago", area: "1834", hour: 23, dayOfWeek: 6, month: 12,
                                                           locationDescription: "STREET"))
        #expect(predict.request.topContributions == 5)
        for pairs in [[("city", "chicago"), ("area", "1834"), ("hour", "24"), ("day_of_week", "0"), ("month", "1")],
                      [("city", "chicago"), ("area", "1834"), ("hour", "1"), ("day_of_week", "7"), ("month", "1")],
                      [("city", "chicago"), ("area", "1834"), ("hour", "1"), ("day_of_week", "0")]] {
            #expect(isInvalid { _ = try PredictQuery(parameters(pairs, PredictQuery.names)) })
        }
        let forecast = try ForecastQuery(parameters([("city", "chicago"), ("week", "2017-12-04"), ("crime_group", "violent")], ForecastQuery.names))
        #expect(forecast.request.weekStart == "2017-12-04" && forecast.request.crimeGroup == "violent")
        #expect(isInvalid { _ = try ForecastQuery(parameters([("city", "chicago"), ("week", "2017-12-05")], ForecastQuery.names)) })
        #expect(isInvalid { _ = try ForecastQuery(parameters([("city", "chicago"), ("week", "2017-12-04T00")], ForecastQuery.names)) })
    }

    @Test func bearerTokensPassThroughAndMissingOnesAre401() throws {
        #expect(try BearerToken.metadata(authorization: "Bearer s3cret") == MetadataEntry(key: "authorization", value: "Bearer s3cret"))
        #expect(try BearerToken.metadata(authorization: "bearer s3cret").value == "Bearer s3cret")
        for bad in [nil, "", "Bearer", "Bearer ", "Basic dXNlcjpw", "s3cret", "Bearer a b"] as [String?] {
            #expect(throws: APIError.self) { try BearerToken.metadata(authorization: bad) }
            do {
                _ = try BearerToken.metadata(authorization: bad)
            } catch {
                #expect(error.status == .unauthorized && error.code == "UNAUTHENTICATED")
            }
        }
    }

    @Test func loadAndTrainBodies() throws {
        let load = try LoadBody(JSONBody(Data(#"{"city":"nyc","path":"/data/a.csv.gz","source":"nypd-arrests-csv","wait":true}"#.utf8),
                                         allowed: LoadBody.names))
        #expect(load.request == StartLoadRequest(city: "nyc", format: .nypdArrestsCSV, serverPath: "/data/a.csv.gz", asynchronous: false))
        let detected = try LoadBody(JSONBody(Data(#"{"city":"nyc","path":"/a"}"#.utf8), allowed: LoadBody.names))
        #expect(detected.request.format == .unspecified && detected.request.asynchronous)
        for bad in [#"[]"#, #"{"city":"nyc"}"#, #"{"city":"nyc","path":"a.csv"}"#, #"{"city":"nyc","path":"/a","source":"excel"}"#,
                    #"{"city":"nyc","path":"/a","wait":1}"#, #"{"city":"nyc","path":"/a","extra":1}"#, #"{"city":5,"path":"/a"}"#, "not json"] {
            #expect(isInvalid { _ = try LoadBody(JSONBody(Data(bad.utf8), allowed: LoadBody.names)) }, "\(bad)")
        }
        let train = try TrainBody(JSONBody(Data(#"{"city":"chicago","kinds":["arrest","crime_type","arrest"]}"#.utf8), allowed: TrainBody.names))
        #expect(train.request == TrainRequest(city: "chicago", kinds: [.arrest, .crimeType], asynchronous: true))
        #expect(isInvalid { _ = try TrainBody(JSONBody(Data(#"{"city":"chicago","kinds":["weather"]}"#.utf8), allowed: TrainBody.names)) })
        #expect(isInvalid { _ = try TrainBody(JSONBody(Data(#"{"city":"chicago","kinds":"arrest"}"#.utf8), allowed: TrainBody.names)) })
    }
}
