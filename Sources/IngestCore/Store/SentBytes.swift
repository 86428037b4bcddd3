import Postgres

/// A `bytea` field in the server's hex output (`\x…`), decoded through a lookup table into an
/// array written in place: the outbox's columns are ~100 bytes per delta, and the general
/// `[UInt8]` decoding (a checked digit switch and an append per byte) was most of ingest's CPU
/// in a pull (docs/BENCHMARKS.md, "Outbox pull and apply per delta").
struct SentBytes: PostgresDecodable {
    let bytes: [UInt8]

    /// Each ASCII character's hex value, 0xFF for non-digits.
    private static let digits: [UInt8] = (0..<256).map { code in
        switch UInt8(code) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(code) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(code) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(code) - UInt8(ascii: "A") + 10
        default: 0xFF
        }
    }

    static func decode(from cell: PostgresCell) throws(PostgresError) -> SentBytes {
        guard cell.type == .bytea, let text = cell.bytes else {
            throw PostgresError(kind: .decoding, message: "an outbox column is not a non-NULL bytea (\(cell.type))")
        }
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else {
            throw PostgresError(kind: .decoding, message: "an outbox column is not hex-format bytea")
        }
        let count = (text.count - 2) / 2
        var bad: UInt8 = 0
        let bytes = digits.withUnsafeBufferPointer { digits in
            [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let high = digits[Int(text[2 + 2 * index])], low = digits[Int(text[3 + 2 * index])]
                    bad |= high | low
                    buffer[index] = high << 4 | low & 0x0F
                }
                initialized = count
            }
        }
        // A digit's value is below 16; only 0xFF (not a digit) sets the high bits.
        guard bad < 16 else { throw PostgresError(kind: .decoding, message: "an outbox column has a bad hex digit") }
        return SentBytes(bytes: bytes)
    }
}
