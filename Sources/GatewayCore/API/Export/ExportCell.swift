/// One value of an export row: written bare in CSV (text quoted when it must be) and as the
/// matching JSON type in GeoJSON properties.
public enum ExportCell: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case number(Double)
    case empty
}
