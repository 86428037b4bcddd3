import CivilTime
@testable import PredictCore
import Testing

/// The time split on hand-made time stamps: by year with three or more years, by month (and
/// labelled so) with fewer, never at random.
@Suite struct TimeSplitTests {
    private func stamps(_ dates: [(Int, Int)], perMonth: Int = 10) -> [Int64] {
        dates.flatMap { year, month in (0..<perMonth).map { LocalDateTime.localSeconds(year: year, month: month, day: 1 + $0) + 3600 } }
    }

    @Test func yearsSplitAsTrainValidateTest() throws {
        let seconds = stamps((2010...2017).flatMap { year in (1...12).map { (year, $0) } })
        let split = try TimeSplit.choose(localSeconds: seconds)
        #expect(!split.isMonthFallback)
        #expect(split.labels.train == "2012-01-01..2016-01-01")
        #expect(split.labels.validation == "2016-01-01..2017-01-01")
        #expect(split.labels.test == "2017-01-01..2018-01-01")
        let partition = split.partition(localSeconds: seconds)
        #expect(partition.train.count == 4 * 120 && partition.validation.count == 120 && partition.test.count == 120)
        #expect(partition.train.allSatisfy { LocalDateTime(localSeconds: seconds[$0]).year <= 2015 })
    }

    @Test func oneYearFallsBackToMonthsAndSaysSo() throws {
        let seconds = stamps((1...12).map { (2017, $0) })
        let split = try TimeSplit.choose(localSeconds: seconds)
        #expect(split.isMonthFallback)
        #expect(split.train.label == "2017-01-01..2017-09-01")
        #expect(split.validation.label == "2017-09-01..2017-11-01")
        #expect(split.test.label == "2017-11-01..2018-01-01")
        #expect(split.labels.test.contains("split by month"))
        let partition = split.partition(localSeconds: seconds)
        #expect(partition.test.allSatisfy { LocalDateTime(localSeconds: seconds[$0]).month >= 11 })
        #expect(partition.train.allSatisfy { LocalDateTime(localSeconds: seconds[$0]).month <= 8 })
    }

    @Test func tooLittleDataIsAClearError() {
        #expect(throws: PredictError.self) { try TimeSplit.choose(localSeconds: stamps([(2017, 1), (2017, 2)])) }
        #expect(throws: PredictError.self) { try TimeSplit.choose(localSeconds: []) }
    }

    @Test func localTimeFields() {
        // 2017-07-14 was a Friday.
        let time = LocalDateTime(localSeconds: LocalDateTime.localSeconds(year: 2017, month: 7, day: 14) + 22 * 3600 + 59)
        #expect(time == LocalDateTime(localSeconds: time.year == 2017 ? LocalDateTime.localSeconds(year: 2017, month: 7, day: 14) + 22 * 3600 + 59 : 0))
        #expect(time.year == 2017 && time.month == 7 && time.day == 14 && time.hour == 22 && time.dayOfWeekFromMonday == 4)
        #expect(LocalDateTime(localSeconds: LocalDateTime.localSeconds(year: 1969, month: 12, day: 29)).dayOfWeekFromMonday == 0)
    }
}
