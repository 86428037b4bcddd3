/// The accounting of one parse: every data row read is a record, a rejection or a duplicate.
package struct ParseSummary: Sendable, Equatable, CustomStringConvertible {
    /// Data rows read (CSV records after the header; JSON array elements; GeoJSON features).
    package var rowsRead: Int
    package var records: Int
    package var rejected: Int
    package var duplicates: Int
    /// Physical lines read, header included (a CSV record with an embedded newline spans two).
    package var linesRead: Int

    package init(rowsRead: Int = 0, records: Int = 0, rejected: Int = 0, duplicates: Int = 0, linesRead: Int = 0) {
        self.rowsRead = rowsRead
        self.records = records
        self.rejected = rejected
        self.duplicates = duplicates
        self.linesRead = linesRead
    }

    /// True when `records + rejected + duplicates == rowsRead`, i.e. no row went unaccounted.
    var isBalanced: Bool { records + rejected + duplicates == rowsRead }

    package var description: String {
        "\(rowsRead) rows (\(linesRead) lines): \(records) records, \(rejected) rejected, \(duplicates) duplicates"
    }

    mutating func count(_ row: ParsedRow) {
        rowsRead += 1
        switch row {
        case .record: records += 1
        case .rejected: rejected += 1
        case .duplicate: duplicates += 1
        }
    }
}
