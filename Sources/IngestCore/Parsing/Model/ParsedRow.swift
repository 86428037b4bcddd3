/// What one source row became. Every data row yields exactly one of these.
package enum ParsedRow: Sendable, Equatable {
    case record(IncidentRecord)
    case rejected(RejectedRow)
    case duplicate(DuplicateRow)
}

/// A source row that could not become a record: where it is, what it said, and why it was refused.
package struct RejectedRow: Sendable, Equatable {
    /// Physical line where the row starts (header = line 1).
    package var lineNumber: Int
    /// The row as written, without its line terminator.
    package var rawText: String
    /// A sentence a person can act on, naming the field and value (`unparseable Date '13/45/2017'`).
    package var reason: String

    package init(lineNumber: Int, rawText: String, reason: String) {
        self.lineNumber = lineNumber
        self.rawText = rawText
        self.reason = reason
    }
}

/// A row that repeats an earlier row of the same file exactly, so it adds no record.
///
/// Counted, never silently dropped (police.uk publishes some crimes twice in a month's file).
package struct DuplicateRow: Sendable, Equatable {
    /// Physical line of this repetition.
    package var lineNumber: Int
    /// Line of the record it repeats.
    package var firstLineNumber: Int
    /// The key the first occurrence was given.
    package var sourceKey: String

    package init(lineNumber: Int, firstLineNumber: Int, sourceKey: String) {
        self.lineNumber = lineNumber
        self.firstLineNumber = firstLineNumber
        self.sourceKey = sourceKey
    }
}
