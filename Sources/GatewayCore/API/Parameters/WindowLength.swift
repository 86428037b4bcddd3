/// The `last` parameter of the window heatmap: a whole number followed by `h` (hours), `d`
/// (days), `w` (weeks) or `y` (years of 365.25 days), from one hour up to five years: `6h`,
/// `72h`, `7d`, `2w`, `5y`.
struct WindowLength: Sendable, Equatable {
    /// Hours per unit letter.
    static let hoursPerUnit: [Character: Int64] = ["h": 1, "d": 24, "w": 168, "y": 8_766]
    /// Five years of hours (5 × 365.25 × 24), the heatmap service's longest window.
    static let maximumHours: Int64 = 43_830

    /// The text as given (`7d`).
    var text: String
    /// The window in hours.
    var hours: Int64

    init(_ text: String) throws(APIError) {
        guard let unit = text.last, let perUnit = Self.hoursPerUnit[unit] else {
            throw .invalidArgument("'last' must be a number and a unit h, d, w or y (e.g. 6h, 7d, 5y), got '\(text.prefix(40))'")
        }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.count <= 6, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let number = Int64(digits) else {
            throw .invalidArgument("'last' must be a number and a unit h, d, w or y (e.g. 6h, 7d, 5y), got '\(text.prefix(40))'")
        }
        let hours = number * perUnit
        guard hours >= 1, hours <= Self.maximumHours else {
            throw .invalidArgument("'last' must be 1h to 5y (\(Self.maximumHours) hours), got '\(text)'")
        }
        self.text = text
        self.hours = hours
    }
}
