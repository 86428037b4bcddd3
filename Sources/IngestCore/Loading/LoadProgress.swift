import Synchronization

/// A snapshot of a running load, for progress lines.
public struct LoadProgress: Sendable, Equatable {
    /// Source rows parsed so far.
    public var rowsRead: Int
    /// Decompressed bytes parsed so far.
    public var bytesRead: Int
    /// Source rows whose batch is committed.
    public var rowsCommitted: Int
    /// Batches committed.
    public var batches: Int
}

/// Counters the parser and writer threads update and anyone may read.
public final class LoadProgressCounter: Sendable {
    private let rows = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let committed = Atomic<Int>(0)
    private let batches = Atomic<Int>(0)

    public init() {}

    func addRows(_ count: Int) { rows.add(count, ordering: .relaxed) }
    func addBytes(_ count: Int) { bytes.add(count, ordering: .relaxed) }
    func addCommitted(rows count: Int) {
        committed.add(count, ordering: .relaxed)
        batches.add(1, ordering: .relaxed)
    }

    /// The current values.
    public var snapshot: LoadProgress {
        LoadProgress(rowsRead: rows.load(ordering: .relaxed), bytesRead: bytes.load(ordering: .relaxed),
                     rowsCommitted: committed.load(ordering: .relaxed), batches: batches.load(ordering: .relaxed))
    }
}
