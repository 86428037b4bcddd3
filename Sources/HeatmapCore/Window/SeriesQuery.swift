import Contracts
import Wire

/// A validated GetSeries request: the range widened to whole Monday-started weeks.
struct SeriesQuery: Sendable, Equatable {
    /// At most 20 years of weeks.
    static let maximumWeeks = 1_044

    let city: String
    /// The Monday of the week holding the range's start, local seconds.
    let firstWeek: Int64
    let weeks: Int

    /// - Throws: NOT_FOUND for an unknown city; INVALID_ARGUMENT without a range, with start ≥ end,
    ///   or over more than 1,044 weeks.
    init(_ request: SeriesRequest) throws(RPCError) {
        guard CityCatalog.timeZone(of: request.city) != nil else {
            throw RPCError(.notFound, "no city '\(request.city)'; try chicago, nyc or uk-<force>")
        }
        guard let range = request.range else { throw RPCError(.invalidArgument, "range is required (local seconds [start, end))") }
        guard range.startLocalSeconds < range.endLocalSeconds else {
            throw RPCError(.invalidArgument, "range start must be before its end")
        }
        let first = WindowGrain.weekly.bucketStart(range.startLocalSeconds)
        let end = WindowGrain.weekly.ceilingStart(range.endLocalSeconds)
        let weeks = (end - first) / (7 * 86_400)
        guard weeks <= Int64(Self.maximumWeeks) else {
            throw RPCError(.invalidArgument, "range covers \(weeks) weeks; at most \(Self.maximumWeeks)")
        }
        city = request.city
        firstWeek = first
        self.weeks = Int(weeks)
    }
}
