import CivilTime

/// A half-open span of local time, `[start, end)`, in seconds since 1970-01-01T00:00 local.
package struct TimeWindow: Sendable, Equatable, Codable {
    package var start: Int64
    package var end: Int64

    package init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// Whether `seconds` falls inside.
    package func contains(_ seconds: Int64) -> Bool { seconds >= start && seconds < end }

    /// `"2012-01-01..2016-01-01"` (end exclusive).
    package var label: String { "\(Self.date(start))..\(Self.date(end))" }

    private static func date(_ seconds: Int64) -> String {
        let time = LocalDateTime(localSeconds: seconds)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(time.year)-\(two(time.month))-\(two(time.day))"
    }
}
