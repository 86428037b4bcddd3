import Contracts
import Wire

/// A validated `GetBeatHeatmap` request: the Chicago explorer's filters.
struct BeatQuery: Sendable, Hashable {
    var city: String
    /// Inclusive year bounds; nil means open.
    var yearFrom: Int?
    var yearTo: Int?
    /// Nil means every hour (and month-only incidents too).
    var hours: HourFilter?
    /// Nil means every type.
    var primaryType: String?

    init(city: String, yearFrom: Int? = nil, yearTo: Int? = nil, hours: HourFilter? = nil, primaryType: String? = nil) {
        self.city = city
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.hours = hours
        self.primaryType = primaryType
    }

    /// Validates a request: `year` or `year_from`/`year_to` (not both; from ≤ to), hours 0-23.
    /// - Throws: INVALID_ARGUMENT naming the problem; NOT_FOUND for a city that does not exist.
    init(_ request: BeatHeatmapRequest) throws(RPCError) {
        guard !request.city.isEmpty else { throw RPCError(.invalidArgument, "city is required") }
        guard CityCatalog.timeZone(of: request.city) != nil else {
            throw RPCError(.notFound, "no city '\(request.city)'; try chicago, nyc or uk-<force>")
        }
        city = request.city
        if request.year != 0 {
            guard request.yearFrom == 0 && request.yearTo == 0 else {
                throw RPCError(.invalidArgument, "give either year or year_from/year_to, not both")
            }
            yearFrom = Int(request.year)
            yearTo = Int(request.year)
        } else {
            yearFrom = request.yearFrom == 0 ? nil : Int(request.yearFrom)
            yearTo = request.yearTo == 0 ? nil : Int(request.yearTo)
            if let from = yearFrom, let to = yearTo, from > to {
                throw RPCError(.invalidArgument, "year_from \(from) is after year_to \(to)")
            }
        }
        if let range = request.hours {
            guard (0...23).contains(range.hourMin), (0...23).contains(range.hourMax) else {
                throw RPCError(.invalidArgument, "hours must be 0-23, got \(range.hourMin)-\(range.hourMax)")
            }
            hours = HourFilter(minimum: Int(range.hourMin), maximum: Int(range.hourMax))
        } else {
            hours = nil
        }
        primaryType = request.primaryType.isEmpty ? nil : request.primaryType
    }

    /// Whether `year` is within the bounds.
    func includes(year: Int) -> Bool {
        (yearFrom.map { year >= $0 } ?? true) && (yearTo.map { year <= $0 } ?? true)
    }
}
