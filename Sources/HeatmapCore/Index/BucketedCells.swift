/// An in-memory rollup: ``SortedCells`` per bucket (a time bucket, a month and type, …).
struct BucketedCells<Bucket: Hashable & Sendable, Count: AdditiveCount>: Sendable {
    private(set) var buckets: [Bucket: SortedCells<Count>] = [:]

    /// Adds `count` to cell `key` of `bucket`.
    mutating func add(_ bucket: Bucket, _ key: UInt64, _ count: Count) {
        buckets[bucket, default: SortedCells()].add(key, count)
    }

    /// The cells of `bucket`, nil when it never had any.
    subscript(bucket: Bucket) -> SortedCells<Count>? { buckets[bucket] }

    /// How many cells are held over all buckets.
    var cellCount: Int { buckets.values.reduce(0) { $0 + $1.keys.count } }
}
