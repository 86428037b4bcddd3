import CZlib
import Foundation

/// gzip (RFC 1952) for responses with the system's zlib (Debian's `zlib1g`, linked as the
/// `CZlib` system library): zlib's `compress2` writes a zlib stream, whose raw DEFLATE body is
/// rewrapped with a gzip header and a CRC-32 trailer (zlib's `crc32`).
enum Gzip {
    /// Bodies smaller than this are sent as they are.
    static let minimumBytes = 1024
    /// zlib's level: 3 compresses a heatmap reply about as fast as level 1 and much faster than
    /// the default 6, for a few more bytes (docs/BENCHMARKS.md, Gateway).
    static let level: Int32 = 3

    /// `data` gzip-compressed, or nil when zlib fails.
    static func compress(_ data: Data) -> Data? {
        data.withUnsafeBytes { compress($0) }.map { Data($0) }
    }

    /// `bytes` gzip-compressed (`crc` is their CRC-32 when the caller has it already), or nil
    /// when zlib fails.
    static func compress(_ bytes: UnsafeRawBufferPointer, crc: UInt32? = nil) -> [UInt8]? {
        guard bytes.count <= Int(UInt32.max), let source = bytes.bindMemory(to: UInt8.self).baseAddress else { return nil }
        let bound = Int(compressBound(UInt(bytes.count)))
        // zlib's stream is written at offset 8, so that its 2-byte header is overwritten by the
        // last two of gzip's ten and its 4-byte Adler-32 by the trailer: no copy of the body.
        let capacity = 8 + bound + 8
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            guard let base = buffer.baseAddress else { failed = true; count = 0; return }
            var written = UInt(bound)
            let status = compress2(base + 8, &written, source, UInt(bytes.count), level)
            guard status == Z_OK, written >= 6 else { failed = true; count = 0; return }
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
    static func accepted(by acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        if acceptEncoding == "gzip" { return true }
        return acceptEncoding.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "*" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }

    /// CRC-32 (as gzip's trailer has it) of `data`, by zlib's `crc32`.
    static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { crc32($0) }
    }

    /// The same for raw bytes.
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        // zlib takes at most UInt32.max bytes a call; larger inputs are folded in pieces.
        let base = bytes.bindMemory(to: UInt8.self).baseAddress
        var crc: UInt = 0
        var offset = 0
        repeat {
            let length = min(bytes.count - offset, Int(UInt32.max))
            crc = CZlib.crc32(crc, base.map { $0 + offset }, UInt32(length))
            offset += length
        } while offset < bytes.count
        return UInt32(truncatingIfNeeded: crc)
    }
}
