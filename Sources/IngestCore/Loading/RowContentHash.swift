/// A 64-bit FNV-1a hash of a record's source values, stored with its key
/// (`ingest.incident_keys.row_hash`, migration 0007). A reload compares it with the incoming row's:
/// an equal hash means the same source values, so the stored version is not read at all; only
/// rows whose hash differs (or was never stored) are compared column by column. Two different
/// versions of one key share a hash with probability about 2⁻⁶⁴.
///
/// The hashed bytes are the binary COPY fields `source_key` … `updated_on` in the column order of
/// ``LoadRowEncoder`` with the three integers as 8-byte `bigint` fields — the staging tuples the
/// hash was first defined over — so hashes stored by earlier versions still match.
struct RowContentHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: ArraySlice<UInt8>) {
        var hash = value
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        value = hash
    }

    /// Adds an optional integer as its 8-byte binary field (length 8, big-endian value), or NULL's -1 length.
    mutating func addBigintField(_ integer: Int?) {
        guard let integer else {
            for _ in 0..<4 { addByte(0xFF) }
            return
        }
        addByte(0); addByte(0); addByte(0); addByte(8)
        let bits = UInt64(bitPattern: Int64(integer))
        for shift in stride(from: 56, through: 0, by: -8) { addByte(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    private mutating func addByte(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    var signed: Int64 { Int64(bitPattern: value) }
}
