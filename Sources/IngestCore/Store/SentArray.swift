import Wire

/// A one-dimensional PostgreSQL array in its binary send format (`array_send(…)`, read as `bytea`):
/// the outbox's columns come this way, so no delta is formatted as text by the server and parsed
/// back here (docs/BENCHMARKS.md, "Outbox pull and apply per delta"). Big-endian throughout:
/// a header (dimensions, null flag, element type), per dimension its length and lower bound, then
/// per element a 4-byte length (-1 for NULL) and the element's bytes.
struct SentArray {
    private let bytes: [UInt8]
    /// How many elements the array holds.
    let count: Int
    /// Where the next element's length starts.
    private var offset: Int

    /// Reads the header of `bytes`; `column` names the column in errors.
    init(_ bytes: [UInt8], column: String) throws {
        self.bytes = bytes
        guard bytes.count >= 12 else { throw Self.corrupt("outbox column \(column): \(bytes.count) bytes, no array header") }
        let dimensions = Self.int32(bytes, at: 0)
        switch dimensions {
        case 0:
            count = 0
            offset = 12
        case 1 where bytes.count >= 20:
            count = Int(Self.int32(bytes, at: 12))
            offset = 20
        default:
            throw Self.corrupt("outbox column \(column): \(dimensions) dimensions, expected 1")
        }
        guard count >= 0 else { throw Self.corrupt("outbox column \(column): negative length") }
    }

    /// The next element's bytes as `body` sees them (nil for NULL), moving past it.
    mutating func next<T>(_ body: (UnsafeBufferPointer<UInt8>?) throws -> T) throws -> T {
        guard offset + 4 <= bytes.count else { throw Self.corrupt("outbox column ends early") }
        let length = Int(Self.int32(bytes, at: offset))
        offset += 4
        guard length >= 0 else { return try body(nil) }
        guard offset + length <= bytes.count else { throw Self.corrupt("outbox column element ends early") }
        defer { offset += length }
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[offset ..< offset + length])) }
    }

    /// The next element as a big-endian integer of its own width (smallint, bigint, timestamp), 0 for NULL.
    mutating func nextInteger() throws -> Int64 {
        try next { element in
            guard let element else { return 0 }
            var value: Int64 = element.first.map { Int64(Int8(bitPattern: $0)) } ?? 0
            for byte in element.dropFirst() { value = value << 8 | Int64(byte) }
            return value
        }
    }

    /// The next element as a boolean (false for NULL).
    mutating func nextBool() throws -> Bool {
        try next { $0?.first.map { $0 != 0 } ?? false }
    }

    /// The next element as a float8 (0 for NULL).
    mutating func nextDouble() throws -> Double {
        try next { element in
            guard let element, element.count == 8 else { return 0 }
            var bits: UInt64 = 0
            for byte in element { bits = bits << 8 | UInt64(byte) }
            return Double(bitPattern: bits)
        }
    }

    /// A column that is not what the outbox writes: a bug or a damaged row, never bad input.
    private static func corrupt(_ message: String) -> RPCError {
        RPCError(.internalError, message)
    }

    private static func int32(_ bytes: [UInt8], at offset: Int) -> Int32 {
        Int32(bitPattern: UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3]))
    }
}
