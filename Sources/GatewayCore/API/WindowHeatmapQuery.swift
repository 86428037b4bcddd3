import CivilTime
import Contracts

/// The validated query of `GET /api/v1/heatmap/window` as a GetWindowHeatmap request.
struct WindowHeatmapQuery: Sendable {
    /// The query names the endpoint accepts.
    static let names: Set<String> = ["city", "last", "at", "primary_type"]

    var request: WindowHeatmapRequest
    var last: WindowLength
    /// `at` as given, normalised to `YYYY-MM-DDTHH:MM:SS`; nil means the newest incident.
    var at: String?

    /// Validates: `city` and `last` required; `at` a whole local hour when given.
    init(_ query: QueryParameters) throws(APIError) {
        let city = try query.requiredCity()
        last = try WindowLength(query.requiredString("last", maxLength: 10))
        var reference: Int64 = 0
        if let text = try query.string("at", maxLength: 40) {
            reference = try LocalTimeParameter.seconds(text, name: "at")
            guard reference % 3_600 == 0 else {
                throw .invalidArgument("'at' must be a whole hour (the finest rollup), e.g. 2017-12-31T18:00, got '\(text)'")
            }
            at = LocalDateTime(localSeconds: reference).description
        }
        let primaryType = try query.string("primary_type") ?? ""
        request = WindowHeatmapRequest(city: city, lastHours: last.hours, referenceLocalSeconds: reference, primaryType: primaryType)
    }
}
