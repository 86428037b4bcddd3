import Contracts

/// The validated query of `GET /api/v1/hotspots` as a GetHexHotspots request.
struct HotspotsQuery: Sendable {
    /// The query names the endpoint accepts.
    static let names: Set<String> = ["city", "primary_type", "from", "to", "window", "limit"]
    /// The longest period the heatmap service ranks (20 years of months).
    static let maximumMonths = 240

    var request: HexHotspotsRequest
    var from: MonthParameter?
    var to: MonthParameter?

    /// Validates: `city` required; `from`/`to` (`YYYY-MM`, inclusive) both or neither (neither:
    /// the newest twelve months), at most 240 months and at least `window`; `window` 1, 3 or 12
    /// months (default 1); `limit` 1-10,000 cells (default 100).
    init(_ query: QueryParameters) throws(APIError) {
        let city = try query.requiredCity()
        let primaryType = try query.string("primary_type") ?? ""
        from = try query.string("from", maxLength: 7).map { text throws(APIError) in try MonthParameter(text, name: "from") }
        to = try query.string("to", maxLength: 7).map { text throws(APIError) in try MonthParameter(text, name: "to") }
        let window = try query.integer("window", in: 1...12) ?? 1
        guard [1, 3, 12].contains(window) else { throw .invalidArgument("'window' must be 1, 3 or 12 months, got \(window)") }
        let limit = try query.integer("limit", in: 1...10_000) ?? 100
        var months = 12
        if let from, let to {
            guard from <= to else { throw .invalidArgument("'from' (\(from.label)) is after 'to' (\(to.label))") }
            months = to.ordinal - from.ordinal + 1
            guard months <= Self.maximumMonths else {
                throw .invalidArgument("'from'-'to' spans \(months) months; at most \(Self.maximumMonths)")
            }
        } else if from != nil || to != nil {
            throw .invalidArgument("give both 'from' and 'to', or neither (the newest twelve months)")
        }
        guard months >= window else {
            throw .invalidArgument("'from'-'to' spans \(months) months, fewer than the \(window)-month window")
        }
        request = HexHotspotsRequest(city: city, primaryType: primaryType, firstMonth: from?.label ?? "", months: Int32(months),
                                     windowMonths: Int32(window), topShare: 0, limit: Int32(limit))
    }
}
