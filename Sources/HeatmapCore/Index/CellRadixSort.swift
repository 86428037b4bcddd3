/// Sorts the cells a batch appended to a bucket (keys with their counts, side by side) by key:
/// a least-significant-digit radix sort over the key bytes that differ between the cells, which
/// in a bucket are few (type or group slot, area slot or grid cell), so a batch's tail takes two
/// to four linear passes where a comparison sort of (key, count) pairs took most of the apply's
/// time (docs/BENCHMARKS.md, "Outbox pull and apply per delta").
enum CellRadixSort {
    /// Below this many cells an insertion sort is cheaper than the passes' counting.
    private static let insertionLimit = 32

    /// Sorts `keys` ascending, moving `counts[i]` with `keys[i]`; equal keys keep their order.
    static func sort<Count>(_ keys: inout [UInt64], _ counts: inout [Count]) {
        let n = keys.count
        precondition(counts.count == n, "a count per key")
        guard n > 1 else { return }
        if n <= insertionLimit {
            insertionSort(&keys, &counts)
            return
        }
        let first = keys[0]
        let varying = keys.reduce(UInt64(0)) { $0 | ($1 ^ first) }
        guard varying != 0 else { return }
        var otherKeys = [UInt64](repeating: 0, count: n)
        var otherCounts = counts
        var histogram = [Int](repeating: 0, count: 256)
        for digit in 0..<8 where (varying >> UInt64(digit * 8)) & 0xFF != 0 {
            let shift = UInt64(digit * 8)
            keys.withUnsafeBufferPointer { source in
                histogram.withUnsafeMutableBufferPointer { histogram in
                    for index in 0..<256 { histogram[index] = 0 }
                    for key in source { histogram[Int((key >> shift) & 0xFF)] += 1 }
                    var offset = 0
                    for index in 0..<256 {
                        let count = histogram[index]
                        histogram[index] = offset
                        offset += count
                    }
                }
            }
            keys.withUnsafeBufferPointer { sourceKeys in
                counts.withUnsafeBufferPointer { sourceCounts in
                    otherKeys.withUnsafeMutableBufferPointer { targetKeys in
                        otherCounts.withUnsafeMutableBufferPointer { targetCounts in
                            histogram.withUnsafeMutableBufferPointer { offsets in
                                for index in 0..<n {
                                    let key = sourceKeys[index]
                                    let bucket = Int((key >> shift) & 0xFF)
                                    let target = offsets[bucket]
                                    offsets[bucket] = target + 1
                                    targetKeys[target] = key
                                    targetCounts[target] = sourceCounts[index]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &otherKeys)
            swap(&counts, &otherCounts)
        }
    }

    private static func insertionSort<Count>(_ keys: inout [UInt64], _ counts: inout [Count]) {
        for index in 1..<keys.count {
            let key = keys[index], count = counts[index]
            var slot = index
            while slot > 0, keys[slot - 1] > key {
                keys[slot] = keys[slot - 1]
                counts[slot] = counts[slot - 1]
                slot -= 1
            }
            keys[slot] = key
            counts[slot] = count
        }
    }
}
