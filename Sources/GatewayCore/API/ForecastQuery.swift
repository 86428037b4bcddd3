import CivilTime
import Contracts
import Foundation

/// The validated query of `GET /api/v1/forecast` as a Forecast request.
struct ForecastQuery: Sendable {
    /// The query names the endpoint accepts.
    static let names: Set<String> = ["city", "week", "crime_group", "top_contributions"]

    var request: ForecastRequest

    /// Validates: `city` required; `week` a Monday `YYYY-MM-DD` (absent: the week after the
    /// data); `crime_group` optional (absent: all crime); `top_contributions` 1-20 (default 3).
    init(_ query: QueryParameters) throws(APIError) {
        let city = try query.requiredCity()
        var week = ""
        if let text = try query.string("week", maxLength: 10) {
            guard text.count == 10 else { throw .invalidArgument("'week' must be a Monday YYYY-MM-DD, got '\(text)'") }
            let seconds = try LocalTimeParameter.seconds(text, name: "week")
            guard LocalDateTime(localSeconds: seconds).dayOfWeekFromMonday == 0 else {
                throw .invalidArgument("'week' must be a Monday (the week's first day), got \(text)")
            }
            week = text
        }
        request = ForecastRequest(city: city, weekStart: week, weeksAhead: 0, crimeGroup: try query.string("crime_group") ?? "",
                                  topContributions: Int32(try query.integer("top_contributions", in: 1...20) ?? 3))
    }
}
