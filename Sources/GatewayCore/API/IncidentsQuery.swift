import Contracts
import Foundation

/// The validated query of `GET /api/v1/incidents` as a ListIncidents request over one month.
struct IncidentsQuery: Sendable {
    /// The query names the endpoint accepts.
    static let names: Set<String> = ["city", "month", "category", "bbox", "limit"]
    /// The ingest service's largest page.
    static let maximumLimit = 250_000

    var request: ListIncidentsRequest
    var month: MonthParameter

    /// Validates: `city` and `month` (`YYYY-MM`) required; `category` a comma-separated list of
    /// category codes (NYPD `F,M`; Chicago `violent,property`); `bbox` minLon,minLat,maxLon,maxLat;
    /// `limit` 1-250,000 (default 100,000).
    init(_ query: QueryParameters) throws(APIError) {
        let city = try query.requiredCity()
        month = try MonthParameter(query.requiredString("month", maxLength: 7), name: "month")
        var categories: [String] = []
        if let text = try query.string("category", maxLength: 500) {
            categories = text.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
            guard !categories.contains(where: \.isEmpty), categories.count <= 50 else {
                throw .invalidArgument("'category' must be 1-50 comma-separated codes without empty ones, got '\(text.prefix(80))'")
            }
        }
        let bbox = try query.string("bbox", maxLength: 200).map { text throws(APIError) in try BoundingBoxParameter.parse(text) }
        let limit = try query.integer("limit", in: 1...Self.maximumLimit) ?? 100_000
        let range = month.localRange
        request = ListIncidentsRequest(city: city, range: LocalTimeRange(startLocalSeconds: range.start, endLocalSeconds: range.end),
                                       bbox: bbox, categories: categories, limit: Int32(limit))
    }
}
