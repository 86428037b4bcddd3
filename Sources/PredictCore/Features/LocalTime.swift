import Postgres

/// The calendar fields of a local wall-clock time given as seconds since 1970-01-01T00:00 local.
public struct LocalTime: Sendable, Equatable {
    public var year: Int
    /// 1 ... 12.
    public var month: Int
    public var day: Int
    /// 0 ... 23.
    public var hour: Int
    /// 0 = Monday ... 6 = Sunday.
    public var dayOfWeek: Int

    public init(localSeconds: Int64) {
        let days = localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400
        let secondOfDay = localSeconds - days * 86_400
        let date = CivilDays.date(fromDays: days)
        year = Int(date.year)
        month = Int(date.month)
        day = Int(date.day)
        hour = Int(secondOfDay / 3600)
        // 1970-01-01 was a Thursday (3 when Monday is 0).
        dayOfWeek = Int(((days % 7) + 7 + 3) % 7)
    }

    /// Seconds since 1970-01-01T00:00 local of midnight starting `year-month-day`.
    public static func seconds(year: Int, month: Int, day: Int) -> Int64 {
        CivilDays.days(year: Int64(year), month: Int64(month), day: Int64(day)) * 86_400
    }
}
