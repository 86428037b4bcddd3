import Contracts
@testable import PredictCore
import Testing
import Wire

/// Which week a Forecast request means and from which origin, against 52 weeks of data
/// (2017-01-02 … the week of 2017-12-25, index 51).
@Suite("Forecast target week")
struct ForecastTargetTests {
    let panel = WeeklyPanel(series: [], areas: ["0111"], firstWeek: ForecastWeek(containingLocalSeconds: 1_483_315_200), weekCount: 52)

    func target(_ week: String?, _ weeksAhead: Int) throws -> ForecastTarget {
        try ForecastTarget(requested: week.map { try ForecastWeek(parsing: $0) }, weeksAhead: weeksAhead, panel: panel)
    }

    /// [target week index, weeks ahead].
    func plan(_ week: String?, _ weeksAhead: Int) throws -> [Int] {
        let chosen = try target(week, weeksAhead)
        return [chosen.target, chosen.weeksAhead]
    }

    @Test("no week: 1 (or weeks_ahead) weeks after the data's last week")
    func defaultWeek() throws {
        #expect(panel.firstWeek.description == "2017-01-02" && panel.lastWeek.description == "2017-12-25")
        #expect(try plan(nil, 0) == [52, 1])
        #expect(try plan(nil, 3) == [54, 3])
    }

    @Test("a week 1-4 past the data is forecast from the last week; an earlier one is a backtest")
    func givenWeek() throws {
        #expect(try plan("2018-01-15", 0) == [54, 3])
        #expect(try plan("2018-01-22", 4) == [55, 4])
        #expect(try plan("2017-06-05", 0) == [22, 1])
        #expect(try plan("2017-06-05", 2) == [22, 2])
        #expect(try plan("2017-01-30", 1) == [4, 1])
    }

    @Test("an origin past the data or without four weeks of history is INVALID_ARGUMENT")
    func refused() {
        for (week, ahead) in [("2018-01-15", 1), ("2018-01-29", 0), ("2018-01-29", 4), ("2017-01-23", 0), ("2017-02-06", 4)] {
            let error = #expect(throws: RPCError.self, "\(week) +\(ahead)") { try target(week, ahead) }
            #expect(error?.code == .invalidArgument)
        }
    }
}
