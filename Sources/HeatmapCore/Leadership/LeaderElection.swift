import Logging
import ServiceLifecycle

/// Keeps the heatmap's leader lease: a follower takes it over once it has expired (drawing a
/// new epoch, the fencing token), the leader renews it every ``LeaderElectionSettings/interval``.
/// A leader that finds the lease taken over, or that has not managed to renew it for a whole
/// lease (the database unreachable), follows from then on; the database fences its snapshots in
/// any case (``HeatmapStore/saveSnapshot(position:epoch:cities:idleLimit:)``).
///
/// On graceful shutdown the loop stops; the ``SnapshotWriter`` writes its last snapshot and
/// releases the lease, so another replica takes over within one interval.
final class LeaderElection: Service, Sendable {
    let store: HeatmapStore
    let leadership: Leadership
    let settings: LeaderElectionSettings
    let logger: Logger

    init(store: HeatmapStore, leadership: Leadership, settings: LeaderElectionSettings = LeaderElectionSettings(),
                logger: Logger = Logger(label: "crimescope.heatmap.leader")) {
        self.store = store
        self.leadership = leadership
        self.settings = settings
        self.logger = logger
    }

    /// One round: renew as leader, or try to take the lease over as follower.
    /// - Parameter lastRenewal: when the last successful renewal (or takeover) started.
    /// - Returns: the new `lastRenewal`.
    func step(lastRenewal: ContinuousClock.Instant?) async -> ContinuousClock.Instant? {
        let started = ContinuousClock.now
        if let epoch = leadership.epoch {
            do {
                if try await store.renewLease(epoch: epoch, holder: leadership.holder, lease: settings.lease) { return started }
                leadership.follow()
                logger.warning("leader lease lost: another replica took over; following", metadata: ["epoch": "\(epoch)"])
                return nil
            } catch {
                if let lastRenewal, started - lastRenewal >= settings.lease {
                    leadership.follow()
                    logger.warning("leader lease not renewed for a whole lease; following", metadata: [
                        "epoch": "\(epoch)", "error": "\(error)",
                    ])
                    return nil
                }
                logger.warning("leader lease renewal failed; retrying", metadata: ["epoch": "\(epoch)", "error": "\(error)"])
                return lastRenewal
            }
        }
        guard !leadership.isStopped else { return nil }
        do {
            guard let epoch = try await store.acquireLease(holder: leadership.holder, lease: settings.lease) else { return nil }
            if leadership.lead(epoch: epoch) {
                logger.info("became heatmap leader: writing snapshots and acknowledging the outbox", metadata: [
                    "epoch": "\(epoch)", "holder": "\(leadership.holder)",
                ])
            } else if leadership.isStopped {
                // Stopped while the takeover was in flight: hand the lease straight back.
                try await store.releaseLease(epoch: epoch, holder: leadership.holder)
                return nil
            }
            return started
        } catch {
            logger.debug("leader lease takeover failed; retrying", metadata: ["error": "\(error)"])
            return nil
        }
    }

    func run() async throws {
        logger.info("heatmap replica started as follower; seeking the leader lease", metadata: [
            "holder": "\(leadership.holder)", "lease_ms": "\(settings.lease.milliseconds)",
        ])
        await cancelWhenGracefulShutdown {
            var lastRenewal: ContinuousClock.Instant?
            while !Task.isCancelled {
                lastRenewal = await self.step(lastRenewal: lastRenewal)
                do { try await Task.sleep(for: self.settings.interval) } catch { return }
            }
        }
    }
}
