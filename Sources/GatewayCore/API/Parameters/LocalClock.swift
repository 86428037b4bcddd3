import Foundation

/// Wall-clock arithmetic for the contracts' `*_local_seconds` (seconds since
/// 1970-01-01T00:00:00 of a city's wall clock, no time zone applied): a Gregorian calendar
/// in GMT, so that no time zone (least of all the gateway's own) shifts a date.
public enum LocalClock {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT") ?? calendar.timeZone
        return calendar
    }()

    /// Local seconds of a wall-clock time, or nil when the fields do not name a real date.
    public static func seconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64? {
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return Int64(date.timeIntervalSince1970.rounded())
    }

    /// The wall-clock fields of local seconds.
    public static func fields(_ seconds: Int64) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday],
                                from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// `YYYY-MM-DDTHH:MM:SS` of local seconds (no offset: it is the city's wall clock).
    public static func text(_ seconds: Int64) -> String {
        let f = fields(seconds)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", f.year ?? 0, f.month ?? 0, f.day ?? 0,
                      f.hour ?? 0, f.minute ?? 0, f.second ?? 0)
    }

    /// `YYYY-MM-DD` of local seconds.
    public static func dateText(_ seconds: Int64) -> String {
        String(text(seconds).prefix(10))
    }

    /// Days in `month` of `year` (28-31).
    public static func daysIn(year: Int, month: Int) -> Int {
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
              let range = calendar.range(of: .day, in: .month, for: start) else { return 30 }
        return range.count
    }
}
