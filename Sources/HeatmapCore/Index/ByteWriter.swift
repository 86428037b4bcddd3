/// Appends the snapshot encoding's primitives to a byte array: LEB128 varints (signed ones
/// zigzag-encoded, so small negative deltas stay one byte), length-prefixed UTF-8 strings and
/// doubles as their 64-bit patterns.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func unsigned(_ value: Int) { unsigned(UInt64(UInt(bitPattern: value))) }

    mutating func signed(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func signed(_ value: Int) { signed(Int64(value)) }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        unsigned(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func double(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }
}
