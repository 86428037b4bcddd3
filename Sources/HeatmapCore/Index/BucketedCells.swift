/// An in-memory rollup: ``SortedCells`` per bucket (a time bucket, a month and type, …).
struct BucketedCells<Bucket: Hashable & Sendable, Count: AdditiveCount>: Sendable {
    /// How many buckets collect appended cells at once: a batch's deltas run through a few
    /// buckets in turn (its day, week and month), so each cell goes to one of these by an
    /// equality test instead of a hashed dictionary lookup per cell.
    private static var pendingLimit: Int { 4 }

    private(set) var buckets: [Bucket: SortedCells<Count>] = [:]
    /// Buckets with cells appended unordered since the last ``sortAll()``.
    private var unsorted: Set<Bucket> = []
    /// The buckets appended to most recently (oldest first), and side by side the cells appended
    /// to each and not yet in ``buckets`` (apart, so that finding a bucket copies no array).
    private var pendingBuckets: [Bucket] = []
    private var pendingKeys: [[UInt64]] = []
    private var pendingCounts: [[Count]] = []

    /// Adds `count` to cell `key` of `bucket`.
    mutating func add(_ bucket: Bucket, _ key: UInt64, _ count: Count) {
        buckets[bucket, default: SortedCells()].add(key, count)
    }

    /// Adds `count` to cell `key` of `bucket`, or with `sorted` false appends it unordered (bulk
    /// loading, applying a batch): ``sortAll()`` must follow before the cells are read.
    mutating func add(_ bucket: Bucket, _ key: UInt64, _ count: Count, sorted: Bool) {
        guard !sorted else {
            add(bucket, key, count)
            return
        }
        for index in pendingBuckets.indices where pendingBuckets[index] == bucket {
            pendingKeys[index].append(key)
            pendingCounts[index].append(count)
            return
        }
        if pendingBuckets.count == Self.pendingLimit { handPending(at: 0) }
        pendingBuckets.append(bucket)
        pendingKeys.append([key])
        pendingCounts.append([count])
    }

    /// Appends the pending cells of the bucket at `index` of the pending ones to it.
    private mutating func handPending(at index: Int) {
        let bucket = pendingBuckets.remove(at: index)
        let keys = pendingKeys.remove(at: index), counts = pendingCounts.remove(at: index)
        if buckets[bucket, default: SortedCells()].append(unsorted: keys, counts) { unsorted.insert(bucket) }
    }

    /// Sets a whole bucket (decoding a snapshot).
    mutating func set(_ bucket: Bucket, _ cells: SortedCells<Count>) {
        buckets[bucket] = cells
    }

    /// Sorts (and merges) the buckets appended to since the last call, pending cells first: only
    /// their new cells are sorted (``SortedCells/sortAndMerge()``), where inserting each new cell
    /// in order is O(n) apiece (a Chicago month's grid bucket holds ~30k cells, most of them new
    /// in the batches that carry that month).
    mutating func sortAll() {
        while !pendingBuckets.isEmpty { handPending(at: pendingBuckets.count - 1) }
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
