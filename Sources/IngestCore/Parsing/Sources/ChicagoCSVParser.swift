import Foundation

/// Parses Chicago "Crimes – 2001 to Present" portal CSV: the 20-column per-year files and the
/// 22-column export. Columns are found by header name.
///
/// Each data row becomes one ``ParsedRow`` (`.record` or `.rejected`, never `.duplicate`); see
/// ``ChicagoRowMapper`` for the rules. Throws ``SourceParseError`` only for a missing header or
/// missing columns, and for I/O failures.
struct ChicagoCSVParser: Sendable {
    /// Points outside these bounds reject the row.
    var bounds: GeoBounds

    init(bounds: GeoBounds = .chicago) {
        self.bounds = bounds
    }

    /// Streams every row of `source` to `handle`, in file order, and returns the accounting.
    func parse(_ source: any ByteSource, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        try CSVSourceDriver.parse(source, sourceName: "Chicago crimes CSV", makeMapper: { header throws(SourceParseError) in
            ChicagoRowMapper(columns: try ChicagoColumns(header: header), bounds: bounds)
        }, handle: handle)
    }

    /// Opens `url` (plain, `.gz` or `.xz`) and parses it.
    func parse(contentsOf url: URL, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        try parse(ByteSources.open(url), handle: handle)
    }
}
