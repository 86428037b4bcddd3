/// A row that became a record with a caveat (``IncidentRecord/note``), as kept in `ingest.row_notes`.
public struct RowNote: Sendable, Equatable {
    /// The row's line in the source (as for rejects).
    public var lineNumber: Int
    /// The record's key: the incident is `ingest.incidents` (city, source_key).
    public var sourceKey: String
    /// What was dropped or changed (e.g. the portal's null geocode).
    public var note: String

    public init(lineNumber: Int, sourceKey: String, note: String) {
        self.lineNumber = lineNumber
        self.sourceKey = sourceKey
        self.note = note
    }
}
