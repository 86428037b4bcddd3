import Postgres

/// Wall-clock values as seconds since 1970-01-01T00:00:00 of the same wall clock (no zone applied),
/// the `*_local_seconds` of the contracts.
extension LocalDateTime {
    /// Seconds since 1970-01-01T00:00:00 of the same clock.
    public var localSeconds: Int64 {
        CivilDays.days(year: Int64(year), month: Int64(month), day: Int64(day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The wall-clock value `seconds` after 1970-01-01T00:00:00; `nil` outside years 1…9999.
    public init?(localSeconds seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let (year, month, day) = CivilDays.date(fromDays: days)
        self.init(year: Int(year), month: Int(month), day: Int(day), hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }

    /// `YYYY-MM-DD hh:mm:ss`, as PostgreSQL reads a timestamp.
    var sqlText: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }
}
