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
