import CivilTime
import Contracts
import Wire

/// A Check request's range as whole months (the rollup's time grain).
struct CheckRange: Sendable {
    /// Month numbers `[fromMonth, toMonth)` (`year * 12 + month - 1`).
    let fromMonth: Int
    let toMonth: Int

    /// - Throws: INVALID_ARGUMENT unless both ends are midnight on the first of a month and start < end.
    init(_ range: LocalTimeRange?) throws(RPCError) {
        guard let range else { throw RPCError(.invalidArgument, "range is required (local seconds [start, end), whole months)") }
        let start = LocalDateTime(localSeconds: range.startLocalSeconds)
        let end = LocalDateTime(localSeconds: range.endLocalSeconds)
        guard start.day == 1, start.isMidnight, end.day == 1, end.isMidnight else {
            throw RPCError(.invalidArgument, "range must start and end at midnight on the first of a month (the rollup's grain)")
        }
        guard start.monthNumber < end.monthNumber else { throw RPCError(.invalidArgument, "range start must be before its end") }
        fromMonth = start.monthNumber
        toMonth = end.monthNumber
    }
}
