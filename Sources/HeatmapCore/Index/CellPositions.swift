/// Where each cell of a year is in its type's array (``YearCells``): an open-addressing table
/// with linear probing over (area, type, hour) keys, hashed by multiplication. Every delta
/// looks its cell up here; a `Dictionary` keyed by ``RollupCellKey`` spent most of that in its
/// seeded hasher (docs/BENCHMARKS.md, "Outbox pull and apply per delta"). The keys are dense
/// slots chosen by this process, not input, so a plain multiplicative hash is safe.
struct CellPositions: Sendable {
    /// One table slot: a key and its cell's position, in one 16-byte entry so that a probe
    /// touches one cache line.
    private struct Entry: Sendable {
        /// `area << 32 | type` (both non-negative 32-bit slots).
        var areaAndType: UInt64
        /// The cell's position in its type's array, -1 for an empty slot.
        var position: Int32
        var hour: Int8

        static let empty = Entry(areaAndType: 0, position: -1, hour: 0)
    }

    private var entries: [Entry] = []
    private var count = 0
    /// log2 of the table's size.
    private var bits = 0

    /// The position of `key`'s cell; when it has none yet, `next` becomes its position.
    /// - Returns: The position, and whether it was just inserted.
    mutating func position(of key: RollupCellKey, orInsert next: Int) -> (position: Int, inserted: Bool) {
        if (count + 1) * 2 > entries.count { grow() }
        let packed = UInt64(UInt32(bitPattern: key.area)) << 32 | UInt64(UInt32(bitPattern: key.primaryType))
        let mask = entries.count - 1
        var slot = Self.slot(packed, key.hour, bits: bits)
        while entries[slot].position >= 0 {
            if entries[slot].areaAndType == packed, entries[slot].hour == key.hour { return (Int(entries[slot].position), false) }
            slot = (slot + 1) & mask
        }
        entries[slot] = Entry(areaAndType: packed, position: Int32(next), hour: key.hour)
        count += 1
        return (next, true)
    }

    private static func slot(_ packed: UInt64, _ hour: Int8, bits: Int) -> Int {
        let mixed = (packed ^ UInt64(UInt8(bitPattern: hour)) << 56) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: (mixed ^ mixed >> 29) >> UInt64(64 - bits))
    }

    /// Doubles the table (16 slots at first) and puts every entry back.
    private mutating func grow() {
        let old = entries
        bits = max(4, bits + 1)
        entries = [Entry](repeating: .empty, count: 1 << bits)
        let mask = entries.count - 1
        for entry in old where entry.position >= 0 {
            var slot = Self.slot(entry.areaAndType, entry.hour, bits: bits)
            while entries[slot].position >= 0 { slot = (slot + 1) & mask }
            entries[slot] = entry
        }
    }
}
