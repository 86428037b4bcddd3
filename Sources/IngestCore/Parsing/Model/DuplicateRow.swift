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
