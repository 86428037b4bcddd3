import CivilTime

/// A calendar month as the API writes it, `YYYY-MM` (years 1900-2100), with its bounds in
/// local seconds.
package struct MonthParameter: Sendable, Equatable, Comparable {
    package var year: Int
    var month: Int

    /// Parses `YYYY-MM`; `name` is the parameter's name for the error message.
    package init(_ text: String, name: String) throws(APIError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              let year = Int(parts[0]), let month = Int(parts[1]), (1900...2100).contains(year), (1...12).contains(month) else {
            throw .invalidArgument("'\(name)' must be a month YYYY-MM (1900-01 to 2100-12), got '\(text.prefix(40))'")
        }
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`.
    package var label: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)"
    }

    /// Months since year 0 (`year * 12 + month - 1`), for counting spans.
    package var ordinal: Int {
        year * 12 + month - 1
    }

    /// Days in the month.
    var days: Int {
        LocalDateTime.daysInMonth(year: year, month: month)
    }

    /// The month as a half-open range of local seconds.
    var localRange: (start: Int64, end: Int64) {
        let start = LocalDateTime.localSeconds(year: year, month: month, day: 1)
        return (start, start + Int64(days) * 86_400)
    }

    package static func < (lhs: MonthParameter, rhs: MonthParameter) -> Bool {
        lhs.ordinal < rhs.ordinal
    }
}
