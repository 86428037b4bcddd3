/// What one export writes: a file name stem, the filters and facts of the reply (CSV comment
/// block, GeoJSON `metadata`), the columns, and the rows with an optional GeoJSON geometry each.
/// Rows are produced one at a time by `row` while the body streams, never collected first.
struct ExportTable: Sendable {
    /// `crimescope-heatmap-chicago-year-2017` (no extension).
    var fileStem: String
    /// Ordered `name: value` facts: the view, the city, every filter given, totals, the time zone.
    var metadata: [(String, ExportCell)]
    var columns: [String]
    var rowCount: Int
    /// The cells of row `index` (as many as `columns`) and its geometry as GeoJSON text (nil: null).
    var row: @Sendable (_ index: Int) -> (cells: [ExportCell], geometry: String?)

    init(fileStem: String, metadata: [(String, ExportCell)], columns: [String], rowCount: Int,
                row: @escaping @Sendable (_ index: Int) -> (cells: [ExportCell], geometry: String?)) {
        self.fileStem = fileStem
        self.metadata = metadata
        self.columns = columns
        self.rowCount = rowCount
        self.row = row
    }
}

/// One value of an export row: written bare in CSV (text quoted when it must be) and as the
/// matching JSON type in GeoJSON properties.
enum ExportCell: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case number(Double)
    case empty
}
