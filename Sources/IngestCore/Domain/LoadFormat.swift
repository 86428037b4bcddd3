import Contracts

/// What a load reads: one of the incident formats, or area polygons.
package enum LoadFormat: String, Sendable, CaseIterable {
    case chicagoCSV = "chicago-csv"
    case chicagoSocrataJSON = "chicago-socrata-json"
    case nypdArrestsCSV = "nypd-arrests-csv"
    /// NYPD arrests as Socrata JSON (the live pull).
    case nypdArrestsSocrataJSON = "nypd-arrests-socrata-json"
    case policeUKCSV = "police-uk-csv"
    case areasGeoJSON = "areas-geojson"

    /// The format a request names; `nil` for UNSPECIFIED (detect from the bytes).
    /// Throws for formats of the contract this service does not load.
    package init?(contract: Contracts.SourceFormat) throws(IngestError) {
        switch contract {
        case .chicagoCSV: self = .chicagoCSV
        case .chicagoSocrataJSON: self = .chicagoSocrataJSON
        case .nypdArrestsCSV: self = .nypdArrestsCSV
        case .nypdArrestsSocrataJSON: self = .nypdArrestsSocrataJSON
        case .policeUKCSV: self = .policeUKCSV
        case .areasGeoJSON: self = .areasGeoJSON
        case .unspecified: return nil
        default: throw IngestError.unimplemented("format \(contract.name) is not loaded by this service; use AREAS_GEOJSON for polygons")
        }
    }

    /// The format the parsers recognised from a file's first bytes.
    package init(detected: SourceFormat) {
        switch detected {
        case .chicagoCSV20, .chicagoCSV22: self = .chicagoCSV
        case .chicagoSocrataJSON: self = .chicagoSocrataJSON
        case .nypdArrestsCSV: self = .nypdArrestsCSV
        case .nypdArrestsSocrataJSON: self = .nypdArrestsSocrataJSON
        case .policeUKStreetCSV: self = .policeUKCSV
        case .geoJSONFeatureCollection: self = .areasGeoJSON
        }
    }

    /// The contract's name for this format.
    package var contract: Contracts.SourceFormat {
        switch self {
        case .chicagoCSV: .chicagoCSV
        case .chicagoSocrataJSON: .chicagoSocrataJSON
        case .nypdArrestsCSV: .nypdArrestsCSV
        case .nypdArrestsSocrataJSON: .nypdArrestsSocrataJSON
        case .policeUKCSV: .policeUKCSV
        case .areasGeoJSON: .areasGeoJSON
        }
    }

    /// Whether records of this format can belong to `city`.
    func fits(_ city: IngestCity) -> Bool {
        switch self {
        case .chicagoCSV, .chicagoSocrataJSON: city.slug == CitySlug.chicago
        case .nypdArrestsCSV, .nypdArrestsSocrataJSON: city.slug == CitySlug.nyc
        case .policeUKCSV: city.isPoliceUK
        case .areasGeoJSON: city.slug == CitySlug.chicago || city.slug == CitySlug.nyc
        }
    }

    /// The incident parser, or `nil` for area polygons.
    var incidentParser: (any IncidentSourceParser)? {
        switch self {
        case .chicagoCSV: ChicagoCSVParser()
        case .chicagoSocrataJSON: ChicagoSocrataJSONParser()
        case .nypdArrestsCSV: NYPDArrestsCSVParser()
        case .nypdArrestsSocrataJSON: NYPDArrestsSocrataJSONParser()
        case .policeUKCSV: PoliceUKCSVParser()
        case .areasGeoJSON: nil
        }
    }

    /// Which record field an incremental run compares with the stored cursor (see ``CursorPolicy``).
    var cursorField: CursorPolicy.Field {
        switch self {
        case .chicagoCSV, .chicagoSocrataJSON: .updatedOn
        case .nypdArrestsCSV, .nypdArrestsSocrataJSON: .occurredDay
        case .policeUKCSV: .month
        case .areasGeoJSON: .none
        }
    }
}
