/// What a forecast model needs besides its boosters, stored as JSON next to them.
struct ForecastDescriptor: Codable, Sendable, Equatable {
    var areas: [String]
    var groups: [String]
    var neighbours: [[Int]]
    /// "YYYY-MM-DD" Mondays of the first and last week trained on.
    var firstWeek: String
    var lastWeek: String
}
