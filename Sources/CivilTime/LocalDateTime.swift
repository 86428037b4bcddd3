/// A wall-clock date and time without a time zone: the one civil-time type of every layer.
///
/// Every city time in CrimeScope is a wall clock: Chicago and NYPD publish local time with no
/// offset, police.uk a month only, and the contracts carry `*_local_seconds` (seconds since
/// 1970-01-01T00:00:00 of the city's own clock, see `LocalDateTime+Seconds`). Keeping the fields
/// as written (instead of converting to an instant) means no time zone, least of all a server's,
/// ever shifts a date, and keeps `12:00:00 AM` "time unknown" rows recognisable. Proleptic
/// Gregorian calendar, integer arithmetic only (no Foundation).
package struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int
    package let hour: Int
    package let minute: Int
    package let second: Int
    /// True when the source gives only a month (police.uk); `day` is then 1 and the time 00:00:00.
    package let monthOnly: Bool

    /// A validated date and time; `nil` when any field is out of range (month 13, 31 April, 29 February 2017, hour 24…).
    package init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDateTime.daysInMonth(year: year, month: month),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        self.init(unchecked: year, month, day, hour, minute, second)
    }

    /// Fields already known to be in range (from local seconds).
    init(unchecked year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.monthOnly = false
    }

    /// A month-granular value (police.uk `Month`): day 1, 00:00:00, `monthOnly` true.
    package init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
        self.day = 1
        self.hour = 0
        self.minute = 0
        self.second = 0
        self.monthOnly = true
    }

    /// Days in a month of the proleptic Gregorian calendar.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO 8601 without zone: `2017-04-14T23:58:00`; a month-only value prints as `2017-07`.
    package var description: String {
        if monthOnly { return "\(pad(year, 4))-\(pad(month, 2))" }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }

    package static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
