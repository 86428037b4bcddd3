@testable import CivilTime
import Foundation
import Testing

@Suite("LocalDateTime: the wall clock of every layer")
struct LocalDateTimeTests {
    /// Foundation's Gregorian calendar in GMT as an independent oracle of the integer arithmetic.
    private static let gmt: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT") ?? calendar.timeZone
        return calendar
    }()

    @Test func fieldsMatchFoundationOverTwoCenturies() throws {
        // Every 7 hours 13 minutes 17 seconds from 1900 to 2100: all hours, weekdays and leap days come round.
        let start = LocalDateTime.localSeconds(year: 1900, month: 1, day: 1), end = LocalDateTime.localSeconds(year: 2100, month: 1, day: 1)
        var checked = 0
        for seconds in stride(from: start, to: end, by: 25_997) {
            let time = LocalDateTime(localSeconds: seconds)
            let f = Self.gmt.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday],
                                            from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            guard time.year == f.year, time.month == f.month, time.day == f.day, time.hour == f.hour,
                  time.minute == f.minute, time.second == f.second,
                  time.dayOfWeekFromSunday == (f.weekday ?? 0) - 1,
                  time.dayOfWeekFromMonday == ((f.weekday ?? 0) + 5) % 7,
                  time.localSeconds == seconds else {
                Issue.record("\(seconds): \(time) (Sunday-based \(time.dayOfWeekFromSunday)) vs \(f)")
                return
            }
            checked += 1
        }
        #expect(checked > 240_000)
    }

    @Test func knownDays() {
        let newYear = LocalDateTime(localSeconds: 1_483_228_800)  // 2017-01-01 00:00, a Sunday
        #expect(newYear.description == "2017-01-01T00:00:00")
        #expect(newYear.dayOfWeekFromSunday == 0 && newYear.dayOfWeekFromMonday == 6 && newYear.isMidnight)
        #expect(newYear.monthNumber == 2017 * 12)
        let leap = LocalDateTime(localSeconds: 951_782_400 + 23 * 3_600)  // 2000-02-29 23:00, a Tuesday
        #expect((leap.year, leap.month, leap.day, leap.hour) == (2000, 2, 29, 23))
        #expect(leap.dayOfWeekFromMonday == 1 && !leap.isMidnight)
        let before = LocalDateTime(localSeconds: -1)  // 1969-12-31 23:59:59, a Wednesday
        #expect(before.description == "1969-12-31T23:59:59" && before.dayOfWeekFromSunday == 3)
        #expect(before.dateText == "1969-12-31")
    }

    @Test func componentsAreValidated() {
        #expect(LocalDateTime(year: 2017, month: 2, day: 29) == nil)
        #expect(LocalDateTime(year: 2016, month: 2, day: 29)?.localSeconds == 1_456_704_000)
        #expect(LocalDateTime(year: 2017, month: 4, day: 31) == nil)
        #expect(LocalDateTime(year: 2017, month: 1, day: 1, hour: 24) == nil)
        #expect(LocalDateTime(year: 2017, month: 13) == nil)
        #expect(LocalDateTime(year: 2017, month: 7)?.description == "2017-07")
    }

    @Test func monthsStepByArithmetic() {
        // Month 13 of 2016 is January 2017: callers step months without normalising them.
        #expect(LocalDateTime.localSeconds(year: 2016, month: 13, day: 1) == LocalDateTime.localSeconds(year: 2017, month: 1, day: 1))
        #expect(LocalDateTime.date(fromDays: LocalDateTime.days(year: 1600, month: 2, day: 29)) == (1600, 2, 29))
        #expect(LocalDateTime.daysInMonth(year: 1900, month: 2) == 28)
        #expect(LocalDateTime.daysInMonth(year: 2000, month: 2) == 29)
    }
}
