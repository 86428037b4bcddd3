#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shares one `String` among equal field values of low-cardinality columns (types, descriptions,
/// beats, IUCR codes): a lookup by bytes replaces an allocation, a UTF-8 check and a copy per row.
///
/// Bounded: after `maxEntries` distinct values it stops remembering and just builds strings.
struct StringInterner {
    private struct Slot {
        let hash: UInt64
        let bytes: [UInt8]
        let string: String
    }

    private var slots: [Slot?]
    private let mask: Int
    private let maxEntries: Int
    private var entries = 0
    private var groupByPrimaryType: [String: String] = [:]

    init(capacity: Int = 8192) {
        var size = 16
        while size < capacity { size *= 2 }
        slots = Array(repeating: nil, count: size)
        mask = size - 1
        maxEntries = size / 2
    }

    /// The field as a shared string, `nil` when empty.
    mutating func optionalString(_ field: CSVField) -> String? {
        field.isEmpty ? nil : string(field)
    }

    /// The field as a shared string.
    mutating func string(_ field: CSVField) -> String {
        guard !field.hasEscapedQuotes, let base = field.bytes.baseAddress else { return field.string }
        let count = field.bytes.count
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in field.bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        var index = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[index] {
            if slot.hash == hash, slot.bytes.count == count,
               slot.bytes.withUnsafeBufferPointer({ $0.baseAddress.map { memcmp($0, base, count) == 0 } ?? false }) {
                return slot.string
            }
            index = (index + 1) & mask
        }
        let string = field.string
        if entries < maxEntries {
            slots[index] = Slot(hash: hash, bytes: Array(field.bytes), string: string)
            entries += 1
        }
        return string
    }

    /// ``ChicagoCrimeGroup`` raw value of a primary type, memoised.
    mutating func group(of primaryType: String) -> String {
        if let group = groupByPrimaryType[primaryType] { return group }
        let group = ChicagoCrimeGroup(primaryType: primaryType).rawValue
        if groupByPrimaryType.count < 1024 { groupByPrimaryType[primaryType] = group }
        return group
    }
}
