import Logging
import Metrics
import ServiceLifecycle

/// Persists the in-memory ``RollupIndex`` as snapshots in the background: a consistent copy of
/// every city (copy-on-write, taken under the index lock in O(1)), encoded off the lock and
/// stored with its position in one transaction (``HeatmapStore/saveSnapshot(position:epoch:cities:idleLimit:)``)
/// while the consumer goes on applying batches.
///
/// It writes when the index has moved and has then been still for ``SnapshotSettings/quiet``, or
/// when the newest snapshot is older than ``SnapshotSettings/maxAge`` while it keeps moving; and
/// once more on graceful shutdown, so a restart after a clean stop replays nothing.
///
/// Only the leader replica writes (``Leadership``), each snapshot fenced by its lease epoch: a
/// follower's writer only watches, and writes as soon as it takes over if its index is ahead of
/// the stored snapshot. After its last snapshot on graceful shutdown it releases the lease.
final class SnapshotWriter: Service, Sendable {
    let store: HeatmapStore
    let index: RollupIndex
    let leadership: Leadership
    let settings: SnapshotSettings
    let logger: Logger
    /// `heatmap_snapshot_seconds`: how long the last snapshot took to encode and store.
    private let durationGauge = Gauge(label: "heatmap_snapshot_seconds")
    /// `heatmap_snapshot_position`: the outbox position of the newest stored snapshot.
    private let positionGauge = Gauge(label: "heatmap_snapshot_position")

    init(store: HeatmapStore, index: RollupIndex, leadership: Leadership, settings: SnapshotSettings = SnapshotSettings(),
                logger: Logger = Logger(label: "crimescope.heatmap.snapshot")) {
        self.store = store
        self.index = index
        self.leadership = leadership
        self.settings = settings
        self.logger = logger
    }

    /// Writes a snapshot of the index as it is now, unless the stored one is already at its
    /// position or this replica does not lead.
    /// - Returns: The position written, nil when there was nothing new (or nothing to do here).
    @discardableResult
    func writeSnapshot() async throws -> Int64? {
        guard index.isLoaded, let epoch = leadership.epoch else { return nil }
        let stored = try await store.position()
        leadership.snapshotStored(at: stored)
        let snapshot = index.snapshot()
        guard snapshot.position > stored else { return nil }
        let started = ContinuousClock.now
        logger.info("writing index snapshot", metadata: ["position": "\(snapshot.position)", "previous": "\(stored)", "epoch": "\(epoch)"])
        let cities = snapshot.cities.sorted { $0.key < $1.key }.map { (city: $0.key, bytes: $0.value.encoded()) }
        let encoded = ContinuousClock.now
        do {
            try await store.saveSnapshot(position: snapshot.position, epoch: epoch, cities: cities)
        } catch let fenced as SnapshotFenced {
            leadership.follow()
            logger.warning("index snapshot fenced off: another replica leads now; following", metadata: [
                "position": "\(snapshot.position)", "epoch": "\(fenced.epoch)", "leader_epoch": "\(fenced.current)",
            ])
            return nil
        }
        leadership.snapshotStored(at: snapshot.position)
        let seconds = (ContinuousClock.now - started).seconds
        durationGauge.record(seconds)
        positionGauge.record(snapshot.position)
        logger.info("index snapshot written", metadata: [
            "position": "\(snapshot.position)", "bytes": "\(cities.reduce(0) { $0 + $1.bytes.count })",
            "encode_seconds": "\((encoded - started).seconds)", "seconds": "\(seconds)",
        ])
        return snapshot.position
    }

    func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
        // Graceful stop: persist what was applied since the last snapshot, then hand the lease on.
        do {
            try await writeSnapshot()
        } catch {
            logger.warning("final index snapshot failed", metadata: ["error": "\(error)"])
        }
        if let epoch = leadership.stop() {
            do {
                try await store.releaseLease(epoch: epoch, holder: leadership.holder)
                logger.info("leader lease released", metadata: ["epoch": "\(epoch)"])
            } catch {
                logger.warning("leader lease not released; it expires on its own", metadata: ["error": "\(error)"])
            }
        }
    }

    private func loop() async {
        var lastPosition = index.position
        var lastMove = ContinuousClock.now, lastWrite = ContinuousClock.now
        var writtenPosition = lastPosition
        var epoch = leadership.epoch
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
            let current = leadership.epoch
            if current != epoch {
                // Just took over (or lost the lease): the stored snapshot may be behind this index.
                epoch = current
                writtenPosition = -1
            }
            guard current != nil, position != writtenPosition else { continue }
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

/// When the ``SnapshotWriter`` persists the index.
package struct SnapshotSettings: Sendable {
    /// A snapshot is written once the index has not moved for this long (a load has ended).
    package var quiet: Duration = .seconds(2)
    /// … or, while the index keeps moving, once the newest snapshot is this old: a restart then
    /// replays at most this much of the outbox.
    package var maxAge: Duration = .seconds(20)
    /// How often the writer looks at the index.
    var tick: Duration = .milliseconds(250)

    package init() {}
}
