import Synchronization

/// Every city's ``CityRollupIndex`` and the outbox position they reflect: the heatmap's serving
/// state and its only copy of the rollups.
///
/// The outbox consumer is the only writer: it loads the newest persisted snapshot at start and
/// applies each pulled batch in memory, so the index always equals the outbox replayed up to the
/// position it reports. The ``SnapshotWriter`` takes a consistent copy (``snapshot()``, copy-on-write,
/// no cell copied under the lock) and persists it in the background. Handlers take a city's index
/// by value and query it without holding the lock.
final class RollupIndex: Sendable {
    private struct State: Sendable {
        var cities: [String: CityRollupIndex] = [:]
        var position: Int64 = 0
        var loaded = false
    }

    private let state = Mutex(State())
    /// Told every new position (Heatmap/WatchPosition waits on it).
    let positionWaiters = PositionWaiters()

    init() {}

    /// Replaces everything with a snapshot at `position` (read from the database, or empty).
    func replace(with snapshot: RollupSnapshot) {
        state.withLock { $0 = State(cities: snapshot.cities, position: snapshot.position, loaded: true) }
        positionWaiters.advanced(to: snapshot.position)
    }

    /// Applies a batch pulled after `expected`.
    /// - Returns: false (nothing applied) when the index is no longer at `expected` (it was
    ///   replaced meanwhile).
    @discardableResult
    func apply(_ batch: RollupBatch, expecting expected: Int64) -> Bool {
        state.withLock { state in
            guard state.loaded, state.position == expected else { return false }
            // Each city's index is taken out of the dictionary while its deltas are added, so it
            // is mutated in place (copy-on-write copies only what a snapshot being written shares).
            var touched: [String: CityRollupIndex] = [:]
            var slug = "", city: CityRollupIndex?
            for segment in batch.segments {
                if city == nil || segment.city != slug {
                    if let previous = city.take() { touched[slug] = previous }
                    slug = segment.city
                    city = touched.removeValue(forKey: slug) ?? state.cities.removeValue(forKey: slug) ?? CityRollupIndex(city: slug)
                    city?.loading = true
                }
                city?.add(batch.deltas[segment.range], names: segment.names)
            }
            // Taken, not copied: a second reference alive while the buckets are sorted below made
            // each batch copy a whole bucket table of the city (docs/BENCHMARKS.md, "Outbox pull
            // and apply per delta").
            if let last = city.take() { touched[slug] = last }
            for (slug, extent) in batch.extents {
                touched[slug]?.include(extent)
            }
            // Popped, not iterated: a loop variable would be a second reference, and sorting it
            // would copy every bucket table of the city.
            while case (let slug, var city)? = touched.popFirst() {
                city.finishLoading()
                state.cities[slug] = city
            }
            state.position = batch.position
            positionWaiters.advanced(to: batch.position)
            return true
        }
    }

    /// A city's index (a copy-on-write value), or nil when it has no data.
    func city(_ slug: String) -> CityRollupIndex? {
        state.withLock { $0.cities[slug] }
    }

    /// A city's index (nil when it has no data) and the outbox position it reflects, read together.
    func read(_ slug: String) -> (city: CityRollupIndex?, position: Int64) {
        state.withLock { ($0.cities[slug], $0.position) }
    }

    /// Every city with data, by slug, and the outbox position they reflect, read together.
    func readAll() -> (cities: [CityRollupIndex], position: Int64) {
        let (cities, position) = state.withLock { (Array($0.cities.values), $0.position) }
        return (cities.sorted { $0.city < $1.city }, position)
    }

    /// Every city with data, by slug.
    var cities: [CityRollupIndex] {
        state.withLock { Array($0.cities.values) }.sorted { $0.city < $1.city }
    }

    /// Every city's index and the position they reflect, as one consistent value (the snapshot
    /// writer encodes it while batches go on being applied).
    func snapshot() -> RollupSnapshot {
        state.withLock { RollupSnapshot(cities: $0.cities, position: $0.position) }
    }

    /// The outbox position the index reflects.
    var position: Int64 { state.withLock { $0.position } }

    /// Marks the index stale: the consumer reloads it from the newest snapshot before its next
    /// batch.
    func invalidate() {
        state.withLock { $0.loaded = false }
    }

    /// Whether the index has been loaded (from the newest snapshot).
    var isLoaded: Bool { state.withLock { $0.loaded } }
}

/// Every city's in-memory rollups at one outbox position: a copy of the live index, or one
/// decoded from the newest persisted snapshot.
struct RollupSnapshot: Sendable {
    var cities: [String: CityRollupIndex]
    var position: Int64

    init(cities: [String: CityRollupIndex], position: Int64) {
        self.cities = cities
        self.position = position
    }
}
