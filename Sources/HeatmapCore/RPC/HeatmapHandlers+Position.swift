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

extension HeatmapHandlers {
    /// How long a read waits for the index to reach its `min_position` before it gives up.
    static let minPositionWait: Duration = .seconds(2)

    /// Waits until the index reflects outbox position `minPosition` (0: at once), waking the
    /// consumer so that it pulls now rather than after its idle wait. A position ingest has not
    /// committed (a pull sent after the request found nothing up to it) is OUT_OF_RANGE at once.
    /// A replica still behind after ``minPositionWait`` answers UNAVAILABLE with the reason
    /// REPLICA_BEHIND (POSITION_NOT_WRITTEN goes with that OUT_OF_RANGE): the replica-aware client
    /// asks the other replicas and keeps this one in rotation, since it is healthy, only late.
    func awaitPosition(_ minPosition: Int64) async throws(RPCError) {
        guard minPosition >= 0 else { throw RPCError(.invalidArgument, "min_position must not be negative, got \(minPosition)") }
        var current = index.position
        guard current < minPosition else { return }
        let asked = ContinuousClock.now
        wakeConsumer()
        let deadline = asked + Self.minPositionWait
        while current < minPosition {
            if let head = caughtUp(), head.at >= asked, head.position < minPosition {
                throw RPCError(.outOfRange, "min_position \(minPosition) is past the newest outbox position \(head.position)",
                               reason: .positionNotWritten)
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero, !Task.isCancelled else {
                throw RPCError(.unavailable, "this heatmap replica is at outbox position \(current), behind the requested min_position \(minPosition); try another replica",
                               reason: .replicaBehind)
            }
            // Short holds: the consumer's empty pull is noticed between position events.
            current = await index.positionWaiters.wait(after: current, hold: min(remaining, .milliseconds(50)))
        }
    }

    /// A city's index and the position it reflects, read together once the index is at
    /// `minPosition` or later.
    func read(_ city: String, atLeast minPosition: Int64) async throws(RPCError) -> (city: CityRollupIndex?, position: Int64) {
        try await awaitPosition(minPosition)
        return index.read(city)
    }
}
