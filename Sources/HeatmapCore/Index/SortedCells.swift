/// One bucket's cells of an in-memory rollup, sorted by a 64-bit key whose upper 32 bits group
/// them (a type or crime-group slot) and whose lower 32 bits name the cell within the group (an
/// area slot, a grid cell, a packed hex cell). Cells are never removed: one that nets to zero
/// stays and counts nothing, exactly like its table row.
struct SortedCells<Count: AdditiveCount>: Sendable {
    private(set) var keys: [UInt64] = []
    private(set) var counts: [Count] = []
    /// How many leading cells are in order (the rest were appended by ``append(unsorted:_:)``).
    private var sortedCount = 0

    init() {}

    /// Cells whose `keys` are strictly ascending (a decoded snapshot checks that before).
    init(ascendingKeys keys: [UInt64], counts: [Count]) {
        self.keys = keys
        self.counts = counts
        sortedCount = keys.count
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
            sortedCount += 1
        }
    }

    /// Appends a cell without keeping the order (bulk loading, applying a batch);
    /// ``sortAndMerge()`` must follow before any other use.
    /// - Returns: Whether the cells were all in order before (the bucket just became unsorted).
    @discardableResult
    mutating func append(unsorted key: UInt64, _ count: Count) -> Bool {
        let wasSorted = sortedCount == keys.count
        keys.append(key)
        counts.append(count)
        return wasSorted
    }

    /// Appends cells without keeping the order, like ``append(unsorted:_:)`` for each.
    /// - Returns: Whether the cells were all in order before.
    @discardableResult
    mutating func append(unsorted newKeys: [UInt64], _ newCounts: [Count]) -> Bool {
        let wasSorted = sortedCount == keys.count
        keys.append(contentsOf: newKeys)
        counts.append(contentsOf: newCounts)
        return wasSorted
    }

    /// Restores the order after ``append(unsorted:_:)``: sorts only the appended cells (by radix,
    /// ``CellRadixSort``), adds up
    /// repeated keys, and merges them into the ordered ones in one pass (O(n + k) for k appended
    /// to n, where re-sorting everything cost O(n log n) per batch in the large buckets); the
    /// arrays are rebuilt at their exact size.
    mutating func sortAndMerge() {
        guard sortedCount < keys.count else { return }
        var tailKeys = Array(keys[sortedCount...]), tailCounts = Array(counts[sortedCount...])
        CellRadixSort.sort(&tailKeys, &tailCounts)
        var mergedKeys: [UInt64] = [], mergedCounts: [Count] = []
        mergedKeys.reserveCapacity(keys.count)
        mergedCounts.reserveCapacity(keys.count)
        var old = 0, new = 0
        while old < sortedCount || new < tailKeys.count {
            let takeOld = new == tailKeys.count || (old < sortedCount && keys[old] <= tailKeys[new])
            let key = takeOld ? keys[old] : tailKeys[new]
            let count = takeOld ? counts[old] : tailCounts[new]
            if takeOld { old += 1 } else { new += 1 }
            if let last = mergedKeys.last, last == key {
                mergedCounts[mergedCounts.count - 1] += count
            } else {
                mergedKeys.append(key)
                mergedCounts.append(count)
            }
        }
        // Appended cells that merged away leave spare capacity: copy at the exact size then.
        if mergedKeys.capacity > mergedKeys.count + mergedKeys.count / 8 + 8 {
            keys = mergedKeys.withUnsafeBufferPointer { Array($0) }
            counts = mergedCounts.withUnsafeBufferPointer { Array($0) }
        } else {
            keys = mergedKeys
            counts = mergedCounts
        }
        sortedCount = keys.count
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
