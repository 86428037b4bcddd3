/// Wall-clock values as seconds since 1970-01-01T00:00:00 of the same wall clock (no zone
/// applied): the `*_local_seconds` of the contracts, the rollups' buckets and the models' features.
extension LocalDateTime {
    /// The wall-clock value `seconds` after 1970-01-01T00:00:00. Every second is one: no time
    /// zone, no leap seconds, the proleptic Gregorian calendar before and after.
    package init(localSeconds seconds: Int64) {
        let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
        let (year, month, day) = Self.date(fromDays: days)
        let rest = Int(secondOfDay)
        self.init(unchecked: Int(year), Int(month), Int(day), rest / 3_600, rest % 3_600 / 60, rest % 60)
    }

    /// Seconds since 1970-01-01T00:00:00 of the same clock.
    package var localSeconds: Int64 {
        Self.localSeconds(year: year, month: month, day: day) + Int64(hour * 3_600 + minute * 60 + second)
    }

    /// Local seconds of midnight at the start of `year`-`month`-`day`, unvalidated: month 13 of
    /// 2016 is January 2017 (callers step months by arithmetic).
    package static func localSeconds(year: Int, month: Int, day: Int) -> Int64 {
        days(year: Int64(year), month: Int64(month), day: Int64(day)) * 86_400
    }

    /// 0 = Monday … 6 = Sunday (ISO 8601's order; the models' feature).
    package var dayOfWeekFromMonday: Int { Int(Self.floorDivide(days + 3, 7).remainder) }

    /// 0 = Sunday … 6 = Saturday (PostgreSQL's `dow`; the rollups' key).
    var dayOfWeekFromSunday: Int { Int(Self.floorDivide(days + 4, 7).remainder) }

    /// Months since year 0 (`year * 12 + month - 1`): a sortable month number.
    package var monthNumber: Int { year * 12 + month - 1 }

    /// Whether the time is exactly midnight.
    package var isMidnight: Bool { hour == 0 && minute == 0 && second == 0 }

    /// `YYYY-MM-DD`.
    var dateText: String { String(LocalDateTime(unchecked: year, month, day, hour, minute, second).description.prefix(10)) }

    /// Days since 1970-01-01 (1970-01-01 was a Thursday).
    private var days: Int64 { Self.days(year: Int64(year), month: Int64(month), day: Int64(day)) }

    /// Days since 1970-01-01 of `year`-`month`-`day` (Howard Hinnant's `days_from_civil`;
    /// year 0 = 1 BC; month and day unvalidated).
    package static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (Hinnant's `civil_from_days`).
    package static func date(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }
}
