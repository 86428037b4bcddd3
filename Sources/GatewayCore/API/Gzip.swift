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
        data.withUnsafeBytes { compress($0) }.map { Data($0) }
    }

    /// `bytes` gzip-compressed (`crc` is their CRC-32 when the caller has it already), or nil
    /// when zlib is unavailable or fails.
    static func compress(_ bytes: UnsafeRawBufferPointer, crc: UInt32? = nil) -> [UInt8]? {
        guard let zlib = Zlib.shared, bytes.count <= Int(UInt32.max),
              let source = bytes.bindMemory(to: UInt8.self).baseAddress else { return nil }
        let bound = Int(zlib.compressBound(UInt(bytes.count)))
        // zlib's stream is written at offset 8, so that its 2-byte header is overwritten by the
        // last two of gzip's ten and its 4-byte Adler-32 by the trailer: no copy of the body.
        let capacity = 8 + bound + 8
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            guard let base = buffer.baseAddress else { failed = true; count = 0; return }
            var written = UInt(bound)
            let status = zlib.compress2(base + 8, &written, source, UInt(bytes.count), level)
            guard status == 0, written >= 6 else { failed = true; count = 0; return }
            let header: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]
            for (offset, byte) in header.enumerated() { buffer[offset] = byte }
            var end = 8 + Int(written) - 4
            for value in [crc ?? crc32(bytes), UInt32(truncatingIfNeeded: bytes.count)] {
                for shift in stride(from: 0, to: 32, by: 8) {
                    buffer[end] = UInt8(truncatingIfNeeded: value >> UInt32(shift))
                    end += 1
                }
            }
            count = end
        }
        return failed ? nil : out
    }

    /// Whether an `Accept-Encoding` value accepts gzip (`gzip` or `*` with a q-value above 0).
    public static func accepted(by acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        if acceptEncoding == "gzip" { return true }
        return acceptEncoding.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "*" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }

    /// CRC-32 (as gzip's trailer has it) of `data`, with zlib's `crc32` when there is one.
    public static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { crc32($0) }
    }

    /// The same for raw bytes.
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let crc32 = Zlib.shared?.crc32, bytes.count <= Int(UInt32.max) else { return CRC32.checksum(bytes) }
        return UInt32(truncatingIfNeeded: crc32(0, bytes.bindMemory(to: UInt8.self).baseAddress, UInt32(bytes.count)))
    }
}
