import CivilTime

/// A time grain of `heatmap.window_rollup`; the raw value is the table's `grain` column.
///
/// Buckets are identified by their start in local seconds (the ingest contract's wall clock,
/// no time zones): hours and days are fixed lengths, weeks start on Monday, months on the 1st.
package enum WindowGrain: Int, Sendable, CaseIterable, Comparable {
    case hourly = 1, daily = 2, weekly = 3, monthly = 4

    /// The start of the bucket that holds `seconds`.
    func bucketStart(_ seconds: Int64) -> Int64 {
        switch self {
        case .hourly: return Self.floor(seconds, 3_600) * 3_600
        case .daily: return Self.floor(seconds, 86_400) * 86_400
        case .weekly:
            let day = Self.floor(seconds, 86_400)
            // 1970-01-05 (day 4) was a Monday.
            return (day - Self.modulo(day - 4, 7)) * 86_400
        case .monthly:
            let time = LocalDateTime(localSeconds: seconds)
            return LocalDateTime.localSeconds(year: time.year, month: time.month, day: 1)
        }
    }

    /// The start of the bucket after the one starting at `start` (a bucket start).
    func nextStart(after start: Int64) -> Int64 {
        switch self {
        case .hourly: return start + 3_600
        case .daily: return start + 86_400
        case .weekly: return start + 7 * 86_400
        case .monthly:
            let time = LocalDateTime(localSeconds: start)
            return time.month == 12 ? LocalDateTime.localSeconds(year: time.year + 1, month: 1, day: 1)
                : LocalDateTime.localSeconds(year: time.year, month: time.month + 1, day: 1)
        }
    }

    /// The first bucket start at or after `seconds`.
    func ceilingStart(_ seconds: Int64) -> Int64 {
        let start = bucketStart(seconds)
        return start == seconds ? start : nextStart(after: start)
    }

    /// The next finer grain (nil for hourly).
    var finer: WindowGrain? { WindowGrain(rawValue: rawValue - 1) }

    package static func < (lhs: WindowGrain, rhs: WindowGrain) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The coarsest grain that keeps the resolution of a window of `hours`: ≤ 72 h hourly,
    /// ≤ 90 days daily, ≤ 2 years (17,532 h) weekly, else monthly.
    package static func forWindow(hours: Int64) -> WindowGrain {
        if hours <= 72 { return .hourly }
        if hours <= 90 * 24 { return .daily }
        if hours <= 17_532 { return .weekly }
        return .monthly
    }

    static func floor(_ value: Int64, _ divisor: Int64) -> Int64 {
        (value - modulo(value, divisor)) / divisor
    }

    static func modulo(_ value: Int64, _ divisor: Int64) -> Int64 {
        ((value % divisor) + divisor) % divisor
    }
}
