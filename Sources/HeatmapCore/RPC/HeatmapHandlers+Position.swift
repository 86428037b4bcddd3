import Contracts
import Wire

extension HeatmapHandlers {
    /// The hold when the request names none, and the longest one allowed.
    static let defaultWatchHoldMs: Int32 = 5_000
    static let maxWatchHoldMs: Int32 = 60_000

    /// Heatmap/WatchPosition: a long poll on the index's outbox position. It returns as soon as
    /// the position differs from `after` (at once when it already does), or when the hold runs
    /// out, with the current position either way. Its answer comes from the index itself, so a
    /// caller that sees position P knows every later read reflects at least P.
    func watchPosition(_ request: WatchPositionRequest) async throws(RPCError) -> WatchPositionResponse {
        guard (0...Self.maxWatchHoldMs).contains(request.holdMs) else {
            throw RPCError(.invalidArgument, "hold_ms must be 0-\(Self.maxWatchHoldMs), got \(request.holdMs)")
        }
        let holdMs = request.holdMs == 0 ? Self.defaultWatchHoldMs : request.holdMs
        let position = await index.positionWaiters.wait(after: request.after, hold: .milliseconds(Int64(holdMs)))
        return WatchPositionResponse(position: position)
    }
}
