/// The two download formats of `GET /api/v1/export/{view}`: CSV (a `#` comment block with the
/// filters, a header row, one row per area, cell or incident) and GeoJSON (a FeatureCollection
/// whose top-level `metadata` holds the same filters).
enum ExportFormat: String, Sendable, CaseIterable {
    case csv
    case geojson

    /// Reads `format` (required: there is no default, so a link always says what it downloads).
    init(_ text: String?) throws(APIError) {
        guard let text else { throw .invalidArgument("'format' is required: csv or geojson") }
        guard let format = ExportFormat(rawValue: text) else {
            throw .invalidArgument("'format' must be csv or geojson, got '\(text.prefix(20))'")
        }
        self = format
    }

    var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8; header=present"
        case .geojson: "application/geo+json; charset=utf-8"
        }
    }
}
