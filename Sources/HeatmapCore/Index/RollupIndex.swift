import Synchronization

/// Every city's ``CityRollupIndex`` and the outbox position they reflect: the heatmap's serving
/// state and its only copy of the rollups.
///
/// The outbox consumer is the only writer: it loads the newest persisted snapshot at start and
/// applies each pulled batch in memory, so the index always equals the outbox replayed up to the
/// position it reports. The ``SnapshotWriter`` takes a consistent copy (``snapshot()``, copy-on-write,
/// no cell copied under the lock) and persists it in the background. Handlers take a city's index
/// by value and query it without holding the lock.
public final class RollupIndex: Sendable {
    private struct State: Sendable {
        var cities: [String: CityRollupIndex] = [:]
        var position: Int64 = 0
        var loaded = false
    }

    private let state = Mutex(State())
    /// Told every new position (Heatmap/WatchPosition waits on it).
    public let positionWaiters = PositionWaiters()

    public init() {}

    /// Replaces everything with a snapshot at `position` (read from the database, or empty).
    public func replace(with snapshot: RollupSnapshot) {
        state.withLock { $0 = State(cities: snapshot.cities, position: snapshot.position, loaded: true) }
        positionWaiters.advanced(to: snapshot.position)
    }

    /// Applies a batch pulled after `expected`.
    /// - Returns: false (nothing applied) when the index is no longer at `expected` (it was
    ///   replaced meanwhile).
    @discardableResult
    public func apply(_ batch: RollupBatch, expecting expected: Int64) -> Bool {
        state.withLock { state in
            guard state.loaded, state.position == expected else { return false }
            for (key, counts) in batch.changes {
                state.cities[key.city, default: CityRollupIndex(city: key.city)]
                    .add(area: key.area, primaryType: key.primaryType, year: key.year, month: key.month, hour: key.hour, counts: counts)
            }
            let touched = Set(batch.windowChanges.keys.map(\.city)).union(batch.gridChanges.keys.map(\.city))
                .union(batch.seriesChanges.keys.map(\.city)).union(batch.hexChanges.keys.map(\.city)).union(batch.extents.keys)
            for city in touched {
                state.cities[city, default: CityRollupIndex(city: city)].loading = true
            }
            for (key, counts) in batch.windowChanges {
                state.cities[key.city, default: CityRollupIndex(city: key.city)]
                    .addWindow(grain: key.grain, bucket: key.bucket, area: key.area, primaryType: key.primaryType, counts: counts)
            }
            for (key, incidents) in batch.gridChanges {
                state.cities[key.city, default: CityRollupIndex(city: key.city)]
                    .addGrid(year: key.year, month: key.month, primaryType: key.primaryType, cell: key.cell, incidents: incidents)
            }
            for (key, incidents) in batch.seriesChanges {
                state.cities[key.city, default: CityRollupIndex(city: key.city)]
                    .addSeries(area: key.area, crimeGroup: key.crimeGroup, week: key.week, incidents: incidents)
            }
            for (key, incidents) in batch.hexChanges {
                state.cities[key.city, default: CityRollupIndex(city: key.city)]
                    .addHex(month: key.month, primaryType: key.primaryType, q: key.q, r: key.r, incidents: incidents)
            }
            for (city, extent) in batch.extents {
                state.cities[city, default: CityRollupIndex(city: city)].include(extent)
            }
            for city in touched {
                state.cities[city]?.finishLoading()
            }
            state.position = batch.position
            positionWaiters.advanced(to: batch.position)
            return true
        }
    }

    /// A city's index (a copy-on-write value), or nil when it has no data.
    public func city(_ slug: String) -> CityRollupIndex? {
        state.withLock { $0.cities[slug] }
    }

    /// Every city with data, by slug.
    public var cities: [CityRollupIndex] {
        state.withLock { Array($0.cities.values) }.sorted { $0.city < $1.city }
    }

    /// Every city's index and the position they reflect, as one consistent value (the snapshot
    /// writer encodes it while batches go on being applied).
    public func snapshot() -> RollupSnapshot {
        state.withLock { RollupSnapshot(cities: $0.cities, position: $0.position) }
    }

    /// The outbox position the index reflects.
    public var position: Int64 { state.withLock { $0.position } }

    /// Marks the index stale: the consumer reloads it from the newest snapshot before its next
    /// batch.
    public func invalidate() {
        state.withLock { $0.loaded = false }
    }

    /// Whether the index has been loaded (from the newest snapshot).
    public var isLoaded: Bool { state.withLock { $0.loaded } }
}
