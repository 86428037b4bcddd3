import CrimeScopeProtos

/// `crimescope.ingest.v1.SourceFormat`: the format of a file or feed the ingest service loads.
///
/// A number this build does not know decodes as ``unspecified``.
public enum SourceFormat: Int32, Sendable, Equatable, CaseIterable {
    case unspecified = 0
    case chicagoCSV = 1
    case chicagoSocrataJSON = 2
    case nypdArrestsCSV = 3
    case policeUKCSV = 4
    case areasGeoJSON = 5
    case areasWKTCSV = 6
    case nypdArrestsSocrataJSON = 7

    /// The protobuf enum value name, e.g. `SOURCE_FORMAT_CHICAGO_CSV`.
    public var name: String {
        switch self {
        case .unspecified: "SOURCE_FORMAT_UNSPECIFIED"
        case .chicagoCSV: "SOURCE_FORMAT_CHICAGO_CSV"
        case .chicagoSocrataJSON: "SOURCE_FORMAT_CHICAGO_SOCRATA_JSON"
        case .nypdArrestsCSV: "SOURCE_FORMAT_NYPD_ARRESTS_CSV"
        case .policeUKCSV: "SOURCE_FORMAT_POLICE_UK_CSV"
        case .areasGeoJSON: "SOURCE_FORMAT_AREAS_GEOJSON"
        case .areasWKTCSV: "SOURCE_FORMAT_AREAS_WKT_CSV"
        case .nypdArrestsSocrataJSON: "SOURCE_FORMAT_NYPD_ARRESTS_SOCRATA_JSON"
        }
    }

    /// The value of a C field; unknown numbers (proto3 enums are open) become ``unspecified``.
    init(c: Crimescope__Ingest__V1__SourceFormat) {
        self = SourceFormat(rawValue: Int32(bitPattern: c.rawValue)) ?? .unspecified
    }

    /// The value for a C field.
    var c: Crimescope__Ingest__V1__SourceFormat {
        Crimescope__Ingest__V1__SourceFormat(rawValue: UInt32(bitPattern: rawValue))
    }
}
