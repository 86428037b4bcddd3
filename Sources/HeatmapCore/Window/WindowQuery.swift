import Contracts
import Wire

/// A validated GetWindowHeatmap request.
struct WindowQuery: Sendable, Equatable {
    /// The longest window: five years of hours (5 × 365.25 × 24).
    static let maximumHours: Int64 = 43_830

    let city: String
    let hours: Int64
    /// The window's exclusive end, local seconds (a whole hour); nil means the newest incident's.
    let reference: Int64?
    let primaryType: String
    /// The coarsest grain that keeps the window's resolution.
    let grain: WindowGrain

    /// - Throws: NOT_FOUND for an unknown city; INVALID_ARGUMENT for hours outside 1 … 43,830 or a
    ///   reference time that is not a whole hour (the finest rollup grain).
    init(_ request: WindowHeatmapRequest) throws(RPCError) {
        guard CityCatalog.timeZone(of: request.city) != nil else {
            throw RPCError(.notFound, "no city '\(request.city)'; try chicago, nyc or uk-<force>")
        }
        guard (1...Self.maximumHours).contains(request.lastHours) else {
            throw RPCError(.invalidArgument, "last_hours must be 1-\(Self.maximumHours) (five years), got \(request.lastHours)")
        }
        guard request.referenceLocalSeconds == 0 || WindowGrain.modulo(request.referenceLocalSeconds, 3_600) == 0 else {
            throw RPCError(.invalidArgument, "reference_local_seconds must be a whole hour (or 0 for the newest incident)")
        }
        city = request.city
        hours = request.lastHours
        reference = request.referenceLocalSeconds == 0 ? nil : request.referenceLocalSeconds
        primaryType = request.primaryType
        grain = WindowGrain.forWindow(hours: request.lastHours)
    }
}
