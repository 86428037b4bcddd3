import Contracts
import Wire

/// A validated GetHexHotspots request.
struct HexQuery: Sendable, Equatable {
    let city: String
    let primaryType: String
    /// The first month number (`year * 12 + month - 1`); nil means the newest `months` months.
    let firstMonth: Int?
    let months: Int
    let windowMonths: Int
    let topShare: Double
    let limit: Int

    /// - Throws: NOT_FOUND for an unknown city, FAILED_PRECONDITION for a city without a
    ///   projection, INVALID_ARGUMENT for a bad month, months outside 1 … 240 or fewer than the
    ///   window, a window other than 1, 3 or 12, a share outside (0, 1], a limit outside 0 … 10,000.
    init(_ request: HexHotspotsRequest) throws(RPCError) {
        guard CityCatalog.timeZone(of: request.city) != nil else {
            throw RPCError(.notFound, "no city '\(request.city)'; try chicago, nyc or uk-<force>")
        }
        guard CityProjection.of(city: request.city) != nil else {
            throw RPCError(.failedPrecondition, "no hex projection is defined for \(request.city)")
        }
        guard [1, 3, 12].contains(request.windowMonths) else {
            throw RPCError(.invalidArgument, "window_months must be 1, 3 or 12, got \(request.windowMonths)")
        }
        let months = request.months == 0 ? 12 : Int(request.months)
        guard (1...240).contains(months), months >= Int(request.windowMonths) else {
            throw RPCError(.invalidArgument, "months must be 1-240 and at least window_months, got \(request.months)")
        }
        let share = request.topShare == 0 ? 0.001 : request.topShare
        guard share.isFinite, share > 0, share <= 1 else {
            throw RPCError(.invalidArgument, "top_share must be in (0, 1], got \(request.topShare)")
        }
        guard (0...10_000).contains(request.limit) else {
            throw RPCError(.invalidArgument, "limit must be 0-10000 (0 = 100), got \(request.limit)")
        }
        if request.firstMonth.isEmpty {
            firstMonth = nil
        } else {
            let parts = request.firstMonth.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
                  (1...12).contains(month) else {
                throw RPCError(.invalidArgument, "first_month must be YYYY-MM, got '\(request.firstMonth)'")
            }
            firstMonth = year * 12 + month - 1
        }
        city = request.city
        primaryType = request.primaryType
        self.months = months
        windowMonths = Int(request.windowMonths)
        topShare = share
        limit = request.limit == 0 ? 100 : Int(request.limit)
    }

    /// `YYYY-MM` of a month number.
    static func label(_ month: Int) -> String {
        let year = month / 12, number = month % 12 + 1
        return "\(year)-\(number < 10 ? "0" : "")\(number)"
    }
}
