import Contracts
@testable import HeatmapCore
import Testing
import Wire

/// The explorer's filter rules and calendar arithmetic, no database.
@Suite("Heatmap query validation and calendar")
struct HeatmapQueryTests {
    @Test func yearAndRangeTogetherIsInvalid() {
        let error = #expect(throws: RPCError.self) {
            try BeatQuery(BeatHeatmapRequest(city: "chicago", year: 2017, yearFrom: 2016, yearTo: 2017))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == "give either year or year_from/year_to, not both")
    }

    @Test func reversedRangeIsInvalid() {
        let error = #expect(throws: RPCError.self) { try BeatQuery(BeatHeatmapRequest(city: "chicago", yearFrom: 2017, yearTo: 2015)) }
        #expect(error?.code == .invalidArgument)
    }

    @Test func hoursOutsideTheDayAreInvalid() {
        let error = #expect(throws: RPCError.self) {
            try BeatQuery(BeatHeatmapRequest(city: "chicago", hours: HourRange(hourMin: 0, hourMax: 24)))
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test func unknownCityIsNotFound() {
        let error = #expect(throws: RPCError.self) { try BeatQuery(BeatHeatmapRequest(city: "gotham")) }
        #expect(error?.code == .notFound)
        #expect((try? BeatQuery(BeatHeatmapRequest(city: "uk-west-yorkshire"))) != nil)
    }

    @Test func hourRangeWrapsMidnight() {
        #expect(HourFilter(minimum: 22, maximum: 5).hours == [0, 1, 2, 3, 4, 5, 22, 23])
        #expect(HourFilter(minimum: 5, maximum: 5).hours == [5])
        #expect(HourFilter(minimum: 0, maximum: 23).hours.count == 24)
        #expect(!HourFilter(minimum: 0, maximum: 23).contains(-1), "month-only incidents never match an hour filter")
    }
}
