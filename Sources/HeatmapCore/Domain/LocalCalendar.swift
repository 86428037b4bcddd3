import Postgres

/// Calendar fields of a local wall-clock time given as seconds since 1970-01-01T00:00 local
/// (the ingest contract's `occurred_local_seconds`). Proleptic Gregorian, no time zones.
public struct LocalCalendar: Sendable, Hashable {
    public let year: Int
    public let month: Int
    public let day: Int
    /// 0-23.
    public let hour: Int
    /// 0 = Sunday … 6 = Saturday (PostgreSQL's `dow`).
    public let dayOfWeek: Int
    /// Whether the time is exactly midnight.
    public let isMidnight: Bool

    /// Splits `localSeconds` into its calendar fields.
    public init(localSeconds: Int64) {
        let (days, secondOfDay) = Self.floorDivide(localSeconds, 86_400)
        hour = Int(secondOfDay / 3_600)
        isMidnight = secondOfDay == 0
        dayOfWeek = Int(Self.floorDivide(days + 4, 7).remainder)  // 1970-01-01 was a Thursday
        let date = CivilDays.date(fromDays: days)
        (year, month, day) = (Int(date.year), Int(date.month), Int(date.day))
    }

    /// Months since year 0 (`year * 12 + month - 1`): a sortable month number.
    public var monthNumber: Int { year * 12 + month - 1 }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }
}
