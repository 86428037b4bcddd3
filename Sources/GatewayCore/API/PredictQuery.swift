import Contracts

/// The validated query of `GET /api/v1/predict` as a Predict request.
struct PredictQuery: Sendable {
    /// The query names the endpoint accepts.
    static let names: Set<String> = [
        "city", "area", "hour", "day_of_week", "month", "primary_type", "location_description", "top_contributions", "top_classes",
    ]

    var request: PredictRequest

    /// Validates: `city`, `area`, `hour` (0-23), `day_of_week` (0 = Monday … 6 = Sunday) and
    /// `month` (1-12) required; `primary_type` and `location_description` optional;
    /// `top_contributions` and `top_classes` 1-20 (default 5).
    init(_ query: QueryParameters) throws(APIError) {
        let city = try query.requiredCity()
        let area = try query.requiredString("area")
        guard let hour = try query.integer("hour", in: 0...23) else { throw .invalidArgument("'hour' is required (0-23)") }
        guard let day = try query.integer("day_of_week", in: 0...6) else {
            throw .invalidArgument("'day_of_week' is required (0 = Monday ... 6 = Sunday)")
        }
        guard let month = try query.integer("month", in: 1...12) else { throw .invalidArgument("'month' is required (1-12)") }
        let context = IncidentContext(
            city: city, area: area, hour: Int32(hour), dayOfWeek: Int32(day), month: Int32(month),
            locationDescription: try query.string("location_description", maxLength: 200) ?? "",
            primaryType: try query.string("primary_type") ?? "")
        request = PredictRequest(context: context, topContributions: Int32(try query.integer("top_contributions", in: 1...20) ?? 5),
                                 topClasses: Int32(try query.integer("top_classes", in: 1...20) ?? 5))
    }
}
