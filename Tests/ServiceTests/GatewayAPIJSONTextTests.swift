import Contracts
import Foundation
@testable import GatewayCore
import Testing

/// The hand-rolled writer of the hot replies produces exactly the encoder's bytes.
@Suite("Gateway API JSONText")
struct GatewayAPIJSONTextTests {
    func same<T: Encodable & JSONTextWritable>(_ value: T) throws {
        let encoded = String(decoding: try JSONResponse.encoder().encode(value), as: UTF8.self)
        let written = String(decoding: value.jsonText().data, as: UTF8.self)
        #expect(written == encoded)
    }

    static let areas = [
        AreaCounts(area: "1834", counts: Counts(incidents: 1_234, arrests: 56, domestic: 7)),
        AreaCounts(area: "0111", counts: Counts(incidents: 0, arrests: 0, domestic: 0)),
        AreaCounts(area: "odd \"name\" \\ with\ttab\n/ünïcode \u{1}", counts: nil),
    ]

    @Test func heatmapBytesEqualTheEncoders() throws {
        let response = BeatHeatmapResponse(areas: Self.areas, total: Counts(incidents: 9_999_999_999, arrests: 1, domestic: 2),
                                           maxIncidents: 1_234, crimeTypes: [CrimeTypeCount(primaryType: "THEFT", incidents: 42)],
                                           timeZone: "America/Chicago")
        try same(HeatmapJSON(city: "chicago", filters: .init(year: 2017, hourMin: 23, hourMax: 6, primaryType: "THEFT"), response: response))
        try same(HeatmapJSON(city: "chicago", filters: .init(yearFrom: 2016, yearTo: 2017), response: BeatHeatmapResponse()))
    }

    @Test func heatmapFromReplyBytesEqualsTheDecodedReplys() throws {
        let responses = [
            BeatHeatmapResponse(areas: Self.areas + [AreaCounts(area: "nul\u{0}cut", counts: Counts(incidents: -3)), AreaCounts()],
                                total: Counts(incidents: 9_999_999_999, arrests: 1, domestic: 2), maxIncidents: 1_234,
                                filters: BeatHeatmapRequest(city: "chicago", year: 2017, hours: HourRange(hourMin: 23, hourMax: 6)),
                                crimeTypes: [CrimeTypeCount(primaryType: "THEFT", incidents: 42), CrimeTypeCount(primaryType: "ä\"b", incidents: 0)],
                                timeZone: "America/Chicago"),
            BeatHeatmapResponse(areas: [AreaCounts(area: "1834", counts: Counts(incidents: Int64.min, arrests: Int64.max, domestic: 0)),
                                        AreaCounts(area: "", counts: nil), AreaCounts(area: "0111", counts: Counts(incidents: 10, arrests: 9, domestic: 100))],
                                crimeTypes: [CrimeTypeCount(primaryType: "THEFT", incidents: 42)]),
            BeatHeatmapResponse(),
        ]
        let filters: [HeatmapJSON.Filters] = [.init(year: 2017, hourMin: 23, hourMax: 6, primaryType: "THEFT"), .init(yearFrom: 2016, yearTo: 2017)]
        for response in responses {
            for filter in filters {
                var reply = try HeatmapReplyJSON(serializedBytes: response.serializedBytes())
                reply.city = "chicago"
                reply.filters = filter
                let decoded = try BeatHeatmapResponse(serializedBytes: response.serializedBytes())
                #expect(String(decoding: reply.jsonText().bytes, as: UTF8.self)
                        == String(decoding: HeatmapJSON(city: "chicago", filters: filter, response: decoded).jsonText().bytes, as: UTF8.self))
            }
        }
        // Fields out of order, repeated (last wins, messages merge) and unknown ones skipped.
        let reordered: [UInt8] = [0x32, 1, 0x41, 0x18, 5, 0x12, 2, 0x08, 7, 0x12, 2, 0x10, 3, 0x0A, 4, 0x0A, 2, 0x31, 0x32,
                                  0x50, 9, 0x18, 6, 0x2A, 2, 0x10, 1]
        var reply = try HeatmapReplyJSON(serializedBytes: reordered)
        reply.city = "x"
        #expect(String(decoding: reply.jsonText().bytes, as: UTF8.self) == #"{"areas":[{"area":"12","arrests":0,"domestic":0,"incidents":0}],"city":"x","crime_types":[{"incidents":1,"primary_type":""}],"filters":{},"max_incidents":6,"time_zone":"A","total":{"arrests":3,"domestic":0,"incidents":7}}"#)
        for malformed: [UInt8] in [[0x0A, 5, 0x0A], [0x18], [0x1B], [0x18, 0x80, 0x80]] {
            #expect(throws: ProtoDecodingError.self) { try HeatmapReplyJSON(serializedBytes: malformed) }
        }
    }

    @Test func windowBytesEqualTheEncoders() throws {
        for pairs in [[("city", "chicago"), ("last", "7d"), ("at", "2017-06-01"), ("primary_type", "THEFT")], [("city", "nyc"), ("last", "5y")]] {
            let query = try WindowHeatmapQuery(QueryParameters(pairs: pairs, allowed: WindowHeatmapQuery.names))
            try same(WindowHeatmapJSON(query: query, response: WindowHeatmapResponse(
                areas: Self.areas, total: Counts(incidents: 3), maxIncidents: 3, granularity: .daily,
                range: LocalTimeRange(startLocalSeconds: -86_400, endLocalSeconds: 1_496_275_200), timeZone: "America/Chicago")))
            try same(WindowHeatmapJSON(query: query, response: WindowHeatmapResponse()))
        }
    }

    @Test func incidentBytesEqualTheEncoders() throws {
        let month = try MonthParameter("2017-02", name: "month")
        let response = ListIncidentsResponse(
            lonE4: [-739_848, -870_000, 0, 1, -1, 1_799_999, -5], latE4: [407_650, 418_781, 0, 10, -10, 899_999, 5],
            dayIndex: [0, 1, 27, 3, 4, 5, 6], categoryIndex: [0, 1, 2, 0, 1, 2, 0], categories: ["F", "M", ""],
            arrest: [true, false, true, false, true, false, true], withoutLocation: 12, truncated: true)
        try same(IncidentsJSON(city: "nyc", month: month, timeZone: "America/New_York", response: response))
        try same(IncidentsJSON(city: "nyc", month: month, timeZone: "", response: ListIncidentsResponse()))
    }

    @Test func doublesAndIntegersMatchAcrossTheirRanges() throws {
        struct Numbers: Encodable, JSONTextWritable {
            var doubles: [Double]
            var integers: [Int64]
            func write(to text: inout JSONText) {
                text.object { o in
                    o.member("doubles") { $0.doubles(doubles) }
                    o.member("integers") { $0.integers(integers) }
                }
            }
        }
        var doubles: [Double] = [0, -0.0, 1, -1, 0.5, 41.8781, -87.6298, 1e-4, 0.0001, 123_456.789, 1e14, -73.9848, 40.765]
        doubles += (-1_800_000...(-1_799_990)).map { Double($0) / 10_000 } + (418_770...418_790).map { Double($0) / 10_000 }
        try same(Numbers(doubles: doubles, integers: [0, 1, -1, 9, 10, 99, 100, Int64.max, Int64.min + 1, -1_234_567_890]))
    }
}
