@testable import IngestCore

/// Collects what a parse produced, for assertions on small inputs.
struct RowCollector {
    var records: [IncidentRecord] = []
    var rejected: [RejectedRow] = []
    var duplicates: [DuplicateRow] = []

    mutating func add(_ row: ParsedRow) {
        switch row {
        case .record(let record): records.append(record)
        case .rejected(let rejection): rejected.append(rejection)
        case .duplicate(let duplicate): duplicates.append(duplicate)
        }
    }
}

/// Parses `text` with the given parse function, fed in pieces of `chunkSize` bytes.
func collect(
    _ text: String, chunkSize: Int = 1 << 20,
    _ parse: (any ByteSource, (ParsedRow) throws -> Void) throws -> ParseSummary
) throws -> (RowCollector, ParseSummary) {
    var collector = RowCollector()
    let summary = try parse(MemoryByteSource(text, chunkSize: chunkSize)) { collector.add($0) }
    return (collector, summary)
}
