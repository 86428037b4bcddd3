import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// gzip (RFC 1952) for responses, using the system's zlib (`libz.so.1`, always present on
/// Debian) through `dlopen`: zlib's `compress2` writes a zlib stream, whose raw DEFLATE body is
/// rewrapped with a gzip header and a CRC-32 trailer. Unavailable zlib means no compression.
public enum Gzip {
    /// Bodies smaller than this are sent as they are.
    public static let minimumBytes = 1024
    /// zlib's level: 3 compresses a heatmap reply (18 KiB) about as fast as level 1 and 3x
    /// faster than the default 6, for 14 % more bytes (bench/gateway, docs/BENCHMARKS.md).
    public static let level: Int32 = 3

    /// `data` gzip-compressed, or nil when zlib is unavailable or fails.
    public static func compress(_ data: Data) -> Data? {
        guard let zlib = Zlib.shared, data.count <= Int(UInt32.max) else { return nil }
        var capacity = zlib.compressBound(UInt(data.count))
        var zlibStream = [UInt8](repeating: 0, count: Int(capacity))
        let status = data.withUnsafeBytes { source -> Int32 in
            guard let base = source.bindMemory(to: UInt8.self).baseAddress else { return -1 }
            return zlibStream.withUnsafeMutableBufferPointer { dest -> Int32 in
                guard let destBase = dest.baseAddress else { return -1 }
                return zlib.compress2(destBase, &capacity, base, UInt(data.count), level)
            }
        }
        // A zlib stream: 2 header bytes, raw DEFLATE, 4 bytes of Adler-32.
        guard status == 0, capacity >= 6 else { return nil }
        var out = Data([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255])
        out.append(contentsOf: zlibStream[2..<(Int(capacity) - 4)])
        appendLittleEndian(&out, crc32(data))
        appendLittleEndian(&out, UInt32(truncatingIfNeeded: data.count))
        return out
    }

    /// Whether an `Accept-Encoding` value accepts gzip (`gzip` or `*` with a q-value above 0).
    public static func accepted(by acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        return acceptEncoding.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "*" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }

    /// CRC-32 (as gzip's trailer has it) of `data`, with zlib's `crc32` when there is one.
    public static func crc32(_ data: Data) -> UInt32 {
        guard let crc32 = Zlib.shared?.crc32, data.count <= Int(UInt32.max) else { return CRC32.checksum(data) }
        return data.withUnsafeBytes { raw in
            UInt32(truncatingIfNeeded: crc32(0, raw.bindMemory(to: UInt8.self).baseAddress, UInt32(raw.count)))
        }
    }

    static func appendLittleEndian(_ data: inout Data, _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { data.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
