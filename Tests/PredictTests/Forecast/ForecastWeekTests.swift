@testable import PredictCore
import Testing
@testable import Wire

@Suite("Forecast weeks")
struct ForecastWeekTests {
    @Test("parses Mondays, refuses other days, non-dates and bad text with INVALID_ARGUMENT")
    func parsing() throws {
        let week = try ForecastWeek(parsing: "2018-01-01")
        #expect(week.description == "2018-01-01" && week.sundayDescription == "2018-01-07")
        #expect(week.localSeconds == 1_514_764_800)
        #expect(week.adding(weeks: -52).description == "2017-01-02")
        #expect(week.weeks(since: try ForecastWeek(parsing: "2017-01-02")) == 52)
        for bad in ["2018-01-02", "2017-02-30", "2018-1-01", "next week", "", "2018-13-01"] {
            let error = #expect(throws: RPCError.self) { try ForecastWeek(parsing: bad) }
            #expect(error?.code == .invalidArgument, "\(bad)")
        }
    }

    @Test("the week containing a local second starts on the Monday before it")
    func containing() {
        // 2017-01-01 12:00 (a Sunday) lies in the week of Monday 2016-12-26.
        #expect(ForecastWeek(containingLocalSeconds: 1_483_272_000).description == "2016-12-26")
        #expect(ForecastWeek(containingLocalSeconds: 1_483_315_200).description == "2017-01-02")
        #expect(ForecastWeek(containingLocalSeconds: -1).description == "1969-12-29")
    }
}
