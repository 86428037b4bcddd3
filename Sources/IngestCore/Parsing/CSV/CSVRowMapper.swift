/// Turns one well-formed CSV data row of a known source into a ``ParsedRow``.
///
/// ``CSVSourceDriver`` has already checked the quoting and the field count; a mapper decodes
/// fields and throws ``RowRejection`` for a bad value.
protocol CSVRowMapper {
    mutating func map(_ row: CSVRow) throws(RowRejection) -> ParsedRow
}

/// Reads a CSV source: header first, then every data row to exactly one ``ParsedRow``.
///
/// Rows with broken quoting, blank lines and rows whose field count differs from the header's are
/// rejected here, with their line and raw text; the mapper sees only well-formed rows.
enum CSVSourceDriver {
    static func parse<Mapper: CSVRowMapper>(
        _ source: any ByteSource,
        sourceName: String,
        makeMapper: (CSVHeader) throws(SourceParseError) -> Mapper,
        handle: (ParsedRow) throws -> Void
    ) throws -> ParseSummary {
        let reader = CSVReader(source: source)
        var summary = ParseSummary()
        var mapper: Mapper?
        var header = CSVHeader(names: [])
        try reader.forEachRow { row in
            guard mapper != nil else {
                if let malformation = row.malformation {
                    throw SourceParseError(.missingColumns, lineNumber: row.lineNumber, "\(sourceName) header: \(malformation)")
                }
                header = CSVHeader(row: row)
                mapper = try makeMapper(header)
                return
            }
            let parsed: ParsedRow
            if let malformation = row.malformation {
                parsed = .rejected(RejectedRow(lineNumber: row.lineNumber, rawText: row.rawText, reason: malformation.description))
            } else if row.isBlankLine {
                parsed = .rejected(RejectedRow(lineNumber: row.lineNumber, rawText: "", reason: "blank line"))
            } else if row.fieldCount != header.names.count {
                parsed = .rejected(RejectedRow(
                    lineNumber: row.lineNumber, rawText: row.rawText,
                    reason: "expected \(header.names.count) fields as in the header, found \(row.fieldCount)"))
            } else {
                do throws(RowRejection) {
                    // Optional chaining mutates the mapper in place (no copy of its state per row).
                    parsed = try mapper?.map(row)
                        ?? .rejected(RejectedRow(lineNumber: row.lineNumber, rawText: row.rawText, reason: "no header"))
                } catch {
                    parsed = .rejected(RejectedRow(lineNumber: row.lineNumber, rawText: row.rawText, reason: error.reason))
                }
            }
            summary.count(parsed)
            try handle(parsed)
        }
        guard mapper != nil else {
            throw SourceParseError(.emptyInput, lineNumber: 1, "\(sourceName): empty input, no header line")
        }
        summary.linesRead = reader.linesRead
        return summary
    }
}
