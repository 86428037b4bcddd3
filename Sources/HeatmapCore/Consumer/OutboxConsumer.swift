import Contracts
import Logging
import Metrics
import ServiceLifecycle
import Wire

/// Feeds the rollup from the ingest service's outbox, exactly once.
///
/// Each pulled batch is reduced to net cell changes and applied in one transaction that also
/// checks and advances `heatmap.consumer_state` (``HeatmapStore/apply(_:expecting:)``). Killing
/// either service at any moment therefore leaves the rollup at some batch boundary, and the next
/// pull starts right after it: nothing is applied twice or lost. The in-memory
/// ``RollupIndex`` follows each commit; after a failure whose outcome is unknown it is reloaded
/// from the database before the next batch.
///
/// As a `Service` it polls with doubling waits when caught up or when ingest is unreachable,
/// and returns on graceful shutdown or cancellation (never between a commit and its index update
/// mid-way: the index lives in this process and dies with it).
public final class OutboxConsumer: Service, Sendable {
    let client: RPCClient
    let store: HeatmapStore
    let index: RollupIndex
    let settings: OutboxConsumerSettings
    let logger: Logger
    let onLag: @Sendable (OutboxLag) -> Void
    /// `heatmap_outbox_behind_deltas`: deltas committed by ingest and not yet applied here.
    private let behindGauge = Gauge(label: "heatmap_outbox_behind_deltas")
    /// `heatmap_outbox_lag_seconds`: age of the oldest delta not yet applied (0 when caught up).
    private let lagGauge = Gauge(label: "heatmap_outbox_lag_seconds")

    /// `onLag` hears how far behind the outbox the consumer is after every pull (the host puts it
    /// in Health/Check); the same numbers are exported as gauges.
    public init(client: RPCClient, store: HeatmapStore, index: RollupIndex,
                settings: OutboxConsumerSettings = OutboxConsumerSettings(),
                logger: Logger = Logger(label: "crimescope.heatmap.consumer"),
                onLag: @escaping @Sendable (OutboxLag) -> Void = { _ in }) {
        self.client = client
        self.store = store
        self.index = index
        self.settings = settings
        self.logger = logger
        self.onLag = onLag
    }

    /// Loads the index and the position from the database (one snapshot).
    public func prepare() async throws {
        let snapshot = try await store.snapshot()
        index.replace(with: snapshot)
        HeapTrim.releaseFreePages()
        let cells = snapshot.cities.values.reduce(0) { $0 + $1.cellCount }
        logger.info("rollup index loaded", metadata: ["position": "\(snapshot.position)", "cities": "\(snapshot.cities.count)",
                                                      "cells": "\(cells)"])
    }

    /// Pulls one batch after the current position and applies it.
    /// - Returns: The number of outbox entries applied; 0 when caught up.
    @discardableResult
    public func step() async throws -> Int {
        if !index.isLoaded { try await prepare() }
        let position = index.position
        let request = PullOutboxRequest(afterPosition: position, maxEntries: settings.maxEntries, maxDeltas: settings.maxDeltas)
        let response = try await client.call(Methods.Ingest.pullOutbox, request,
                                             timeout: settings.callTimeout)
        guard let last = response.entries.last?.position else {
            report(OutboxLag(deltas: response.behindDeltas, seconds: response.behindSeconds))
            return 0
        }
        guard last > position else {
            throw RPCError(.internalError, "PullOutbox after \(position) returned entries up to \(last)")
        }
        let batch = RollupBatch(entries: response.entries, position: last)
        do {
            try await store.apply(batch, expecting: position)
        } catch {
            index.invalidate()
            throw error
        }
        index.apply(batch)
        // Behind: what ingest had after this batch when it answered (the batch itself is applied now).
        report(OutboxLag(deltas: response.behindDeltas, seconds: response.behindSeconds))
        logger.debug("applied outbox batch", metadata: [
            "position": "\(last)", "entries": "\(response.entries.count)", "deltas": "\(batch.deltaCount)",
        ])
        return response.entries.count
    }

    private func report(_ lag: OutboxLag) {
        behindGauge.record(lag.deltas)
        lagGauge.record(lag.seconds)
        onLag(lag)
    }

    /// Applies batches until caught up or `maxBatches` were applied.
    /// - Returns: The position reached.
    @discardableResult
    public func catchUp(maxBatches: Int = .max) async throws -> Int64 {
        var batches = 0
        while batches < maxBatches, try await step() > 0 {
            batches += 1
        }
        return index.position
    }

    /// Polls until graceful shutdown or cancellation.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.poll() }
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
                try await Task.sleep(for: idleDelay)
                idleDelay = min(idleDelay * 2, settings.idleDelay.upperBound)
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
