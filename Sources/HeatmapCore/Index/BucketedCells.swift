/// An in-memory rollup: ``SortedCells`` per bucket (a time bucket, a month and type, …).
struct BucketedCells<Bucket: Hashable & Sendable, Count: AdditiveCount>: Sendable {
    private(set) var buckets: [Bucket: SortedCells<Count>] = [:]

    /// Adds `count` to cell `key` of `bucket`.
    mutating func add(_ bucket: Bucket, _ key: UInt64, _ count: Count) {
        buckets[bucket, default: SortedCells()].add(key, count)
    }

    /// Adds `count` to cell `key` of `bucket` in bulk-loading mode (`sorted` false): appended
    /// unordered, ``sortAll()`` must follow.
    mutating func add(_ bucket: Bucket, _ key: UInt64, _ count: Count, sorted: Bool) {
        if sorted {
            add(bucket, key, count)
        } else {
            buckets[bucket, default: SortedCells()].append(unsorted: key, count)
        }
    }

    /// Sorts every bucket after bulk loading.
    mutating func sortAll() {
        buckets = buckets.mapValues { cells in
            var cells = cells
            cells.sortAndMerge()
            return cells
        }
    }

    /// The cells of `bucket`, nil when it never had any.
    subscript(bucket: Bucket) -> SortedCells<Count>? { buckets[bucket] }

    /// How many cells are held over all buckets.
    var cellCount: Int { buckets.values.reduce(0) { $0 + $1.keys.count } }
}
