import CivilTime

extension LocalDateTime {
    /// `YYYY-MM-DD hh:mm:ss`, as PostgreSQL reads a timestamp (a month-only value as its first second).
    var sqlText: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }
}
