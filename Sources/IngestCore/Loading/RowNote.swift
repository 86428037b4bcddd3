/// A row that became a record with a caveat (``IncidentRecord/note``), kept for `ingest.row_notes`.
struct RowNote: Sendable, Equatable {
    var lineNumber: Int
    var sourceKey: String
    var note: String
}
