/// An in-memory rollup: ``SortedCells`` per bucket (a time bucket, a month and type, …).
struct BucketedCells<Bucket: Hashable & Sendable, Count: AdditiveCount>: Sendable {
    private(set) var buckets: [Bucket: SortedCells<Count>] = [:]
    /// Buckets with cells appended unordered since the last ``sortAll()``.
    private var unsorted: Set<Bucket> = []

    /// Adds `count` to cell `key` of `bucket`.
    mutating func add(_ bucket: Bucket, _ key: UInt64, _ count: Count) {
        buckets[bucket, default: SortedCells()].add(key, count)
    }

    /// Adds `count` to cell `key` of `bucket`, or with `sorted` false appends it unordered (bulk
    /// loading, applying a batch): ``sortAll()`` must follow.
    mutating func add(_ bucket: Bucket, _ key: UInt64, _ count: Count, sorted: Bool) {
        if sorted {
            add(bucket, key, count)
        } else {
            if buckets[bucket, default: SortedCells()].append(unsorted: key, count) { unsorted.insert(bucket) }
        }
    }

    /// Sets a whole bucket (decoding a snapshot).
    mutating func set(_ bucket: Bucket, _ cells: SortedCells<Count>) {
        buckets[bucket] = cells
    }

    /// Sorts (and merges) the buckets appended to since the last call: O(n log n) per touched
    /// bucket, where inserting each new cell in order is O(n) apiece (a Chicago month's grid
    /// bucket holds ~30k cells, most of them new in the batches that carry that month).
    mutating func sortAll() {
        for bucket in unsorted {
            buckets[bucket]?.sortAndMerge()
        }
        unsorted.removeAll()
    }

    /// The cells of `bucket`, nil when it never had any.
    subscript(bucket: Bucket) -> SortedCells<Count>? { buckets[bucket] }

    /// How many cells are held over all buckets.
    var cellCount: Int { buckets.values.reduce(0) { $0 + $1.keys.count } }
}
