import Contracts

/// The validated query of `GET /api/v1/hotspots/significance` as a GetSignificance request.
struct SignificanceQuery: Sendable {
    /// The query names the endpoint accepts.
    static let names: Set<String> = ["city", "from", "to", "primary_type", "units", "alpha"]
    /// The longest period the heatmap service tests (20 years of months).
    static let maximumMonths = 240

    var request: SignificanceRequest
    var from: MonthParameter
    var to: MonthParameter

    /// Validates: `city`, `from`, `to` (`YYYY-MM`, inclusive, ascending, at most 240 months) and
    /// `units` (`areas` or `hex`) required; `alpha` a plain decimal in (0, 0.5] (default 0.05).
    init(_ query: QueryParameters) throws(APIError) {
        let city = try query.requiredCity()
        let primaryType = try query.string("primary_type") ?? ""
        from = try MonthParameter(try query.requiredString("from", maxLength: 7), name: "from")
        to = try MonthParameter(try query.requiredString("to", maxLength: 7), name: "to")
        guard from <= to else { throw .invalidArgument("'from' (\(from.label)) is after 'to' (\(to.label))") }
        let months = to.ordinal - from.ordinal + 1
        guard months <= Self.maximumMonths else {
            throw .invalidArgument("'from'-'to' spans \(months) months; at most \(Self.maximumMonths)")
        }
        let units = try query.requiredString("units", maxLength: 10)
        guard units == "areas" || units == "hex" else {
            throw .invalidArgument("'units' must be 'areas' or 'hex', got '\(units)'")
        }
        let alpha = try query.string("alpha", maxLength: 12).map { text throws(APIError) in try Self.alpha(text) } ?? 0.05
        request = SignificanceRequest(city: city, primaryType: primaryType, fromMonth: from.label, toMonth: to.label,
                                      units: units, alpha: alpha)
    }

    /// A plain decimal (`0.05`, `.1`; no sign, exponent or spaces) in (0, 0.5].
    static func alpha(_ text: String) throws(APIError) -> Double {
        let plain = text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 } && text.utf8.filter { $0 == 46 }.count <= 1
        guard plain, let value = Double(text), value > 0, value <= 0.5 else {
            throw .invalidArgument("'alpha' must be a decimal in (0, 0.5], got '\(text)'")
        }
        return value
    }
}
