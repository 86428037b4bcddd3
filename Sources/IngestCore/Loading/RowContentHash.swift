/// A 64-bit FNV-1a hash of a staged row's encoded fields (every column but the line number),
/// stored with the record's key (`ingest.incident_keys.row_hash`, migration 0007). A reload
/// compares it in SQL with the staged row's: an equal hash means the same source values, so the
/// stored version is not read at all; only rows whose hash differs (or was never stored) are
/// compared column by column. Two different versions of one key share a hash with probability
/// about 2⁻⁶⁴.
enum RowContentHash {
    static func of(_ bytes: ArraySlice<UInt8>) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        return Int64(bitPattern: hash)
    }
}
