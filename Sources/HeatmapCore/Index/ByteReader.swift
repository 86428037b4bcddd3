/// Reads what ``ByteWriter`` wrote; any truncation or overlong value throws
/// ``SnapshotFormatError`` (a snapshot is never trusted to be whole).
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func unsigned() throws(SnapshotFormatError) -> UInt64 {
        var result: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw SnapshotFormatError("truncated varint at \(offset)") }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// A non-negative count or slot, at most `limit`.
    mutating func count(limit: Int = Int(Int32.max)) throws(SnapshotFormatError) -> Int {
        let value = try unsigned()
        guard value <= UInt64(limit) else { throw SnapshotFormatError("count \(value) over \(limit) at \(offset)") }
        return Int(value)
    }

    mutating func signed() throws(SnapshotFormatError) -> Int64 {
        let value = try unsigned()
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    mutating func string() throws(SnapshotFormatError) -> String {
        let length = try count(limit: bytes.count - offset)
        defer { offset += length }
        return String(decoding: bytes[offset ..< offset + length], as: UTF8.self)
    }

    mutating func double() throws(SnapshotFormatError) -> Double {
        guard bytes.count - offset >= 8 else { throw SnapshotFormatError("truncated double at \(offset)") }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Double(bitPattern: bits)
    }

    mutating func byte() throws(SnapshotFormatError) -> UInt8 {
        guard offset < bytes.count else { throw SnapshotFormatError("truncated at \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }
}

/// A persisted index snapshot that does not decode.
package struct SnapshotFormatError: Error, CustomStringConvertible {
    package var description: String
    init(_ description: String) { self.description = description }
}
