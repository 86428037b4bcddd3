import Wire

extension HeatmapHandlers {
    /// How long a read waits for the index to reach its `min_position` before it gives up.
    static let minPositionWait: Duration = .seconds(2)

    /// Waits until the index reflects outbox position `minPosition` (0: at once), waking the
    /// consumer so that it pulls now rather than after its idle wait. A replica still behind after
    /// ``minPositionWait`` answers UNAVAILABLE, which the replica-aware client retries once on
    /// another replica.
    func awaitPosition(_ minPosition: Int64) async throws(RPCError) {
        guard minPosition >= 0 else { throw RPCError(.invalidArgument, "min_position must not be negative, got \(minPosition)") }
        var current = index.position
        guard current < minPosition else { return }
        wakeConsumer()
        let deadline = ContinuousClock.now + Self.minPositionWait
        while current < minPosition {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero, !Task.isCancelled else {
                throw RPCError(.unavailable, "this heatmap replica is at outbox position \(current), behind the requested min_position \(minPosition); try another replica")
            }
            current = await index.positionWaiters.wait(after: current, hold: remaining)
        }
    }

    /// A city's index and the position it reflects, read together once the index is at
    /// `minPosition` or later.
    func read(_ city: String, atLeast minPosition: Int64) async throws(RPCError) -> (city: CityRollupIndex?, position: Int64) {
        try await awaitPosition(minPosition)
        return index.read(city)
    }
}
