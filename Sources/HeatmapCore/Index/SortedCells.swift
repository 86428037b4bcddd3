/// One bucket's cells of an in-memory rollup, sorted by a 64-bit key whose upper 32 bits group
/// them (a type or crime-group slot) and whose lower 32 bits name the cell within the group (an
/// area slot, a grid cell, a packed hex cell). Cells are never removed: one that nets to zero
/// stays and counts nothing, exactly like its table row.
struct SortedCells<Count: AdditiveCount>: Sendable {
    private(set) var keys: [UInt64] = []
    private(set) var counts: [Count] = []

    init() {}

    /// Cells whose `keys` are strictly ascending (a decoded snapshot checks that before).
    init(ascendingKeys keys: [UInt64], counts: [Count]) {
        self.keys = keys
        self.counts = counts
    }

    /// The key of `low` in group `high`.
    static func key(high: UInt32, low: UInt32) -> UInt64 {
        UInt64(high) << 32 | UInt64(low)
    }

    /// Adds `count` to the cell `key` (inserting it in order when new).
    mutating func add(_ key: UInt64, _ count: Count) {
        let slot = lowerBound(key)
        if slot < keys.count, keys[slot] == key {
            counts[slot] += count
        } else {
            keys.insert(key, at: slot)
            counts.insert(count, at: slot)
        }
    }

    /// Appends a cell without keeping the order (bulk loading); ``sortAndMerge()`` must follow
    /// before any other use.
    mutating func append(unsorted key: UInt64, _ count: Count) {
        keys.append(key)
        counts.append(count)
    }

    /// Restores the order after ``append(unsorted:_:)``, adding up repeated keys; the arrays are
    /// rebuilt at their exact size.
    mutating func sortAndMerge() {
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        var sortedKeys: [UInt64] = [], sortedCounts: [Count] = []
        sortedKeys.reserveCapacity(order.count)
        sortedCounts.reserveCapacity(order.count)
        for position in order {
            if let last = sortedKeys.last, last == keys[position] {
                sortedCounts[sortedCounts.count - 1] += counts[position]
            } else {
                sortedKeys.append(keys[position])
                sortedCounts.append(counts[position])
            }
        }
        keys = sortedKeys
        counts = sortedCounts
    }

    /// The positions of the cells of group `high`.
    func group(_ high: UInt32) -> Range<Int> {
        let end = high == .max ? keys.count : lowerBound(Self.key(high: high + 1, low: 0))
        return lowerBound(Self.key(high: high, low: 0)) ..< end
    }

    /// The lower 32 bits of the key at `position`.
    func low(at position: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: keys[position])
    }

    private func lowerBound(_ key: UInt64) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
