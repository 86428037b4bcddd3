/// What the parser thread hands the writer, in order.
enum StagingItem: Sendable {
    /// One whole batch: commit it.
    case batch(LoadBatch)
    /// The source is exhausted; no more items follow.
    case finished(ParseSummary, newestCursorValue: LocalDateTime?)
}

/// The accounting of the rows of one batch that are not records to write, plus its size.
struct BatchTally: Sendable {
    /// Source rows in the batch (records + rejects + duplicates).
    var rowsRead = 0
    /// Records encoded into the batch.
    var staged = 0
    var rejects: [RejectedRow] = []
    /// Staged records that carry a note (also counted in `staged`).
    var notes: [RowNote] = []
    /// Rows repeating an earlier row of the file byte for byte (police.uk).
    var duplicates = 0
    /// Records older than the cursor (incremental runs).
    var skippedByCursor = 0
    /// Some source key occurs more than once in this batch (or two keys' hashes collided): the
    /// writer must keep only the latest version of each key (``LoadBatch/prepare()``).
    var repeatsKey = false
    /// The years of the records' `occurred`: the incidents partitions the batch may write to.
    var years: Set<Int> = []
}

/// A row that became a record with a caveat (``IncidentRecord/note``), as kept in `ingest.row_notes`.
package struct RowNote: Sendable, Equatable {
    /// The row's line in the source (as for rejects).
    package var lineNumber: Int
    /// The record's key: the incident is `ingest.incidents` (city, source_key).
    package var sourceKey: String
    /// What was dropped or changed (e.g. the portal's null geocode).
    package var note: String

    package init(lineNumber: Int, sourceKey: String, note: String) {
        self.lineNumber = lineNumber
        self.sourceKey = sourceKey
        self.note = note
    }
}
