import Synchronization

/// A snapshot of a running load, for progress lines.
package struct LoadProgress: Sendable, Equatable {
    /// Source rows parsed so far.
    package var rowsRead: Int
    /// Decompressed bytes parsed so far.
    package var bytesRead: Int
    /// Source rows whose batch is committed.
    package var rowsCommitted: Int
    /// Batches committed.
    package var batches: Int
}

/// Counters the parser and writer threads update and anyone may read.
package final class LoadProgressCounter: Sendable {
    private let rows = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let committed = Atomic<Int>(0)
    private let batches = Atomic<Int>(0)

    package init() {}

    func addRows(_ count: Int) { rows.add(count, ordering: .relaxed) }
    func addBytes(_ count: Int) { bytes.add(count, ordering: .relaxed) }
    func addCommitted(rows count: Int) {
        committed.add(count, ordering: .relaxed)
        batches.add(1, ordering: .relaxed)
    }

    /// The current values.
    package var snapshot: LoadProgress {
        LoadProgress(rowsRead: rows.load(ordering: .relaxed), bytesRead: bytes.load(ordering: .relaxed),
                     rowsCommitted: committed.load(ordering: .relaxed), batches: batches.load(ordering: .relaxed))
    }
}
