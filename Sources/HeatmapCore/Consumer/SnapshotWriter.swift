import Logging
import Metrics
import ServiceLifecycle

/// Persists the in-memory ``RollupIndex`` as snapshots in the background: a consistent copy of
/// every city (copy-on-write, taken under the index lock in O(1)), encoded off the lock and
/// stored with its position in one transaction (``HeatmapStore/saveSnapshot(position:cities:)``)
/// while the consumer goes on applying batches.
///
/// It writes when the index has moved and has then been still for ``SnapshotSettings/quiet``, or
/// when the newest snapshot is older than ``SnapshotSettings/maxAge`` while it keeps moving; and
/// once more on graceful shutdown, so a restart after a clean stop replays nothing.
public final class SnapshotWriter: Service, Sendable {
    let store: HeatmapStore
    let index: RollupIndex
    let settings: SnapshotSettings
    let logger: Logger
    /// `heatmap_snapshot_seconds`: how long the last snapshot took to encode and store.
    private let durationGauge = Gauge(label: "heatmap_snapshot_seconds")
    /// `heatmap_snapshot_position`: the outbox position of the newest stored snapshot.
    private let positionGauge = Gauge(label: "heatmap_snapshot_position")

    public init(store: HeatmapStore, index: RollupIndex, settings: SnapshotSettings = SnapshotSettings(),
                logger: Logger = Logger(label: "crimescope.heatmap.snapshot")) {
        self.store = store
        self.index = index
        self.settings = settings
        self.logger = logger
    }

    /// Writes a snapshot of the index as it is now, unless the stored one is already at its
    /// position.
    /// - Returns: The position written, nil when there was nothing new.
    @discardableResult
    public func writeSnapshot() async throws -> Int64? {
        guard index.isLoaded else { return nil }
        let stored = try await store.position()
        let snapshot = index.snapshot()
        guard snapshot.position > stored else { return nil }
        let started = ContinuousClock.now
        logger.info("writing index snapshot", metadata: ["position": "\(snapshot.position)", "previous": "\(stored)"])
        let cities = snapshot.cities.sorted { $0.key < $1.key }.map { (city: $0.key, bytes: $0.value.encoded()) }
        let encoded = ContinuousClock.now
        try await store.saveSnapshot(position: snapshot.position, cities: cities)
        let seconds = (ContinuousClock.now - started).seconds
        durationGauge.record(seconds)
        positionGauge.record(snapshot.position)
        logger.info("index snapshot written", metadata: [
            "position": "\(snapshot.position)", "bytes": "\(cities.reduce(0) { $0 + $1.bytes.count })",
            "encode_seconds": "\((encoded - started).seconds)", "seconds": "\(seconds)",
        ])
        return snapshot.position
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
        // Graceful stop: persist what was applied since the last snapshot.
        do {
            try await writeSnapshot()
        } catch {
            logger.warning("final index snapshot failed", metadata: ["error": "\(error)"])
        }
    }

    private func loop() async {
        var lastPosition = index.position
        var lastMove = ContinuousClock.now, lastWrite = ContinuousClock.now
        var writtenPosition = lastPosition
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: settings.tick)
            } catch {
                return
            }
            let now = ContinuousClock.now, position = index.position
            if position != lastPosition {
                lastPosition = position
                lastMove = now
            }
            guard position != writtenPosition else { continue }
            guard now - lastMove >= settings.quiet || now - lastWrite >= settings.maxAge else { continue }
            do {
                if let written = try await writeSnapshot() { writtenPosition = written } else { writtenPosition = position }
                lastWrite = ContinuousClock.now
            } catch {
                if Task.isCancelled { return }
                logger.warning("index snapshot failed; retrying", metadata: ["error": "\(error)", "position": "\(position)"])
                lastWrite = ContinuousClock.now
            }
        }
    }
}
