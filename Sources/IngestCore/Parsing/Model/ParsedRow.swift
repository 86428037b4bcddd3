/// What one source row became. Every data row yields exactly one of these.
public enum ParsedRow: Sendable, Equatable {
    case record(IncidentRecord)
    case rejected(RejectedRow)
    case duplicate(DuplicateRow)
}

/// A source row that could not become a record: where it is, what it said, and why it was refused.
public struct RejectedRow: Sendable, Equatable {
    /// Physical line where the row starts (header = line 1).
    public var lineNumber: Int
    /// The row as written, without its line terminator.
    public var rawText: String
    /// A sentence a person can act on, naming the field and value (`unparseable Date '13/45/2017'`).
    public var reason: String

    public init(lineNumber: Int, rawText: String, reason: String) {
        self.lineNumber = lineNumber
        self.rawText = rawText
        self.reason = reason
    }
}

/// A row that repeats an earlier row of the same file exactly, so it adds no record.
///
/// Counted, never silently dropped (police.uk publishes some crimes twice in a month's file).
public struct DuplicateRow: Sendable, Equatable {
    /// Physical line of this repetition.
    public var lineNumber: Int
    /// Line of the record it repeats.
    public var firstLineNumber: Int
    /// The key the first occurrence was given.
    public var sourceKey: String

    public init(lineNumber: Int, firstLineNumber: Int, sourceKey: String) {
        self.lineNumber = lineNumber
        self.firstLineNumber = firstLineNumber
        self.sourceKey = sourceKey
    }
}
