import Contracts
import Wire

/// A validated GetSignificance request.
struct SignificanceQuery: Sendable, Equatable {
    /// The default false-discovery-rate level.
    static let defaultAlpha = 0.05
    /// The longest period (20 years of months).
    static let maximumMonths = 240

    let city: String
    let primaryType: String
    /// Month numbers (`year * 12 + month - 1`), both inclusive.
    let fromMonth: Int
    let toMonth: Int
    let units: SignificanceUnits
    let alpha: Double

    /// - Throws: NOT_FOUND for an unknown city; FAILED_PRECONDITION for hex units in a city
    ///   without a hex projection; INVALID_ARGUMENT for a bad or reversed month, more than 240
    ///   months, units other than `areas`/`hex`, alpha outside (0, 0.5].
    init(_ request: SignificanceRequest) throws(RPCError) {
        guard CityCatalog.timeZone(of: request.city) != nil else {
            throw RPCError(.notFound, "no city '\(request.city)'; try chicago, nyc or uk-<force>")
        }
        guard let units = SignificanceUnits(rawValue: request.units) else {
            throw RPCError(.invalidArgument, "units must be 'areas' or 'hex', got '\(request.units.prefix(40))'")
        }
        if units == .hex, CityProjection.of(city: request.city) == nil {
            throw RPCError(.failedPrecondition, "no hex projection is defined for \(request.city)")
        }
        let alpha = request.alpha == 0 ? Self.defaultAlpha : request.alpha
        guard alpha.isFinite, alpha > 0, alpha <= 0.5 else {
            throw RPCError(.invalidArgument, "alpha must be in (0, 0.5], got \(request.alpha)")
        }
        let from = try Self.month(request.fromMonth, name: "from_month")
        let to = try Self.month(request.toMonth, name: "to_month")
        guard from <= to, to - from < Self.maximumMonths else {
            throw RPCError(.invalidArgument, "from_month-to_month must be ascending and at most \(Self.maximumMonths) months")
        }
        city = request.city
        primaryType = request.primaryType
        fromMonth = from
        toMonth = to
        self.units = units
        self.alpha = alpha
    }

    private static func month(_ text: String, name: String) throws(RPCError) -> Int {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
              (1...12).contains(month) else {
            throw RPCError(.invalidArgument, "\(name) must be YYYY-MM, got '\(text.prefix(40))'")
        }
        return year * 12 + month - 1
    }
}

/// The units of a significance query: the city's area polygons or 200 m hex cells.
enum SignificanceUnits: String, Sendable, Equatable {
    case areas, hex
}
