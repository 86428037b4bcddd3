import HTTPTypes
import NIOCore
import Synchronization

/// Rendered API responses of the heatmap's reads, valid for one heatmap index position.
///
/// The heatmap answers every read from its index at some outbox position, so a response is a
/// function of (canonical query, representation, position): while the position stays, the same
/// request may be answered with the same bytes without an RPC or any JSON or gzip work. The
/// ``HeatmapPositionWatcher`` reports the position of every heatmap replica; when any of them
/// changes the cache forgets every entry (its generation moves on). Until every replica's position
/// is known — at start, or after one could not be reached — nothing is stored or served from here.
///
/// A response is stored only under the generation that was current *before* its backend call:
/// whichever replica answers does so at its position then or a later one, and a later one moves
/// the generation on and drops the entry, so a stored entry is never older than the positions it
/// is filed under.
///
/// Bounded by the bytes of the bodies and keys it holds plus ``entryOverheadBytes`` each (headers,
/// the dictionary); the oldest entries go first.
public final class ResponseCache: Sendable {
    /// One stored response: what the controller returned, and its strong ETag.
    public struct Entry: Sendable {
        public let status: HTTPResponse.Status
        public let headers: HTTPFields
        public let body: ByteBuffer
        public let etag: String

        public init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer, etag: String) {
            self.status = status
            self.headers = headers
            self.body = body
            self.etag = etag
        }
    }

    private struct State: Sendable {
        /// Every replica's position, or nil when one is unknown.
        var positions: [Int64]?
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
        /// Keys in insertion order from `orderStart` on (evicted ones before it).
        var order: [String] = []
        var orderStart = 0
        var bytes = 0
        var hits = 0
        var misses = 0
        var positionWaiters: [(atLeast: Int64, continuation: CheckedContinuation<Void, Never>)] = []
    }

    /// The gateway's bound: 128 MiB, ~25k heatmaps (a Chicago heatmap is 2–5 KiB gzip, ~21 KiB
    /// plain): the distinct URLs of ~150k requests of bench/gateway's nine-year mix.
    public static let defaultMaxBytes = 128 << 20
    /// What an entry is counted for besides its body and key.
    public static let entryOverheadBytes = 512
    public let maxBytes: Int
    /// Entries above this are not stored.
    public let maxEntryBytes: Int
    private let state = Mutex(State())

    public init(maxBytes: Int = ResponseCache.defaultMaxBytes, maxEntryBytes: Int = 1 << 20) {
        self.maxBytes = maxBytes
        self.maxEntryBytes = maxEntryBytes
    }

    /// The lowest replica position entries are valid for, or nil when one is unknown.
    public var position: Int64? { state.withLock { $0.positions?.min() } }

    /// Lookups that found an entry and that did not (since start), entries and bytes held.
    public var usage: (hits: Int, misses: Int, entries: Int, bytes: Int) {
        state.withLock { ($0.hits, $0.misses, $0.entries.count, $0.bytes) }
    }

    /// The one heatmap's new position (or nil: unknown).
    public func setPosition(_ position: Int64?) {
        setPositions(position.map { [$0] })
    }

    /// Every replica's position (or nil: one is unknown): when they differ from before, every
    /// entry is dropped.
    public func setPositions(_ positions: [Int64]?) {
        let ready: [CheckedContinuation<Void, Never>] = state.withLock { state in
            if state.positions != positions {
                state.positions = positions
                state.generation &+= 1
                state.entries.removeAll(keepingCapacity: true)
                state.order.removeAll(keepingCapacity: true)
                state.orderStart = 0
                state.bytes = 0
            }
            guard let position = positions?.min() else { return [] }
            let ready = state.positionWaiters.filter { $0.atLeast <= position }.map(\.continuation)
            state.positionWaiters.removeAll { $0.atLeast <= position }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    /// Returns once the cache has learnt that every replica is at `position` or later (tests
    /// wait on this event rather than sleeping).
    public func waitForPosition(atLeast position: Int64) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let reached: Bool = state.withLock { state in
                if let current = state.positions?.min(), current >= position { return true }
                state.positionWaiters.append((position, continuation))
                return false
            }
            if reached { continuation.resume() }
        }
    }

    /// The entry for `key` in the current generation, and that generation (nil when a position
    /// is unknown: then nothing may be stored either).
    public func lookup(_ key: String) -> (entry: Entry?, generation: UInt64?) {
        state.withLock { state in
            guard state.positions != nil else { return (nil, nil) }
            if let entry = state.entries[key] {
                state.hits += 1
                return (entry, state.generation)
            }
            state.misses += 1
            return (nil, state.generation)
        }
    }

    /// Stores `entry` for `key` if `generation` is still the current one.
    public func store(_ entry: Entry, for key: String, at generation: UInt64) {
        let size = Self.size(entry, key)
        guard size <= maxEntryBytes else { return }
        state.withLock { state in
            guard state.positions != nil, state.generation == generation else { return }
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
