import NIOCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Compressed bodies by content: the same filters give the same reply bytes, and compressing
/// them again costs more than the rest of the request (docs/BENCHMARKS.md, Gateway). Each body
/// is found by its CRC-32 (which the gzip trailer needs anyway) and length, and used only when
/// its bytes equal the cached ones, so a hit sends exactly what compressing would. The replies
/// themselves are never cached: every request still goes through its backend call.
///
/// Bounded by the bytes it holds (plain + compressed); the oldest entries go first.
final class GzipCache: Sendable {
    struct Key: Hashable {
        let crc: UInt32
        let count: Int
    }

    struct Entry: Sendable {
        let plain: [UInt8]
        let compressed: ByteBuffer
        var bytes: Int { plain.count + compressed.readableBytes }
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// Keys in insertion order (each once).
        var order: [Key] = []
        var bytes = 0
    }

    /// The gateway's cache: 8 MiB (~370 year heatmaps), bodies up to 256 KiB.
    static let shared = GzipCache(maxBytes: 8 << 20, maxBodyBytes: 256 << 10)

    let maxBytes: Int
    let maxBodyBytes: Int
    private let state = Mutex(State())

    init(maxBytes: Int, maxBodyBytes: Int) {
        self.maxBytes = maxBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// `plain` gzip-compressed, from the cache when it holds the same bytes; nil when zlib is
    /// unavailable or fails.
    func compressed(_ plain: UnsafeRawBufferPointer) -> ByteBuffer? {
        let crc = Gzip.crc32(plain)
        let key = Key(crc: crc, count: plain.count)
        if let entry = state.withLock({ $0.entries[key] }), Self.equal(entry.plain, plain) {
            return entry.compressed
        }
        guard let compressed = Gzip.compress(plain, crc: crc) else { return nil }
        let buffer = ByteBuffer(bytes: compressed)
        if plain.count <= maxBodyBytes {
            insert(Entry(plain: Array(plain.bindMemory(to: UInt8.self)), compressed: buffer), at: key)
        }
        return buffer
    }

    private static func equal(_ cached: [UInt8], _ plain: UnsafeRawBufferPointer) -> Bool {
        cached.withUnsafeBytes { cached in
            guard cached.count == plain.count else { return false }
            guard let left = cached.baseAddress, let right = plain.baseAddress else { return true }
            return memcmp(left, right, plain.count) == 0
        }
    }

    /// How many bodies and bytes the cache holds.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }

    private func insert(_ entry: Entry, at key: Key) {
        state.withLock { state in
            if let previous = state.entries.updateValue(entry, forKey: key) {
                state.bytes -= previous.bytes
            } else {
                state.order.append(key)
            }
            state.bytes += entry.bytes
            var evicted = 0
            while state.bytes > maxBytes, evicted < state.order.count {
                if let old = state.entries.removeValue(forKey: state.order[evicted]) { state.bytes -= old.bytes }
                evicted += 1
            }
            if evicted > 0 { state.order.removeFirst(evicted) }
        }
    }
}
