/// What one source row became. Every data row yields exactly one of these.
public enum ParsedRow: Sendable, Equatable {
    case record(IncidentRecord)
    case rejected(RejectedRow)
    case duplicate(DuplicateRow)
}
