import Contracts
import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import Wire

/// Feeds the in-memory ``RollupIndex`` from the ingest service's outbox (the log), exactly once.
///
/// At start the index is the newest persisted snapshot (``prepare()``); each pulled batch after
/// its position is reduced to net cell changes and applied in memory, moving the index's
/// position with it under one lock. Nothing is written per batch: the ``SnapshotWriter``
/// persists the index now and then. A crash loses only the batches applied since the newest
/// snapshot, and a restart replays exactly those from the outbox: nothing twice, nothing lost.
///
/// As a `Service` it polls with doubling waits when caught up or when ingest is unreachable
/// (a read that needs a newer position cuts the wait short: ``wake()``), and returns on graceful
/// shutdown or cancellation.
///
/// As leader (``Leadership``) it names itself to ingest as the outbox consumer and acknowledges
/// the newest stored snapshot's position, so ingest can drop the outbox before it; a follower
/// acknowledges nothing. A follower that falls behind what the leader acknowledged (ingest
/// answers FAILED_PRECONDITION: those entries are gone) reloads the newest snapshot, which is at
/// or after the acknowledged position.
final class OutboxConsumer: Service, Sendable {
    let client: RPCClient
    let store: HeatmapStore
    let index: RollupIndex
    let leadership: Leadership
    let wakeup = Wakeup()
    let settings: OutboxConsumerSettings
    let logger: Logger
    let onLag: @Sendable (OutboxLag) -> Void
    /// `heatmap_outbox_behind_deltas`: deltas committed by ingest and not yet applied here.
    private let behindGauge = Gauge(label: "heatmap_outbox_behind_deltas")
    /// `heatmap_outbox_lag_seconds`: age of the oldest delta not yet applied (0 when caught up).
    private let lagGauge = Gauge(label: "heatmap_outbox_lag_seconds")
    /// The pull after the batch being applied, already under way (ingest reads the next batch
    /// while this process applies the current one): its position and its call.
    private let prefetch = Mutex<(after: Int64, call: Task<PullOutboxResponse, any Error>)?>(nil)
    private let caughtUp = Mutex<(at: ContinuousClock.Instant, position: Int64)?>(nil)
    /// Set once ingest refused an acknowledgement (no or another write token): from then on this
    /// replica pulls without naming itself, and ingest keeps the whole outbox.
    private let acknowledgementsRefused = Mutex(false)

    /// `onLag` hears how far behind the outbox the consumer is after every pull (the host puts it
    /// in Health/Check); the same numbers are exported as gauges.
    init(client: RPCClient, store: HeatmapStore, index: RollupIndex, leadership: Leadership = Leadership(),
                settings: OutboxConsumerSettings = OutboxConsumerSettings(),
                logger: Logger = Logger(label: "crimescope.heatmap.consumer"),
                onLag: @escaping @Sendable (OutboxLag) -> Void = { _ in }) {
        self.client = client
        self.store = store
        self.index = index
        self.leadership = leadership
        self.settings = settings
        self.logger = logger
        self.onLag = onLag
    }

    /// Loads the index from the newest persisted snapshot (empty at position 0 when there is none).
    func prepare() async throws {
        let started = ContinuousClock.now
        let stored = try await store.loadSnapshot()
        let read = ContinuousClock.now
        let cities = try await Self.decode(stored.cities)
        index.replace(with: RollupSnapshot(cities: cities, position: stored.position))
        leadership.snapshotStored(at: stored.position)
        HeapTrim.releaseFreePages()
        let cells = cities.values.reduce(0) { $0 + $1.cellCount }
        logger.info("rollup index loaded", metadata: [
            "position": "\(stored.position)", "cities": "\(cities.count)", "cells": "\(cells)",
            "bytes": "\(stored.cities.values.reduce(0) { $0 + $1.count })",
            "read_seconds": "\((read - started).seconds)", "decode_seconds": "\((ContinuousClock.now - read).seconds)",
        ])
    }

    /// Decodes the cities side by side (one task each).
    private static func decode(_ encoded: [String: [UInt8]]) async throws -> [String: CityRollupIndex] {
        try await withThrowingTaskGroup(of: (String, CityRollupIndex).self) { group in
            for (city, bytes) in encoded {
                group.addTask { (city, try CityRollupIndex.decode(bytes)) }
            }
            var cities: [String: CityRollupIndex] = [:]
            for try await (city, index) in group { cities[city] = index }
            return cities
        }
    }

    /// Pulls one batch after the current position and applies it.
    /// - Returns: The number of outbox entries applied; 0 when caught up.
    @discardableResult
    func step() async throws -> Int {
        if !index.isLoaded { try await prepare() }
        let position = index.position
        let started = ContinuousClock.now
        let (response, prefetched) = try await pull(after: position)
        guard let last = response.entries.last?.position else {
            // A pull sent now that found nothing: ingest had committed nothing after `position`.
            if !prefetched { caughtUp.withLock { $0 = (started, position) } }
            report(OutboxLag(deltas: response.behindDeltas, seconds: response.behindSeconds))
            return 0
        }
        guard last > position else {
            throw RPCError(.internalError, "PullOutbox after \(position) returned entries up to \(last)")
        }
        let pulled = ContinuousClock.now
        if response.behindDeltas > 0 { startPrefetch(after: last) }
        let batch = try RollupBatch(entries: response.entries, position: last)
        let reduced = ContinuousClock.now
        guard index.apply(batch, expecting: position) else {
            throw RPCError(.aborted, "the index left position \(position) while batch \(last) was pulled")
        }
        // Behind: what ingest had after this batch when it answered (the batch itself is applied now).
        report(OutboxLag(deltas: response.behindDeltas, seconds: response.behindSeconds))
        logger.debug("applied outbox batch", metadata: [
            "position": "\(last)", "entries": "\(response.entries.count)", "deltas": "\(batch.deltaCount)",
            "pull_ms": "\(Int((pulled - started).seconds * 1_000))", "reduce_ms": "\(Int((reduced - pulled).seconds * 1_000))",
            "apply_ms": "\(Int((ContinuousClock.now - reduced).seconds * 1_000))",
        ])
        return response.entries.count
    }

    /// When the newest pull that found nothing after the index's position was sent, and that
    /// position: a read asking for a later position than ingest had then asks for one that does
    /// not exist (yet).
    var lastCaughtUp: (at: ContinuousClock.Instant, position: Int64)? { caughtUp.withLock { $0 } }

    /// The batch after `position`: the prefetched call when it is for that position, else a new
    /// one; and whether it was prefetched (sent before this step).
    private func pull(after position: Int64) async throws -> (PullOutboxResponse, prefetched: Bool) {
        let prefetched = prefetch.withLock { slot -> Task<PullOutboxResponse, any Error>? in
            defer { slot = nil }
            guard let slot, slot.after == position else {
                slot?.call.cancel()
                return nil
            }
            return slot.call
        }
        if let prefetched { return (try await prefetched.value, true) }
        return (try await Self.call(client, request(after: position), token: settings.writeToken, timeout: settings.callTimeout), false)
    }

    /// A pull; one that acknowledges carries the write token (ingest drops entries on it).
    private static func call(_ client: RPCClient, _ request: PullOutboxRequest, token: String?, timeout: Duration) async throws -> PullOutboxResponse {
        let metadata = request.consumer.isEmpty ? [] : token.map { [MetadataEntry(key: "authorization", value: "Bearer \($0)")] } ?? []
        return try await client.call(Methods.Ingest.pullOutbox, request, timeout: timeout, metadata: metadata)
    }

    private func startPrefetch(after position: Int64) {
        let client = client, request = request(after: position), timeout = settings.callTimeout, token = settings.writeToken
        let call = Task { try await Self.call(client, request, token: token, timeout: timeout) }
        prefetch.withLock { slot in
            slot?.call.cancel()
            slot = (position, call)
        }
    }

    private func request(after position: Int64) -> PullOutboxRequest {
        var request = PullOutboxRequest(afterPosition: position, maxEntries: settings.maxEntries, maxDeltas: settings.maxDeltas,
                                        columnar: true)
        if settings.writeToken != nil, !acknowledgementsRefused.withLock({ $0 }),
           let acknowledgement = leadership.acknowledgement(after: position) {
            request.consumer = acknowledgement.consumer
            request.acknowledgedPosition = acknowledgement.position
        }
        return request
    }

    /// Cuts the current wait between polls short (a read waits for a position not applied yet).
    func wake() {
        wakeup.wake()
    }

    private func report(_ lag: OutboxLag) {
        behindGauge.record(lag.deltas)
        lagGauge.record(lag.seconds)
        onLag(lag)
    }

    /// Applies batches until caught up or `maxBatches` were applied.
    /// - Returns: The position reached.
    @discardableResult
    func catchUp(maxBatches: Int = .max) async throws -> Int64 {
        var batches = 0
        while batches < maxBatches, try await step() > 0 {
            batches += 1
        }
        return index.position
    }

    /// Polls until graceful shutdown or cancellation.
    func run() async throws {
        await cancelWhenGracefulShutdown { await self.poll() }
        prefetch.withLock { slot in
            slot?.call.cancel()
            slot = nil
        }
        logger.info("outbox consumer stopped", metadata: ["position": "\(index.position)"])
    }

    private func poll() async {
        var idleDelay = settings.idleDelay.lowerBound
        var errorDelay = settings.errorDelay.lowerBound
        while !Task.isCancelled {
            do {
                if try await step() > 0 {
                    idleDelay = settings.idleDelay.lowerBound
                    errorDelay = settings.errorDelay.lowerBound
                    continue
                }
                if await wakeup.sleep(for: idleDelay) {
                    idleDelay = settings.idleDelay.lowerBound
                } else {
                    idleDelay = min(idleDelay * 2, settings.idleDelay.upperBound)
                }
                if Task.isCancelled { return }
            } catch let error as RPCError where error.code == .failedPrecondition {
                if Task.isCancelled { return }
                logger.warning("the outbox after this replica's position is gone (acknowledged by the leader); reloading the newest snapshot",
                               metadata: ["error": "\(error)", "position": "\(index.position)"])
                index.invalidate()
                try? await Task.sleep(for: errorDelay)
                errorDelay = min(errorDelay * 2, settings.errorDelay.upperBound)
            } catch let error as RPCError where error.code == .unauthenticated || error.code == .permissionDenied {
                if Task.isCancelled { return }
                acknowledgementsRefused.withLock { $0 = true }
                logger.error("ingest refused this replica's outbox acknowledgement (give both services the same --write-token); pulling without acknowledging, so ingest keeps the whole outbox",
                             metadata: ["error": "\(error)"])
            } catch {
                if Task.isCancelled { return }
                logger.warning("outbox pull failed; retrying", metadata: [
                    "error": "\(error)", "retry_in": "\(errorDelay)", "position": "\(index.position)",
                ])
                try? await Task.sleep(for: errorDelay)
                errorDelay = min(errorDelay * 2, settings.errorDelay.upperBound)
            }
        }
    }
}

/// How far the consumer is behind ingest's outbox after a pull: the deltas of the entries it has
/// not applied yet, and the age in seconds of the oldest of them (0 and 0 when caught up).
struct OutboxLag: Sendable, Equatable {
    var deltas: Int64
    var seconds: Double

    init(deltas: Int64, seconds: Double) {
        self.deltas = deltas
        self.seconds = seconds
    }
}

/// How the outbox consumer pulls and waits.
package struct OutboxConsumerSettings: Sendable {
    /// Most outbox entries per pull.
    var maxEntries: Int32 = 200
    /// Most deltas per pull (ingest always returns at least one whole entry).
    package var maxDeltas: Int32 = 20_000
    /// First and longest wait between polls once caught up (doubling in between). The longest
    /// wait is how late the first commit after a quiet spell can be seen: at 2 s a revision's
    /// first batch was seen up to 2 s after its commit (the lag target is 2 s); polling every
    /// 0.5 s while idle costs well under 1 % of a core (docs/BENCHMARKS.md, "Outbox pull and
    /// apply per delta").
    var idleDelay: ClosedRange<Duration> = .milliseconds(100) ... .milliseconds(500)
    /// First and longest wait after a failure, e.g. ingest unreachable (doubling in between).
    var errorDelay: ClosedRange<Duration> = .milliseconds(200) ... .seconds(5)
    /// Deadline of each PullOutbox call.
    var callTimeout: Duration = .seconds(30)
    /// The write token the leader's acknowledgements carry (ingest drops outbox entries on them);
    /// nil: this replica acknowledges nothing and ingest keeps the whole outbox.
    var writeToken: String?

    package init() {}
}
