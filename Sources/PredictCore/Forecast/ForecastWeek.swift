import CivilTime
import Wire

/// A Monday-started week of a city's wall clock, as the heatmap's series count them: the
/// Monday's day number since 1970-01-01 (local calendar, no time zone).
package struct ForecastWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 of the week's Monday.
    package let mondayDay: Int64

    /// The week whose Monday is `mondayDay` (days since 1970-01-01), or nil when that is not a Monday.
    package init?(mondayDay: Int64) {
        guard Self.isMonday(mondayDay) else { return nil }
        self.mondayDay = mondayDay
    }

    /// The week containing local second `localSeconds` (seconds since 1970-01-01T00:00 wall clock).
    package init(containingLocalSeconds localSeconds: Int64) {
        let day = Self.floorDivide(localSeconds, 86_400)
        mondayDay = day - Self.floorModulo(day - 4, 7)
    }

    /// Parses "YYYY-MM-DD", which must be a real date and a Monday.
    /// - Throws: INVALID_ARGUMENT naming the problem.
    package init(parsing text: String) throws(RPCError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else {
            throw RPCError(.invalidArgument, "week_start must be a date 'YYYY-MM-DD', got '\(text)'")
        }
        let days = LocalDateTime.days(year: year, month: month, day: day)
        guard LocalDateTime.date(fromDays: days) == (year, month, day) else {
            throw RPCError(.invalidArgument, "week_start '\(text)' is not a calendar date")
        }
        guard Self.isMonday(days) else {
            throw RPCError(.invalidArgument, "week_start '\(text)' is not a Monday (weeks start on Monday)")
        }
        mondayDay = days
    }

    /// The week `weeks` later (earlier when negative).
    func adding(weeks: Int) -> ForecastWeek {
        ForecastWeek(unchecked: mondayDay + Int64(weeks) * 7)
    }

    /// Whole weeks from `other` to this week.
    package func weeks(since other: ForecastWeek) -> Int { Int((mondayDay - other.mondayDay) / 7) }

    /// The Monday as local seconds (00:00 wall clock).
    package var localSeconds: Int64 { mondayDay * 86_400 }

    /// The Monday's calendar year, month and day.
    package var date: (year: Int64, month: Int64, day: Int64) { LocalDateTime.date(fromDays: mondayDay) }

    /// Day of the year of the Monday, 0 = 1 January.
    var dayOfYear: Int {
        Int(mondayDay - LocalDateTime.days(year: date.year, month: 1, day: 1))
    }

    /// "YYYY-MM-DD" of the Monday.
    package var description: String { Self.format(mondayDay) }

    /// "YYYY-MM-DD" of the week's Sunday.
    var sundayDescription: String { Self.format(mondayDay + 6) }

    package static func < (lhs: ForecastWeek, rhs: ForecastWeek) -> Bool { lhs.mondayDay < rhs.mondayDay }

    private init(unchecked mondayDay: Int64) { self.mondayDay = mondayDay }

    static func format(_ days: Int64) -> String {
        let (year, month, day) = LocalDateTime.date(fromDays: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// 1970-01-05 (day 4) was a Monday.
    private static func isMonday(_ day: Int64) -> Bool { floorModulo(day - 4, 7) == 0 }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 { (a - floorModulo(a, b)) / b }
    private static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 { ((a % b) + b) % b }
}
