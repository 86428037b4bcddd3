import HTTPTypes
import NIOCore
import Synchronization

/// Rendered API responses of the heatmap's reads, each valid for the heatmap index position it
/// was computed from.
///
/// The heatmap answers every read from its index at some outbox position and says which
/// (`X-CrimeScope-Position`), so a response is a function of (canonical query, representation,
/// position): while the newest position stays, the same request may be answered with the same
/// bytes without an RPC or any JSON or gzip work. The ``HeatmapPositionWatcher`` reports the
/// position of every heatmap replica (one long poll per resolved address, so DNS names that
/// stand for several replicas are fine); the newest of them is the cache's position. An answer
/// is stored only when it reflects exactly that position — an answer from a replica that lags
/// behind another is passed on but not kept — and an entry is served only while its position
/// is still the newest and at least the request's minimum (``ReadPosition``). When the newest
/// position changes every entry of an older one is dropped. Until some replica's position is
/// known — at start, or while no watch gets through — nothing is stored or served from here.
///
/// Bounded by the bytes of the bodies and keys it holds plus ``entryOverheadBytes`` each (headers,
/// the dictionary); the oldest entries go first.
package final class ResponseCache: Sendable {
    /// One stored response: what the controller returned, its strong ETag and its heatmap position.
    struct Entry: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: ByteBuffer
        let etag: String
        let position: Int64

        init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer, etag: String, position: Int64) {
            self.status = status
            self.headers = headers
            self.body = body
            self.etag = etag
            self.position = position
        }
    }

    private struct State: Sendable {
        /// Each replica's last known position (replicas whose watch fails are left out).
        var replicas: [String: Int64] = [:]
        /// The newest of them, or nil when none is known.
        var position: Int64?
        var entries: [String: Entry] = [:]
        /// Keys in insertion order from `orderStart` on (evicted ones before it).
        var order: [String] = []
        var orderStart = 0
        var bytes = 0
        var hits = 0
        var misses = 0
        var positionWaiters: [(atLeast: Int64, continuation: CheckedContinuation<Void, Never>)] = []

        mutating func dropAll() {
            entries.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            orderStart = 0
            bytes = 0
        }
    }

    /// The gateway's bound: 128 MiB, ~25k heatmaps (a Chicago heatmap is 2–5 KiB gzip, ~21 KiB
    /// plain): the distinct URLs of ~150k requests of bench/gateway's nine-year mix.
    package static let defaultMaxBytes = 128 << 20
    /// What an entry is counted for besides its body and key.
    package static let entryOverheadBytes = 512
    package let maxBytes: Int
    /// Entries above this are not stored.
    package let maxEntryBytes: Int
    private let state = Mutex(State())

    package init(maxBytes: Int = ResponseCache.defaultMaxBytes, maxEntryBytes: Int = 1 << 20) {
        self.maxBytes = maxBytes
        self.maxEntryBytes = maxEntryBytes
    }

    /// The newest position any replica is known to be at, or nil when none is known.
    package var position: Int64? { state.withLock { $0.position } }

    /// The replicas (as their endpoints' descriptions) known to be at `position` or later.
    func replicas(atLeast position: Int64) -> Set<String> {
        state.withLock { state in Set(state.replicas.filter { $0.value >= position }.keys) }
    }

    /// Lookups that found an entry and that did not (since start), entries and bytes held.
    package var usage: (hits: Int, misses: Int, entries: Int, bytes: Int) {
        state.withLock { ($0.hits, $0.misses, $0.entries.count, $0.bytes) }
    }

    /// The one heatmap's position (or nil: unknown).
    package func setPosition(_ position: Int64?) {
        setPosition(position, of: "")
    }

    /// `replica`'s position (nil: unknown, or the replica is gone). When the newest position
    /// changes, every entry is dropped.
    package func setPosition(_ position: Int64?, of replica: String) {
        let ready: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.replicas[replica] = position
            let newest = state.replicas.values.max()
            if newest != state.position {
                state.position = newest
                state.dropAll()
            }
            guard let newest else { return [] }
            let ready = state.positionWaiters.filter { $0.atLeast <= newest }.map(\.continuation)
            state.positionWaiters.removeAll { $0.atLeast <= newest }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    /// Returns once the cache has learnt that some replica is at `position` or later (tests
    /// wait on this event rather than sleeping).
    func waitForPosition(atLeast position: Int64) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let reached: Bool = state.withLock { state in
                if let current = state.position, current >= position { return true }
                state.positionWaiters.append((position, continuation))
                return false
            }
            if reached { continuation.resume() }
        }
    }

    /// The entry for `key` when it reflects the newest position and at least `minimum`; and
    /// whether the cache is on (a position is known: an answer may be stored).
    func lookup(_ key: String, atLeast minimum: Int64 = 0) -> (entry: Entry?, isOn: Bool) {
        state.withLock { state in
            guard let position = state.position else { return (nil, false) }
            if let entry = state.entries[key], entry.position == position, entry.position >= minimum {
                state.hits += 1
                return (entry, true)
            }
            state.misses += 1
            return (nil, true)
        }
    }

    /// Stores `entry` for `key` if its position is the newest known one.
    func store(_ entry: Entry, for key: String) {
        let size = Self.size(entry, key)
        guard size <= maxEntryBytes else { return }
        state.withLock { state in
            guard state.position == entry.position else { return }
            if let previous = state.entries.updateValue(entry, forKey: key) {
                state.bytes -= Self.size(previous, key)
            } else {
                state.order.append(key)
            }
            state.bytes += size
            while state.bytes > maxBytes, state.orderStart < state.order.count {
                let oldest = state.order[state.orderStart]
                state.orderStart += 1
                if let old = state.entries.removeValue(forKey: oldest) { state.bytes -= Self.size(old, oldest) }
            }
            if state.orderStart > 4096, state.orderStart * 2 > state.order.count {
                state.order.removeFirst(state.orderStart)
                state.orderStart = 0
            }
        }
    }

    private static func size(_ entry: Entry, _ key: String) -> Int {
        entry.body.readableBytes + key.utf8.count + entryOverheadBytes
    }
}
